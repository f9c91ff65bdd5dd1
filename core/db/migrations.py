"""Append-only schema migrations for the center database.

Never edit a migration that has shipped: append a new one, and keep a database file
made by the previous schema under ``tests/fixtures/schemas`` so the upgrade stays
tested. A database carrying migrations this build does not know was written by a newer
version and is refused untouched.
"""

from __future__ import annotations

import logging

import sqlite_utils
from sqlite_utils.migrations import Migrations

from core.db import Database
from core.db.schema import SCHEMA_0001, SCHEMA_0002, SCHEMA_0003, SCHEMA_0004, SCHEMA_0005
from core.db.script import statements
from core.errors import StorageError
from core.i18n import _

log = logging.getLogger(__name__)

migrations = Migrations("bianmin")


@migrations(name="0001_foundation")
def _m0001(db: sqlite_utils.Database) -> None:
    _script(db, SCHEMA_0001)


@migrations(name="0002_cases")
def _m0002(db: sqlite_utils.Database) -> None:
    _script(db, SCHEMA_0002)


@migrations(name="0003_documents")
def _m0003(db: sqlite_utils.Database) -> None:
    _script(db, SCHEMA_0003)


@migrations(name="0004_help_and_drafts")
def _m0004(db: sqlite_utils.Database) -> None:
    _script(db, SCHEMA_0004)


@migrations(name="0005_hall")
def _m0005(db: sqlite_utils.Database) -> None:
    """The hall's devices: a rating asked for at a window, the kiosk's lookup attempts,
    whether the board and kiosk can speak."""
    _script(db, SCHEMA_0005)


def _script(db: sqlite_utils.Database, script: str) -> None:
    # executescript() would COMMIT the surrounding transaction, so statements run one by
    # one inside the migration's savepoint.
    for statement in statements(script):
        db.conn.execute(statement)


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def applied_names(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db.utils)]


def check_not_newer(db: Database) -> None:
    known = set(known_names())
    unknown = [name for name in applied_names(db) if name not in known]
    if unknown:
        raise StorageError(
            _(
                "数据库 {path} 由更新版本的便民软件创建（未知的结构版本：{names}）。"
                "请安装新版本后再打开；数据库未做任何改动。"
            ).format(path=db.path, names=", ".join(unknown))
        )


def pending_names(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db.utils)]


def migrate(db: Database) -> list[str]:
    """Apply pending migrations in one transaction; return their names."""
    check_not_newer(db)
    if not pending_names(db):
        return []
    with db.write():
        # Re-read under the write lock: another process may have migrated meanwhile.
        check_not_newer(db)
        pending = pending_names(db)
        migrations.apply(db.utils)
    if pending:
        log.info("applied migrations: %s", ", ".join(pending))
    return pending
