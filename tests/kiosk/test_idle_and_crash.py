"""Idle reset and crash recovery: back home, and nothing of the last villager left on any
widget (not the case, not the digits typed, not the rating target)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.center import Center
from core.flows import Step
from kiosk.app import SETTLED_SECONDS, KioskWindow
from tests.helpers import ADMIN
from tests.kiosk.drive import all_text, scan, tap
from tests.kiosk.kit import accepted_case
from tests.kiosk.test_progress import type_on_keypad
from ui_shared.crash import APOLOGY, install_excepthook

Make = Callable[..., KioskWindow]


def test_idle_after_a_lookup_forgets_the_case(qtbot: QtBot, make_kiosk: Make,
                                              desk: Center) -> None:
    case = accepted_case(desk)
    assert case.case_number is not None and case.tracking_code is not None
    window = make_kiosk()
    # Leave personal things on three screens: typed digits, a result, the last 4 of the ID.
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    type_on_keypad(qtbot, window, case.case_number)
    tap(qtbot, window, "submit")
    type_on_keypad(qtbot, window, "002X")
    tap(qtbot, window, "submit")
    assert window.journey.step is Step.RESULT
    before = all_text(window)
    assert "最低生活保障申请" in before and "张*丰" in before and "002X" in before.replace(" ", "")
    assert window.idle.armed
    assert window.idle.interval == 120_000  # kiosk.idle_seconds, by default
    window.idle.start(20)  # the villager walked away; no need to wait two minutes here
    qtbot.waitUntil(lambda: window.journey.step is Step.HOME, timeout=3000)
    after = all_text(window).replace(" ", "")
    for secret in ("最低生活保障申请", "张*丰", case.case_number, case.case_number[:8],
                   "002X", "已受理"):
        assert secret not in after
    assert window.journey.visit.status is None and not window.idle.armed


def test_a_touch_restarts_the_idle_timer(qtbot: QtBot, make_kiosk: Make,
                                         desk: Center) -> None:
    desk.settings.set("kiosk.idle_seconds", 30, ADMIN)
    window = make_kiosk()
    tap(qtbot, window, "guide")
    assert window.idle.interval == 30_000
    window.idle.start(60_000)
    qtbot.wait(200)
    before = window.idle.remaining
    qtbot.mouseClick(window.current_screen.heading, Qt.MouseButton.LeftButton)
    assert window.idle.remaining > before  # the touch started the quiet time over
    assert window.journey.step is Step.GUIDE_GROUP


def test_a_finished_ticket_settles_sooner_and_home_never_times_out(
        qtbot: QtBot, make_kiosk: Make) -> None:
    window = make_kiosk()
    assert not window.idle.armed
    with qtbot.waitSignal(window.printer.finished, timeout=30_000):
        tap(qtbot, window, "group:A")
        tap(qtbot, window, "normal")
    assert window.idle.interval == SETTLED_SECONDS * 1000


def test_a_crash_returns_home_with_an_apology(qtbot: QtBot, make_kiosk: Make, desk: Center,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    case = accepted_case(desk)
    assert case.tracking_code is not None
    window = make_kiosk()
    scan(qtbot, window, case.tracking_code)
    assert window.journey.step is Step.RESULT
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthook(window.recover)
    try:
        raise RuntimeError("a bug in a slot")
    except RuntimeError as exc:
        sys.excepthook(RuntimeError, exc, exc.__traceback__)
    qtbot.waitUntil(lambda: window.journey.step is Step.HOME, timeout=3000)
    assert window.current_screen.message.text() == APOLOGY
    assert "最低生活保障申请" not in all_text(window)
    assert window.voice is not None and window.voice.history[-1].startswith(APOLOGY)
