"""The item picker finds items by their everyday names and says plainly when it finds
nothing, with what to try instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.center import Center
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import type_into


def shown_rows(window_picker: object) -> list[str]:
    results = window_picker.results  # type: ignore[attr-defined]
    return [results.item(n).text() for n in range(results.count())]


def test_everyday_names_find_the_item_and_say_why(qtbot: QtBot, desk: Center,
                                                  open_window: OpenWindow) -> None:
    picker = open_window(desk).intake.picker
    type_into(qtbot, picker.search, "低保")
    rows = shown_rows(picker)
    assert rows[0].startswith("最低生活保障申请（低保）")  # what found it, when not the name
    assert picker.nothing.isHidden()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.code == "05-MZ-001"


def test_nothing_found_is_said_with_a_hint(qtbot: QtBot, desk: Center,
                                           open_window: OpenWindow) -> None:
    picker = open_window(desk).intake.picker
    type_into(qtbot, picker.search, "残疾补助")
    assert shown_rows(picker) == []
    assert not picker.nothing.isHidden()
    words = picker.nothing.text()
    assert words.startswith("没有找到“残疾补助”")
    assert "常用叫法" in words and "困难残疾人生活补贴申请" in words
    picker.search.clear()
    type_into(qtbot, picker.search, "残疾证")
    assert picker.nothing.isHidden()
    assert shown_rows(picker)[0].startswith("残疾人证首次申领")
