"""What a tamperer or a failing disk does to a center's files, done for real on SQLite files
(importable as ``tests.books``): unlock and rewrite the audit table, re-hash the chain with
the documented formula, write garbage into a page."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import backup_file
from core.canonical import canonical_json

if TYPE_CHECKING:
    from core.center import Center

GENESIS = "0" * 64


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_append_only_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_append_only_delete")
    return conn


def audit_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
    finally:
        conn.close()


def delete_audit_rows(path: Path, *, after: int = 0) -> None:
    """Delete every audit row with an id above ``after`` (0: all of them)."""
    conn = _open(path)
    try:
        conn.execute("DELETE FROM audit WHERE id > ?", (after,))
    finally:
        conn.close()


def _body(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "at": row["at"], "actor_id": row["actor_id"],
            "on_behalf_of": row["on_behalf_of"], "device": row["device"],
            "action": row["action"], "entity": row["entity"], "entity_id": row["entity_id"],
            "detail": json.loads(row["detail"])}


def rehash_after_edit(path: Path, row_id: int, action: str) -> None:
    """Change one row's action, then recompute every hash from there on with the formula
    docs/architecture.md publishes: SHA-256(previous hash + canonical JSON of the row)."""
    conn = _open(path)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("BEGIN")
        conn.execute("UPDATE audit SET action = ? WHERE id = ?", (action, row_id))
        prev = GENESIS
        for row in conn.execute("SELECT * FROM audit ORDER BY id").fetchall():
            digest = hashlib.sha256((prev + canonical_json(_body(row))).encode()).hexdigest()
            conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?",
                         (prev, digest, row["id"]))
            prev = digest
        conn.execute("COMMIT")
    finally:
        conn.close()


def root_page(path: Path, table: str) -> int:
    if table == "sqlite_master":
        return 1  # the schema, after the file's 100-byte header
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                (table,)).fetchone()[0])
    finally:
        conn.close()


def corrupt_page(path: Path, table: str, *, start: int = 0, length: int | None = None) -> None:
    """Write garbage over the root page of ``table`` in a closed database file (all of the
    page, or ``length`` bytes from ``start``), as a bad sector or a torn write would."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()
    page = root_page(path, table)
    size = page_size - start if length is None else length
    garbage = random.Random(f"{table}:{start}:{size}").randbytes(size)
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * page_size + start)
        handle.write(garbage)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def decrypted(center: Center, backup: Path, target: Path | None = None) -> Path:
    """The plain SQLite file inside an encrypted backup (next to it, or at ``target``);
    the form every backup had before encryption."""
    manifest = backup_file.read_manifest(backup)
    key = center.backup_keys().by_id(manifest.key_id)
    assert key is not None, "this test's secret store lacks the backup's key"
    target = target or backup.with_name(backup.name.replace(".bmbak", ".sqlite3"))
    backup_file.decrypt(backup, key, target)
    backup.unlink()
    return target
