"""The kiosk and the board on a database that failed its start-up check (issue 12,
finding 3): a message for staff with what to do, nothing a villager could press."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from core.center import Center, open_center
from core.clock import FixedClock
from kiosk.__main__ import build_parser
from kiosk.launch import _window
from kiosk.setup_screen import SetupNeededWindow
from tests.books import corrupt_page, digest
from tests.helpers import ADMIN
from tests.kiosk.drive import all_text
from ui_shared.tasks import TaskRunner


def args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


@pytest.mark.parametrize("board", [False, True], ids=["kiosk", "board"])
def test_a_damaged_store_shows_staff_what_to_do_and_takes_no_ticket(
        qtbot: QtBot, desk: Center, clock: FixedClock, board: bool) -> None:
    backup = desk.backups.create(ADMIN)
    root = desk.data_dir.root
    desk.close()
    corrupt_page(root / "center.sqlite3", "case_file")
    before = digest(root / "center.sqlite3")
    with open_center(root, clock=clock) as damaged:
        runner = TaskRunner(root, clock)
        argv = ("--windowed", "--board", "--voice", "mock") if board else ("--windowed",)
        window = _window(args(*argv), damaged, runner, QSize(1366, 768))
        qtbot.addWidget(window)
        assert isinstance(window, SetupNeededWindow)
        text = all_text(window)
        assert "数据库文件已损坏" in text and f"bianmin restore {backup}" in text
        assert "从备份恢复" in text and "首次设置" not in text
        window.close()
        runner.wait()
    assert digest(root / "center.sqlite3") == before
