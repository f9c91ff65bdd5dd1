"""The outbox as the sync engine sees it: take a batch, apply the hub's answers, back off.

Every method is one transaction. An event becomes ``acked`` only on an explicit
``accepted``/``duplicate`` for it; a network or login failure releases rows without
counting an attempt; a struggling hub (5xx, 429) counts one and backs the rows off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from core.actor import Actor
from core.audit import record
from core.clock import Clock, to_iso
from core.db import Database, Row
from core.db import outbox as store
from core.i18n import _
from core.outbox.states import ItemOutcome, ItemResult, OutboxState, PushTally, QueuedEvent

if TYPE_CHECKING:  # the cases service writes to the outbox: no import cycle at run time
    from core.cases import CaseService

# How long one delay function may make a row wait: (attempts after this failure) -> seconds.
DelayFor = Callable[[int], float]


class OutboxQueue:
    """The push side of the outbox, for ``sync.client``."""

    def __init__(self, db: Database, clock: Clock, cases: CaseService) -> None:
        self._db = db
        self._clock = clock
        self._cases = cases

    def _now(self) -> str:
        return to_iso(self._clock.now())

    def _after(self, seconds: float) -> str:
        return to_iso(self._clock.now() + dt.timedelta(seconds=max(0.0, seconds)))

    def counts(self) -> dict[str, int]:
        with self._db.read():
            found = store.counts(self._db)
        return {s.value: found.get(s.value, 0) for s in OutboxState}

    def recover(self) -> int:
        """Rows left in flight by a process that died go back to pending (no attempt counted).

        Call only while holding the sync lock, so nobody else has rows in flight.
        """
        with self._db.write():
            count = store.reset_in_flight(self._db)
            if count:
                record(self._db, self._clock, Actor.sync(), "sync.recovered", "outbox", None,
                       {"events": count})
        return count

    def due_count(self) -> int:
        with self._db.read():
            return store.due_count(self._db, self._now())

    def take_batch(self, limit: int) -> list[QueuedEvent]:
        """The next due events (each stream in order, never past an unacknowledged or
        refused predecessor), marked in flight in the same transaction."""
        with self._db.write():
            rows = store.due_batch(self._db, self._now(), max(1, limit))
            store.set_state(self._db, [r["event_id"] for r in rows], OutboxState.IN_FLIGHT)
        return [QueuedEvent.from_row(r) for r in rows]

    def release(self, event_ids: Sequence[str]) -> None:
        """After a network or auth failure: back to pending, no attempt counted."""
        if not event_ids:
            return
        with self._db.write():
            store.release(self._db, list(event_ids))

    def defer(self, event_ids: Sequence[str], error: str, delay_for: DelayFor,
              not_before: float = 0.0) -> None:
        """A retryable hub failure (5xx, 429): pending again, one more attempt, backed off."""
        if not event_ids:
            return
        with self._db.write():
            for row in store.by_event_ids(self._db, list(event_ids)):
                if row["state"] != OutboxState.IN_FLIGHT:
                    continue
                attempts = int(row["attempts"]) + 1
                wait = max(delay_for(attempts), not_before)
                store.back_to_pending(self._db, row["event_id"], attempts, self._after(wait),
                                      error)

    def apply_results(self, batch_id: str, sent: Sequence[str], results: Sequence[ItemResult],
                      delay_for: DelayFor) -> PushTally:
        """Apply the hub's per-event answers to a batch in one transaction.

        Only an explicit ``accepted``/``duplicate`` acknowledges an event; an event the
        reply does not mention stays pending. ``retry`` is not counted as an attempt.
        """
        by_id = {r.event_id: r for r in results}
        acks: list[tuple[str, int | None]] = []
        anchors = 0
        tally = {"rejected": 0, "quarantined": 0, "retry": 0, "missing": 0}
        with self._db.write():
            for row in store.by_event_ids(self._db, list(sent)):
                if row["state"] != OutboxState.IN_FLIGHT:
                    continue
                result = by_id.get(row["event_id"])
                if result is None:
                    tally["missing"] += 1
                    self._later(row, _("上级的回复里没有这条记录的结果，稍后重发"), delay_for)
                elif result.outcome in (ItemOutcome.ACCEPTED, ItemOutcome.DUPLICATE):
                    acks.append((row["event_id"], result.server_seq))
                    anchors += row["type"] == "audit_anchor"
                    if row["type"] == "case_accepted":
                        self._cases.mark_submitted(row["stream_id"])
                elif result.outcome is ItemOutcome.RETRY:
                    tally["retry"] += 1
                    self._later(row, _("上级暂缓处理：{reason}").format(
                        reason=result.reason or _("前序记录未到")), delay_for)
                else:
                    key = "rejected" if result.outcome is ItemOutcome.REJECTED else "quarantined"
                    # an anchor an older hub refuses is nobody's work (core/anchors.py)
                    tally[key] += row["type"] != "audit_anchor"
                    self._settle(row, OutboxState(key), result)
            store.mark_acked(self._db, acks, self._now())
            if acks:
                record(self._db, self._clock, Actor.sync(), "sync.batch_acked", "outbox",
                       batch_id, {"events": len(acks)})
        return PushTally(len(acks) - anchors, tally["rejected"], tally["quarantined"],
                         tally["retry"], tally["missing"], anchors)

    def _later(self, row: Row, error: str, delay_for: DelayFor) -> None:
        # Not an attempt (the hub did not fail), but wait a little so one run cannot spin.
        wait = delay_for(int(row["attempts"]) + 1)
        store.back_to_pending(self._db, row["event_id"], int(row["attempts"]),
                              self._after(wait), error)

    def _settle(self, row: Row, state: OutboxState, result: ItemResult) -> None:
        reason = result.reason or (_("上级拒收") if state is OutboxState.REJECTED
                                   else _("内容有误，已隔离"))
        store.mark_settled(self._db, row["event_id"], state, reason)
        record(self._db, self._clock, Actor.sync(), f"sync.event_{state.value}", "outbox",
               row["event_id"], {"type": row["type"], "outcome": result.outcome.value})

    def retry_now(self, actor: Actor) -> int:
        """Staff's "retry now": every pending row is due at once."""
        with self._db.write():
            count = store.clear_backoff(self._db)
            if count:
                record(self._db, self._clock, actor, "sync.retry_now", "outbox", None,
                       {"events": count})
        return count
