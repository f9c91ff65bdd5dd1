"""SQL for the document archive and the serials of document numbers."""

from __future__ import annotations

from core.db import Database, Row


def next_serial(db: Database, word: str, year: int) -> int:
    db.execute(
        "INSERT INTO document_serial (word, year, serial) VALUES (?, ?, 1) "
        "ON CONFLICT(word, year) DO UPDATE SET serial = serial + 1", (word, year))
    return int(db.scalar("SELECT serial FROM document_serial WHERE word = ? AND year = ?",
                         (word, year)))


def insert(db: Database, row: Row) -> int:
    return db.insert("document", row)


def get(db: Database, document_id: int) -> Row | None:
    return db.one("SELECT * FROM document WHERE id = ?", (document_id,))


def for_case(db: Database, case_id: int) -> list[Row]:
    return db.all("SELECT * FROM document WHERE case_id = ? ORDER BY id", (case_id,))


def for_ticket(db: Database, ticket_id: int) -> list[Row]:
    return db.all("SELECT * FROM document WHERE ticket_id = ? ORDER BY id", (ticket_id,))


def latest(db: Database, kind: str, *, case_id: int | None = None,
           ticket_id: int | None = None, period: str | None = None) -> Row | None:
    return db.one(
        "SELECT * FROM document WHERE kind = ? AND case_id IS ? AND ticket_id IS ? "
        "AND period IS ? ORDER BY id DESC LIMIT 1", (kind, case_id, ticket_id, period))


def set_printed(db: Database, document_id: int, at: str) -> None:
    db.execute("UPDATE document SET printed_at = ?, print_failed = 0, print_error = NULL "
               "WHERE id = ?", (at, document_id))


def set_print_failed(db: Database, document_id: int, error: str) -> None:
    db.execute("UPDATE document SET print_failed = 1, print_error = ? WHERE id = ?",
               (error, document_id))


def needing_reprint(db: Database) -> list[Row]:
    return db.all("SELECT * FROM document WHERE print_failed = 1 ORDER BY id")


def for_case_with_times(db: Database, case_id: int) -> list[Row]:
    """The case's documents with when they were made and printed (the case view's timeline)."""
    return db.all("SELECT id, kind, number, created_at, printed_at, print_failed, print_error "
                  "FROM document WHERE case_id = ? ORDER BY id", (case_id,))
