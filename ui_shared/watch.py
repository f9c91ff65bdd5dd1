"""Notice changes other processes commit (the kiosk issues a ticket, the clerk calls one).

SQLite's ``PRAGMA data_version`` changes when another connection commits; polling it on a
short timer is cheaper than reloading tables and needs no notification channel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from core.center import Center


class ChangeWatcher(QObject):
    """Emits ``changed`` when another connection has committed to the center's database.

    Signals:
        changed: another process (or connection) committed something.
    """

    changed = Signal()

    def __init__(self, center: Center, interval_ms: int = 300,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._center = center
        self._version = center.data_version()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def poll(self) -> None:
        version = self._center.data_version()
        if version != self._version:
            self._version = version
            self.changed.emit()

    def stop(self) -> None:
        self._timer.stop()
