"""The engine's doors to the books (core.outbox, core.feed, core.sync_link), without a hub:
batch selection, result application, the feed and its cursor, re-baselining, status and
figures."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.center import Center
from core.clock import FixedClock, to_iso
from core.feed import Baseline, BaselineCase, FeedEntry
from core.outbox import ItemOutcome, ItemResult, OutboxState
from sync import protocol
from tests.sync.kit import accept_cases, clerk, outbox_rows, queue_notices

NO_WAIT = 5.0  # seconds a deferred row waits in these tests


def no_wait(attempts: int) -> float:
    return NO_WAIT


def took(center: Center, limit: int = 500) -> list[str]:
    return [e.event_id for e in center.outbox.take_batch(limit)]


def ack_all(center: Center, event_ids: list[str]) -> None:
    center.outbox.apply_results("b", event_ids, [
        ItemResult(e, ItemOutcome.ACCEPTED, n + 1) for n, e in enumerate(event_ids)], no_wait)


def audit_rows(center: Center, action: str) -> list[dict[str, Any]]:
    return center.db.all("SELECT * FROM audit WHERE action = ?", (action,))


# ------------------------------------------------------------------ batch selection


def test_a_batch_keeps_each_stream_in_order_and_marks_it_in_flight(desk: Center) -> None:
    first = queue_notices(desk, 2, per_stream=3)
    taken = desk.outbox.take_batch(4)
    assert [e.event_id for e in taken] == first[:4]
    assert [e.stream_seq for e in taken] == [1, 2, 3, 1]
    rows = outbox_rows(desk)
    assert [rows[e]["state"] for e in first] == ["in_flight"] * 4 + ["pending"] * 2
    # In-flight rows are never handed out twice; their successors wait for them.
    assert took(desk) == []


def test_a_rejected_event_holds_back_only_its_own_stream(desk: Center) -> None:
    a1, a2 = queue_notices(desk, 1, per_stream=2)
    [b1] = queue_notices(desk, 1)
    batch = took(desk, 1)
    assert batch == [a1]
    desk.outbox.apply_results("b1", batch, [ItemResult(a1, ItemOutcome.REJECTED, None, "不行")],
                            no_wait)
    assert took(desk) == [b1]  # the other case goes on; a2 waits behind its refused a1
    attention = {row.event_id: row for row in desk.sync.status().attention}
    assert attention[a1].state is OutboxState.REJECTED
    assert "不行" in attention[a1].reason
    assert attention[a2].state is OutboxState.PENDING
    assert "前一条" in attention[a2].reason


def test_a_row_waiting_for_its_backoff_holds_back_its_successors(desk: Center,
                                                                 clock: FixedClock) -> None:
    e1, e2 = queue_notices(desk, 1, per_stream=2)
    desk.outbox.take_batch(1)
    desk.outbox.defer([e1], "上级忙", no_wait)
    assert took(desk) == []
    clock.advance(seconds=NO_WAIT)
    assert took(desk) == [e1, e2]


@st.composite
def _queues(draw: st.DrawFn) -> list[list[str]]:
    streams = draw(st.lists(st.lists(st.sampled_from(
        ["pending", "acked", "rejected", "quarantined", "waiting"]), min_size=1, max_size=4),
        min_size=1, max_size=6))
    return streams


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(streams=_queues(), limit=st.integers(min_value=1, max_value=12))
def test_no_event_is_sent_before_its_predecessor_is_acked(desk: Center,
                                                          streams: list[list[str]],
                                                          limit: int) -> None:
    desk.db.execute("DELETE FROM outbox")
    later = to_iso(desk.clock.now().replace(year=2099))
    order: dict[str, tuple[str, int, str]] = {}
    for states in streams:
        ids = queue_notices(desk, 1, per_stream=len(states))
        for seq, (event_id, state) in enumerate(zip(ids, states, strict=True), start=1):
            stored = "pending" if state == "waiting" else state
            desk.db.execute("UPDATE outbox SET state = ?, next_attempt_at = ? "
                            "WHERE event_id = ?",
                            (stored, later if state == "waiting" else None, event_id))
            order[event_id] = (ids[0], seq, state)
    taken = took(desk, limit)
    assert len(taken) <= limit
    chosen = set(taken)
    for event_id in taken:
        stream, seq, state = order[event_id]
        assert state == "pending"
        for other, (other_stream, other_seq, other_state) in order.items():
            if other_stream == stream and other_seq < seq:
                # every predecessor is acked, or goes up earlier in this very batch
                assert other_state == "acked" or (other in chosen and
                                                  taken.index(other) < taken.index(event_id))
    # and nothing sendable is skipped while the batch has room
    if len(taken) < limit:
        for event_id, (stream, seq, state) in order.items():
            blocked = any(o_stream == stream and o_seq < seq and o_state != "acked"
                          and o not in chosen
                          for o, (o_stream, o_seq, o_state) in order.items())
            if state == "pending" and not blocked:
                assert event_id in chosen


# ------------------------------------------------------------------ results


def test_results_are_applied_one_by_one_and_only_explicit_ones_ack(desk: Center) -> None:
    case = accept_cases(desk, 1)[0]
    [accepted] = [e for e, r in outbox_rows(desk).items() if r["type"] == "case_accepted"]
    rejected, conflict, retry, missing = queue_notices(desk, 4)
    sent = took(desk)
    assert set(sent) == {accepted, rejected, conflict, retry, missing}
    tally = desk.outbox.apply_results("batch-1", sent, [
        ItemResult(accepted, ItemOutcome.ACCEPTED, 41),
        ItemResult(rejected, ItemOutcome.REJECTED, None, "该办件已经受理过"),
        ItemResult(conflict, ItemOutcome.CONFLICT, None, "同一事件编号已用于不同的内容"),
        ItemResult(retry, ItemOutcome.RETRY, None, "缺少前序事件"),
    ], no_wait)
    assert (tally.acked, tally.rejected, tally.quarantined, tally.retry, tally.missing) == (
        1, 1, 1, 1, 1)
    rows = outbox_rows(desk)
    assert (rows[accepted]["state"], rows[accepted]["server_seq"]) == ("acked", 41)
    assert desk.cases.get(case.id).state.value == "submitted"  # in the same transaction
    assert (rows[rejected]["state"], rows[rejected]["reason"]) == ("rejected", "该办件已经受理过")
    assert rows[conflict]["state"] == "quarantined"
    for event_id in (retry, missing):  # not sent as far as we know: pending, not an attempt
        assert rows[event_id]["state"] == "pending"
        assert rows[event_id]["attempts"] == 0
        assert rows[event_id]["next_attempt_at"] is not None
    [acked_audit] = audit_rows(desk, "sync.batch_acked")
    assert json.loads(acked_audit["detail"]) == {"events": 1}
    assert len(audit_rows(desk, "sync.event_rejected")) == 1
    assert len(audit_rows(desk, "sync.event_quarantined")) == 1
    for row in desk.db.all("SELECT detail FROM audit WHERE action LIKE 'sync.%'"):
        assert "id_number" not in row["detail"] and "张三丰" not in row["detail"]


def test_network_failures_count_no_attempt_and_server_failures_do(desk: Center,
                                                                  clock: FixedClock) -> None:
    a, b = queue_notices(desk, 2)
    desk.outbox.release(took(desk))
    assert {r["attempts"] for r in outbox_rows(desk).values()} == {0}
    desk.outbox.defer(took(desk), "上级服务器内部错误", lambda n: 1.0, not_before=120)
    rows = outbox_rows(desk)
    assert [rows[a]["attempts"], rows[b]["attempts"]] == [1, 1]
    assert rows[a]["next_attempt_at"] >= to_iso(clock.now() + dt.timedelta(seconds=120))
    assert took(desk) == []


def test_in_flight_rows_go_back_to_pending_at_start_up(desk: Center) -> None:
    queue_notices(desk, 3)
    took(desk)
    assert desk.outbox.recover() == 3
    assert {r["state"] for r in outbox_rows(desk).values()} == {"pending"}
    assert len(took(desk)) == 3


# ------------------------------------------------------------------ the feed


def _received(number: str) -> dict[str, Any]:
    return {"case_number": number, "hub_case_number": "H2026000001",
            "received_at": "2026-11-27T02:00:00+00:00"}


def _submitted_case(desk: Center) -> Any:
    case = accept_cases(desk, 1)[0]
    ack_all(desk, took(desk))
    return desk.cases.get(case.id)


def test_a_feed_page_and_its_cursor_commit_together(desk: Center) -> None:
    case = _submitted_case(desk)
    page = [FeedEntry(1, "case_received", case.uuid, _received(case.case_number)),
            FeedEntry(2, "case_approved", case.uuid, {
                "case_number": case.case_number, "result": "同意", "decided_at": "x"})]

    def crash(index: int) -> None:
        if index == 1:
            raise KeyboardInterrupt  # the process dies half-way through the page

    with pytest.raises(KeyboardInterrupt):
        desk.feed.apply_page(page, "1:2", on_item=crash)
    assert desk.feed.cursor() is None
    assert desk.cases.get(case.id).state.value == "submitted"
    tally = desk.feed.apply_page(page, "1:2")
    assert (tally.applied, desk.feed.cursor()) == (2, "1:2")
    after = desk.cases.get(case.id)
    assert (after.state.value, after.hub_case_number, after.result) == (
        "approved", "H2026000001", "同意")


def test_a_decision_for_a_case_already_in_that_state_is_a_no_op(desk: Center) -> None:
    case = _submitted_case(desk)
    number = case.case_number
    desk.feed.apply_page([
        FeedEntry(1, "case_received", case.uuid, _received(number)),
        FeedEntry(2, "supplement_requested", case.uuid, {
            "case_number": number, "materials": ["收入证明"], "reason": None,
            "requested_at": "x"})], "1:2")
    desk.cases.supply(case.id, ["收入证明"], clerk(desk))
    tally = desk.feed.apply_page(
        [FeedEntry(3, "case_received", case.uuid, _received(number))], "1:3")
    assert (tally.applied, tally.unchanged) == (0, 1)
    actions = [e["action"] for e in desk.cases.timeline(case.id)]
    assert "hub_ignored" not in actions
    # A decision that does not fit at all stays visible on the case's timeline.
    tally = desk.feed.apply_page([FeedEntry(4, "ready_for_pickup", case.uuid, {
        "case_number": number, "place": "村便民服务站", "note": None, "at": "x"})], "1:4")
    assert tally.applied == 1
    tally = desk.feed.apply_page([FeedEntry(5, "case_denied", case.uuid, {
        "case_number": number, "reason": "不符合条件", "decided_at": "x"})], "1:5")
    assert tally.not_fitting == 1
    assert [e["action"] for e in desk.cases.timeline(case.id)][-1] == "hub_ignored"


def test_catalog_and_calendar_snapshots_are_applied_from_the_feed(desk: Center) -> None:
    items = [{"code": "01-X-001", "name": "测试事项", "category": "社会保险", "level": "county",
              "accept_at": ["village"], "promised_days": 5,
              "materials": [{"name": "身份证", "required": True, "copies": 1}]}]
    tally = desk.feed.apply_page([
        FeedEntry(1, "catalog_published", None, {"version": 7, "sha256": "0" * 64,
                                                  "items": items}),
        FeedEntry(2, "calendar_published", None, {"year": 2027, "source": "国办发明电〔2026〕1号",
                                                   "days": [{"date": "2027-03-03",
                                                             "working": False,
                                                             "name": "测试停办"}]}),
        FeedEntry(3, "something_newer", None, {}),
    ], "1:3")
    assert (tally.applied, tally.skipped, tally.problems) == (2, 1, [])
    active = desk.catalog.active()
    assert active is not None
    assert (active.version, active.source) == ("7", "hub")
    assert not desk.calendar.work.is_working_day(dt.date(2027, 3, 3))  # a Wednesday


def test_a_catalog_this_version_cannot_read_does_not_hold_back_decisions(desk: Center,
                                                                         ) -> None:
    case = _submitted_case(desk)
    tally = desk.feed.apply_page([
        FeedEntry(1, "catalog_published", None, {"version": 8, "sha256": "0" * 64, "items": [
            {"code": "X", "name": "坏事项",
             "materials": [{"name": "身份证"}, {"name": "身份证"}]}]}),
        FeedEntry(2, "case_received", case.uuid, _received(case.case_number)),
    ], "1:2")
    assert tally.applied == 1 and len(tally.problems) == 1
    assert desk.feed.cursor() == "1:2"
    assert desk.cases.get(case.id).state.value == "received"
    assert desk.sync.status().feed_problem is not None


# ------------------------------------------------------------------ re-baselining


def test_rebaseline_brings_cases_up_to_the_hub_and_leaves_the_outbox_alone(desk: Center,
                                                                         ) -> None:
    settled, busy = accept_cases(desk, 2)
    ack_all(desk, took(desk))
    desk.cases.withdraw(busy.id, "群众申请撤回", clerk(desk))  # an event the hub lacks
    queue_notices(desk, 2)
    before = outbox_rows(desk)
    tally = desk.feed.rebaseline(Baseline(cases=[
        BaselineCase(settled.uuid, "approved", "H2026000009", "case_approved",
                     {"case_number": settled.case_number, "result": "准予", "decided_at": "x"}),
        BaselineCase(busy.uuid, "approved", "H2026000010", None, None),
        BaselineCase("5f0c7a3e-0000-4000-8000-000000000000", "received", None, None, None),
    ], catalog=None, calendars=[], cursor="2:40"))
    assert outbox_rows(desk) == before
    assert desk.feed.cursor() == "2:40"
    assert (tally.applied, tally.unknown_case) == (1, 1)
    got = desk.cases.get(settled.id)
    assert (got.state.value, got.result, got.hub_case_number) == ("approved", "准予",
                                                                  "H2026000009")
    assert desk.cases.get(busy.id).state.value == "withdrawn"  # local state is newer


# ------------------------------------------------------------------ what staff see


def test_status_lists_what_needs_attention_with_reasons(desk: Center,
                                                        clock: FixedClock) -> None:
    desk.settings.set("sync.attention_attempts", 3, clerk(desk))
    stuck, old, fine = queue_notices(desk, 3)
    for _n in range(3):
        clock.advance(hours=1)
        desk.outbox.take_batch(10)
        desk.outbox.defer([stuck], "上级服务器内部错误", lambda n: 0.0)
        desk.outbox.release([old, fine])
    status = desk.sync.status()
    assert status.counts["pending"] == 3
    assert status.oldest_pending_age is not None and status.oldest_pending_age.seconds == 3 * 3600
    assert [r.event_id for r in status.attention] == [stuck]
    assert "已重试3次" in status.attention[0].reason
    clock.advance(hours=24)
    reasons = {r.event_id: r.reason for r in desk.sync.status().attention}
    assert set(reasons) == {stuck, old, fine}
    assert "已等待27小时" in reasons[old]


def test_pause_and_run_bookkeeping(desk: Center) -> None:
    desk.sync.begin_run()
    desk.sync.finish_run("无法连接上级", 42.0)
    status = desk.sync.status()
    assert (status.last_error, status.skew_seconds, status.last_success_at) == (
        "无法连接上级", 42.0, None)
    desk.sync.pause("需要重新登录：这个刷新令牌已经用过")
    desk.sync.pause("需要重新登录：这个刷新令牌已经用过")  # once is enough in the audit
    assert desk.sync.paused_reason() == "需要重新登录：这个刷新令牌已经用过"
    assert len(audit_rows(desk, "sync.paused")) == 1
    desk.sync.finish_run(None, None)
    assert desk.sync.status().last_success_at is not None
    assert desk.sync.status().last_error is None


def test_the_figures_for_the_county(desk: Center) -> None:
    desk.tickets.issue("A")
    served = desk.tickets.call_next(1, clerk(desk))
    assert served is not None
    desk.tickets.start(served.id, clerk(desk))
    desk.tickets.finish(served.id, clerk(desk))
    desk.tickets.issue("B")
    accept_cases(desk, 2)
    figures = desk.sync.stats_figures()
    assert (figures.tickets_waiting, figures.tickets_served, figures.open_cases) == (1, 1, 2)
    assert figures.queue()["outbox_pending"] == 2
    body = {"at": figures.at, "queue": figures.queue(), "cases": figures.cases()}
    assert protocol.parse_stats(body).cases == {"open": 2, "due_soon": 0, "overdue": 0}


def test_the_vocabularies_of_book_and_protocol_agree() -> None:
    from core import feed, outbox

    assert set(feed.FEED_ACTIONS) | {feed.CATALOG_PUBLISHED, feed.CALENDAR_PUBLISHED} == {
        str(t) for t in protocol.FeedType}
    assert {str(o) for o in protocol.Outcome} <= {str(o) for o in ItemOutcome}
    assert set(outbox.EVENT_LABELS) == {str(t) for t in protocol.EventType}
