"""The supervisor's exit: a 6-digit PIN on a keypad, or — with no PIN set — a supervisor
or admin login done by touch alone: tap one's name, type the password on the screen's own
keys (a physical keyboard works too). Nothing else closes the kiosk or the board (see
kiosk.pin).

Signals: accepted / rejected (QDialog's).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from core.center import Center
from core.errors import InvalidInput, UserFacingError
from core.i18n import _
from kiosk import style as s
from kiosk.keyboard import KEY_HEIGHT, OnScreenKeyboard
from kiosk.pin import PIN_LENGTH, ExitGuard, exit_staff, has_exit_pin
from kiosk.widgets import BigButton, Label, MessageBox, set_colors, window_layout
from ui_shared import theme


class ExitDialog(QDialog):
    def __init__(self, center: Center, guard: ExitGuard, m: s.Metrics,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setModal(True)
        set_colors(self, s.PAPER, s.INK, fill=True)
        self.m = m
        self._guard = guard
        self.pin = ""
        self.uses_pin = has_exit_pin(center)
        layout = window_layout(self)
        # The login's keyboard needs the room: tighter margins than the PIN's keypad.
        margin = m.gap * 2 if self.uses_pin else m.gap
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(m.gap if self.uses_pin else m.gap // 2)
        layout.addWidget(Label(_("工作人员退出"), m.heading, heading=True))
        self.message = MessageBox(m)
        layout.addWidget(self.message)
        if self.uses_pin:
            self.display = Label("", m.large, bold=True)
            self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(self.display)
            layout.addLayout(self._keypad())
            self._show_pin()
        else:
            self._login(center, layout)
        buttons = QHBoxLayout()
        self.cancel = BigButton(_("取消"), m, icon="back")
        self.ok = BigButton(_("确定退出"), m, icon="check", background=s.RED, ink=s.WHITE)
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self.try_exit)
        if not self.uses_pin:
            for button in (self.cancel, self.ok):
                button.setMinimumHeight(KEY_HEIGHT)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # Frameless, so draw an edge: the dialog must not melt into the screen behind it.
        painter = QPainter(self)
        painter.setPen(QPen(s.HEADER, 6))
        painter.drawRect(self.rect().adjusted(3, 3, -3, -3))
        painter.end()

    def place_over(self, window: QWidget) -> None:
        """Most of the window, centred on it: big enough for the keypad (or the keyboard)
        at any size."""
        share = (0.7, 0.86) if self.uses_pin else (0.94, 0.94)
        width, height = int(window.width() * share[0]), int(window.height() * share[1])
        self.resize(width, height)
        corner = window.mapToGlobal(window.rect().center())
        self.move(corner.x() - width // 2, corner.y() - height // 2)

    def _login(self, center: Center, layout: QVBoxLayout) -> None:
        """Who (a tap on one's name) and the password (on the screen's keys)."""
        layout.addWidget(Label(_("本机没有设置退出密码：请点您的名字，再输入密码。"), self.m.body))
        self.username = ""
        self.names: dict[str, BigButton] = {}
        row = QHBoxLayout()
        row.setSpacing(self.m.gap)
        for member in exit_staff(center):
            button = BigButton(member.name, self.m)
            button.setMinimumHeight(KEY_HEIGHT)
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, u=member.username: self.choose(u))
            row.addWidget(button)
            self.names[member.username] = button
        layout.addLayout(row)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("密码"))
        self.password.setFont(theme.pixel_font(self.m.body))
        self.password.setMinimumHeight(s.TARGET_MIN_PX + 10)
        set_colors(self.password, s.WHITE, s.INK, fill=True)
        layout.addWidget(self.password)
        self.keyboard = OnScreenKeyboard(self.m)
        self.keyboard.typed.connect(self.password.insert)
        self.keyboard.erased.connect(self.password.backspace)
        layout.addWidget(self.keyboard, 1)

    def choose(self, username: str) -> None:
        self.username = username
        for name, button in self.names.items():
            button.setChecked(name == username)

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(self.m.gap // 2)
        self.keys: dict[str, BigButton] = {}
        for index, key in enumerate("1234567890"):
            button = BigButton(key, self.m, px=self.m.large)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, index // 5, index % 5)
            self.keys[key] = button
        self.clear_key = BigButton(_("清除"), self.m)
        self.clear_key.clicked.connect(lambda: self.press("clear"))
        grid.addWidget(self.clear_key, 0, 5, 2, 1)
        return grid

    def press(self, key: str) -> None:
        if key == "clear":
            self.pin = ""
        elif len(self.pin) < PIN_LENGTH:
            self.pin += key
        self._show_pin()

    def _show_pin(self) -> None:
        self.display.setText("● " * len(self.pin) + "○ " * (PIN_LENGTH - len(self.pin)))

    def try_exit(self) -> None:
        try:
            if self.uses_pin:
                entered, self.pin = self.pin, ""
                self._show_pin()
                self._guard.check_pin(entered)
            else:
                entered = self.password.text()
                self.password.clear()
                if not self.username:
                    raise InvalidInput(_("请先点您的名字"))
                self._guard.check_staff(self.username, entered)
        except UserFacingError as exc:
            self.message.show_message(exc.message)
            return
        self.accept()
