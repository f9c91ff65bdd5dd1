"""Files that hold residents' data are private to the account that runs Bianmin.

On POSIX every folder Bianmin makes for its data is ``0700`` and every file ``0600``,
whatever the umask: the modes are set when a file is created (``os.open`` with the mode,
then ``fchmod``/``chmod`` so a umask of 0 or 077 changes nothing) and put right on files
an older version left readable (:func:`tighten_tree`). On Windows, where ``chmod`` only
toggles the read-only flag, these calls do nothing: the per-user data folder already
inherits an ACL for its owner (docs/security.md says what to do for a folder elsewhere).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

FOLDER_MODE = 0o700
FILE_MODE = 0o600
POSIX = sys.platform != "win32"


def _chmod(path: Path | str, mode: int) -> None:
    if POSIX:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, mode)


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and any missing parents below an existing folder) as ``0700``;
    an existing ``path`` is set to ``0700`` too."""
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=FOLDER_MODE)
        _chmod(folder, FOLDER_MODE)
    _chmod(path, FOLDER_MODE)
    return path


def private_opener(path: str, flags: int) -> int:
    """An ``opener=`` for :func:`open`: a new file is created ``0600``, an old one made so."""
    fd = os.open(path, flags, FILE_MODE)
    if POSIX:
        os.fchmod(fd, FILE_MODE)
    return fd


def open_private(path: Path, mode: str = "wb", **kwargs: Any) -> IO[Any]:
    """:func:`open` for a file only this account may read."""
    return open(path, mode, opener=private_opener, **kwargs)


def touch_private(path: Path) -> Path:
    """Make sure ``path`` exists as a ``0600`` file (an empty one if it did not), so a
    library that creates it later (SQLite and its -wal/-shm files) inherits the mode."""
    os.close(private_opener(str(path), os.O_WRONLY | os.O_CREAT))
    return path


def write_private_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a ``.partial`` file, fsync, rename; ``0600``."""
    make_private_dir(path.parent)
    partial = path.with_name(path.name + ".partial")
    with open_private(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def is_private(path: Path) -> bool:
    """Whether nobody but the owner may read ``path`` (always true off POSIX)."""
    return not POSIX or not stat.S_IMODE(path.stat().st_mode) & 0o077


def tighten_tree(root: Path, *, skip: Callable[[Path], bool] | None = None) -> int:
    """Set every folder under ``root`` to ``0700`` and every file to ``0600`` (symlinks are
    left alone); returns how many needed it. For installs made before this rule."""
    if not POSIX or not root.exists():
        return 0
    changed = 0
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name, mode in [(d, FOLDER_MODE) for d in dirs] + [(f, FILE_MODE) for f in files]:
            path = here / name
            if path.is_symlink() or (skip is not None and skip(path)):
                continue
            with contextlib.suppress(FileNotFoundError):
                if stat.S_IMODE(path.lstat().st_mode) != mode:
                    os.chmod(path, mode)
                    changed += 1
    if stat.S_IMODE(root.stat().st_mode) != FOLDER_MODE:
        os.chmod(root, FOLDER_MODE)
        changed += 1
    return changed
