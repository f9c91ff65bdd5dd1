"""Logging set up once per process: a rotating file in the data directory, and a fault log
that catches what Python's logging cannot (a hard abort inside Qt, a segfault).

Log lines carry ids and codes, never names, ID numbers, phones, passwords or tokens.
"""

from __future__ import annotations

import atexit
import faulthandler
import io
import logging
import logging.handlers
from pathlib import Path
from typing import TextIO

from core.private_files import make_private_dir, private_opener

# faulthandler writes to the file descriptor at crash time, so the file stays open for
# the life of the process.
_fault_file: TextIO | None = None

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only this account may read (0600, whatever the umask)."""

    def _open(self) -> io.TextIOWrapper:
        handle = open(self.baseFilename, self.mode, encoding=self.encoding,  # noqa: SIM115
                      errors=self.errors, opener=private_opener)
        assert isinstance(handle, io.TextIOWrapper)
        return handle


def configure_logging(log_dir: Path, *, program: str, verbose: bool = False) -> Path:
    make_private_dir(log_dir)
    path = log_dir / f"{program}.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_bianmin", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = PrivateRotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler._bianmin = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter(_FORMAT))
        console._bianmin = True  # type: ignore[attr-defined]
        root.addHandler(console)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    enable_fault_log(log_dir, program)
    return path


def enable_fault_log(log_dir: Path, program: str) -> Path:
    """Dump every thread's Python stack to ``<program>-faults.log`` on a fatal error
    ("Fatal Python error: none_dealloc", a segfault in a driver), which otherwise leaves
    no trace once a windowed program has no terminal."""
    global _fault_file
    path = log_dir / f"{program}-faults.log"
    _close_fault_log()
    _fault_file = open(path, "a", encoding="utf-8", opener=private_opener)  # noqa: SIM115
    faulthandler.enable(file=_fault_file, all_threads=True)
    return path


@atexit.register
def _close_fault_log() -> None:
    global _fault_file
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
