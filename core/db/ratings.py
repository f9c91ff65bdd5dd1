"""SQL for ratings (好差评) and poor-rating follow-ups (回访)."""

from __future__ import annotations

from core.db import Database, Row


def insert_rating(db: Database, row: Row) -> int:
    return db.insert("rating", row)


def rating(db: Database, rating_id: int) -> Row | None:
    return db.one("SELECT * FROM rating WHERE id = ?", (rating_id,))


def rating_for(db: Database, ticket_id: int | None, case_id: int | None) -> Row | None:
    if ticket_id is not None:
        return db.one("SELECT * FROM rating WHERE ticket_id = ?", (ticket_id,))
    return db.one("SELECT * FROM rating WHERE case_id = ?", (case_id,))


def insert_follow_up(db: Database, row: Row) -> int:
    return db.insert("follow_up", row)


def follow_up(db: Database, follow_up_id: int) -> Row | None:
    return db.one("SELECT * FROM follow_up WHERE id = ?", (follow_up_id,))


def follow_ups(db: Database, state: str | None) -> list[Row]:
    where = "WHERE f.state = ?" if state else ""
    params = (state,) if state else ()
    return db.all(
        "SELECT f.*, r.level, r.reasons, r.comment, r.ticket_id, r.case_id, r.rated_at, "
        f"r.uuid AS rating_uuid FROM follow_up f JOIN rating r ON r.id = f.rating_id {where} "
        "ORDER BY f.due_date, f.id", params)


def close_follow_up(db: Database, follow_up_id: int, result: str, at: str,
                    staff_id: int | None) -> None:
    db.execute("UPDATE follow_up SET state = 'closed', result = ?, closed_at = ?, closed_by = ? "
               "WHERE id = ?", (result, at, staff_id, follow_up_id))


def ratings_between(db: Database, first: str, last: str) -> list[Row]:
    return db.all("SELECT * FROM rating WHERE rated_at >= ? AND rated_at < ? ORDER BY id",
                  (first, last))


# ---------------------------------------------------------------- a rating asked for at a window

def set_request(db: Database, window_number: int, ticket_id: int, staff_id: int | None,
                at: str) -> None:
    db.execute("INSERT INTO rating_request (window_number, ticket_id, staff_id, requested_at) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (window_number) DO UPDATE SET "
               "ticket_id = excluded.ticket_id, staff_id = excluded.staff_id, "
               "requested_at = excluded.requested_at",
               (window_number, ticket_id, staff_id, at))


def request(db: Database, window_number: int) -> Row | None:
    return db.one("SELECT q.*, t.number AS ticket_number FROM rating_request q "
                  "JOIN ticket t ON t.id = q.ticket_id WHERE q.window_number = ?",
                  (window_number,))


def clear_request(db: Database, window_number: int) -> None:
    db.execute("DELETE FROM rating_request WHERE window_number = ?", (window_number,))


def clear_requests_for(db: Database, ticket_id: int) -> None:
    db.execute("DELETE FROM rating_request WHERE ticket_id = ?", (ticket_id,))
