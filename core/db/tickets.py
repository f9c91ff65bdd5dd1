"""SQL for service groups, tickets and their transition log."""

from __future__ import annotations

from core.db import Database, Row

OPEN_STATES = ("waiting", "called", "serving", "held")


def group_by_id(db: Database, group_id: int) -> Row | None:
    return db.one("SELECT * FROM service_group WHERE id = ?", (group_id,))


def group_by_prefix(db: Database, prefix: str) -> Row | None:
    return db.one("SELECT * FROM service_group WHERE prefix = ?", (prefix,))


def groups(db: Database, include_inactive: bool = False) -> list[Row]:
    where = "" if include_inactive else "WHERE active = 1"
    return db.all(f"SELECT * FROM service_group {where} ORDER BY sort_order, prefix")


def insert_group(db: Database, row: Row) -> int:
    return db.insert("service_group", row)


def update_group(db: Database, group_id: int, name: str, sort_order: int, active: bool) -> None:
    db.execute(
        "UPDATE service_group SET name = ?, sort_order = ?, active = ? WHERE id = ?",
        (name, sort_order, int(active), group_id),
    )


def next_seq(db: Database, business_date: str, prefix: str) -> int:
    current = db.scalar(
        "SELECT max(seq) FROM ticket WHERE business_date = ? AND prefix = ?",
        (business_date, prefix),
    )
    return int(current or 0) + 1


def count_waiting(db: Database, business_date: str, group_id: int) -> int:
    return int(db.scalar(
        "SELECT count(*) FROM ticket WHERE business_date = ? AND state = 'waiting' "
        "AND group_id = ?",
        (business_date, group_id),
    ))


def _in_groups(group_ids: list[int] | None) -> tuple[str, tuple[int, ...]]:
    if group_ids is None:
        return "", ()
    return f" AND group_id IN ({', '.join('?' for _ in group_ids)})", tuple(group_ids)


def waiting_line(db: Database, business_date: str, group_ids: list[int] | None,
                 limit: int) -> list[Row]:
    """Id, group and priority of the first ``limit`` waiting tickets, in queue order
    (``group_ids`` None: every group)."""
    where, params = _in_groups(group_ids)
    return db.all(
        "SELECT id, group_id, priority IS NOT NULL AS priority FROM ticket "
        f"WHERE business_date = ? AND state = 'waiting'{where} ORDER BY queued_at, id LIMIT ?",
        (business_date, *params, limit))


def waiting_by_kind(db: Database, business_date: str,
                    group_ids: list[int] | None) -> dict[bool, int]:
    """How many wait, priority (True) and regular (False)."""
    where, params = _in_groups(group_ids)
    return {bool(r["priority"]): int(r["n"]) for r in db.all(
        "SELECT priority IS NOT NULL AS priority, count(*) AS n FROM ticket "
        f"WHERE business_date = ? AND state = 'waiting'{where} GROUP BY 1",
        (business_date, *params))}


def insert_ticket(db: Database, row: Row) -> int:
    return db.insert("ticket", row)


def insert_event(db: Database, row: Row) -> int:
    return db.insert("ticket_event", row)


def by_id(db: Database, ticket_id: int) -> Row | None:
    return db.one("SELECT * FROM ticket WHERE id = ?", (ticket_id,))


def by_number(db: Database, business_date: str, number: str) -> Row | None:
    return db.one(
        "SELECT * FROM ticket WHERE business_date = ? AND number = ?", (business_date, number)
    )


def update_ticket(db: Database, ticket_id: int, values: Row) -> None:
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(
        f"UPDATE ticket SET {assignments} WHERE id = ?", [*values.values(), ticket_id]
    )


def stale_open(db: Database, business_date: str) -> list[Row]:
    marks = ", ".join("?" for _ in OPEN_STATES)
    return db.all(
        f"SELECT * FROM ticket WHERE state IN ({marks}) "
        "AND business_date < ?",
        (*OPEN_STATES, business_date),
    )


def oldest_waiting(
    db: Database, business_date: str, group_ids: list[int], priority: bool
) -> Row | None:
    marks = ", ".join("?" for _ in group_ids)
    kind = "IS NOT NULL" if priority else "IS NULL"
    return db.one(
        f"SELECT * FROM ticket WHERE business_date = ? AND state = 'waiting' "
        f"AND group_id IN ({marks}) AND priority {kind} ORDER BY queued_at, id LIMIT 1",
        (business_date, *group_ids),
    )


def waiting(db: Database, business_date: str, group_ids: list[int] | None = None) -> list[Row]:
    if group_ids is None:
        return db.all(
            "SELECT * FROM ticket WHERE business_date = ? AND state = 'waiting' "
            "ORDER BY queued_at, id",
            (business_date,),
        )
    marks = ", ".join("?" for _ in group_ids)
    return db.all(
        f"SELECT * FROM ticket WHERE business_date = ? AND state = 'waiting' "
        f"AND group_id IN ({marks}) ORDER BY queued_at, id",
        (business_date, *group_ids),
    )


