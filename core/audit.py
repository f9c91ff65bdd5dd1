"""The audit chain (留痕): every state change appends one hash-chained row.

``hash = SHA-256(prev_hash + canonical JSON of the row)``; the first row chains from
64 zeros. :func:`verify` walks the chain and names the first row that does not match.
Rows hold ids and codes, never ID numbers: :func:`record` refuses a detail that looks
like one.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from core.actor import Actor
from core.canonical import canonical_json
from core.clock import Clock, to_iso
from core.db import Database, Row
from core.db import audit as store
from core.errors import BugError

GENESIS = "0" * 64
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def _link_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(body)).encode("utf-8")).hexdigest()


def _body(row: Row, detail: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "at": row["at"],
        "actor_id": row["actor_id"],
        "on_behalf_of": row["on_behalf_of"],
        "device": row["device"],
        "action": row["action"],
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "detail": detail,
    }


def record(
    db: Database,
    clock: Clock,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str | int | None,
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one audit row; call inside the write transaction of the change itself."""
    if not db.in_transaction():
        raise BugError("audit.record must run inside the change's transaction")
    detail = detail or {}
    detail_json = canonical_json(detail)
    if _ID_NUMBER.search(detail_json):
        raise BugError(f"audit detail for {action} looks like it holds an ID number")
    last = store.last_link(db)
    prev_id, prev_hash = last if last else (0, GENESIS)
    row: Row = {
        "id": prev_id + 1,
        "at": to_iso(clock.now()),
        "actor_id": actor.staff_id,
        "on_behalf_of": actor.on_behalf_of,
        "device": actor.device,
        "action": action,
        "entity": entity,
        "entity_id": None if entity_id is None else str(entity_id),
    }
    row["detail"] = detail_json
    row["prev_hash"] = prev_hash
    row["hash"] = _link_hash(prev_hash, _body(row, detail))
    return store.append(db, row)


@dataclass(frozen=True)
class ChainReport:
    rows: int
    first_broken_id: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify(db: Database) -> ChainReport:
    expected_prev = GENESIS
    expected_id = 1
    rows = 0
    for row in store.iterate(db):
        rows += 1
        row_id = int(row["id"])
        if row_id != expected_id:
            return ChainReport(rows, expected_id, "missing row (ids must be contiguous)")
        if row["prev_hash"] != expected_prev:
            return ChainReport(rows, row_id, "prev_hash does not match the previous row")
        try:
            detail = json.loads(row["detail"])
        except (TypeError, ValueError):
            return ChainReport(rows, row_id, "detail is not valid JSON")
        if _link_hash(row["prev_hash"], _body(row, detail)) != row["hash"]:
            return ChainReport(rows, row_id, "content does not match its hash")
        expected_prev = row["hash"]
        expected_id += 1
    return ChainReport(rows, None, None)


def history(db: Database, entity: str, entity_id: str | int) -> list[Row]:
    rows = store.for_entity(db, entity, str(entity_id))
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows
