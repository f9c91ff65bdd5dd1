"""Plain villager words on every screen and in every spoken prompt: never the clerk's
bookkeeping (待上报), the calendar's caveat (暂定) or the catalog researcher's notes
(未核实)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from core.center import Center
from core.clock import FixedClock
from core.flows import Step
from core.flows.kiosk_model import OTHER_GROUP
from kiosk.app import KioskWindow
from tests.helpers import shanghai
from tests.kiosk.drive import all_text, scan, tap
from tests.kiosk.kit import accepted_case

Make = Callable[..., KioskWindow]
STAFF_WORDS = ("待上报", "暂定", "未核实", "上报")


def staff_words(text: str) -> list[str]:
    return [word for word in STAFF_WORDS if word in text]


def test_a_case_with_a_provisional_deadline_is_told_in_plain_words(
        qtbot: QtBot, make_kiosk: Make, desk: Center, clock: FixedClock) -> None:
    clock.set(shanghai(2027, 11, 26, 9, 30))  # 2027's holidays are not published yet
    case = accepted_case(desk)
    assert case.deadline_provisional and case.tracking_code is not None
    window = make_kiosk()
    tap(qtbot, window, "progress")
    scan(qtbot, window, case.tracking_code)
    assert window.journey.step is Step.RESULT
    shown = all_text(window.current_screen)
    assert window.voice is not None
    said = window.voice.history[-1]
    assert staff_words(shown) == [] and staff_words(said) == [], (shown, said)
    assert "已受理" in shown and "预计" in shown and "2027年12月" in shown


def test_the_guide_leaves_the_catalogs_research_notes_out(qtbot: QtBot, make_kiosk: Make,
                                                          desk: Center) -> None:
    noted = next(i for i in desk.catalog.items() if "未核实" in (i.fee or ""))
    tiles = {g.prefix for g in desk.groups.all()}
    group = noted.group if noted.group in tiles else OTHER_GROUP
    window = make_kiosk()
    for value in ("guide", f"group:{group}", noted.code):
        tap(qtbot, window, value)
    assert window.journey.step is Step.NOTICE
    window.read_notice()
    assert window.voice is not None
    shown, said = all_text(window.current_screen), window.voice.history[-1]
    assert staff_words(shown) == [] and staff_words(said) == [], (shown, said)
    assert "收费：" in shown
