"""SQL for the audit chain (留痕)."""

from __future__ import annotations

from collections.abc import Iterator

from core.db import Database, Row


def last_link(db: Database) -> tuple[int, str] | None:
    row = db.one("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
    return None if row is None else (int(row["id"]), str(row["hash"]))


def append(db: Database, row: Row) -> int:
    return db.insert("audit", row)


def iterate(db: Database, batch: int = 5000) -> Iterator[Row]:
    last = 0
    while True:
        rows = db.all("SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?", (last, batch))
        if not rows:
            return
        yield from rows
        last = int(rows[-1]["id"])


def for_entity(db: Database, entity: str, entity_id: str) -> list[Row]:
    return db.all(
        "SELECT * FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id", (entity, entity_id)
    )


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM audit"))


def hash_at(db: Database, position: int) -> str | None:
    """The hash of row ``position`` (ids are 1, 2, 3, …), or ``None`` when there is none."""
    value = db.scalar("SELECT hash FROM audit WHERE id = ?", (position,))
    return None if value is None else str(value)


def business_rows_after(db: Database, after: int) -> int:
    """Rows after ``after`` that record something other than sync bookkeeping."""
    return int(db.scalar("SELECT count(*) FROM audit WHERE id > ? AND action NOT LIKE 'sync.%'",
                         (after,)))


def latest(db: Database, action: str) -> Row | None:
    return db.one("SELECT * FROM audit WHERE action = ? ORDER BY id DESC LIMIT 1", (action,))


def of_entity(db: Database, actions: tuple[str, ...], entity_id: str) -> list[Row]:
    marks = ", ".join("?" for _ in actions)
    return db.all(f"SELECT * FROM audit WHERE action IN ({marks}) AND entity_id = ? "
                  "ORDER BY id", (*actions, entity_id))
