"""A whole intake driven through the widgets: login, call the ticket, file the case on the
resident's behalf, accept it and print the receipt — checked in the books and on paper."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.audit import history
from core.cases import CaseState
from core.center import Center
from core.documents import tracking_payload
from core.settings import PUBLIC_STATUS_URL
from staff_client.app import StaffApp
from staff_client.main_window import MainWindow
from tests.helpers import ADMIN
from tests.pdfread import ReadBack
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import (
    RESIDENT_ID,
    click,
    current_number,
    fill_intake,
    printed_files,
    tick,
    type_into,
)


def log_in(qtbot: QtBot, center: Center, print_dir: Path, username: str,
           password: str) -> MainWindow:
    app = StaffApp(center, print_dir)
    app.start()
    login = app.login
    assert login is not None
    qtbot.addWidget(login)
    type_into(qtbot, login.username, username)
    qtbot.keyClick(login.username, Qt.Key.Key_Tab)
    type_into(qtbot, login.password, password)
    with qtbot.waitSignal(app.window_shown, timeout=5000) as shown:
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert app.window is window  # one press of Enter, one login, one window
    logins = [r for r in history(center.db, "staff", window.session.member.id)
              if r["action"] == "staff.login"]
    assert len(logins) == 1
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_intake_from_ticket_to_printed_receipt(qtbot: QtBot, desk: Center,
                                               print_dir: Path) -> None:
    desk.settings.set(PUBLIC_STATUS_URL.key, "https://zwfw.example.cn", ADMIN)
    ticket = desk.tickets.issue("A", "elderly")  # the kiosk's part
    window = log_in(qtbot, desk, print_dir, "wang", "wang-pass-1")
    click(qtbot, window.queue.call_button)
    assert current_number(window) == ticket.number
    click(qtbot, window.queue.intake_button)
    page = window.intake
    assert window.tabs.currentWidget() is page
    assert ticket.number in page.source.text()
    fill_intake(qtbot, page)
    assert "1949年6月15日出生 · 女" in page.applicant.id_status.text()
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        click(qtbot, page.accept_button)

    cases = desk.case_queries.find(RESIDENT_ID)
    assert len(cases) == 1
    case = cases[0]
    wang = desk.staff.by_username("wang").id
    assert case.state is CaseState.ACCEPTED
    assert case.ticket_id == ticket.id
    assert (case.agent_staff_id, case.agent_relation) == (wang, "村代办员")
    assert case.first_contact_staff_id == wang
    assert case.applicant_phone == "13812345678"
    assert all(m.received for m in case.materials)
    assert case.case_number is not None and case.tracking_code is not None
    assert desk.tickets.get(ticket.id).state.value == "serving"
    assert desk.drafts.slots(wang) == []  # the filed form's draft is gone

    # What went to the printer: the receipt's page, its QR holding the tracking code.
    (document,) = [d for d in desk.documents.for_case(case.id) if d.kind.value == "receipt"]
    (printed,) = printed_files(print_dir, "receipt")
    assert printed.name.startswith(f"receipt-{document.id}-")
    paper = ReadBack(printed.read_bytes(), print_dir / "printed-readback.pdf")
    assert paper.qr_codes() == [tracking_payload(case.tracking_code, "https://zwfw.example.cn")]
    # Its words, read from the archived PDF the printout was rasterised from.
    text = ReadBack(desk.documents.pdf(document.id), print_dir / "archived.pdf").flat()
    assert case.case_number in text
    assert "最低生活保障申请" in text
    assert "张*英" in text and "张秀英" not in text  # masked on paper
    assert case.case_number in page.last_filed.text()  # the clerk is told the number


def test_incomplete_materials_print_the_one_time_notice_and_resume_later(
        qtbot: QtBot, desk: Center, open_window: OpenWindow, print_dir: Path) -> None:
    window = open_window(desk)
    page = window.intake
    fill_intake(qtbot, page, ticked=1)
    assert not page.accept_button.isEnabled()  # required materials are missing
    assert "户口簿" in page.hint.text()
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        click(qtbot, page.notice_button)
    case = desk.case_queries.find("张秀英")[0]
    assert case.state is CaseState.NOTICE_ISSUED
    assert [m.name for m in case.materials if m.received] == [case.materials[0].name]
    (document,) = desk.documents.for_case(case.id)
    assert printed_files(print_dir, "notice")[0].name.startswith(f"notice-{document.id}-")
    notice = ReadBack(desk.documents.pdf(document.id), print_dir / "notice.pdf").flat()
    required_missing = [m.name for m in case.blocking]
    assert len(required_missing) == 2
    assert "尚缺材料（共2项）：" + "；".join(required_missing) in notice

    # The resident comes back with everything: find the case, continue, accept.
    window.open_case(case.id)
    click(qtbot, window.cases.view.buttons["resume"])
    assert page.case_id == case.id and not page.applicant.name.isEnabled()
    for box in list(page.materials.boxes.values())[1:3]:
        tick(qtbot, box)
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        click(qtbot, page.accept_button)
    assert desk.cases.get(case.id).state is CaseState.ACCEPTED
    assert len(desk.case_queries.find("张秀英")) == 1  # continued, not filed twice
