"""Idle reset: when nobody has touched the kiosk for a while, go home and forget.

There is no visible countdown (适老化: no time pressure); the timer restarts on every
touch, click or key. Screens with nothing left to read settle sooner.

Signals:
    idled: nobody has touched the kiosk for the interval.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
             QEvent.Type.Wheel}


class IdleWatcher(QObject):
    idled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers round off seconds
        self._timer.timeout.connect(self.idled)

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def start(self, msecs: int) -> None:
        """(Re)arm for ``msecs`` of quiet."""
        self._timer.start(msecs)

    def stop(self) -> None:
        self._timer.stop()

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    @property
    def remaining(self) -> int:
        """Milliseconds until the reset (-1 when not armed)."""
        return self._timer.remainingTime()

    @property
    def interval(self) -> int:
        return self._timer.interval()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # same interval, from now
        return False
