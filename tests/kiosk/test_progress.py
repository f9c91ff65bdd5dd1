"""查询进度 at the kiosk: the receipt's QR through a keyboard-wedge scanner, or the case
number and the last 4 of the ID on the on-screen keypad; wrong ones show nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect
from pytestqt.qtbot import QtBot

from core.cases import Case
from core.cases.queries import LOOKUP_MISSES
from core.center import Center
from core.flows import Step
from kiosk.app import KioskWindow
from kiosk.screens.progress import KeypadScreen, ResultScreen
from tests.kiosk.drive import all_text, press, scan, tap
from tests.kiosk.kit import ZHANG, accepted_case

Make = Callable[..., KioskWindow]
ZHANG_ID = ZHANG.id_number


@pytest.fixture
def case(desk: Center) -> Case:
    return accepted_case(desk)


def result(window: KioskWindow) -> ResultScreen:
    screen = window.screens[Step.RESULT]
    assert isinstance(screen, ResultScreen)
    return screen


def keypad(window: KioskWindow) -> KeypadScreen:
    screen = window.current_screen
    assert isinstance(screen, KeypadScreen)
    return screen


def type_on_keypad(qtbot: QtBot, window: KioskWindow, text: str) -> None:
    for key in text:
        press(qtbot, keypad(window).keys[key])


def test_scanning_the_receipt_shows_the_state_in_plain_words(
        qtbot: QtBot, make_kiosk: Make, case: Case) -> None:
    window = make_kiosk()
    tap(qtbot, window, "progress")
    assert case.tracking_code is not None
    scan(qtbot, window, case.tracking_code)
    assert window.journey.step is Step.RESULT
    shown = result(window)
    assert shown.heading.text() == "最低生活保障申请"
    assert shown.state.text() == "办理情况：已受理，正在送交上级部门"
    assert shown.next.text() == "申请已受理，正在送交上级部门，请耐心等待。"
    assert "受理日期：2026年11月27日" in shown.dates.text()
    assert shown.who.text() == "申请人：张*丰"
    text = all_text(window)
    assert "张三丰" not in text and "11010519491231002X" not in text and "138" not in text
    assert window.voice is not None and "正在送交上级部门" in window.voice.history[-1]


def test_a_scanned_status_address_works_from_the_home_screen(
        qtbot: QtBot, make_kiosk: Make, case: Case) -> None:
    window = make_kiosk()
    scan(qtbot, window, f"https://zwfw.example.gov.cn/t/{case.tracking_code}")
    assert window.journey.step is Step.RESULT


def test_a_wrong_token_shows_nothing_of_the_case(qtbot: QtBot, make_kiosk: Make,
                                                 case: Case) -> None:
    window = make_kiosk()
    tap(qtbot, window, "progress")
    assert case.tracking_code is not None
    token = case.tracking_code[-6:]
    scan(qtbot, window, case.tracking_code[:-6] + ("A" if token != "AAAAAA" else "B") * 6)
    assert window.journey.step is Step.PROGRESS
    assert window.current_screen.message.text().startswith("没有查到这个办件")
    assert "最低生活保障" not in all_text(window)


def test_case_number_and_last_four_on_the_keypad(qtbot: QtBot, make_kiosk: Make,
                                                 case: Case) -> None:
    assert case.case_number is not None
    window = make_kiosk(size=(1366, 768))
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    type_on_keypad(qtbot, window, case.case_number[:-1] + "9")
    press(qtbot, keypad(window).delete)
    type_on_keypad(qtbot, window, case.case_number[-1])
    assert keypad(window).display.text().replace(" ", "") == case.case_number
    tap(qtbot, window, "submit")
    assert window.journey.step is Step.ID_LAST4
    type_on_keypad(qtbot, window, "0021")
    tap(qtbot, window, "submit")
    assert window.journey.step is Step.ID_LAST4
    assert "没有查到" in window.current_screen.message.text()
    press(qtbot, keypad(window).clear_key)
    type_on_keypad(qtbot, window, "002X")
    tap(qtbot, window, "submit")
    assert window.journey.step is Step.RESULT
    assert result(window).state.text() == "办理情况：已受理，正在送交上级部门"


def test_a_mistyped_case_number_is_caught_before_the_id(qtbot: QtBot, make_kiosk: Make,
                                                        case: Case) -> None:
    assert case.case_number is not None
    window = make_kiosk()
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    swapped = case.case_number[:12] + case.case_number[13] + case.case_number[12] \
        + case.case_number[14:]
    if swapped == case.case_number:
        swapped = case.case_number[:-1] + ("1" if case.case_number[-1] != "1" else "2")
    type_on_keypad(qtbot, window, swapped)
    tap(qtbot, window, "submit")
    assert window.journey.step is Step.CASE_NUMBER
    assert window.current_screen.message.isVisible()
    assert keypad(window).display.text().replace(" ", "") == swapped  # kept, to fix


def test_a_ticket_qr_on_the_progress_screen_is_explained(qtbot: QtBot, make_kiosk: Make,
                                                         desk: Center) -> None:
    from tests.kiosk.kit import ticket_qr

    ticket = desk.tickets.issue("A")
    window = make_kiosk()
    tap(qtbot, window, "progress")
    scan(qtbot, window, ticket_qr(desk, ticket))
    assert "不是受理回执" in window.current_screen.message.text()


def test_the_keypad_stays_put_when_a_refusal_appears(qtbot: QtBot, make_kiosk: Make,
                                                     case: Case) -> None:
    window = make_kiosk(size=(1366, 768))
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    pad = keypad(window)
    buttons = [*pad.keys.values(), pad.delete, pad.clear_key, pad.submit]

    def places() -> list[tuple[int, int, int, int]]:
        return [QRect(b.mapTo(window, QPoint(0, 0)), b.size()).getRect() for b in buttons]

    before = places()
    type_on_keypad(qtbot, window, "1234")
    press(qtbot, pad.submit)  # too short: refused, and the refusal is on screen
    assert pad.message.isVisible() and "25位" in pad.message.text()
    assert places() == before  # the next tap lands on the key the finger aims at


def test_too_many_wrong_last_fours_send_the_villager_to_the_window(
        qtbot: QtBot, make_kiosk: Make, case: Case) -> None:
    assert case.case_number is not None
    window = make_kiosk()
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    for attempt in range(LOOKUP_MISSES):
        window.choose(case.case_number)
        window.choose(f"{attempt:03d}9")
    assert window.journey.step is Step.ID_LAST4
    shown = keypad(window).message.text()
    assert "输错次数太多" in shown and "请工作人员帮您查询" in shown
    assert window.voice is not None and "请工作人员帮您查询" in window.voice.history[-1]
    window.choose("002X")  # even the right one, for now
    assert window.journey.step is Step.ID_LAST4 and "分钟后再试" in keypad(window).message.text()


def test_an_id_card_reader_finds_the_case_in_two_taps(qtbot: QtBot, make_kiosk: Make,
                                                     desk: Center, case: Case) -> None:
    """A USB ID-card reader types the number and Enter, like a keyboard: no receipt, no
    33 taps on the keypad."""
    window = make_kiosk()
    tap(qtbot, window, "progress")
    taps = window.journey.taps
    scan(qtbot, window, ZHANG_ID)
    assert window.journey.step is Step.RESULT
    assert window.journey.taps == taps  # the card did the typing
    shown = result(window)
    assert shown.heading.text() == "最低生活保障申请"
    assert shown.who.text() == "申请人：张*丰"
    assert ZHANG_ID not in all_text(window) and ZHANG_ID not in window.voice.history[-1]  # type: ignore[union-attr]
    assert not shown.more.isVisible()
    accepted_case(desk)  # a second case of hers
    window.go_home()
    tap(qtbot, window, "progress")
    scan(qtbot, window, ZHANG_ID)
    assert result(window).more.text() == "您还有1件办件，请问窗口工作人员"


def test_the_reader_fills_the_last_four_on_that_screen(qtbot: QtBot, make_kiosk: Make,
                                                       case: Case) -> None:
    assert case.case_number is not None
    window = make_kiosk()
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    window.choose(case.case_number)
    assert window.journey.step is Step.ID_LAST4
    scan(qtbot, window, ZHANG_ID)
    assert window.journey.step is Step.RESULT
    assert result(window).heading.text() == "最低生活保障申请"


def test_an_id_card_with_no_case_says_so(qtbot: QtBot, make_kiosk: Make, desk: Center) -> None:
    window = make_kiosk()
    tap(qtbot, window, "progress")
    scan(qtbot, window, ZHANG_ID)
    assert window.journey.step is Step.PROGRESS
    assert "没有查到" in (window.journey.error or "")
