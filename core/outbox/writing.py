"""Writing to the outbox: one event per reportable change, in the change's own transaction.

Events, not rows, cross the wire. Each has a client-minted UUID (its idempotency key
forever), belongs to a stream (a case, or a rating) with a gap-free sequence, and carries
the SHA-256 of its canonical payload. The sync engine reads and acknowledges them through
:mod:`core.outbox.queue`.
"""

from __future__ import annotations

import uuid
from typing import Any

from core.actor import Actor
from core.canonical import canonical_json, sha256_hex
from core.clock import Clock, to_iso
from core.db import Database
from core.db import outbox as store
from core.db import staff as staff_store
from core.errors import BugError
from core.events import EventType

__all__ = ["EventType", "append", "has_events", "operator"]


def operator(db: Database, actor: Actor) -> dict[str, Any]:
    name = None
    if actor.staff_id is not None:
        row = staff_store.by_id(db, actor.staff_id)
        name = row["name"] if row else None
    return {"staff_id": actor.staff_id, "name": name, "on_behalf_of": actor.on_behalf_of}


def append(db: Database, clock: Clock, actor: Actor, stream_id: str, kind: EventType,
           payload: dict[str, Any]) -> str:
    """Queue one event; must run inside the transaction of the change it reports."""
    if not db.in_transaction():
        raise BugError("outbox events must be written in the change's own transaction")
    event_id = str(uuid.uuid4())
    now = to_iso(clock.now())
    store.insert(db, {
        "event_id": event_id, "stream_id": stream_id,
        "stream_seq": store.next_stream_seq(db, stream_id), "type": kind.value,
        "occurred_at": now, "operator": canonical_json(operator(db, actor)),
        "payload": canonical_json(payload), "payload_sha256": sha256_hex(payload),
        "created_at": now,
    })
    return event_id


def has_events(db: Database, stream_id: str) -> bool:
    return store.stream_has_events(db, stream_id)
