"""The lock-down the kiosk and the call board share: closing is refused and opens the
supervisor's exit dialog (PIN, or with none set a supervisor's login); Ctrl+Alt+Q and five
quick taps on the center's name open it too; the dialog is freed once it closes, and a
supervisor's "确定退出" unlocks and closes the window.

Signals:
    asked: the exit dialog has just opened (the window stops reclaiming the focus, etc.).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from core.center import Center
from kiosk import style as s
from kiosk.exit_dialog import ExitDialog
from kiosk.pin import ExitGuard


class LockDown(QObject):
    asked = Signal()

    def __init__(self, window: QWidget, center: Center, m: s.Metrics, *, locked: bool) -> None:
        super().__init__(window)
        self._window = window
        self._center = center
        self._m = m
        self.locked = locked
        self.guard = ExitGuard(center)
        self.dialog: ExitDialog | None = None
        self.shortcut = QShortcut(QKeySequence("Ctrl+Alt+Q"), window, self.ask)

    def ask(self) -> None:
        """Open the exit dialog over the window (once; a second ask is ignored)."""
        if self.dialog is not None:
            return
        self.dialog = ExitDialog(self._center, self.guard, self._m, self._window)
        self.dialog.place_over(self._window)
        self.dialog.accepted.connect(self._unlock_and_close)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        self.asked.emit()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _unlock_and_close(self) -> None:
        self.locked = False
        self._window.close()

    def may_close(self, event: QCloseEvent) -> bool:
        """For the window's closeEvent: refuse (and ask) while locked; else let it close."""
        if self.locked:
            event.ignore()
            self.ask()
            return False
        if self.dialog is not None:
            self.dialog.close()
        return True
