"""The staff client fits every clerk PC: 1024×768, 1366×768 with a taskbar (a 700 px tall
window), 1920×1080, and a 1366×768 screen at 150 % scaling (910×470 logical pixels once
the taskbar and title bar are taken). No text is cut, nothing lies outside the window
except inside a scroll area, and the message bar and the intake's decisions are always
on screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from core.center import Center
from staff_client import look
from tests.helpers import TOP
from tests.staff_client.fit_pages import (
    build_center,
    check_all,
    fill_intake,
    main_window,
    visible_in_window,
)

SIZES = [QSize(1024, 768), QSize(1366, 700), QSize(1920, 1080)]
SCALED = "910x470"  # 1366×768 at 150 %: 910×512 logical, less the taskbar and title bar


def _name(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


@pytest.mark.parametrize("size", SIZES, ids=_name)
def test_every_main_page_fits(qtbot: QtBot, tmp_path: Path, size: QSize) -> None:
    found = check_all(tmp_path, size)
    assert not found, "\n".join(found)


@pytest.mark.slow
def test_every_main_page_fits_at_150_percent(tmp_path: Path) -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "tests.staff_client.fit_pages", SCALED],
                         cwd=TOP, env=env, capture_output=True, text=True, timeout=240,
                         check=False)
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    assert lines and lines[-1].endswith(": 0 problems"), run.stdout + run.stderr[-3000:]
    assert run.returncode == 0


@pytest.fixture
def busy_center(tmp_path: Path) -> Center:
    center = build_center(tmp_path / "center")
    yield center  # type: ignore[misc]
    center.close()


@pytest.mark.parametrize("size", [*SIZES, QSize(900, 470)], ids=_name)
def test_message_bar_and_decisions_always_on_screen(qtbot: QtBot, tmp_path: Path,
                                                    busy_center: Center, size: QSize) -> None:
    window = main_window(busy_center, size, tmp_path / "printed")
    qtbot.addWidget(window)
    assert window.size() == size, "the window must fit the screen it opens on"
    window.queue_actions.call_next()
    window.queue_actions.request_intake()
    fill_intake(window)
    page = window.intake
    assert window.size() == size, "a filled form must not make the window grow"
    for widget in (window.messages, page.hint, page.accept_button, page.notice_button,
                   page.reject_button):
        assert visible_in_window(widget), f"{type(widget).__name__} {widget.text()!r} is cut"
    window.messages.error("身份证号码校验位不对，请核对")
    assert visible_in_window(window.messages)
    window.close()
    window.session.runner.wait()


def test_a_window_larger_than_the_screen_opens_maximised(qtbot: QtBot, tmp_path: Path,
                                                         busy_center: Center) -> None:
    """The offscreen test screen is 800×800: the 1366×700 window must not open past it."""
    window = main_window(busy_center, QSize(1366, 700), tmp_path / "printed")
    qtbot.addWidget(window)
    window.hide()
    look.show_on_screen(window)
    screen = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: window.width() <= screen.width())
    assert window.isMaximized() and window.height() <= screen.height()
    assert visible_in_window(window.messages)
    window.close()
    window.session.runner.wait()
