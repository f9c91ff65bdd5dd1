"""Where a center keeps its data: database, documents, backups, logs.

Order of precedence: an explicit ``--data-dir``, then ``BIANMIN_DATA_DIR``, then the
per-user data directory from platformdirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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
        for path in (self.root, self.backups, self.documents, self.logs):
            path.mkdir(parents=True, exist_ok=True)
