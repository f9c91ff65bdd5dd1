"""Where a center keeps its data: database, documents, backups, logs.

Everything under it is private to the account that runs Bianmin
(:mod:`core.private_files`). Order of precedence: an explicit ``--data-dir``, then
``BIANMIN_DATA_DIR``, then the per-user data directory from platformdirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from core.private_files import is_private, make_private_dir, tighten_tree

ENV_VAR = "BIANMIN_DATA_DIR"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir("bianmin", appauthor=False))


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "center.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def sync_lock(self) -> Path:
        return self.root / "sync.lock"

    def ensure(self) -> None:
        """Create the folders, private to this account (0700; files 0600). A data
        directory an older version left readable to others is put right first, all of it
        (its root is set last, so an interrupted pass is taken up again next time)."""
        if self.root.exists() and not is_private(self.root):
            tighten_tree(self.root)
        for path in (self.root, self.backups, self.documents, self.logs):
            make_private_dir(path)
