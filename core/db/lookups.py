"""SQL for the kiosk's case lookups by case number + last 4 of the ID: misses counted per
case number, and the lock they lead to (kept in the books, so a restart does not reset it)."""

from __future__ import annotations

from core.db import Database, Row


def attempt(db: Database, case_number: str) -> Row | None:
    return db.one("SELECT * FROM lookup_attempt WHERE case_number = ?", (case_number,))


def save(db: Database, case_number: str, misses: int, at: str, locked_until: str | None) -> None:
    db.execute("INSERT INTO lookup_attempt (case_number, misses, last_miss_at, locked_until) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (case_number) DO UPDATE SET "
               "misses = excluded.misses, last_miss_at = excluded.last_miss_at, "
               "locked_until = excluded.locked_until",
               (case_number, misses, at, locked_until))


def clear(db: Database, case_number: str) -> None:
    db.execute("DELETE FROM lookup_attempt WHERE case_number = ?", (case_number,))
