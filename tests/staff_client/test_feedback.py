"""What comes back: the county's decisions appear as a banner without a refresh, the case
view shows them in its timeline, and the window hands over the result (取件) or records the
supplied materials. A villager's call for help at the kiosk is impossible to miss."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.cases import Agent, Applicant, Case, CaseState
from core.center import Center
from core.feed import FeedEntry
from tests.pdfread import ReadBack
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import RESIDENT_ID, click, printed_files, type_into


def accepted_case(center: Center) -> Case:
    wang = center.staff.by_username("wang").id
    actor = Actor(wang, "staff")
    case = center.cases.new(actor, "05-MZ-001", Applicant("赵大妈", RESIDENT_ID, "13900001111"),
                            agent=Agent("村代办员", staff_id=wang))
    center.cases.receive_materials(case.id, [m.name for m in case.blocking], actor)
    return center.cases.accept(case.id, actor)


def feed(center: Center, seq: int, kind: str, case: Case, payload: dict[str, object]) -> None:
    """The sync engine applying one page of the county's feed, in another connection."""
    other = center.reopen()
    try:
        other.feed.apply_page([FeedEntry(seq, kind, case.uuid, payload)], f"cursor-{seq}")
    finally:
        other.close()


def test_feedback_banner_then_pickup(qtbot: QtBot, desk: Center, open_window: OpenWindow,
                                     print_dir: Path) -> None:
    case = accepted_case(desk)
    window = open_window(desk)
    assert window.alerts.feedback.isHidden()
    feed(desk, 1, "case_received", case, {"hub_case_number": "XJ2026-0815"})
    feed(desk, 2, "case_approved", case, {"result": "准予享受最低生活保障"})
    feed(desk, 3, "ready_for_pickup", case, {"place": "村便民服务站1号窗口"})
    qtbot.waitUntil(lambda: "可以通知群众领取" in window.alerts.feedback.text.text(),
                    timeout=5000)
    assert case.case_number in window.alerts.feedback.text.text()
    assert len(window.alerts.notes) == 3

    click(qtbot, window.alerts.feedback_button)
    view = window.cases.view
    assert window.tabs.currentWidget() is window.cases and view.case is not None
    steps = [view.timeline.item(r, 1).text() for r in range(view.timeline.rowCount())]
    upstream = [s for s in steps if s.startswith(("县级", "结果"))]
    assert upstream == ["县级已接收", "县级已批准", "结果已到，可以领取"]
    assert "赵大妈" in view.person.itemAt(0, view.person.ItemRole.FieldRole).widget().text()

    click(qtbot, view.buttons["pickup"])
    dialog = view.dialog
    assert dialog is not None
    dialog.by.setCurrentText("")  # type: ignore[attr-defined]
    type_into(qtbot, dialog.by.lineEdit(), "代领人：赵小军")  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        click(qtbot, dialog.confirm)  # type: ignore[attr-defined]
    assert desk.cases.get(case.id).state is CaseState.COMPLETED
    (slip,) = [d for d in desk.documents.for_case(case.id) if d.kind.value == "pickup"]
    assert printed_files(print_dir, "pickup")[0].name.startswith(f"pickup-{slip.id}-")
    text = ReadBack(desk.documents.pdf(slip.id), print_dir / "pickup.pdf").flat()
    assert case.case_number in text and "准予享受最低生活保障" in text


def test_supplement_request_is_printed_and_supplied(qtbot: QtBot, desk: Center,
                                                    open_window: OpenWindow,
                                                    print_dir: Path) -> None:
    case = accepted_case(desk)
    feed(desk, 1, "supplement_requested", case,
         {"materials": ["近三个月银行流水"], "reason": "家庭收入需核实"})
    window = open_window(desk)
    assert "1 件县级反馈等待窗口处理" in window.alerts.feedback.text.text()
    click(qtbot, window.alerts.feedback_button)  # no new note yet: the list of what waits
    assert window.cases.list.case_ids() == [case.id]
    window.open_case(case.id)
    view = window.cases.view
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        click(qtbot, view.buttons["supplement_notice"])
    (notice,) = [d for d in desk.documents.for_case(case.id) if d.kind.value == "supplement"]
    assert "近三个月银行流水" in ReadBack(desk.documents.pdf(notice.id),
                                         print_dir / "supplement.pdf").flat()
    click(qtbot, view.buttons["supply"])
    click(qtbot, view.dialog.confirm)  # type: ignore[union-attr]
    assert desk.cases.get(case.id).state is CaseState.RECEIVED
    assert "群众补交材料" in [view.timeline.item(r, 1).text()
                            for r in range(view.timeline.rowCount())]


def test_kiosk_help_request_is_shown_until_answered(qtbot: QtBot, desk: Center,
                                                    open_window: OpenWindow) -> None:
    window = open_window(desk)
    assert window.alerts.help.isHidden()
    other = desk.reopen()
    other.help.ask("自助服务机")
    other.close()
    qtbot.waitUntil(lambda: window.alerts.help.isVisible(), timeout=5000)
    assert "自助服务机有群众请求工作人员帮忙" in window.alerts.help.text.text()
    click(qtbot, window.alerts.help_button)
    assert window.alerts.help.isHidden() and desk.help.open() == []
