"""Slow work off the GUI thread: ``run_in_background(op, on_done, on_error)``.

The op runs on a pool thread with its own connection to the center (a ``Center`` is
single-threaded) and touches no widget; ``on_done`` and ``on_error`` run on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.center import Center, open_center
from core.clock import Clock

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a result back to the GUI thread (its signals are queued across threads)."""

    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, op: Callable[[Center], Any], data_dir: Path, clock: Clock | None,
                 relay: _Relay) -> None:
        super().__init__()
        self._op = op
        self._data_dir = data_dir
        self._clock = clock
        self._relay = relay

    def run(self) -> None:
        try:
            with open_center(self._data_dir, clock=self._clock) as center:
                result = self._op(center)
        except BaseException as exc:  # delivered to on_error on the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    """Runs center operations on a thread pool for one front end."""

    def __init__(self, data_dir: Path, clock: Clock | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._clock = clock
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._live: set[_Relay] = set()

    def run(self, op: Callable[[Center], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        relay = _Relay()
        self._live.add(relay)

        def done(result: object) -> None:
            self._live.discard(relay)
            if on_done is not None:
                on_done(result)

        def failed(error: object) -> None:
            self._live.discard(relay)
            assert isinstance(error, BaseException)
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)

        relay.finished.connect(done)
        relay.failed.connect(failed)
        self._pool.start(_Job(op, self._data_dir, self._clock, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has finished (shutdown, tests)."""
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._live)
