"""Taking in a center's batch of events: deduplication, per-case order, business rules.

The whole batch runs in one write transaction. Events are deduplicated on the
``UNIQUE (center_code, event_id)`` constraint and replayed with their stored outcome;
business rejections are stored too, so a resend always gets the same answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from core.clock import to_iso
from core.i18n import _
from sync.hub import anchors, cases
from sync.hub.records import Case, StoredEvent
from sync.hub.store import Tx
from sync.protocol import (
    Batch,
    BatchResult,
    CaseState,
    Event,
    EventResult,
    EventType,
    Outcome,
    RatingLevel,
    case_number_center,
)

NOT_OURS = _("不是本中心的办件")


def tracking_hash(case_number: str, token: str) -> str:
    return hashlib.sha256(f"{case_number}:{token}".encode()).hexdigest()


def ingest(tx: Tx, center_code: str, batch: Batch, now: dt.datetime) -> BatchResult:
    """Outcomes in the order the events were sent; each case is processed in seq order."""
    results: dict[int, EventResult] = {}
    order = sorted(range(len(batch.events)), key=lambda i: batch.events[i].seq)
    for index in order:
        results[index] = _one(tx, center_code, batch.batch_id, batch.events[index], now)
    return BatchResult(batch.batch_id, tuple(results[i] for i in range(len(batch.events))))


def _one(tx: Tx, center_code: str, batch_id: str, event: Event, now: dt.datetime) -> EventResult:
    stored = tx.event(center_code, event.event_id)
    if stored is not None:
        return _replay(stored, event)
    owner, last = tx.stream(event.case_id)
    if owner is not None and owner != center_code:
        # Nothing is stored and nothing about the other center is said.
        return EventResult(event.event_id, Outcome.REJECTED, None, NOT_OURS)
    if event.seq <= last:
        return EventResult(event.event_id, Outcome.REJECTED, None, _(
            "本办件第{seq}号事件已是另一条记录（事件序号重复）").format(seq=event.seq))
    if event.seq > last + 1:
        return EventResult(event.event_id, Outcome.RETRY, None, _(
            "缺少前序事件：上级只收到本办件的前{last}条，这是第{seq}条").format(
                last=last, seq=event.seq))
    reason = _apply(tx, center_code, event, now)
    server_seq = tx.insert_event(
        center_code=center_code, batch_id=batch_id, event_id=event.event_id,
        case_id=event.case_id, seq=event.seq, event_type=event.type,
        occurred_at=event.occurred_at, operator=event.operator.to_wire(),
        payload=event.payload, payload_sha256=event.payload_sha256,
        outcome=Outcome.ACCEPTED if reason is None else Outcome.REJECTED, reason=reason,
        now=to_iso(now),
    )
    if reason is not None:
        return EventResult(event.event_id, Outcome.REJECTED, None, reason)
    return EventResult(event.event_id, Outcome.ACCEPTED, server_seq, None)


def _replay(stored: StoredEvent, event: Event) -> EventResult:
    same = (stored.payload_sha256, stored.case_id, stored.seq, stored.type,
            stored.occurred_at, stored.operator) == (
        event.payload_sha256, event.case_id, event.seq, event.type, event.occurred_at,
        event.operator.to_wire())
    if not same:
        return EventResult(event.event_id, Outcome.CONFLICT, None,
                           _("同一事件编号已用于不同的内容；上级保留原来的记录"))
    if stored.outcome == Outcome.REJECTED:
        return EventResult(event.event_id, Outcome.REJECTED, None, stored.reason)
    return EventResult(event.event_id, Outcome.DUPLICATE, stored.server_seq, None)


# ------------------------------------------------------------------ business rules

Rule = Callable[[Tx, str, Event, Case | None, dt.datetime], str | None]


def _apply(tx: Tx, center_code: str, event: Event, now: dt.datetime) -> str | None:
    """Apply an event's effects and return ``None``, or return why it is rejected."""
    number = event.payload.get("case_number")
    if number is not None and case_number_center(number) != center_code:
        return _("办件编号不属于本中心")
    case = tx.case_by_id(event.case_id)
    if case is not None and number is not None and case.case_number not in (None, number):
        return _("办件编号与上级记录的不一致")
    return RULES[event.type](tx, center_code, event, case, now)


def _new_case(center_code: str, event: Event, state: CaseState, now: dt.datetime,
              tracking: str | None) -> Case:
    p = event.payload
    stamp = to_iso(now)
    return Case(
        case_id=event.case_id, center_code=center_code, case_number=p.get("case_number"),
        hub_case_number=None, state=state, tracking_hash=tracking,
        item_code=p["item"]["code"], item_name=p["item"]["name"],
        applicant_name=p["applicant"]["name"], accepted_at=p.get("accepted_at"),
        deadline=p.get("deadline"), deadline_provisional=bool(p.get("deadline_provisional")),
        created_at=stamp, updated_at=stamp,
    )


