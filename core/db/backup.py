"""File-level backup and restore with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from core.db import Database
from core.db.migrations import known_names


def copy_to(db: Database, target: Path) -> None:
    """Write a consistent copy of the live database to ``target`` (atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def inspect(path: Path) -> tuple[list[str], list[str], bool]:
    """(integrity problems, unknown migrations, has a center row) of a backup file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        unknown: list[str] = []
        if "_sqlite_migrations" in tables:
            applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
            unknown = [name for name in applied if name not in set(known_names())]
        has_center = "center" in tables and conn.execute(
            "SELECT count(*) FROM center").fetchone()[0] == 1
    finally:
        conn.close()
    return problems, unknown, has_center


def restore_into(db: Database, source: Path) -> None:
    """Replace the live database's content with ``source`` (other connections included)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(db.conn)
    finally:
        src.close()
