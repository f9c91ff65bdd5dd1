"""The intake at the keyboard, as a clerk (or an ID-card reader that types like one) works:
readiness follows every keystroke, Tab goes through the form in order and never out of it
to 退出登录, Enter opens a case found by search, and nothing typed is wiped without asking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.center import Center
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import LOW_INCOME, RESIDENT_ID, tick, type_into


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
