"""The only way to a center's SQLite file: pragmas, transactions, migrations.

Every write runs in ``with db.write():`` (``BEGIN IMMEDIATE``), so concurrent processes
(kiosk, board, staff client, CLI) queue on SQLite's lock instead of failing half-way,
and numbering taken inside the transaction can never be duplicated. Only modules in
``core.db`` write SQL.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from core.errors import StorageError
from core.i18n import _

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000
Row = dict[str, Any]


class Database:
    """One connection to a center database, used from one thread."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = path
        try:
            conn = sqlite3.connect(
                str(path), isolation_level=None, timeout=busy_timeout_ms / 1000
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        except sqlite3.DatabaseError as exc:
            raise StorageError(
                _("无法打开数据库文件 {path}：{reason}").format(path=path, reason=exc)
            ) from exc
        self.conn = conn
        self.utils = sqlite_utils.Database(conn)

    def close(self) -> None:
        self.conn.close()

    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints."""
        if self.in_transaction():
            with self.utils.atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.in_transaction():
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[Database]:
        """A consistent snapshot over several SELECTs."""
        if self.in_transaction():
            yield self
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            if self.in_transaction():
                self.conn.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        return [dict(row) for row in self.conn.execute(sql, params).fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def insert(self, table: str, values: Row) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        return int(cursor.lastrowid or 0)

    def data_version(self) -> int:
        """Changes when another connection commits; front ends poll it to refresh."""
        return int(self.scalar("PRAGMA data_version"))

    def integrity_problems(self) -> list[str]:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        problems += [
            f"foreign key: {r[0]} row {r[1]} -> {r[2]}"
            for r in self.conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems

