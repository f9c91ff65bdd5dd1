"""Case states on the hub and the county's decisions on them.

Every decision changes the case and appends the matching feed item for the owning center
in the caller's transaction, so a center never misses a decision the hub has recorded.
"""

from __future__ import annotations

import datetime as dt

from core.clock import business_date, to_iso
from core.errors import Conflict, NotFound
from core.i18n import _
from sync.hub import feed
from sync.hub.records import Case
from sync.hub.store import Tx
from sync.protocol import CaseState, FeedType

STATE_LABELS: dict[str, str] = {
    CaseState.SUBMITTED: _("已上报，等待上级接收"),
    CaseState.RECEIVED: _("上级已接收，正在办理"),
    CaseState.SUPPLEMENT_REQUESTED: _("需要补充材料，请到受理窗口补正"),
    CaseState.APPROVED: _("已审批通过，等待通知取件"),
    CaseState.DENIED: _("未予批准，详情请咨询受理窗口"),
    CaseState.READY_FOR_PICKUP: _("可以取件了，请到受理窗口领取"),
    CaseState.COMPLETED: _("已取件，办结"),
    CaseState.WITHDRAWN: _("已撤回"),
    CaseState.NOT_ACCEPTED: _("不予受理"),
}

# States from which the county may decide; from SUBMITTED the receipt is recorded first.
DECIDABLE = (CaseState.SUBMITTED, CaseState.RECEIVED)
WITHDRAWABLE = (CaseState.SUBMITTED, CaseState.RECEIVED, CaseState.SUPPLEMENT_REQUESTED)


def label(state: str) -> str:
    return STATE_LABELS.get(state, state)


def by_number(tx: Tx, case_number: str) -> Case:
    case = tx.case_by_number(case_number.strip().upper())
    if case is None:
        raise NotFound(_("没有这个办件：{number}").format(number=case_number))
    return case


def _require(case: Case, *states: str) -> None:
    if case.state not in states:
        raise Conflict(_("办件{number}现在是“{state}”，不能这样操作").format(
            number=case.case_number, state=label(case.state)))


def _next_hub_number(tx: Tx, now: dt.datetime) -> str:
    prefix = f"H{business_date(now).year}"
    last = tx.last_hub_case_number(prefix)
    serial = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{serial:06d}"


def _set(tx: Tx, case: Case, state: CaseState, now: str) -> None:
    tx.set_case_state(case.case_id, state, now)


def mark_received(tx: Tx, case: Case, now: dt.datetime) -> str:
    """Record receipt (first time: assign the hub's own number) and tell the center."""
    hub_number = case.hub_case_number or _next_hub_number(tx, now)
    if case.hub_case_number is None:
        tx.set_hub_case_number(case.case_id, hub_number)
    stamp = to_iso(now)
    _set(tx, case, CaseState.RECEIVED, stamp)
    feed.append(tx, case.center_code, FeedType.CASE_RECEIVED, case.case_id, {
        "case_number": case.case_number, "hub_case_number": hub_number, "received_at": stamp,
    }, stamp)
    return hub_number


def receive(tx: Tx, case: Case, now: dt.datetime) -> None:
    _require(case, CaseState.SUBMITTED)
    mark_received(tx, case, now)


def _received_first(tx: Tx, case: Case, now: dt.datetime) -> None:
    _require(case, *DECIDABLE)
    if case.state == CaseState.SUBMITTED:
        mark_received(tx, case, now)


def request_supplement(tx: Tx, case: Case, materials: list[str], reason: str | None,
                       now: dt.datetime) -> None:
    _received_first(tx, case, now)
    stamp = to_iso(now)
    _set(tx, case, CaseState.SUPPLEMENT_REQUESTED, stamp)
    feed.append(tx, case.center_code, FeedType.SUPPLEMENT_REQUESTED, case.case_id, {
        "case_number": case.case_number, "materials": materials, "reason": reason,
        "requested_at": stamp,
    }, stamp)


def approve(tx: Tx, case: Case, result: str, now: dt.datetime) -> None:
    _received_first(tx, case, now)
    stamp = to_iso(now)
    _set(tx, case, CaseState.APPROVED, stamp)
    feed.append(tx, case.center_code, FeedType.CASE_APPROVED, case.case_id, {
        "case_number": case.case_number, "result": result, "decided_at": stamp,
    }, stamp)


def deny(tx: Tx, case: Case, reason: str, now: dt.datetime) -> None:
    _received_first(tx, case, now)
    stamp = to_iso(now)
    _set(tx, case, CaseState.DENIED, stamp)
    feed.append(tx, case.center_code, FeedType.CASE_DENIED, case.case_id, {
        "case_number": case.case_number, "reason": reason, "decided_at": stamp,
    }, stamp)


def ready(tx: Tx, case: Case, place: str, note: str | None, now: dt.datetime) -> None:
    _require(case, CaseState.APPROVED)
    stamp = to_iso(now)
    _set(tx, case, CaseState.READY_FOR_PICKUP, stamp)
    feed.append(tx, case.center_code, FeedType.READY_FOR_PICKUP, case.case_id, {
        "case_number": case.case_number, "place": place, "note": note, "at": stamp,
    }, stamp)
