"""不予受理 needs a reason and the competent office: the dialog refuses without them and
nothing is filed; with them, the case is closed and the notice printed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from core.cases import CaseState
from core.center import Center
from tests.pdfread import ReadBack
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import click, fill_intake, printed_files, type_into


def test_not_accepting_without_reason_or_office_is_refused(
        qtbot: QtBot, desk: Center, open_window: OpenWindow, print_dir: Path) -> None:
    window = open_window(desk)
    page = window.intake
    fill_intake(qtbot, page, ticked=0)
    click(qtbot, page.reject_button)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()

    click(qtbot, dialog.confirm)  # nothing written
    assert dialog.isVisible()
    assert "请填写理由和应去部门" in dialog.problem.text()
    type_into(qtbot, dialog.reason, "申请人家庭人均收入高于本地低保标准")
    click(qtbot, dialog.confirm)  # reason only: still refused
    assert dialog.isVisible()
    assert "应去部门" in dialog.problem.text()
    assert desk.case_queries.find("张秀英") == []  # nothing filed while refused

    dialog.office.setCurrentText("")
    type_into(qtbot, dialog.office.lineEdit(), "县民政局")
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        click(qtbot, dialog.confirm)
    assert not dialog.isVisible()
    (case,) = desk.case_queries.find("张秀英")
    assert case.state is CaseState.NOT_ACCEPTED
    assert (case.reason, case.competent_office) == ("申请人家庭人均收入高于本地低保标准",
                                                    "县民政局")
    (document,) = desk.documents.for_case(case.id)
    assert printed_files(print_dir, "rejection")[0].name.startswith(f"rejection-{document.id}-")
    text = ReadBack(desk.documents.pdf(document.id), print_dir / "rejection.pdf").flat()
    assert "不予受理" in text and "县民政局" in text and "高于本地低保标准" in text


def test_invalid_id_number_is_shown_red_and_blocks_filing(
        qtbot: QtBot, desk: Center, open_window: OpenWindow) -> None:
    window = open_window(desk)
    page = window.intake
    fill_intake(qtbot, page, id_number="330110194906150021")  # wrong check digit
    assert page.applicant.id_number.property("state") == "bad"
    assert page.applicant.id_status.text().startswith("✘")
    assert not page.accept_button.isEnabled()
    assert not page.notice_button.isEnabled()
    page.applicant.id_number.clear()
    type_into(qtbot, page.applicant.id_number, "33011019490615")
    assert "已输入14位" in page.applicant.id_status.text()