def at_window(db: Database, window_number: int, states: tuple[str, ...]) -> list[Row]:
    marks = ", ".join("?" for _ in states)
    return db.all(
        f"SELECT * FROM ticket WHERE window_number = ? AND state IN ({marks}) ORDER BY state_since",
        (window_number, *states),
    )


def last_finished_at(db: Database, window_number: int, business_date: str) -> Row | None:
    """The window's most recently finished visit that day."""
    return db.one("SELECT * FROM ticket WHERE window_number = ? AND business_date = ? "
                  "AND state = 'done' ORDER BY finished_at DESC, id DESC LIMIT 1",
                  (window_number, business_date))


def recent_call_priorities(db: Database, window_number: int, since: str, limit: int) -> list[bool]:
    """Whether each of the window's most recent first calls was a priority ticket."""
    rows = db.all(
        "SELECT t.priority IS NOT NULL AS priority FROM ticket_event e "
        "JOIN ticket t ON t.id = e.ticket_id "
        "WHERE e.window_number = ? AND e.action = 'call' AND e.at >= ? "
        "ORDER BY e.id DESC LIMIT ?",
        (window_number, since, limit),
    )
    return [bool(r["priority"]) for r in rows]


def recent_calls(db: Database, since: str, limit: int) -> list[Row]:
    return db.all(
        "SELECT e.at, e.action, e.window_number, t.number, t.id AS ticket_id, t.group_id "
        "FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
        "WHERE e.action IN ('call', 'recall') AND e.at >= ? ORDER BY e.id DESC LIMIT ?",
        (since, limit),
    )


def events(db: Database, ticket_id: int) -> list[Row]:
    return db.all("SELECT * FROM ticket_event WHERE ticket_id = ? ORDER BY id", (ticket_id,))


def print_failed(db: Database) -> list[Row]:
    return db.all("SELECT * FROM ticket WHERE print_failed = 1 ORDER BY id")


def for_day(db: Database, business_date: str) -> list[Row]:
    return db.all("SELECT * FROM ticket WHERE business_date = ? ORDER BY id", (business_date,))


# ---------------------------------------------------------------- call board, kiosk rating

def call_events_after(db: Database, after_id: int, since: str, limit: int) -> list[Row]:
    """Calls and recalls with an id above ``after_id`` since ``since``, oldest first."""
    return db.all(
        "SELECT e.id, e.at, e.action, e.window_number, t.number, t.id AS ticket_id, "
        "t.group_id FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
        "WHERE e.action IN ('call', 'recall') AND e.id > ? AND e.at >= ? "
        "ORDER BY e.id LIMIT ?",
        (after_id, since, limit),
    )


def last_event_id(db: Database) -> int:
    return int(db.scalar("SELECT coalesce(max(id), 0) FROM ticket_event"))


def applicant_names(db: Database, ticket_ids: list[int]) -> dict[int, str]:
    """The applicant's name of the (latest) case filed from each ticket that has one."""
    if not ticket_ids:
        return {}
    marks = ", ".join("?" for _ in ticket_ids)
    rows = db.all(
        f"SELECT ticket_id, applicant_name FROM case_file WHERE ticket_id IN ({marks}) "
        "AND applicant_name IS NOT NULL ORDER BY id",
        tuple(ticket_ids),
    )
    return {int(r["ticket_id"]): str(r["applicant_name"]) for r in rows}


# ---------------------------------------------------------------- staff client additions

def waiting_head(db: Database, business_date: str, group_ids: list[int], limit: int) -> list[Row]:
    """The first ``limit`` waiting tickets of each group, plus every waiting priority ticket."""
    marks = ", ".join("?" for _ in group_ids)
    return db.all(
        "SELECT * FROM (SELECT t.*, row_number() OVER (PARTITION BY group_id "
        "ORDER BY queued_at, id) AS place FROM ticket t WHERE business_date = ? "
        f"AND state = 'waiting' AND group_id IN ({marks})) "
        "WHERE place <= ? OR priority IS NOT NULL ORDER BY queued_at, id",
        (business_date, *group_ids, limit))


def waiting_counts(db: Database, business_date: str, group_ids: list[int]) -> dict[int, int]:
    marks = ", ".join("?" for _ in group_ids)
    return {int(r["group_id"]): int(r["n"]) for r in db.all(
        "SELECT group_id, count(*) AS n FROM ticket WHERE business_date = ? "
        f"AND state = 'waiting' AND group_id IN ({marks}) GROUP BY group_id",
        (business_date, *group_ids))}


def ticket_counts(db: Database, business_date: str) -> dict[str, int]:
    return {r["state"]: int(r["n"]) for r in db.all(
        "SELECT state, count(*) AS n FROM ticket WHERE business_date = ? GROUP BY state",
        (business_date,))}
