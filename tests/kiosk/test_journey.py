"""The kiosk journey walked end to end with only ``core``: no screen, no Qt."""

from __future__ import annotations

import pytest

from core.center import Center
from core.flows import Journey, Step
from core.flows.kiosk_journey import HOME_GROUP_LIMIT, STEPS, read_scan
from core.flows.kiosk_words import notice_reading, notice_sections
from core.queue import TicketPriority
from core.ratings import RatingLevel
from tests.helpers import ADMIN
from tests.kiosk.kit import DIBAO, accepted_case, served_ticket, ticket_qr


@pytest.fixture
def journey(desk: Center) -> Journey:
    return Journey(desk)


def test_a_ticket_in_two_taps_and_back_leads_home(journey: Journey, desk: Center) -> None:
    assert [o.value for o in journey.options()][:2] == ["group:A", "group:B"]
    assert journey.choose("group:A") is Step.PRIORITY
    assert journey.options()[0].value == "normal"
    assert journey.choose("normal") is Step.TICKET
    ticket = journey.visit.ticket
    assert ticket is not None and ticket.number == "A001" and ticket.priority is None
    assert journey.taps == 2
    assert [t.number for t in desk.tickets.waiting()] == ["A001"]
    said = journey.prompt().spoken
    assert "A零零一" in said and "前面没有人等候" in said
    # The errand is done: "back" must not lead to a second ticket.
    assert journey.back() is Step.HOME
    assert journey.visit.ticket is None and journey.taps == 0


def test_priority_ticket_and_people_ahead(journey: Journey, desk: Center) -> None:
    desk.tickets.issue("B", "elderly")
    journey.choose("group:B")
    journey.choose("elderly")
    ticket = journey.visit.ticket
    assert ticket is not None and ticket.priority is TicketPriority.ELDERLY
    assert ticket.waiting_ahead == 1
    assert "前面还有一人等候" in journey.prompt().spoken


def test_two_people_ahead_are_said_with_liang(journey: Journey, desk: Center) -> None:
    desk.tickets.issue("A")
    desk.tickets.issue("A")
    journey.choose("group:A")
    journey.choose("normal")
    said = journey.prompt().spoken
    assert "前面还有两人等候" in said and "二人" not in said


def test_one_tap_when_the_priority_question_is_switched_off(journey: Journey,
                                                           desk: Center) -> None:
    desk.settings.set("kiosk.ask_priority", False, ADMIN)
    assert journey.choose("group:B") is Step.TICKET
    assert journey.taps == 1


def test_many_groups_still_three_taps(journey: Journey, desk: Center) -> None:
    for prefix in "CDE"[: HOME_GROUP_LIMIT - 1]:
        desk.groups.add(ADMIN, prefix, f"业务{prefix}")
    values = [o.value for o in journey.options()]
    assert "take" in values and not any(v.startswith("group:") for v in values)
    journey.choose("take")
    assert journey.step is Step.CHOOSE_GROUP
    journey.choose("group:E")
    journey.choose("pregnant")
    assert journey.step is Step.TICKET and journey.taps == 3
    assert journey.visit.ticket is not None and journey.visit.ticket.number == "E001"


def test_print_outcome_changes_what_is_said(journey: Journey) -> None:
    journey.choose("group:A")
    journey.choose("normal")
    ticket = journey.visit.ticket
    assert ticket is not None
    assert "正在打印" in journey.prompt().spoken
    assert not journey.printed(ticket.id + 99, ok=False)  # another ticket's printout
    assert journey.printed(ticket.id, ok=False)
    said = journey.prompt().spoken
    assert "没有打印出来" in said and "不会丢" in said and "补打" in said
    journey.home()
    assert not journey.printed(ticket.id, ok=True)  # the villager has gone


def test_guide_group_item_notice_and_back(journey: Journey, desk: Center) -> None:
    journey.choose("guide")
    groups = [o.value for o in journey.options()]
    assert groups == ["group:A", "group:B", "group:*"]  # C/D items have no tile here
    journey.choose("group:B")
    assert journey.step is Step.GUIDE_ITEM
    assert DIBAO in [o.value for o in journey.options()]
    journey.choose(DIBAO)
    assert journey.step is Step.NOTICE
    assert journey.prompt().shown == "最低生活保障申请"
    item = journey.item()
    reading = notice_reading(item)
    assert reading.startswith("办理最低生活保障申请，请带好以下材料：第一，")
    assert item.materials[0].name in reading
    sections = notice_sections(item, "村委会一楼", "工作日")
    assert sections[0][0] == "要带的材料" and len(sections[0][1]) == len(item.materials)
    assert journey.back() is Step.GUIDE_ITEM
    assert journey.back() is Step.GUIDE_GROUP
    journey.choose("group:*")
    assert "20-LL-001" in [o.value for o in journey.options()]  # 老年人优待证 (group C)


def test_progress_by_case_number_and_last_four(journey: Journey, desk: Center) -> None:
    case = accepted_case(desk)
    assert case.case_number is not None
    journey.choose("progress")
    journey.choose("type")
    assert journey.step is Step.CASE_NUMBER
    journey.choose(case.case_number[:-1] + ("0" if case.case_number[-1] != "0" else "1"))
    assert journey.step is Step.CASE_NUMBER and journey.error and "校验位" in journey.error
    journey.choose(case.case_number)
    assert journey.step is Step.ID_LAST4
    journey.choose("0021")
    assert journey.step is Step.ID_LAST4 and journey.error and "没有查到" in journey.error
    journey.choose("002x")
    assert journey.step is Step.RESULT and journey.error is None
    prompt = journey.prompt()
    assert prompt.shown == "最低生活保障申请：已受理，正在送交上级部门"
    assert "正在送交上级部门" in prompt.spoken and "承诺在" in prompt.spoken
    journey.home()
    assert journey.visit.status is None and journey.visit.case_number == ""


