"""SQL for the outbox (待上报): appending, the sync engine's queue, what needs attention."""

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
    """Business events by state (the audit anchors are core/anchors.py's to report)."""
    return {r["state"]: int(r["n"]) for r in db.all(
        "SELECT state, count(*) AS n FROM outbox WHERE type <> 'audit_anchor' GROUP BY state")}


def for_stream(db: Database, stream_id: str) -> list[Row]:
    return db.all("SELECT * FROM outbox WHERE stream_id = ? ORDER BY stream_seq", (stream_id,))


# ------------------------------------------------------------------ the sync engine's queue
# Timestamps are UTC ISO strings from core.clock.to_iso, so they compare as text.

def _due(alias: str) -> str:
    return (f"({alias}.state = 'pending' AND ({alias}.next_attempt_at IS NULL "
            f"OR {alias}.next_attempt_at <= :now))")


def reset_in_flight(db: Database) -> int:
    return db.execute("UPDATE outbox SET state = 'pending' WHERE state = 'in_flight'").rowcount


def due_batch(db: Database, now: str, limit: int) -> list[Row]:
    """Due pending rows whose stream predecessors are all acked or due in this same batch.

    Ordered by id, so a stream's events come in ``stream_seq`` order and any prefix of the
    result still respects that order (ids grow with ``stream_seq`` within a stream).
    """
    return db.all(
        f"SELECT o.* FROM outbox o WHERE {_due('o')} AND NOT EXISTS ("
        "SELECT 1 FROM outbox p WHERE p.stream_id = o.stream_id "
        f"AND p.stream_seq < o.stream_seq AND p.state <> 'acked' AND NOT {_due('p')}) "
        "ORDER BY o.id LIMIT :limit", {"now": now, "limit": limit})


def set_state(db: Database, event_ids: list[str], state: str) -> None:
    db.conn.executemany("UPDATE outbox SET state = ? WHERE event_id = ?",
                        [(state, event_id) for event_id in event_ids])


def release(db: Database, event_ids: list[str]) -> None:
    db.conn.executemany("UPDATE outbox SET state = 'pending' WHERE event_id = ? "
                        "AND state = 'in_flight'", [(event_id,) for event_id in event_ids])


def by_event_ids(db: Database, event_ids: list[str]) -> list[Row]:
    rows: list[Row] = []
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows += db.all(f"SELECT id, event_id, stream_id, type, attempts, state FROM outbox "
                       f"WHERE event_id IN ({marks})", chunk)
    return rows


def mark_acked(db: Database, acks: list[tuple[str, int | None]], at: str) -> None:
    db.conn.executemany(
        "UPDATE outbox SET state = 'acked', server_seq = ?, acked_at = ?, last_error = NULL, "
        "reason = NULL, next_attempt_at = NULL WHERE event_id = ?",
        [(server_seq, at, event_id) for event_id, server_seq in acks])


def mark_settled(db: Database, event_id: str, state: str, reason: str | None) -> None:
    """``rejected`` or ``quarantined``: the hub's answer is final until staff act on it."""
    db.execute("UPDATE outbox SET state = ?, reason = ?, next_attempt_at = NULL "
               "WHERE event_id = ?", (state, reason, event_id))


def back_to_pending(db: Database, event_id: str, attempts: int, next_attempt_at: str | None,
                    last_error: str | None) -> None:
    db.execute("UPDATE outbox SET state = 'pending', attempts = ?, next_attempt_at = ?, "
               "last_error = ? WHERE event_id = ?",
               (attempts, next_attempt_at, last_error, event_id))


def clear_backoff(db: Database) -> int:
    return db.execute("UPDATE outbox SET next_attempt_at = NULL WHERE state = 'pending' "
                      "AND next_attempt_at IS NOT NULL").rowcount


def due_count(db: Database, now: str) -> int:
    return int(db.scalar(f"SELECT count(*) FROM outbox o WHERE {_due('o')}", {"now": now}) or 0)


def oldest_unsent(db: Database) -> str | None:
    value = db.scalar("SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'in_flight') "
                      "AND type <> 'audit_anchor'")
    return None if value is None else str(value)


def unsettled_streams(db: Database) -> set[str]:
    """Streams with an event the hub has not acknowledged (their local state is ahead)."""
    return {str(r["stream_id"]) for r in db.all(
        "SELECT DISTINCT stream_id FROM outbox WHERE state <> 'acked'")}


def attention(db: Database, older_than: str, attempts: int) -> list[Row]:
    """Rows staff must look at: rejected, quarantined, stuck, or held behind one of those.
    Audit anchors are not among them: nobody at the window can act on one, and ``bianmin
    verify`` says where they stand."""
    return db.all(
        "SELECT o.event_id, o.stream_id, o.stream_seq, o.type, o.state, o.attempts, "
        "o.reason, o.last_error, o.created_at, c.case_number, "
        "EXISTS (SELECT 1 FROM outbox p WHERE p.stream_id = o.stream_id "
        "AND p.stream_seq < o.stream_seq AND p.state IN ('rejected', 'quarantined')) AS held "
        "FROM outbox o LEFT JOIN case_file c ON c.uuid = o.stream_id "
        "WHERE o.type <> 'audit_anchor' AND (o.state IN ('rejected', 'quarantined') "
        "OR (o.state IN ('pending', 'in_flight') AND (o.attempts >= :attempts "
        "OR o.created_at < :older OR EXISTS (SELECT 1 FROM outbox p WHERE "
        "p.stream_id = o.stream_id AND p.stream_seq < o.stream_seq "
        "AND p.state IN ('rejected', 'quarantined'))))) "
        "ORDER BY o.id", {"attempts": attempts, "older": older_than})


# ------------------------------------------------------------------ audit anchors

ANCHOR = "audit_anchor"


def newest_anchor(db: Database, states: tuple[str, ...] | None = None) -> Row | None:
    """The newest ``audit_anchor`` row (in one of ``states``, if given)."""
    if states is None:
        return db.one("SELECT * FROM outbox WHERE type = ? ORDER BY id DESC LIMIT 1", (ANCHOR,))
    marks = ", ".join("?" for _ in states)
    return db.one(f"SELECT * FROM outbox WHERE type = ? AND state IN ({marks}) "
                  "ORDER BY id DESC LIMIT 1", (ANCHOR, *states))
