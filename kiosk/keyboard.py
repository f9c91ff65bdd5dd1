"""Big on-screen keys for a password on a touch screen that has no keyboard: digits,
letters (大写 switches them to capitals), ". - _ @" and 删除. A password with other signs
needs a real keyboard (or, better, the exit PIN: docs/kiosk-and-board.md).

Signals:
    typed(str): a character.
    erased: 删除 (the character before the cursor).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from core.i18n import _
from kiosk import style as s
from kiosk.widgets import BigButton

KEY_HEIGHT = 64  # four rows must fit a 1024×768 dialog; still above the 60 px target


class OnScreenKeyboard(QWidget):
    typed = Signal(str)
    erased = Signal()

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capitals = False
        self.keys: dict[str, BigButton] = {}
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.gap // 2)
        self._m = m
        self._row("1234567890", 0, 0)
        self._row("qwertyuiop", 1, 0)
        self._row("asdfghjkl.", 2, 0)
        self._row("zxcvbnm-_@", 3, 0)
        self.shift = self._key(_("大写"), 4, 0, span=3)
        self.shift.setCheckable(True)
        self.shift.toggled.connect(self._capitals)
        self.delete = self._key(_("删除"), 4, 7, span=3)
        self.delete.clicked.connect(self.erased)
        for column in range(10):
            grid.setColumnStretch(column, 1)

    def _key(self, text: str, row: int, column: int, span: int = 1) -> BigButton:
        button = BigButton(text, self._m, px=self._m.body)
        button.setMinimumSize(s.TARGET_MIN_PX, KEY_HEIGHT)
        self._grid.addWidget(button, row, column, 1, span)
        return button

    def _row(self, keys: str, row: int, first: int) -> None:
        for offset, key in enumerate(keys):
            button = self._key(key, row, first + offset)
            button.clicked.connect(lambda _c=False, k=key: self._press(k))
            self.keys[key] = button

    def _press(self, key: str) -> None:
        self.typed.emit(key.upper() if self.capitals else key)

    def _capitals(self, on: bool) -> None:
        self.capitals = on
        for key, button in self.keys.items():
            button.setText(key.upper() if on else key)

    def type_text(self, text: str) -> None:
        """Press the keys for ``text`` (tests and the screenshots): 大写 where needed."""
        for char in text:
            if char.isalpha() and char.isupper() != self.capitals:
                self.shift.click()
            self.keys[char.lower()].click()
