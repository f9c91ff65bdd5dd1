"""Cases filed on a resident's behalf: the whole path, numbers, deadlines, bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.actor import Actor
from core.case_numbers import case_number_problem, parse_case_number
from core.cases import Agent, Applicant, CaseState, DueLevel
from core.cases.queries import LOOKUP_LOCK_MINUTES, LOOKUP_MISSES
from core.center import Center
from core.clock import FixedClock
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.identity import mod11_2_check
from tests.helpers import ADMIN, CENTER_CODE, shanghai, valid_id

ZHANG = Applicant("张三丰", "11010519491231002X", "13812345678", "良渚街道新港村3组")
DIBAO = "05-MZ-001"


@pytest.fixture
def clerk(desk: Center) -> Actor:
    return Actor(desk.staff.by_username("wang").id, "staff")


def full(desk: Center, case_id: int) -> None:
    case = desk.cases.get(case_id)
    desk.cases.receive_materials(case_id, [m.name for m in case.blocking], ADMIN)


def snapshot(desk: Center) -> tuple[int, ...]:
    tables = ("case_file", "case_event", "case_material", "outbox", "audit", "rating")
    return tuple(desk.db.scalar(f"SELECT count(*) FROM {t}") for t in tables)


def outbox_types(desk: Center, case_uuid: str) -> list[str]:
    return [r["type"] for r in desk.db.all(
        "SELECT type FROM outbox WHERE stream_id = ? ORDER BY stream_seq", (case_uuid,))]


def test_intake_notice_then_acceptance(desk: Center, clerk: Actor) -> None:
    wang = desk.staff.by_username("wang").id
    ticket = desk.tickets.issue("B")
    case = desk.cases.new(clerk, DIBAO, ZHANG, agent=Agent("村代办员", staff_id=wang),
                          ticket_id=ticket.id)
    assert case.state is CaseState.DRAFT and case.case_number is None
    case = desk.cases.receive_materials(case.id, ["共同生活家庭成员居民身份证"], clerk)
    case = desk.cases.issue_notice(case.id, clerk)
    assert case.state is CaseState.NOTICE_ISSUED
    assert [m.name for m in case.blocking] == [
        "户口簿（首页及本人页）", "社会救助申请表（含家庭经济状况核对授权书、承诺书）"]
    with pytest.raises(Conflict, match=r"材料不齐.*户口簿"):
        desk.cases.accept(case.id, clerk)
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.state is CaseState.ACCEPTED
    assert case.case_number == f"{CENTER_CODE}202611270001" + case.case_number[-1]
    assert case_number_problem(case.case_number) is None
    assert case.first_contact_staff_id == wang
    assert case.agent_name == "王小明" and case.agent_relation == "村代办员"
    assert case.ticket_id == ticket.id
    # 2026-11-27 + 23 working days (start day not counted) = 2026-12-30.
    assert case.deadline == dt.date(2026, 12, 30) and not case.deadline_provisional
    assert outbox_types(desk, case.uuid) == ["notice_issued", "case_accepted"]
    payload = json.loads(desk.db.scalar(
        "SELECT payload FROM outbox WHERE type = 'case_accepted'"))
    assert payload["applicant"]["id_number"] == "11010519491231002X"
    assert payload["ticket_number"] == "B001"
    # The audit knows which case, never whose ID number.
    assert "11010519491231002X" not in json.dumps(desk.db.all("SELECT * FROM audit"))


def test_case_numbers_count_per_day_with_a_check_character(desk: Center, clerk: Actor,
                                                           clock: FixedClock) -> None:
    numbers = []
    for _ in range(3):
        case = desk.cases.new(clerk, "20-RS-004", ZHANG)
        full(desk, case.id)
        numbers.append(desk.cases.accept(case.id, clerk).case_number)
    assert [n[20:24] for n in numbers if n] == ["0001", "0002", "0003"]
    for n in numbers:
        assert n is not None and n[24] == mod11_2_check(n[:24])
    clock.set(shanghai(2026, 11, 30))
    case = desk.cases.new(clerk, "20-RS-004", ZHANG)
    full(desk, case.id)
    assert desk.cases.accept(case.id, clerk).case_number[12:24] == "202611300001"  # type: ignore[index]


def test_a_mistyped_case_number_is_caught() -> None:
    good = f"{CENTER_CODE}202611270001"
    good += mod11_2_check(good)
    assert parse_case_number(good.lower()) == good
    wrong = good[:-2] + str((int(good[-2]) + 1) % 10) + good[-1]
    with pytest.raises(InvalidInput, match="校验位不对"):
        parse_case_number(wrong)
    with pytest.raises(InvalidInput, match="25位"):
        parse_case_number(good[:-1])


def test_deferrable_material_does_not_block(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    full(desk, case.id)
    case = desk.cases.get(case.id)
    assert [m.name for m in case.missing] == ["残疾人证、疾病诊断等特殊情况证明"]  # optional
    assert desk.cases.accept(case.id, clerk).state is CaseState.ACCEPTED


def test_not_accepted_needs_reason_and_office(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    before = snapshot(desk)
    with pytest.raises(InvalidInput, match="理由不能为空"):
        desk.cases.not_accept(case.id, "  ", "户籍所在地", clerk)
    with pytest.raises(InvalidInput, match="应去的部门不能为空"):
        desk.cases.not_accept(case.id, "户籍不在本村", "", clerk)
    assert snapshot(desk) == before
    case = desk.cases.not_accept(case.id, "户籍不在本村", "户籍所在地村便民服务站", clerk)
    assert case.state is CaseState.NOT_ACCEPTED and case.case_number is None
    assert outbox_types(desk, case.uuid) == ["case_not_accepted"]


def test_unknown_material_name_changes_nothing(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    before = snapshot(desk)
    with pytest.raises(InvalidInput, match="不在该事项的材料清单上"):
        desk.cases.receive_materials(case.id, ["结婚证"], clerk)
    assert snapshot(desk) == before


@pytest.mark.parametrize(("applicant", "message"), [
    (Applicant("张三", "110105194912310021"), "校验"),
    (Applicant("张三", "110105199902300024"), "出生日期"),
    (Applicant("", "11010519491231002X"), "姓名"),
    (Applicant("张\x00三", "11010519491231002X"), "不可见"),
    (Applicant("张三", "11010519491231002X", "1381234567"), "手机"),
])
def test_bad_applicant_data_is_refused(desk: Center, clerk: Actor, applicant: Applicant,
                                       message: str) -> None:
    before = snapshot(desk)
    with pytest.raises(InvalidInput, match=message):
        desk.cases.new(clerk, DIBAO, applicant)
    assert snapshot(desk) == before


def test_organisation_applicant_by_credit_code(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, "01-NY-001", Applicant("新港村股份经济合作社",
                                                         "91350200776049653A"))
    assert case.applicant_id_type.value == "credit_code"


def test_rare_name_round_trips(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, Applicant("𠮷乃", "11010519491231002X"))
    assert desk.cases.get(case.id).applicant_name == "𠮷乃"


def test_provisional_deadline_when_counting_into_a_year_without_data(
        desk: Center, clerk: Actor, clock: FixedClock) -> None:
    clock.set(shanghai(2026, 12, 24))
    case = desk.cases.new(clerk, "05-MZ-003", ZHANG)  # 10 working days
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.deadline is not None and case.deadline.year == 2027
    assert case.deadline_provisional


def test_unknown_time_limit_has_no_deadline(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, "20-YL-002", ZHANG)
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.deadline is None


def test_on_the_spot_item_decided_here_completes(desk: Center, clerk: Actor) -> None:
    desk.db.execute("UPDATE center SET level = 'township'")  # 就业登记 is decided by the township
    case = desk.cases.new(clerk, "20-RS-003", ZHANG)
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.state is CaseState.COMPLETED
    payload = json.loads(desk.db.scalar("SELECT payload FROM outbox WHERE type='case_accepted'"))
    assert payload["completed_on_the_spot"] is True


def test_tracking_lookup_needs_the_token_or_last_four(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.tracking_code and case.case_number
    status = desk.case_queries.lookup(case.tracking_code)
    assert status.item_name == "最低生活保障申请"
    assert status.applicant_masked == "张*丰"
    assert "11010519491231002X" not in repr(status)
    wrong = case.case_number + ("A" if case.tracking_code[-1] != "A" else "B") * 6
    with pytest.raises(NotFound, match="没有查到"):
        desk.case_queries.lookup(wrong)
    assert desk.case_queries.lookup(case.case_number, "002X").state is CaseState.ACCEPTED
    with pytest.raises(NotFound, match="没有查到"):
        desk.case_queries.lookup(case.case_number, "0021")


def test_a_case_number_is_locked_after_a_few_wrong_last_fours(desk: Center, clerk: Actor,
                                                              clock: FixedClock) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.case_number is not None
    for _ in range(LOOKUP_MISSES - 1):
        with pytest.raises(NotFound, match="没有查到"):
            desk.case_queries.lookup(case.case_number, "0021")
    assert desk.case_queries.lookup(case.case_number, "002X").state is CaseState.ACCEPTED
    for _ in range(LOOKUP_MISSES - 1):  # the right answer started the count over
        with pytest.raises(NotFound):
            desk.case_queries.lookup(case.case_number, "1234")
    with pytest.raises(PermissionDenied, match="请工作人员帮您查询"):
        desk.case_queries.lookup(case.case_number, "5678")
    # Locked now, even for the right last four, and even after a restart: it is in the books.
    reopened = desk.reopen()
    try:
        with pytest.raises(PermissionDenied, match="分钟后再试"):
            reopened.case_queries.lookup(case.case_number, "002X")
        assert case.tracking_code is not None  # the receipt's QR carries its own secret
        assert reopened.case_queries.lookup(case.tracking_code).item_name == "最低生活保障申请"
    finally:
        reopened.close()
    clock.advance(minutes=LOOKUP_LOCK_MINUTES + 1)
    assert desk.case_queries.lookup(case.case_number, "002X").state is CaseState.ACCEPTED


def test_clerk_search(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    other = desk.cases.new(clerk, DIBAO, Applicant("李四", valid_id("44052419900101001")))
    assert case.case_number is not None and case.tracking_code is not None
    assert [c.id for c in desk.case_queries.find(case.case_number)] == [case.id]
    assert [c.id for c in desk.case_queries.find(case.tracking_code)] == [case.id]
    assert [c.id for c in desk.case_queries.find("11010519491231002x")] == [case.id]
    assert [c.id for c in desk.case_queries.find("张三")] == [case.id]
    assert [c.id for c in desk.case_queries.find("李")] == [other.id]


def test_hub_feedback_supplement_stops_the_clock(desk: Center, clerk: Actor,
                                                 clock: FixedClock) -> None:
    case = desk.cases.new(clerk, "05-MZ-003", ZHANG)  # 临时救助, 10 working days
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.deadline == dt.date(2026, 12, 11)
    with desk.db.write():
        desk.cases.mark_submitted(case.uuid)
        desk.cases.apply_feedback(case.uuid, "hub_received", {"hub_case_number": "HUB-1"}, {})
        desk.cases.apply_feedback(case.uuid, "hub_supplement", {}, {"materials": ["收入证明"]})
    clock.set(shanghai(2026, 12, 3))  # Thursday: 4 working days stopped (11/30–12/3)
    case = desk.cases.supply(case.id, ["收入证明"], clerk)
    assert case.state is CaseState.RECEIVED
    assert case.deadline == dt.date(2026, 12, 17)
    assert outbox_types(desk, case.uuid) == ["case_accepted", "materials_supplied"]


def test_approval_ready_and_pickup(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    with desk.db.write():
        desk.cases.apply_feedback(case.uuid, "hub_approved", {"result": "同意纳入低保"}, {})
        desk.cases.apply_feedback(case.uuid, "hub_ready", {"pickup_place": "村便民服务站"}, {})
    case = desk.cases.pick_up(case.id, clerk)
    assert case.state is CaseState.COMPLETED and case.result == "同意纳入低保"
    assert outbox_types(desk, case.uuid)[-1] == "case_picked_up"
    actions = [e["action"] for e in desk.cases.timeline(case.id)]
    assert actions == ["new", "accept", "hub_approved", "hub_ready", "pick_up"]


def test_out_of_place_feedback_is_kept_but_changes_nothing(desk: Center, clerk: Actor) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    with desk.db.write():
        desk.cases.apply_feedback(case.uuid, "hub_approved", {"result": "x"}, {})
    assert desk.cases.get(case.id).state is CaseState.DRAFT
    assert desk.cases.timeline(case.id)[-1]["action"] == "hub_ignored"


def test_withdrawal_reports_only_what_was_reported(desk: Center, clerk: Actor) -> None:
    quiet = desk.cases.new(clerk, DIBAO, ZHANG)
    desk.cases.withdraw(quiet.id, "群众改变主意", clerk)
    assert outbox_types(desk, quiet.uuid) == []
    loud = desk.cases.new(clerk, DIBAO, ZHANG)
    full(desk, loud.id)
    loud = desk.cases.accept(loud.id, clerk)
    desk.cases.withdraw(loud.id, "群众申请撤回", clerk)
    assert outbox_types(desk, loud.uuid) == ["case_accepted", "case_withdrawn"]


def test_due_and_overdue(desk: Center, clerk: Actor, clock: FixedClock) -> None:
    case = desk.cases.new(clerk, "20-LL-001", ZHANG)  # 优待证, 5 working days → 12/04
    full(desk, case.id)
    case = desk.cases.accept(case.id, clerk)
    assert case.deadline == dt.date(2026, 12, 4)
    assert desk.case_queries.due(dt.date(2026, 12, 1)) == []
    levels = [e.level for e in desk.case_queries.due(dt.date(2026, 12, 3))]
    assert levels == [DueLevel.DUE_SOON]
    entry = desk.case_queries.due(dt.date(2026, 12, 7))[0]
    assert entry.level is DueLevel.OVERDUE and entry.working_days_left == -1


def test_prereview_bound_of_five_working_days(desk: Center, clerk: Actor,
                                              clock: FixedClock) -> None:
    case = desk.cases.new(clerk, DIBAO, ZHANG)
    desk.cases.receive_materials(case.id, ["户口簿（首页及本人页）"], clerk)
    assert desk.case_queries.due(dt.date(2026, 12, 4)) == []
    entry = desk.case_queries.due(dt.date(2026, 12, 7))[0]
    assert entry.level is DueLevel.PREREVIEW_OVERDUE


def test_kiosk_cannot_file_cases(desk: Center) -> None:
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        desk.cases.new(Actor.kiosk(), DIBAO, ZHANG)
