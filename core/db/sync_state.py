"""SQL for the sync link's own small facts (``sync_state``: cursor, device id, last run, pause)."""

from __future__ import annotations

from core.db import Database


def get_state(db: Database, key: str) -> str | None:
    value = db.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
    return None if value is None else str(value)


def put_state(db: Database, key: str, value: str, at: str) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, value, at))


def all_state(db: Database) -> dict[str, str]:
    return {str(r["key"]): str(r["value"]) for r in db.all("SELECT key, value FROM sync_state")}


def delete_state(db: Database, key: str) -> None:
    db.execute("DELETE FROM sync_state WHERE key = ?", (key,))
