"""The 适老化 bar (DESIGN §7), measured on every screen as built at 1920×1080, 1366×768 and
1024×768: body ≥ 18 pt (32 px) and headings ≥ 30 pt (54 px), contrast ≥ 4.5:1, targets
≥ 60×60; every step has a prompt to speak and the two permanent buttons. (That nothing
is cut off is tests/kiosk/test_fit.py's.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from core.center import Center
from core.flows import Step
from kiosk import style
from kiosk.app import KioskWindow
from kiosk.board import BoardWindow
from kiosk.pin import set_exit_pin
from kiosk.setup_screen import SetupNeededWindow
from tests.helpers import ADMIN
from tests.kiosk.kit import clerk
from tests.kiosk.measure import Measures, measure
from tests.kiosk.walk import walk
from ui_shared.voice import Voice

SIZES = [(1920, 1080), (1366, 768), (1024, 768)]
Make = Callable[..., KioskWindow]


def test_the_bar_in_pixels() -> None:
    assert (style.BODY_MIN_PX, style.HEADING_MIN_PX, style.TARGET_MIN_PX) == (32, 54, 60)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_kiosk_screen_meets_the_bar(qtbot: QtBot, make_kiosk: Make, desk: Center,
                                          size: tuple[int, int]) -> None:
    window = make_kiosk(size=size)
    assert (window.width(), window.height()) == size
    total, steps = Measures(), set()
    for name in walk(qtbot, window, desk):
        found = measure(window)
        assert found.texts and found.buttons, name
        assert window.bar.help.isVisible() and window.bar.repeat.isVisible(), name
        assert window.bar.back.isVisible() is (window.journey.step is not Step.HOME), name
        assert window.journey.prompt().spoken, name
        found.problems = [f"{name}: {p}" for p in found.problems]
        total.merge(found)
        steps.add(window.journey.step)
    assert steps == set(Step)
    report(size, "kiosk", total)
    assert total.problems == [], "\n".join(total.problems)
    assert total.body_px >= style.BODY_MIN_PX
    assert total.heading_px >= style.HEADING_MIN_PX
    assert total.contrast >= style.CONTRAST_MIN
    assert min(total.target) >= style.TARGET_MIN_PX


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_exit_dialog_board_and_setup_screen_meet_the_bar(qtbot: QtBot, make_kiosk: Make,
                                                         desk: Center, bare_center: Center,
                                                         size: tuple[int, int]) -> None:
    window = make_kiosk(size=size)
    total = Measures()
    window.ask_to_exit()  # no PIN yet: a supervisor's login
    assert window.exit_dialog is not None and window.exit_dialog.isVisible()
    total.merge(measure(window.exit_dialog))
    window.exit_dialog.reject()
    qtbot.waitUntil(lambda: window.exit_dialog is None)
    set_exit_pin(desk, "370419", ADMIN)
    window.ask_to_exit()
    assert window.exit_dialog is not None and window.exit_dialog.uses_pin
    total.merge(measure(window.exit_dialog))
    window.exit_dialog.reject()

    desk.tickets.issue("A")
    desk.tickets.call_next(1, clerk(desk))
    board = BoardWindow(desk, Voice("mock"), size=QSize(*size), locked=False)
    with qtbot.waitExposed(board):
        board.show()
    board.refresh()
    total.merge(measure(board))
    board.close()
    setup = SetupNeededWindow("本服务站还没有完成首次设置。", size=QSize(*size))
    with qtbot.waitExposed(setup):
        setup.show()
    total.merge(measure(setup))
    setup.close()
    report(size, "exit/board/setup", total)
    assert total.problems == [], "\n".join(total.problems)
    assert total.body_px >= style.BODY_MIN_PX
    assert total.heading_px >= style.HEADING_MIN_PX
    assert total.contrast >= style.CONTRAST_MIN
    assert min(total.target) >= style.TARGET_MIN_PX


def report(size: tuple[int, int], what: str, m: Measures) -> None:
    """The measured values (shown with ``pytest -s``; quoted in the kiosk README)."""
    print(f"\n{what} {size[0]}x{size[1]}: body ≥ {m.body_px}px, headings ≥ {m.heading_px}px, "
          f"contrast ≥ {m.contrast:.2f}:1, targets ≥ {m.target[0]}×{m.target[1]}px "
          f"({m.texts} texts, {m.buttons} targets)")
