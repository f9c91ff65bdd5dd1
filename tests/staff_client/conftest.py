"""Fixtures for the staff client's GUI tests: a logged-in main window on the test center.

Windows are shown (keyboard shortcuts need an active window) on the offscreen platform,
and printing goes to a folder of PDFs that the tests read back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.center import Center
from staff_client import look
from staff_client.main_window import MainWindow
from staff_client.session import Session
from ui_shared.tasks import TaskRunner


@pytest.fixture(autouse=True)
def styled(qapp: object) -> None:
    look.apply(qapp)  # type: ignore[arg-type]


@pytest.fixture
def print_dir(tmp_path: Path) -> Path:
    return tmp_path / "printed"


OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, print_dir: Path) -> Iterator[OpenWindow]:
    """Log ``username`` in at ``window`` on ``center`` and show the main window."""
    opened: list[MainWindow] = []

    def open_it(center: Center, username: str = "wang", window: int = 1,
                watch_ms: int = 50) -> MainWindow:
        runner = TaskRunner(center.data_dir.root, center.clock)
        session = Session(center, center.staff.by_username(username), window, runner,
                          print_dir)
        main = MainWindow(session, watch_interval_ms=watch_ms)
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        with qtbot.waitActive(main):
            main.activateWindow()
        opened.append(main)
        return main

    yield open_it
    for main in opened:
        main.session.runner.wait()
