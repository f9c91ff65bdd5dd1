"""File-level backup and restore with SQLite's online backup API, and what a copy holds."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from core.db import Database
from core.db.migrations import known_names
from core.private_files import touch_private


def copy_to(db: Database, target: Path) -> None:
    """Write a consistent copy of the live database to ``target`` (atomically, 0600)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    touch_private(partial)
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def copy_damaged(db: Database, target: Path) -> None:
    """Keep a damaged database as it is on disk (file and WAL) when SQLite cannot copy it."""
    with contextlib.suppress(sqlite3.Error):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("", "-wal"):
        source = db.path.with_name(db.path.name + suffix)
        if source.exists():
            touch_private(target.with_name(target.name + suffix))
            shutil.copyfile(source, target.with_name(target.name + suffix))


@dataclass(frozen=True)
class Inspection:
    """What a database file holds, read without changing it."""

    problems: list[str]
    unknown_migrations: list[str]
    center_code: str | None
    center_name: str | None
    schema: str | None
    audit_count: int
    audit_head: str | None

    @property
    def is_center(self) -> bool:
        return self.center_code is not None


def inspect(path: Path) -> Inspection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        unknown: list[str] = []
        schema = None
        if "_sqlite_migrations" in tables:
            applied = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations ORDER BY rowid")]
            unknown = [name for name in applied if name not in set(known_names())]
            schema = applied[-1] if applied else None
        center = None
        if "center" in tables:
            rows = conn.execute("SELECT code, name FROM center").fetchall()
            center = rows[0] if len(rows) == 1 else None
        last = None
        if "audit" in tables:
            last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return Inspection(problems, unknown, center[0] if center else None,
                      center[1] if center else None, schema,
                      int(last[0]) if last else 0, str(last[1]) if last else None)


def audit_head(path: Path) -> tuple[int, str] | None:
    """The last audit row (id, hash) of a database file, read-only and without a full
    check (for listing backups); ``None`` when it has none or cannot be read."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return None if row is None else (int(row[0]), str(row[1]))


def restore_into(db: Database, source: Path) -> None:
    """Replace the live database's content with ``source`` (other connections included)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(db.conn)
    finally:
        src.close()
