"""The outbox (待上报): every reportable change of the center, on its way up to the hub.

One home for the outbox's bookkeeping:

| module | owns |
|---|---|
| :mod:`core.outbox.writing` | appending an event inside the change's own transaction |
| :mod:`core.outbox.states` | the states of a row, the hub's per-event outcomes, tallies |
| :mod:`core.outbox.queue` | what the sync engine takes, acknowledges, defers or releases |
| :mod:`core.outbox.attention` | the rows a person must look at (需要处理), with reasons |

Its SQL is :mod:`core.db.outbox`; the event vocabulary is :mod:`core.events` (shared with
the wire). The sync engine (``sync.client``) reaches the outbox only through
:class:`OutboxQueue`, so "acked only with an explicit result" holds by construction.
"""

from core.outbox.attention import AttentionRow
from core.outbox.queue import DelayFor, OutboxQueue
from core.outbox.states import (
    EVENT_LABELS,
    ItemOutcome,
    ItemResult,
    OutboxState,
    PushTally,
    QueuedEvent,
)
from core.outbox.writing import EventType, append, has_events, operator

__all__ = [
    "EVENT_LABELS",
    "AttentionRow",
    "DelayFor",
    "EventType",
    "ItemOutcome",
    "ItemResult",
    "OutboxQueue",
    "OutboxState",
    "PushTally",
    "QueuedEvent",
    "append",
    "has_events",
    "operator",
]
