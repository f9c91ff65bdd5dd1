"""Kiosk fixtures: a real kiosk window on a real center, printing to files, a mock voice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.center import Center

# The kiosk does this at start-up (a PySide6 6.12 / CPython 3.11 reference-count bug would
# otherwise abort a long session); the tests run the same way.


@pytest.fixture
def prints(tmp_path: Path) -> Path:
    return tmp_path / "prints"


@pytest.fixture
def make_kiosk(qtbot: QtBot, desk: Center, prints: Path) -> Iterator[Callable[..., object]]:
    """Build a locked kiosk window; ``printer`` names a system printer instead of files."""
    from PySide6.QtCore import QSize

    from kiosk.app import KioskWindow
    from kiosk.printer import KioskPrinter
    from ui_shared.tasks import TaskRunner
    from ui_shared.voice import Voice

    made: list[tuple[KioskWindow, TaskRunner]] = []

    def make(size: tuple[int, int] = (1920, 1080), printer: str | None = None,
             center: Center = desk, voice: str = "mock") -> KioskWindow:
        runner = TaskRunner(center.data_dir.root, center.clock)
        chosen = KioskPrinter(runner, printer=printer,
                              directory=None if printer else prints)
        window = KioskWindow(center, chosen, size=QSize(*size), voice=Voice(voice))
        with qtbot.waitExposed(window):
            window.show()
        made.append((window, runner))
        return window

    yield make
    for window, runner in made:
        runner.wait()
        window.locked = False
        window.close()
        window.deleteLater()


@pytest.fixture
def window_device(qtbot: QtBot, desk: Center, prints: Path) -> Iterator[object]:
    """The rating device at window 1 (``bianmin-kiosk --window 1``), watching fast."""
    from PySide6.QtCore import QSize

    from kiosk.app import KioskWindow
    from kiosk.printer import KioskPrinter
    from ui_shared.tasks import TaskRunner
    from ui_shared.voice import Voice

    runner = TaskRunner(desk.data_dir.root, desk.clock)
    device = KioskWindow(desk, KioskPrinter(runner, directory=prints), size=QSize(1024, 768),
                         voice=Voice("mock"), window=1, watch_ms=20)
    with qtbot.waitExposed(device):
        device.show()
    yield device
    runner.wait()
    device.locked = False
    device.close()
    device.deleteLater()