def _number_taken(tx: Tx, number: str | None) -> str | None:
    if number is not None and tx.case_by_number(number) is not None:
        return _("办件编号已被另一个办件使用")
    return None


def _case_accepted(tx: Tx, center_code: str, event: Event, case: Case | None,
                   now: dt.datetime) -> str | None:
    if case is not None:
        return _("该办件已经受理过，不能重复受理")
    number = event.payload["case_number"]
    taken = _number_taken(tx, number)
    if taken:
        return taken
    tracking = tracking_hash(number, event.payload["tracking_token"])
    # 即办件 decided by the center itself are closed at the window: nothing left to decide.
    state = CaseState.COMPLETED if event.payload.get("completed_on_the_spot") is True \
        else CaseState.SUBMITTED
    tx.insert_case(_new_case(center_code, event, state, now, tracking))
    return None


def _case_not_accepted(tx: Tx, center_code: str, event: Event, case: Case | None,
                       now: dt.datetime) -> str | None:
    if case is not None:
        return _("该办件已经受理，不能再报不予受理")
    taken = _number_taken(tx, event.payload["case_number"])
    if taken:
        return taken
    tx.insert_case(_new_case(center_code, event, CaseState.NOT_ACCEPTED, now, None))
    return None


def _notice_issued(tx: Tx, center_code: str, event: Event, case: Case | None,
                   now: dt.datetime) -> str | None:
    if case is not None:
        return _("该办件已经受理，不需要再出具一次性告知单")
    return None


def _known(case: Case | None) -> str | None:
    return None if case is not None else _("上级没有这个办件")


def _materials_supplied(tx: Tx, center_code: str, event: Event, case: Case | None,
                        now: dt.datetime) -> str | None:
    if case is None:
        return _known(case)
    if case.state != CaseState.SUPPLEMENT_REQUESTED:
        return _("办件现在不需要补正材料（当前：{state}）").format(state=cases.label(case.state))
    cases.mark_received(tx, case, now)
    return None


def _case_picked_up(tx: Tx, center_code: str, event: Event, case: Case | None,
                    now: dt.datetime) -> str | None:
    if case is None:
        return _known(case)
    # A denial is handed over at the window too (the center's pick_up from "denied").
    if case.state not in (CaseState.READY_FOR_PICKUP, CaseState.DENIED):
        return _("办件还不能取件（当前：{state}）").format(state=cases.label(case.state))
    tx.set_case_state(case.case_id, CaseState.COMPLETED, to_iso(now))
    return None


def _case_withdrawn(tx: Tx, center_code: str, event: Event, case: Case | None,
                    now: dt.datetime) -> str | None:
    if case is None:
        return None  # withdrawn before acceptance: recorded for the figures only
    if case.state not in cases.WITHDRAWABLE:
        return _("办件已是“{state}”，不能撤回").format(state=cases.label(case.state))
    tx.set_case_state(case.case_id, CaseState.WITHDRAWN, to_iso(now))
    return None


def _rating_given(tx: Tx, center_code: str, event: Event, case: Case | None,
                  now: dt.datetime) -> str | None:
    poor = (RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED)
    if event.payload["level"] in poor and event.payload["reason"] is None:
        return _("不满意的评价必须说明原因")
    already = _("已经评价过，一次服务只能评价一次")
    if tx.stream_has(event.case_id, EventType.RATING_GIVEN):
        return already
    # The center files each rating under its own id: one per case number is the rule.
    number = event.payload["case_number"]
    if number is not None and tx.case_number_rated(center_code, number):
        return _("该办件已经评价过，一个办件只能评价一次")
    return None


def _follow_up_closed(tx: Tx, center_code: str, event: Event, case: Case | None,
                      now: dt.datetime) -> str | None:
    return None


def _audit_anchor(tx: Tx, center_code: str, event: Event, case: Case | None,
                  now: dt.datetime) -> str | None:
    anchors.record(tx, center_code, event, now)  # a fork is kept and shown, not refused
    return None


RULES: dict[EventType, Rule] = {
    EventType.CASE_ACCEPTED: _case_accepted,
    EventType.CASE_NOT_ACCEPTED: _case_not_accepted,
    EventType.NOTICE_ISSUED: _notice_issued,
    EventType.MATERIALS_SUPPLIED: _materials_supplied,
    EventType.CASE_PICKED_UP: _case_picked_up,
    EventType.CASE_WITHDRAWN: _case_withdrawn,
    EventType.RATING_GIVEN: _rating_given,
    EventType.FOLLOW_UP_CLOSED: _follow_up_closed,
    EventType.AUDIT_ANCHOR: _audit_anchor,
}
