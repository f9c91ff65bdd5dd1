"""Online backups of the center database, their retention, and restore.

A backup is a consistent copy taken while the kiosk and clients keep working. Restore
checks the file first (integrity, not from a newer version, a real center database),
takes a safety copy of the current state, then replaces the content in place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core.actor import Actor
from core.audit import record
from core.clock import Clock, local
from core.db import Database
from core.db import backup as files
from core.db.migrations import migrate
from core.errors import InvalidInput, StorageError
from core.i18n import _
from core.paths import DataDir
from core.settings import BACKUP_KEEP, Settings

PREFIX = "bianmin-"
SUFFIX = ".sqlite3"


class BackupService:
    def __init__(self, db: Database, data_dir: DataDir, clock: Clock, settings: Settings) -> None:
        self._db = db
        self._dir = data_dir
        self._clock = clock
        self._settings = settings

    def _name(self, kind: str = "") -> str:
        stamp = local(self._clock.now()).strftime("%Y%m%d-%H%M%S-%f")
        return f"{PREFIX}{kind}{stamp}{SUFFIX}"

    def create(self, actor: Actor, to_dir: Path | None = None, kind: str = "") -> Path:
        target = (to_dir or self._dir.backups) / self._name(kind)
        try:
            files.copy_to(self._db, target)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(_("备份失败：{reason}").format(reason=exc)) from exc
        with self._db.write():
            record(self._db, self._clock, actor, "backup.created", "backup", target.name)
        if to_dir is None:
            self.prune()
        return target

    def all(self) -> list[Path]:
        if not self._dir.backups.exists():
            return []
        return sorted(self._dir.backups.glob(f"{PREFIX}*{SUFFIX}"),
                      key=lambda p: (p.stat().st_mtime, p.name))

    def prune(self) -> list[Path]:
        keep = self._settings.get(BACKUP_KEEP)
        backups = self.all()
        removed = backups[:-keep] if len(backups) > keep else []
        for path in removed:
            path.unlink(missing_ok=True)
        return removed

    def restore(self, source: Path, actor: Actor) -> Path:
        """Restore from ``source``; returns the safety copy taken of the current state."""
        if not source.is_file():
            raise InvalidInput(_("找不到备份文件 {path}").format(path=source))
        try:
            problems, unknown, has_center = files.inspect(source)
        except sqlite3.DatabaseError as exc:
            raise InvalidInput(_("{path} 不是有效的数据库备份：{reason}").format(
                path=source, reason=exc)) from exc
        if problems:
            raise InvalidInput(_("备份文件已损坏，未恢复：{problem}").format(problem=problems[0]))
        if unknown:
            raise InvalidInput(_("备份来自更新版本的便民软件，请先升级再恢复（{names}）").format(
                names=", ".join(unknown)))
        if not has_center:
            raise InvalidInput(_("{path} 不是便民服务中心的数据库备份").format(path=source))
        safety = self.create(actor, kind="pre-restore-")
        try:
            files.restore_into(self._db, source)
        except sqlite3.Error as exc:
            raise StorageError(_("恢复失败，当前数据未改动：{reason}").format(reason=exc)) from exc
        migrate(self._db)
        with self._db.write():
            record(self._db, self._clock, actor, "backup.restored", "backup", source.name,
                   {"safety_copy": safety.name})
        return safety
