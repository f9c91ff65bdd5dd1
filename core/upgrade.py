"""Opening a database written by an older version: back up, migrate, verify — or put it back.

A new installation over an old one keeps the data directory. The first start notices
pending migrations on a database that already has data, copies it to
``backups/bianmin-pre-upgrade-…``, migrates in one transaction, and checks integrity and
the audit chain. If anything fails, the copy is restored and the error says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from core.audit import verify as verify_chain
from core.backup import newest_backup
from core.db import Database
from core.db import backup as files
from core.db.migrations import applied_names, check_not_newer, migrate, pending_names
from core.errors import StorageError
from core.health import StoreDamaged, check_on_open, damaged_message
from core.i18n import _
from core.paths import DataDir

log = logging.getLogger(__name__)


def open_upgrading(data_dir: DataDir) -> Database:
    """Open the center database, migrating it safely if it comes from an older version.
    A store that fails its start-up check (:mod:`core.health`) is opened refusing writes."""
    try:
        db = Database(data_dir.database)
    except StorageError as exc:
        cause = exc.__cause__
        if isinstance(cause, sqlite3.DatabaseError) and \
                not isinstance(cause, sqlite3.OperationalError):  # not "locked": broken
            raise StoreDamaged(damaged_message(str(cause), newest_backup(data_dir))) from exc
        raise
    try:
        check_on_open(db, data_dir)
        if db.refusal is not None:
            return db  # damaged: readable for verify and restore, nothing migrated or written
        check_not_newer(db)
        applied = applied_names(db)
        if applied and pending_names(db):
            _upgrade(db, data_dir, applied[-1])
        else:
            migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _upgrade(db: Database, data_dir: DataDir, from_schema: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = data_dir.backups / f"bianmin-pre-upgrade-{from_schema}-{stamp}.sqlite3"
    files.copy_to(db, backup)
    log.info("upgrading the database from %s; copy kept at %s", from_schema, backup.name)
    try:
        migrate(db)
        problems = db.integrity_problems()
        chain = verify_chain(db)
        if problems or not chain.ok:
            detail = problems[0] if problems else str(chain.reason)
            raise StorageError(_("升级后检查未通过：{detail}").format(detail=detail))
    except Exception as exc:
        log.exception("upgrade from %s failed; restoring %s", from_schema, backup.name)
        files.restore_into(db, backup)
        raise StorageError(_(
            "升级数据库失败，已恢复到升级前的数据（备份文件：{backup}）。"
            "请不要再操作，联系技术支持。原因：{reason}").format(
                backup=backup, reason=exc)) from exc
    return backup
