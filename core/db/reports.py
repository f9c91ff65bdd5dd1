"""SQL behind the daily and monthly reports: counts and transition times for a period."""

from __future__ import annotations

from core.db import Database, Row


def tickets_between(db: Database, first_day: str, last_day: str) -> list[Row]:
    return db.all(
        "SELECT t.id, t.business_date, t.group_id, g.name AS group_name, g.prefix, t.state, "
        "t.issued_at, t.first_called_at FROM ticket t JOIN service_group g ON g.id = t.group_id "
        "WHERE t.business_date BETWEEN ? AND ? ORDER BY t.id", (first_day, last_day))


def serving_events(db: Database, first_day: str, last_day: str) -> list[Row]:
    return db.all(
        "SELECT e.ticket_id, e.at, e.to_state FROM ticket_event e JOIN ticket t "
        "ON t.id = e.ticket_id WHERE t.business_date BETWEEN ? AND ? ORDER BY e.ticket_id, e.id",
        (first_day, last_day))


def case_transitions_between(db: Database, first: str, last: str) -> list[Row]:
    return db.all("SELECT case_id, action, at FROM case_event WHERE at >= ? AND at < ?",
                  (first, last))


def follow_ups_opened_between(db: Database, first: str, last: str) -> int:
    return int(db.scalar(
        "SELECT count(*) FROM follow_up f JOIN rating r ON r.id = f.rating_id "
        "WHERE r.rated_at >= ? AND r.rated_at < ?", (first, last)))


def follow_ups_closed_between(db: Database, first: str, last: str) -> int:
    return int(db.scalar(
        "SELECT count(*) FROM follow_up WHERE closed_at >= ? AND closed_at < ?", (first, last)))


def follow_ups_open(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM follow_up WHERE state = 'open'"))


def case_states(db: Database, case_ids: list[int]) -> list[str]:
    """The current state of each of these cases (one query per 500 ids)."""
    states: list[str] = []
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        states += [str(r["state"]) for r in db.all(
            f"SELECT state FROM case_file WHERE id IN ({marks})", chunk)]
    return states


def rating_levels_between(db: Database, start: str, end: str) -> list[str]:
    return [str(r["level"]) for r in db.all(
        "SELECT level FROM rating WHERE rated_at >= ? AND rated_at < ?", (start, end))]


def accepted_on(db: Database, day: str) -> int:
    return int(db.scalar("SELECT count(*) FROM case_file WHERE accept_date = ?", (day,)) or 0)
