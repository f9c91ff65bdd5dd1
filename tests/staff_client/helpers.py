"""Driving the staff client's widgets as a clerk does: typing, clicking, pressing keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from staff_client.intake.page import IntakePage
from staff_client.main_window import MainWindow
from tests.helpers import valid_id

LOW_INCOME = "05-MZ-001"  # 最低生活保障申请: 3 required materials and 1 optional
RESIDENT_ID = valid_id("33011019490615002")  # born 1949-06-15, female (even sequence)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; Chinese characters arrive as an input method commits them."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            commit = QInputMethodEvent()
            commit.setCommitString(char)
            QApplication.sendEvent(widget, commit)


def click_item(qtbot: QtBot, view: QListWidget, row: int) -> None:
    item = view.item(row)
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the check box's indicator, as a clerk does."""
    before = box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked() != before


def fill_intake(qtbot: QtBot, page: IntakePage, *, search: str = "zdsh", name: str = "张秀英",
                id_number: str = RESIDENT_ID, phone: str = "13812345678",
                ticked: int | None = None) -> None:
    """Pick the item through its pinyin initials, type the applicant, tick materials."""
    type_into(qtbot, page.picker.search, search)
    click_item(qtbot, page.picker.results, 0)
    type_into(qtbot, page.applicant.name, name)
    type_into(qtbot, page.applicant.id_number, id_number)
    type_into(qtbot, page.applicant.phone, phone)
    boxes = list(page.materials.boxes.values())
    for box in boxes[: len(boxes) if ticked is None else ticked]:
        tick(qtbot, box)


def printed_files(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}-*.pdf")) if folder.exists() else []


def current_number(window: MainWindow) -> str:
    return window.queue.number.text()
