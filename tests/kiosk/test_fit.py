"""Text that always fits: every kiosk screen, the exit dialogs and the call board with 1, 2,
4, 6 and 8 windows, built at 1024×768, 1366×768 and 1920×1080, measured against font
metrics: no label cut off or wrapped out of its box, no number cut at the top or bottom,
no button whose words stick out, no widget outside the window (tests/kiosk/measure.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.cases import Applicant
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import FixedClock
from core.masking import mask_name
from kiosk.app import KioskWindow
from kiosk.board import BoardWindow
from kiosk.pin import set_exit_pin
from kiosk.setup_screen import SetupNeededWindow
from tests.helpers import ADMIN, CENTER_CODE
from tests.kiosk.measure import measure
from tests.kiosk.walk import walk
from ui_shared.voice import Voice

SIZES = [(1024, 768), (1366, 768), (1920, 1080)]
WINDOW_COUNTS = [1, 2, 4, 6, 8]
GROUPS = [("A", "社保医保"), ("B", "民政救助"), ("C", "残疾人和老年人"), ("D", "综合受理"),
          ("E", "农业农村"), ("F", "法律服务")]
Make = Callable[..., KioskWindow]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_every_kiosk_screen_fits(qtbot: QtBot, make_kiosk: Make, desk: Center,
                                 size: tuple[int, int]) -> None:
    window = make_kiosk(size=size)
    assert (window.width(), window.height()) == size
    cut: list[str] = []
    for name in walk(qtbot, window, desk):
        cut += [f"{name}: {problem}" for problem in measure(window).cut]
    assert cut == [], "\n".join(cut)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_exit_dialogs_and_the_setup_screen_fit(qtbot: QtBot, make_kiosk: Make,
                                                   desk: Center, size: tuple[int, int]) -> None:
    window = make_kiosk(size=size)
    cut: list[str] = []
    window.ask_to_exit()  # no PIN: a supervisor's login on the screen's own keys
    assert window.exit_dialog is not None
    cut += measure(window.exit_dialog).cut
    window.exit_dialog.reject()
    qtbot.waitUntil(lambda: window.exit_dialog is None)
    set_exit_pin(desk, "370419", ADMIN)
    window.ask_to_exit()
    assert window.exit_dialog is not None and window.exit_dialog.uses_pin
    cut += measure(window.exit_dialog).cut
    window.exit_dialog.reject()
    setup = SetupNeededWindow("本服务站还没有完成首次设置。", size=QSize(*size))
    with qtbot.waitExposed(setup):
        setup.show()
    cut += measure(setup).cut
    setup.close()
    assert cut == [], "\n".join(cut)


@pytest.fixture
def hall(tmp_path: Path, clock: FixedClock) -> Iterator[Callable[[int], Center]]:
    """A center with ``windows`` windows, every one calling a ticket, and people waiting
    in six groups; masked names on the board."""
    opened: list[Center] = []

    def build(windows: int) -> Center:
        center = open_center(tmp_path / f"hall-{windows}", clock=clock)
        opened.append(center)
        center.initialize(CENTER_CODE, "良渚街道新港村便民服务站", "village")
        center.catalog.import_text(demo_catalog_text(), ADMIN)
        center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
        ids = [center.groups.add(ADMIN, prefix, name).id for prefix, name in GROUPS]
        for number in range(1, windows + 1):
            center.windows.save(ADMIN, number, group_ids=ids)
        clerk = Actor(center.staff.by_username("wang").id, "staff")
        for index in range(windows + 12):
            center.tickets.issue(GROUPS[index % len(GROUPS)][0],
                                 "elderly" if index % 5 == 4 else None)
        for number in range(1, windows + 1):
            called = center.tickets.call_next(number, clerk)
            if called is not None and number % 2 == 0:
                center.tickets.start(called.id, clerk)
        center.settings.set("board.show_names", True, ADMIN)
        first = center.tickets.current(1)
        assert first is not None
        center.cases.new(clerk, "05-MZ-001", Applicant("欧阳小明", "11010519491231002X"),
                         ticket_id=first.id)
        return center

    yield build
    for center in opened:
        center.close()


@pytest.mark.parametrize("windows", WINDOW_COUNTS)
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_board_fits(qtbot: QtBot, hall: Callable[[int], Center], size: tuple[int, int],
                        windows: int) -> None:
    center = hall(windows)
    board = BoardWindow(center, Voice("mock"), size=QSize(*size), locked=False)
    qtbot.addWidget(board)
    with qtbot.waitExposed(board):
        board.show()
    board.refresh()
    assert len(board.cards) == windows
    found = measure(board)
    assert found.cut == [], "\n".join(found.cut)
    numbers = [card.number for card in board.cards.values()]
    assert all(n.text() != "—" for n in numbers)
    assert board.cards[1].name.text() == mask_name("欧阳小明") != "欧阳小明"
    assert board.next_up.shown() and all(row.text() for row in board.waiting.rows.values())
