"""A keyboard-wedge QR scanner types the code and Enter into whatever has focus; this
filter catches those keystrokes for the whole application and reports the code.

Keys typed more than GAP_MS apart start a new code (a scanner types a code in well under
that), keys with Ctrl/Alt held are shortcuts, and a text field that has focus (the
supervisor's login) keeps its typing.

Signals:
    scanned(str): a code followed by Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

GAP_MS = 800
MAX_LENGTH = 300
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_SHORTCUT = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
             | Qt.KeyboardModifier.MetaModifier)


class ScannerCapture(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = ""
        self._since_key = QElapsedTimer()
        self.enabled = True

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not self.enabled:
            return False
        assert isinstance(event, QKeyEvent)
        focus = QApplication.focusWidget()
        if event.modifiers() & _SHORTCUT or (isinstance(focus, QLineEdit) and focus.isVisible()):
            return False
        if event.key() in _ENTER:
            return self._finish()
        text = event.text()
        if not text or not text.isprintable():
            return False
        if not self._since_key.isValid() or self._since_key.elapsed() > GAP_MS:
            self._buffer = ""
        self._since_key.start()
        self._buffer = (self._buffer + text)[:MAX_LENGTH]
        return True

    def _finish(self) -> bool:
        code, self._buffer = self._buffer.strip(), ""
        if not code:
            return False
        self.scanned.emit(code)
        return True
