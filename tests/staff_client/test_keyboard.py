"""The intake at the keyboard, as a clerk (or an ID-card reader that types like one) works:
readiness follows every keystroke, Tab goes through the form in order and never out of it
to 退出登录, Enter opens a case found by search, and nothing typed is wiped without asking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMessageBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.cases import Agent, Applicant, Case, CaseState
from core.center import Center
from tests.pdfread import ReadBack
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import (
    LOW_INCOME,
    RESIDENT_ID,
    printed_files,
    tick,
    type_into,
)
from ui_shared.theme import contrast_ratio

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def test_readiness_follows_the_id_number_keystroke_by_keystroke(
        qtbot: QtBot, desk: Center, open_window: OpenWindow) -> None:
    """An ID-card reader types the number last: the 18th digit must make it ready."""
    window = open_window(desk)
    page = window.intake
    page.picker.select(LOW_INCOME)
    type_into(qtbot, page.applicant.name, "张秀英")
    for box in page.materials.boxes.values():
        tick(qtbot, box)
    page.applicant.id_number.setFocus()
    qtbot.keyClicks(page.applicant.id_number, RESIDENT_ID[:17])
    assert not page.accept_button.isEnabled()
    assert "17" in page.hint.text()
    qtbot.keyClicks(page.applicant.id_number, RESIDENT_ID[17:])
    assert page.applicant.id_number.property("state") == "good"
    assert page.accept_button.isEnabled()
    assert page.hint.text() == "必需材料已齐，可以受理"
    qtbot.keyClick(page.applicant.id_number, Qt.Key.Key_Backspace)
    assert not page.accept_button.isEnabled()
    assert "17" in page.hint.text()


def focus_walk(qtbot: QtBot, window: QWidget, start: QWidget, presses: int) -> list[QWidget]:
    """Press Tab ``presses`` times from ``start``; the widgets that had the focus."""
    start.setFocus()
    seen = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        seen.append(now)
    return seen


def test_tab_goes_through_the_intake_in_order_and_never_to_logout(
        qtbot: QtBot, desk: Center, open_window: OpenWindow) -> None:
    window = open_window(desk)
    page, form = window.intake, window.intake.applicant
    page.picker.select(LOW_INCOME)
    type_into(qtbot, form.name, "张秀英")
    type_into(qtbot, form.id_number, RESIDENT_ID)
    boxes = list(page.materials.boxes.values())
    walk = focus_walk(qtbot, window, page.picker.search, 80)
    expected = [page.picker.results, form.name, form.id_number, form.phone, form.address,
                form.agent_mode, form.relation, *boxes]
    assert walk[: len(expected)] == expected
    after_last = walk[len(expected)]
    assert after_last is page.notice_button  # the decisions come next (accept: not ready)
    logout = window.header.logout_button
    assert logout not in walk  # Space there would log the clerk out mid-intake
    boxes[-1].setFocus()
    qtbot.keyClick(boxes[-1], Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.isVisible()


def notice_case(center: Center) -> Case:
    wang = center.staff.by_username("wang").id
    actor = Actor(wang, "staff")
    case = center.cases.new(actor, LOW_INCOME, Applicant("赵大妈", RESIDENT_ID, "13900001111"),
                            agent=Agent("村代办员", staff_id=wang))
    center.cases.receive_materials(case.id, [case.materials[0].name], actor)
    return center.cases.issue_notice(case.id, actor)


def test_the_case_history_does_not_trap_tab(qtbot: QtBot, desk: Center,
                                            open_window: OpenWindow) -> None:
    case = notice_case(desk)
    window = open_window(desk)
    window.open_case(case.id)
    view = window.cases.view
    assert view.timeline.rowCount() >= 2
    walk = focus_walk(qtbot, window, view.timeline, 12)
    assert walk[0] is not view.timeline  # Tab leaves the table, cell by cell it does not
    resume = view.buttons["resume"]
    assert resume in walk
    resume.setFocus()
    qtbot.keyClick(resume, Qt.Key.Key_Space)
    assert window.tabs.currentWidget() is window.intake
    assert window.intake.case_id == case.id


def test_enter_in_the_case_search_opens_the_case(qtbot: QtBot, desk: Center,
                                                 open_window: OpenWindow) -> None:
    case = notice_case(desk)
    window = open_window(desk)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.cases.list.search
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, RESIDENT_ID)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.cases.stack.currentWidget() is window.cases.view
    assert window.cases.view.case is not None and window.cases.view.case.id == case.id


def test_enter_with_several_results_goes_to_the_list(qtbot: QtBot, desk: Center,
                                                     open_window: OpenWindow) -> None:
    first, second = notice_case(desk), notice_case(desk)
    window = open_window(desk)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.cases.list.search
    qtbot.keyClicks(search, RESIDENT_ID)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    table = window.cases.list.table
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    shown = window.cases.view.case
    assert shown is not None and shown.id in {first.id, second.id}


def test_clearing_the_form_asks_first(qtbot: QtBot, desk: Center,
                                      open_window: OpenWindow) -> None:
    window = open_window(desk)
    page = window.intake
    page.picker.select(LOW_INCOME)
    type_into(qtbot, page.applicant.name, "张秀英")
    page.clear_button.setFocus()
    qtbot.keyClick(page.clear_button, Qt.Key.Key_Space)
    question = page.question
    assert question is not None and question.isVisible()
    assert "清空" in question.text()
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # changed my mind
    assert page.applicant.name.text() == "张秀英" and page.picker.code == LOW_INCOME
    qtbot.keyClick(page.clear_button, Qt.Key.Key_Space)
    question = page.question
    assert question is not None
    yes = question.button(QMessageBox.StandardButton.Yes)
    yes.setFocus()
    qtbot.keyClick(yes, Qt.Key.Key_Space)
    assert page.applicant.name.text() == "" and page.picker.code == ""


def test_continuing_an_intake_keeps_who_files_it(qtbot: QtBot, desk: Center,
                                                 open_window: OpenWindow) -> None:
    case = notice_case(desk)  # filed by the clerk on the resident's behalf
    window = open_window(desk)
    window.resume_case(case.id)
    assert window.intake.applicant.agent_mode.currentText() == "窗口人员代办（我）"
    assert window.intake.applicant.relation.currentText() == "村代办员"


def test_placeholder_text_is_readable(qtbot: QtBot, desk: Center,
                                      open_window: OpenWindow) -> None:
    """What is drawn, not what is configured: the darkest pixel of the hint's letters."""
    window = open_window(desk)
    line = window.intake.applicant.name
    assert not line.text() and line.placeholderText()
    picture = line.grab().toImage()
    background = QColor(picture.pixel(3, picture.height() // 2))
    darkest = min((QColor(picture.pixel(x, y)) for x in range(picture.width())
                   for y in range(4, picture.height() - 4)), key=lambda c: c.lightness())
    ratio = contrast_ratio(darkest, background)
    assert ratio >= 4.5, f"{darkest.name()} on {background.name()} is {ratio:.2f}:1"


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> QWidget:
    """One key on whatever has the focus, as a keyboard sends it; the new focus widget."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)
    now = QApplication.focusWidget()
    assert now is not None
    return now


def typed(text: str) -> QWidget:
    """Type ``text`` into the focus widget key by key (Chinese as the keyboard's input
    method hands each character over: a key event carrying it)."""
    focused = QApplication.focusWidget()
    assert focused is not None
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, focused, Qt.Key.Key_unknown, char,
                           NO_MODIFIER)
    return focused


def test_a_case_filed_from_an_empty_form_to_the_receipt_by_keyboard_alone(
        qtbot: QtBot, desk: Center, open_window: OpenWindow, print_dir: Path) -> None:
    window = open_window(desk)
    page, form = window.intake, window.intake.applicant
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    assert QApplication.focusWidget() is page.picker.search  # ready to type the item
    typed("zdsh")
    press(qtbot, Qt.Key.Key_Return)  # the first match is chosen
    assert page.picker.code == LOW_INCOME
    assert press(qtbot, Qt.Key.Key_Tab) is page.picker.results
    assert press(qtbot, Qt.Key.Key_Tab) is form.name
    typed("张秀英")
    assert press(qtbot, Qt.Key.Key_Tab) is form.id_number
    typed(RESIDENT_ID)
    assert press(qtbot, Qt.Key.Key_Tab) is form.phone
    typed("13812345678")
    assert press(qtbot, Qt.Key.Key_Tab) is form.address
    typed("新港村3组")
    assert press(qtbot, Qt.Key.Key_Tab) is form.agent_mode
    assert press(qtbot, Qt.Key.Key_Tab) is form.relation
    boxes = list(page.materials.boxes.values())
    for box in boxes:
        assert press(qtbot, Qt.Key.Key_Tab) is box
        if box.accessibleName() != "残疾人证、疾病诊断等特殊情况证明":  # 视情况: not today
            press(qtbot, Qt.Key.Key_Space)
    assert page.hint.text() == "必需材料已齐，可以受理"
    assert press(qtbot, Qt.Key.Key_Tab) is page.accept_button
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        press(qtbot, Qt.Key.Key_Space)

    (case,) = desk.case_queries.find(RESIDENT_ID)
    assert case.state is CaseState.ACCEPTED
    assert (case.applicant_name, case.applicant_phone) == ("张秀英", "13812345678")
    assert case.applicant_address == "新港村3组"
    assert case.agent_staff_id == desk.staff.by_username("wang").id
    assert [m.name for m in case.materials if not m.received] == [
        "残疾人证、疾病诊断等特殊情况证明"]
    (receipt,) = [d for d in desk.documents.for_case(case.id) if d.kind.value == "receipt"]
    assert printed_files(print_dir, "receipt")[0].name.startswith(f"receipt-{receipt.id}-")
    text = ReadBack(desk.documents.pdf(receipt.id), print_dir / "receipt.pdf").flat()
    assert case.case_number is not None and case.case_number in text
    assert case.case_number in page.last_filed.text()


def test_no_read_only_table_traps_tab(qtbot: QtBot, desk: Center,
                                      open_window: OpenWindow) -> None:
    """Every list of rows the clerk only reads lets Tab go on (arrows move inside)."""
    window = open_window(desk, "zhang")
    tables = window.findChildren(QAbstractItemView)
    read_only = [t for t in tables if isinstance(t, QTableView)
                 and t.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers]
    assert len(read_only) >= 5  # cases, history, sync, the supervisor's lists
    assert [t for t in read_only if t.tabKeyNavigation()] == []
