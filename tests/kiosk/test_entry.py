"""Starting the kiosk: the self-test as a real subprocess, the refusal on a center that is
not set up, and the command line."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from core.center import Center
from kiosk.__main__ import build_parser, parse_size
from kiosk.board import BoardWindow
from kiosk.launch import _window
from kiosk.setup_screen import SetupNeededWindow, setup_problem
from tests.helpers import ADMIN, TOP
from tests.kiosk.drive import all_text
from ui_shared.tasks import TaskRunner


def test_self_test_passes_in_a_subprocess() -> None:
    done = subprocess.run([sys.executable, "-m", "kiosk", "--self-test"], cwd=TOP,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓ 打印号票到文件" in done.stdout and "自检通过" in done.stdout
    assert "✗" not in done.stdout


def args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def test_an_unconfigured_center_gets_a_message_for_staff(qtbot: QtBot,
                                                        bare_center: Center) -> None:
    assert setup_problem(bare_center) == "本服务站还没有完成首次设置。"
    runner = TaskRunner(bare_center.data_dir.root)
    window = _window(args("--windowed"), bare_center, runner, QSize(1366, 768))
    qtbot.addWidget(window)
    assert isinstance(window, SetupNeededWindow)
    assert "工作人员端" in all_text(window) and "首次设置" in all_text(window)


def test_a_center_without_groups_cannot_take_tickets(qtbot: QtBot, center: Center) -> None:
    for group in center.groups.all():
        center.groups.update(ADMIN, group.id, active=False)
    assert setup_problem(center) == "本服务站还没有设置业务分组（取号的类别）。"
    assert setup_problem(center, board=True) is None  # the board needs only windows


def test_the_board_starts_locked_and_gets_its_voice_after_the_first_frame(
        qtbot: QtBot, desk: Center, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    runner = TaskRunner(desk.data_dir.root, desk.clock)
    board = _window(args("--board", "--voice", "mock"), desk, runner, QSize(1920, 1080))
    assert isinstance(board, BoardWindow) and board.locked
    assert board.announcer.voice is None
    qtbot.waitUntil(lambda: board.announcer.voice is not None, timeout=5000)
    assert sys.excepthook is not sys.__excepthook__  # crashes are caught and logged
    board.locked = False
    board.close()
    assert args("--print-to-dir", "/tmp/x").print_to_dir is not None
    assert parse_size("1920x1080") == (1920, 1080) and parse_size("") == (1366, 768)

