"""SQL for cases (办件), their materials and their timeline."""

from __future__ import annotations

from core.db import Database, Row


def insert_case(db: Database, row: Row) -> int:
    return db.insert("case_file", row)


# Every read joins the catalog item the case was filed against (``item_data``).
_SELECT = ("SELECT c.*, i.data AS item_data, v.version AS catalog_version FROM case_file c "
           "JOIN catalog_item i ON i.version_id = c.catalog_version_id AND i.code = c.item_code "
           "JOIN catalog_version v ON v.id = c.catalog_version_id ")


def by_id(db: Database, case_id: int) -> Row | None:
    return db.one(_SELECT + "WHERE c.id = ?", (case_id,))


def by_uuid(db: Database, uuid: str) -> Row | None:
    return db.one(_SELECT + "WHERE c.uuid = ?", (uuid,))


def by_number(db: Database, case_number: str) -> Row | None:
    return db.one(_SELECT + "WHERE c.case_number = ?", (case_number,))


def by_id_number(db: Database, id_number: str, limit: int) -> list[Row]:
    return db.all(_SELECT + "WHERE c.applicant_id_number = ? ORDER BY c.id DESC LIMIT ?",
                  (id_number, limit))


def by_name_prefix(db: Database, prefix: str, limit: int) -> list[Row]:
    return db.all(
        _SELECT + "WHERE c.applicant_name >= ? AND c.applicant_name < ? "
        "ORDER BY c.applicant_name, c.id DESC LIMIT ?", (prefix, prefix + "\U0010ffff", limit))


def by_number_prefix(db: Database, prefix: str, limit: int) -> list[Row]:
    return db.all(
        _SELECT + "WHERE c.case_number >= ? AND c.case_number < ? "
        "ORDER BY c.case_number DESC LIMIT ?", (prefix, prefix + "Z", limit))


def recent(db: Database, states: tuple[str, ...] | None, limit: int) -> list[Row]:
    if states:
        marks = ", ".join("?" for _ in states)
        return db.all(_SELECT + f"WHERE c.state IN ({marks}) ORDER BY c.id DESC LIMIT ?",
                      (*states, limit))
    return db.all(_SELECT + "ORDER BY c.id DESC LIMIT ?", (limit,))


def in_states(db: Database, states: tuple[str, ...]) -> list[Row]:
    marks = ", ".join("?" for _ in states)
    return db.all(_SELECT + f"WHERE c.state IN ({marks}) ORDER BY c.deadline, c.id", states)


def update_case(db: Database, case_id: int, values: Row) -> None:
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE case_file SET {assignments} WHERE id = ?", [*values.values(), case_id])


def next_serial(db: Database, accept_date: str) -> int:
    current = db.scalar("SELECT max(serial) FROM case_file WHERE accept_date = ?", (accept_date,))
    return int(current or 0) + 1


def insert_material(db: Database, row: Row) -> None:
    db.insert("case_material", row)


def materials(db: Database, case_id: int) -> list[Row]:
    return db.all("SELECT * FROM case_material WHERE case_id = ? ORDER BY position", (case_id,))


def set_material_received(db: Database, case_id: int, name: str, received: bool,
                          at: str | None) -> None:
    db.execute("UPDATE case_material SET received = ?, received_at = ? "
               "WHERE case_id = ? AND name = ?", (int(received), at, case_id, name))


def insert_event(db: Database, row: Row) -> int:
    return db.insert("case_event", row)


def events(db: Database, case_id: int) -> list[Row]:
    return db.all("SELECT * FROM case_event WHERE case_id = ? ORDER BY id", (case_id,))


def count_by_state(db: Database) -> dict[str, int]:
    return {r["state"]: int(r["n"]) for r in db.all(
        "SELECT state, count(*) AS n FROM case_file GROUP BY state")}


def accepted_between(db: Database, first: str, last: str) -> list[Row]:
    return db.all("SELECT * FROM case_file WHERE accept_date BETWEEN ? AND ? ORDER BY id",
                  (first, last))


# ---------------------------------------------------------------- staff client additions

def feedback_after(db: Database, event_id: int, limit: int) -> list[Row]:
    """Upstream decisions (``hub_*`` timeline rows) newer than ``event_id``, oldest first."""
    return db.all(
        "SELECT e.*, c.case_number, c.item_name, c.state AS case_state FROM case_event e "
        "JOIN case_file c ON c.id = e.case_id "
        "WHERE e.id > ? AND substr(e.action, 1, 4) = 'hub_' ORDER BY e.id LIMIT ?",
        (event_id, limit))


def last_event_id(db: Database) -> int:
    return int(db.scalar("SELECT coalesce(max(id), 0) FROM case_event"))


def material_receipts(db: Database, case_id: int) -> list[Row]:
    return db.all("SELECT name, received_at FROM case_material WHERE case_id = ? "
                  "AND received = 1 AND received_at IS NOT NULL ORDER BY received_at, position",
                  (case_id,))


def case_state(db: Database, case_uuid: str) -> str | None:
    value = db.scalar("SELECT state FROM case_file WHERE uuid = ?", (case_uuid,))
    return None if value is None else str(value)
