"""Taps are ignored for a moment after the screen changes: an elderly hand's double tap on
a group tile must not land its second tap on "普通取号", which appears under the finger
on the next screen (and loses the priority the villager came for).

The guard swallows presses, releases and touches aimed at the guarded parts (the screen
and the bottom bar) while armed. The header is not guarded (five quick taps on the
center's name are the supervisor's knock), nor is the exit dialog (a window of its own).
A swallowed touch still counts as someone being there (the idle watcher sees it first).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

GUARD_MS = 600  # longer than the slowest double tap; shorter than a deliberate next tap
_TAPS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
         QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
         QEvent.Type.TouchEnd}


class TapGuard(QObject):
    def __init__(self, guarded: list[QWidget], guard_ms: int = GUARD_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._guarded = guarded
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(guard_ms)
        self.ignored = 0  # taps swallowed so far (tests and the log's curiosity)

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def arm(self) -> None:
        """The screen just changed: ignore taps for a moment."""
        self._timer.start()

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in _TAPS or not self._timer.isActive():
            return False
        if not isinstance(watched, QWidget) or not any(
                part is watched or part.isAncestorOf(watched) for part in self._guarded):
            return False
        if event.type() == QEvent.Type.MouseButtonPress:
            self.ignored += 1
        return True
