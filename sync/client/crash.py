"""Test-only crash points: ``BIANMIN_SYNC_CRASH_AT=<point>`` makes the process SIGKILL
itself when it reaches that point, so tests can prove a kill at any step loses nothing.

Points: ``before_send`` (batch marked in flight, request not sent), ``after_reply``
(reply received, not yet applied), ``after_commit`` (a batch's results committed),
``mid_feed_page`` (inside the transaction applying a feed page, after its first item),
``after_feed_page`` (a page and its cursor committed). Unset in production: a no-op.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

ENV_VAR = "BIANMIN_SYNC_CRASH_AT"
POINTS = frozenset({"before_send", "after_reply", "after_commit", "mid_feed_page",
                    "after_feed_page"})


def _die() -> None:
    # Like a power cut or kill -9: no finally blocks, no atexit, no flushing.
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(137)


def crashpoint(name: str) -> None:
    if os.environ.get(ENV_VAR) == name:
        _die()


def feed_item_hook() -> Callable[[int], None] | None:
    """The per-item hook for ``mid_feed_page``, or ``None`` (no overhead) when unset."""
    if os.environ.get(ENV_VAR) != "mid_feed_page":
        return None

    def hook(index: int) -> None:
        if index == 0:
            _die()

    return hook