def test_scanning_a_receipt_from_home_shows_progress(journey: Journey, desk: Center) -> None:
    case = accepted_case(desk)
    assert case.tracking_code is not None
    token = case.tracking_code[-6:]
    wrong = case.tracking_code[:-6] + ("A" if token != "AAAAAA" else "B") * 6
    assert journey.scan(wrong) is Step.HOME and journey.error and "没有查到" in journey.error
    assert journey.scan(f"https://zwfw.example.gov.cn/t/{case.tracking_code}") is Step.RESULT
    assert journey.visit.status is not None
    assert journey.visit.status.applicant_masked == "张*丰"
    assert journey.back() is Step.HOME


def test_a_ticket_qr_is_not_a_receipt(journey: Journey, desk: Center) -> None:
    ticket = desk.tickets.issue("A")
    journey.choose("progress")
    journey.scan(ticket_qr(desk, ticket))
    assert journey.step is Step.PROGRESS and journey.error and "不是受理回执" in journey.error
    journey.scan("hello")
    assert journey.error and "没有认出" in journey.error
    assert read_scan("BMT:330110101001:20261127:A001") is not None


def test_rating_a_visit_by_its_own_tickets_qr_only(journey: Journey, desk: Center) -> None:
    served = served_ticket(desk)
    journey.choose("rate")
    assert journey.options() == []  # no list of other people's finished numbers
    assert "二维码" in journey.prompt().spoken
    journey.scan(ticket_qr(desk, served))
    assert journey.step is Step.RATE_FACES
    assert [o.label for o in journey.options()] == [lv.label for lv in RatingLevel]
    journey.choose("satisfied")
    assert journey.step is Step.THANKS
    assert desk.ratings.follow_ups() == []


def test_a_poor_rating_needs_a_reason(journey: Journey, desk: Center) -> None:
    served = served_ticket(desk)
    journey.scan(ticket_qr(desk, served))
    assert journey.step is Step.RATE_FACES
    journey.choose("very_dissatisfied")
    assert journey.step is Step.RATE_REASON
    journey.choose(())
    assert journey.step is Step.RATE_REASON and journey.error == "请至少点选一个原因，再点提交评价"
    assert desk.db.scalar("SELECT count(*) FROM rating") == 0
    journey.choose(("等候时间太长", "不是一个原因"))
    assert journey.step is Step.THANKS and "站长会查看" in journey.prompt().spoken
    [follow_up] = desk.ratings.follow_ups()
    assert follow_up.reasons == ("等候时间太长",)
    # The same ticket again: refused at the scan, before any face is shown.
    journey.home()
    journey.scan(ticket_qr(desk, served))
    assert journey.step is Step.HOME and journey.error == "这次办事已经评价过了，谢谢您"


def test_rating_a_case_by_its_receipt(journey: Journey, desk: Center) -> None:
    case = accepted_case(desk)
    assert case.tracking_code is not None
    journey.choose("rate")
    journey.scan(case.tracking_code)
    assert journey.step is Step.RATE_FACES
    assert journey.visit.target is not None and journey.visit.target.case_id == case.id
    journey.choose("very_satisfied")
    assert desk.db.scalar("SELECT level FROM rating WHERE case_id = ?", (case.id,)) \
        == "very_satisfied"


def test_waiting_ticket_cannot_be_rated(journey: Journey, desk: Center) -> None:
    ticket = desk.tickets.issue("A")
    journey.scan(ticket_qr(desk, ticket))
    assert journey.step is Step.HOME and journey.error and "还没有办理" in journey.error


def test_help_alerts_staff_once_and_returns(journey: Journey, desk: Center) -> None:
    journey.choose("guide")
    assert journey.help() is Step.HELP
    journey.help()
    assert [r.place for r in desk.help.open()] == ["大厅自助机"]
    assert journey.back() is Step.GUIDE_GROUP


def test_every_step_speaks_and_every_step_but_home_goes_back(journey: Journey,
                                                             desk: Center) -> None:
    served = served_ticket(desk)
    case = accepted_case(desk)
    assert case.case_number is not None
    walks: list[list[str | tuple[str, ...]]] = [
        ["group:A", "normal"], ["guide", "group:B", DIBAO],
        ["progress", "type", case.case_number, "002X", "again"],
        ["rate", ticket_qr(desk, served), "dissatisfied", ("收费问题",)],
    ]
    seen = {Step.HOME}
    for walk in walks:
        journey.home()
        for value in walk:
            prompt = journey.prompt()
            assert prompt.shown and prompt.spoken
            if isinstance(value, str) and value.startswith("BMT:"):
                journey.scan(value)  # a ticket's QR, held to the scanner
            else:
                journey.choose(value)
            assert journey.error is None, (journey.step, journey.error)
            seen.add(journey.step)
            assert journey.can_go_back
    journey.help()
    seen.add(journey.step)
    assert journey.prompt().spoken
    assert seen == set(STEPS) - {Step.CHOOSE_GROUP}  # reached only with many groups
