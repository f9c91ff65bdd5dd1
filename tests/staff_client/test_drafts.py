"""The intake form is kept as it is typed: closing the window, or a crash that never closes
it, loses nothing — the next window (a new process's connection) shows it again."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.center import Center, open_center
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import RESIDENT_ID, click_item, tick, type_into


def test_draft_survives_closing_and_reopening(qtbot: QtBot, desk: Center,
                                              open_window: OpenWindow) -> None:
    window = open_window(desk)
    page = window.intake
    type_into(qtbot, page.picker.search, "05-MZ")
    click_item(qtbot, page.picker.results, 0)
    type_into(qtbot, page.applicant.name, "李桂兰")
    type_into(qtbot, page.applicant.id_number, RESIDENT_ID)
    tick(qtbot, list(page.materials.boxes.values())[1])
    window.close()

    again = open_window(desk).intake
    assert again.applicant.name.text() == "李桂兰"
    assert again.applicant.id_number.text() == RESIDENT_ID
    assert again.applicant.id_ok
    assert again.picker.code == "05-MZ-001"
    assert again.materials.received() == [list(again.materials.boxes)[1]]


def test_draft_survives_a_crash(qtbot: QtBot, desk: Center, open_window: OpenWindow) -> None:
    wang = desk.staff.by_username("wang").id
    ticket = desk.tickets.issue("B")
    window = open_window(desk)
    window.queue_actions.call_next()
    window.queue_actions.request_intake()
    page = window.intake
    type_into(qtbot, page.applicant.name, "王德福")
    type_into(qtbot, page.applicant.phone, "139")
    # No close, no flush: only what the form saved on its own while typing.
    qtbot.waitUntil(lambda: (desk.drafts.load(wang, f"ticket-{ticket.id}") or {})
                    .get("applicant", {}).get("phone") == "139", timeout=5000)
    window.watcher.stop()
    window.hide()  # the "crash": the window is gone without closeEvent

    with open_center(desk.data_dir.root, clock=desk.clock) as fresh:
        second = open_window(fresh)
        page = second.intake
        assert page.ticket_id == ticket.id
        assert ticket.number in page.source.text()
        assert page.applicant.name.text() == "王德福"
        assert page.applicant.phone.text() == "139"
        second.close()
