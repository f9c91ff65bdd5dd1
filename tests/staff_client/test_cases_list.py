"""The cases list: search by name, ID number, case number or tracking code; deadline
colours (yellow = one working day left, red = overdue); provisional deadlines marked;
names and ID numbers masked in the list, whole only in the case view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.cases import Applicant, Case
from core.center import Center
from core.clock import FixedClock
from tests.helpers import shanghai, valid_id
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import type_into
from ui_shared import theme


def accept(center: Center, clock: FixedClock, day: int, item: str, name: str,
           id_first17: str) -> Case:
    clock.set(shanghai(2026, 11, day, 10))
    actor = Actor(center.staff.by_username("wang").id, "staff")
    case = center.cases.new(actor, item, Applicant(name, valid_id(id_first17)))
    center.cases.receive_materials(case.id, [m.name for m in case.materials], actor)
    return center.cases.accept(case.id, actor)


def rows(window: object) -> dict[str, tuple[str, ...]]:
    model = window.cases.list.model  # type: ignore[attr-defined]
    return {r.cells[0]: r.cells for r in model.rows}


def background(window: object, row: int) -> object:
    model = window.cases.list.model  # type: ignore[attr-defined]
    brush = model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color()


def test_list_colours_marks_and_masks(qtbot: QtBot, desk: Center, clock: FixedClock,
                                      open_window: OpenWindow) -> None:
    late = accept(desk, clock, 23, "20-YL-001", "钱多多", "33011019500101001")  # due 11-26
    soon = accept(desk, clock, 25, "20-YL-001", "孙小美", "33011019600202002")  # due 11-30
    long = accept(desk, clock, 27, "07-MZ-002", "李大伯", "33011019400303003")  # into 2027
    clock.set(shanghai(2026, 11, 27, 15))
    window = open_window(desk)
    window.tabs.setCurrentWidget(window.cases)
    shown = rows(window)
    assert set(shown) == {late.case_number, soon.case_number, long.case_number}
    assert shown[late.case_number][6] == "超期1个工作日"
    assert shown[soon.case_number][6] == "剩1个工作日"
    assert shown[long.case_number][5].endswith("（暂定）")  # no official 2027 calendar yet
    assert shown[soon.case_number][2] == "孙*美"
    assert shown[soon.case_number][3] == "330110" + "*" * 8 + soon.applicant_id_number[-4:]
    order = [r.case_id for r in window.cases.list.model.rows]
    assert background(window, order.index(late.id)) == theme.DANGER_BG
    assert background(window, order.index(soon.id)) == theme.WARN_BG
    assert background(window, order.index(long.id)) is None

    window.cases.list.scope_box.setCurrentIndex(window.cases.list.scope_box.findData("overdue"))
    assert window.cases.list.case_ids() == [late.id]
    window.cases.list.scope_box.setCurrentIndex(
        window.cases.list.scope_box.findData("attention"))
    assert sorted(window.cases.list.case_ids()) == sorted([late.id, soon.id])


def test_search_by_name_id_number_and_tracking_code(qtbot: QtBot, desk: Center,
                                                    clock: FixedClock,
                                                    open_window: OpenWindow) -> None:
    one = accept(desk, clock, 27, "20-YL-001", "周建国", "33011019550505005")
    two = accept(desk, clock, 27, "20-YL-001", "周桂芳", "33011019560606006")
    window = open_window(desk)
    search = window.cases.list.search

    def find(text: str) -> list[int]:
        search.clear()
        type_into(qtbot, search, text)
        qtbot.keyClick(search, Qt.Key.Key_Return)
        return window.cases.list.case_ids()

    assert sorted(find("周")) == sorted([one.id, two.id])
    assert find(two.applicant_id_number) == [two.id]
    assert find(one.tracking_code or "") == [one.id]
    assert find(two.case_number or "") == [two.id]
    assert find(one.case_number[:-1] + "0" if not one.case_number.endswith("0")  # type: ignore[union-attr]
                else one.case_number[:-1] + "1") == []  # a mistyped check digit finds nothing

    window.tabs.setCurrentWidget(window.cases)
    assert find("周桂") == [two.id]
    table = window.cases.list.table
    cell = table.visualRect(window.cases.list.model.index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # open the selected case from the keyboard
    view = window.cases.view
    assert window.cases.stack.currentWidget() is view
    texts = [view.person.itemAt(r, view.person.ItemRole.FieldRole).widget().text()
             for r in range(view.person.rowCount())]
    assert two.applicant_id_number in texts  # the full number, only here
