"""The small core queries the staff client added: the feedback bookmark, material receipt
times and a case's papers for its timeline, the newest cases by state."""

from __future__ import annotations

from core.actor import Actor
from core.cases import Applicant, CaseState
from core.center import Center
from core.clock import FixedClock
from core.feed import FeedEntry
from tests.helpers import valid_id


def test_feedback_after_a_bookmark_names_no_person(desk: Center, clock: FixedClock) -> None:
    actor = Actor(desk.staff.by_username("wang").id, "staff")
    case = desk.cases.new(actor, "20-YL-001", Applicant("钱多多", valid_id("33011019500101001")))
    desk.cases.receive_materials(case.id, [m.name for m in case.materials], actor)
    case = desk.cases.accept(case.id, actor)
    bookmark = desk.case_queries.last_feedback_id()
    assert desk.case_queries.feedback_after(bookmark) == []
    clock.advance(minutes=5)
    desk.feed.apply_page([FeedEntry(1, "case_received", case.uuid, {}),
                               FeedEntry(2, "ready_for_pickup", case.uuid, {"place": "1号窗口"})],
                              "c2")
    notes = desk.case_queries.feedback_after(bookmark)
    assert [(n.action, n.state) for n in notes] == [("hub_received", CaseState.RECEIVED),
                                                   ("hub_ready", CaseState.READY_FOR_PICKUP)]
    assert notes[0].case_number == case.case_number and notes[0].item_name == case.item.name
    assert "钱多多" not in repr(notes) and case.applicant_id_number not in repr(notes)
    assert desk.case_queries.feedback_after(notes[-1].event_id) == []
    assert desk.case_queries.recent((CaseState.READY_FOR_PICKUP,))[0].id == case.id
    assert desk.case_queries.recent((CaseState.DRAFT,)) == []


def test_material_receipts_and_papers_for_the_timeline(desk: Center, clock: FixedClock) -> None:
    actor = Actor(desk.staff.by_username("wang").id, "staff")
    case = desk.cases.new(actor, "05-MZ-001", Applicant("孙小美", valid_id("33011019600202002")))
    first, second = case.materials[0].name, case.materials[1].name
    desk.cases.receive_materials(case.id, [first], actor)
    clock.advance(minutes=3)
    desk.cases.receive_materials(case.id, [second], actor)
    times = desk.case_queries.material_receipts(case.id)
    assert [name for name, _at in times] == [first, second]
    assert (times[1][1] - times[0][1]).total_seconds() == 180
    desk.cases.issue_notice(case.id, actor)
    notice = desk.documents.notice(case.id, actor)
    desk.documents.mark_print_failed(notice.id, "缺纸", actor)
    (paper,) = desk.documents.papers_for_case(case.id)
    assert (paper.id, paper.kind.value, paper.print_failed, paper.printed_at) == (
        notice.id, "notice", True, None)
    assert paper.print_error == "缺纸" and paper.number == notice.number
