"""SQL for stored settings and the center's identity row."""

from __future__ import annotations

from core.db import Database, Row


def get_raw(db: Database, key: str) -> str | None:
    value = db.scalar("SELECT value FROM setting WHERE key = ?", (key,))
    return None if value is None else str(value)


def all_raw(db: Database) -> dict[str, str]:
    return {r["key"]: r["value"] for r in db.all("SELECT key, value FROM setting")}


def put_raw(db: Database, key: str, value: str, at: str) -> None:
    db.execute(
        "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, value, at),
    )


def center_row(db: Database) -> Row | None:
    return db.one("SELECT code, name, level, created_at FROM center WHERE id = 1")


def insert_center(db: Database, code: str, name: str, level: str, at: str) -> None:
    db.execute(
        "INSERT INTO center (id, code, name, level, created_at) VALUES (1, ?, ?, ?, ?)",
        (code, name, level, at),
    )


def update_center(db: Database, name: str, level: str) -> None:
    db.execute("UPDATE center SET name = ?, level = ? WHERE id = 1", (name, level))
