"""The excepthook: a bug is logged with its traceback, the user sees a short apology.

The kiosk passes a recovery callback that returns to the home screen, so a crash never
leaves a villager looking at a half-finished screen.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QTimer

from core.errors import UserFacingError
from core.i18n import _

log = logging.getLogger(__name__)

APOLOGY = _("抱歉，程序出了点问题，已经记录下来。请再试一次，或请工作人员帮忙。")


def install_excepthook(recover: Callable[[str], None]) -> None:
    """Route uncaught exceptions (GUI thread and others) to the log and ``recover``."""

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if isinstance(error, UserFacingError):
            message = error.message
        else:
            log.critical("uncaught exception", exc_info=(kind, error, trace))
            message = APOLOGY
        # Recover on the event loop, not inside whatever frame raised.
        QTimer.singleShot(0, lambda: recover(message))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
