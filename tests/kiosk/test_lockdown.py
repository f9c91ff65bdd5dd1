"""Locked down: closing asks for the supervisor's PIN (or, with none set, a supervisor's
login); wrong answers keep the kiosk open, and five wrong PINs lock the dialog."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.center import Center
from core.errors import InvalidInput, PermissionDenied
from kiosk.app import KioskWindow
from kiosk.exit_dialog import ExitDialog
from kiosk.pin import LOCK_SECONDS, MAX_TRIES, ExitGuard, pin_problem, set_exit_pin
from tests.helpers import ADMIN
from tests.kiosk.drive import press

Make = Callable[..., KioskWindow]
PIN = "370419"


def supervisor(center: Center) -> Actor:
    return Actor(center.staff.by_username("zhang").id, "kiosk")


def dialog_of(window: KioskWindow) -> ExitDialog:
    assert window.exit_dialog is not None and window.exit_dialog.isVisible()
    return window.exit_dialog


def enter_pin(qtbot: QtBot, dialog: ExitDialog, pin: str) -> None:
    for digit in pin:
        press(qtbot, dialog.keys[digit])
    press(qtbot, dialog.ok)


def test_closing_is_refused_and_asks_for_the_pin(qtbot: QtBot, make_kiosk: Make,
                                                 desk: Center) -> None:
    set_exit_pin(desk, PIN, supervisor(desk))
    window = make_kiosk()
    assert window.close() is False
    assert window.isVisible()
    dialog = dialog_of(window)
    assert dialog.uses_pin
    enter_pin(qtbot, dialog, "123450")
    assert window.isVisible() and dialog.message.text() == "退出密码不对"
    enter_pin(qtbot, dialog, PIN)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert not window.locked


def test_cancel_keeps_the_kiosk_running(qtbot: QtBot, make_kiosk: Make, desk: Center) -> None:
    set_exit_pin(desk, PIN, supervisor(desk))
    window = make_kiosk()
    window.ask_to_exit()
    press(qtbot, dialog_of(window).cancel)
    qtbot.waitUntil(lambda: window.exit_dialog is None, timeout=3000)
    assert window.isVisible() and window.locked


def test_five_quick_taps_on_the_center_name_open_the_exit(qtbot: QtBot,
                                                          make_kiosk: Make) -> None:
    window = make_kiosk()
    for _ in range(4):
        qtbot.mouseClick(window.header.name, Qt.MouseButton.LeftButton)
    assert window.exit_dialog is None
    qtbot.mouseClick(window.header.name, Qt.MouseButton.LeftButton)
    assert window.exit_dialog is not None


def type_on_screen(qtbot: QtBot, dialog: ExitDialog, text: str) -> None:
    """Every character by a tap on the dialog's own keys: a touch screen, no keyboard."""
    for char in text:
        if char.isalpha() and char.isupper() != dialog.keyboard.capitals:
            press(qtbot, dialog.keyboard.shift)
        press(qtbot, dialog.keyboard.keys[char.lower()])


def test_without_a_pin_a_supervisor_signs_in_by_touch_alone(qtbot: QtBot, make_kiosk: Make,
                                                            desk: Center) -> None:
    desk.staff.add(ADMIN, "chen", "陈管理", "admin", "Chen.Pass9")
    window = make_kiosk(size=(1024, 768))
    window.ask_to_exit()
    dialog = dialog_of(window)
    assert not dialog.uses_pin
    # Only those who may close the kiosk are offered; clerks are not.
    assert sorted(dialog.names) == ["chen", "zhang"]
    press(qtbot, dialog.ok)
    assert window.isVisible() and dialog.message.text() == "请先点您的名字"
    press(qtbot, dialog.names["zhang"])
    type_on_screen(qtbot, dialog, "wrong-pas"[:5])
    press(qtbot, dialog.ok)
    assert window.isVisible() and dialog.password.text() == ""
    press(qtbot, dialog.names["chen"])
    type_on_screen(qtbot, dialog, "Chen.Pass9")
    assert dialog.password.text() == "Chen.Pass9"
    press(qtbot, dialog.keyboard.delete)
    type_on_screen(qtbot, dialog, "9")
    press(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_five_wrong_pins_lock_the_exit_for_a_while(desk: Center) -> None:
    set_exit_pin(desk, PIN, supervisor(desk))
    now = [1000.0]
    guard = ExitGuard(desk, lambda: now[0])
    for _ in range(MAX_TRIES - 1):
        with pytest.raises(InvalidInput):
            guard.check_pin("000000")
    with pytest.raises(PermissionDenied, match="连续输错5次"):
        guard.check_pin("000000")
    with pytest.raises(PermissionDenied, match="分钟后再试"):
        guard.check_pin(PIN)  # even the right PIN, while locked
    now[0] += LOCK_SECONDS + 1
    guard.check_pin(PIN)


def test_the_pin_is_kept_only_as_a_hash_and_set_only_by_a_supervisor(desk: Center) -> None:
    with pytest.raises(PermissionDenied):
        set_exit_pin(desk, PIN, Actor(desk.staff.by_username("wang").id, "kiosk"))
    set_exit_pin(desk, PIN, supervisor(desk))
    value = desk.settings.as_dict()["kiosk.exit_pin_hash"]
    assert value.startswith("scrypt$") and PIN not in value
    with pytest.raises(InvalidInput, match="--set-pin"):
        desk.settings.set("kiosk.exit_pin_hash", PIN, ADMIN)
    guard = ExitGuard(desk)
    with pytest.raises(PermissionDenied, match="请输入退出密码"):
        guard.check_staff("zhang", "zhang-pass-1")


@pytest.mark.parametrize(("pin", "ok"), [
    ("370419", True), ("12345", False), ("1234567", False), ("12345a", False),
    ("111111", False), ("123456", False), ("987654", False), ("121212", False),
    ("１２３４５６", False),
])
def test_what_makes_a_usable_pin(pin: str, ok: bool) -> None:
    assert (pin_problem(pin) is None) is ok


def test_ctrl_alt_q_opens_the_exit_for_a_supervisor_with_a_keyboard(
        qtbot: QtBot, make_kiosk: Make) -> None:
    window = make_kiosk()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.exit_dialog is not None
