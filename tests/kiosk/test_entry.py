"""Starting the kiosk: the self-test as a real subprocess, the refusal on a center that is
not set up, and the command line."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
from pathlib import Path

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
from tests.speechlab import SpeechLab
from ui_shared.tasks import TaskRunner


def self_test(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "--self-test"], cwd=TOP,
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                               "XDG_RUNTIME_DIR": str(tmp_path), **env})


def test_self_test_passes_in_a_subprocess_and_says_the_voice_speaks(
        tmp_path: Path, speech_lab: SpeechLab) -> None:
    done = self_test(tmp_path, **speech_lab.env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓ 打印号票到文件" in done.stdout and "自检通过" in done.stdout
    assert "✓ 叫号播报：普通话语音 Chinese (Mandarin, latin as Pinyin)（speechd）" in done.stdout
    assert "✗" not in done.stdout


def test_self_test_says_plainly_when_no_voice_can_speak(tmp_path: Path) -> None:
    # speech-dispatcher is not running at this address (and is not started for it).
    done = self_test(tmp_path, SPEECHD_ADDRESS=f"unix_socket:{tmp_path / 'nobody.sock'}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓ 叫号播报" not in done.stdout and "✓ 取号" in done.stdout
    assert "！ 叫号播报：没有能读汉字的普通话语音" in done.stdout
    assert "只响提示音" in done.stdout and "espeak-ng" in done.stdout
    assert done.stdout.strip().endswith("自检通过，但叫号没有语音（见上）")


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
    qtbot.addWidget(board)  # deleted at teardown, not by a garbage collection in some thread
    assert isinstance(board, BoardWindow) and board.locked
    assert board.announcer.voice is None
    qtbot.waitUntil(lambda: board.announcer.voice is not None, timeout=5000)
    assert sys.excepthook is not sys.__excepthook__  # crashes are caught and logged
    board.locked = False
    board.close()
    assert args("--print-to-dir", "/tmp/x").print_to_dir is not None
    assert parse_size("1920x1080") == (1920, 1080) and parse_size("") == (1366, 768)



def test_window_mode_from_the_command_line(qtbot: QtBot, desk: Center) -> None:
    from kiosk.app import KioskWindow

    runner = TaskRunner(desk.data_dir.root, desk.clock)
    device = _window(args("--window", "2", "--windowed", "--voice", "mock"), desk, runner,
                     QSize(1024, 768))
    qtbot.addWidget(device)
    assert isinstance(device, KioskWindow) and device.window_number == 2
    missing = _window(args("--window", "9", "--windowed"), desk, runner, QSize(1024, 768))
    qtbot.addWidget(missing)
    assert isinstance(missing, SetupNeededWindow) and "没有9号窗口" in all_text(missing)
    with pytest.raises(SystemExit):
        args("--board", "--window", "2")  # one role at a time
