"""SQL for the outbox (待上报) and the sync bookkeeping kept beside it."""

from __future__ import annotations

from core.db import Database, Row


def next_stream_seq(db: Database, stream_id: str) -> int:
    current = db.scalar("SELECT max(stream_seq) FROM outbox WHERE stream_id = ?", (stream_id,))
    return int(current or 0) + 1


def stream_has_events(db: Database, stream_id: str) -> bool:
    return db.scalar("SELECT 1 FROM outbox WHERE stream_id = ? LIMIT 1", (stream_id,)) is not None


def insert(db: Database, row: Row) -> int:
    return db.insert("outbox", row)


def counts(db: Database) -> dict[str, int]:
    return {r["state"]: int(r["n"]) for r in db.all(
        "SELECT state, count(*) AS n FROM outbox GROUP BY state")}


def for_stream(db: Database, stream_id: str) -> list[Row]:
    return db.all("SELECT * FROM outbox WHERE stream_id = ? ORDER BY stream_seq", (stream_id,))


def get_state(db: Database, key: str) -> str | None:
    value = db.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
    return None if value is None else str(value)


def put_state(db: Database, key: str, value: str, at: str) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, value, at))
