"""How Bianmin's commands end: one Chinese line on stderr and an exit code, never a traceback.

Shared by ``bianmin`` and ``bianmin-hub``. Exit codes: 0 success, 2 a user-facing error
(bad input, not found, conflict), 130 interrupted, 70 an internal error (logged with its
traceback in the program's log file).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from core.errors import UserFacingError
from core.i18n import _

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


class ArgumentParser(argparse.ArgumentParser):
    """argparse that says what is wrong in Chinese and exits with the user-error code."""

    def error(self, message: str) -> None:  # type: ignore[override]  # never returns
        self.print_usage(sys.stderr)
        sys.stderr.write(_("错误：命令参数不正确：{detail}").format(detail=message) + "\n")
        sys.exit(EXIT_USER_ERROR)


def finish(run: Callable[[], int | None], log: logging.Logger, what: str) -> int:
    """Run a command's handler and turn its outcome into an exit code."""
    try:
        return int(run() or 0)
    except UserFacingError as exc:
        sys.stderr.write(_("错误：{message}").format(message=exc) + "\n")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        sys.stderr.write(_("已取消") + "\n")
        return EXIT_INTERRUPTED
    except Exception:
        log.exception("internal error in %s", what)
        sys.stderr.write(_("内部错误：已记录到日志，请把日志文件交给技术支持") + "\n")
        return EXIT_INTERNAL
