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

from core.errors import StorageError, UserFacingError
from core.i18n import _
from core.private_files import FILE_MODE, touch_private

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000
Row = dict[str, Any]


class Database:
    """One connection to a center database, used from one thread."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = path
        self._refusal: UserFacingError | None = None
        _make_private(path)
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

    def refuse_writes(self, reason: UserFacingError | None) -> None:
        """From now on every :meth:`write` raises ``reason`` (``None``: writes allowed
        again). A store that failed its start-up check is kept from getting worse."""
        self._refusal = reason

    @property
    def refusal(self) -> UserFacingError | None:
        return self._refusal

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints."""
        if self._refusal is not None:
            raise self._refusal
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

    def quick_problems(self) -> list[str]:
        """SQLite's ``quick_check`` (pages and structure, without matching every index):
        what each front end runs when it opens the store. ``[]`` when fine."""
        return _check(self.conn, "PRAGMA quick_check")

    def integrity_problems(self) -> list[str]:
        """The full ``integrity_check`` and the foreign keys (``bianmin verify``)."""
        problems = _check(self.conn, "PRAGMA integrity_check")
        if problems:
            return problems
        try:
            keys = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [f"foreign key: {r[0]} row {r[1]} -> {r[2]}" for r in keys]


def _check(conn: sqlite3.Connection, pragma: str) -> list[str]:
    """The rows of a check pragma that are not "ok"; a page too broken for SQLite to walk
    makes the pragma itself fail, and that is a problem too (not a crash)."""
    try:
        rows = conn.execute(pragma).fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [str(r[0]) for r in rows if r[0] != "ok"]


def _make_private(path: Path) -> None:
    """The database and its -wal/-shm files are 0600: SQLite creates the latter with the
    mode of the database file, so the file is made (empty) with that mode first."""
    if not path.exists():
        touch_private(path)
        return
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            sibling = path.with_name(name)
            if sibling.stat().st_mode & 0o777 != FILE_MODE:
                sibling.chmod(FILE_MODE)

