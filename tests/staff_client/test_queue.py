"""The queue column: it follows tickets issued by another process without any refresh, and
its buttons and F-keys call, recall, mark no-show, call out of turn and pause — audited,
on behalf of A when the B post covers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.audit import history
from core.center import Center, open_center
from core.clock import SystemClock
from core.queue import TicketState
from tests.helpers import ADMIN, CENTER_CODE, TOP
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import click, current_number


@pytest.fixture
def live_center(tmp_path: Path) -> Iterator[Center]:
    """A center on the real clock, so a CLI process issues tickets for the same day."""
    center = open_center(tmp_path / "live", clock=SystemClock())
    center.initialize(CENTER_CODE, "良渚街道某村便民服务站", "village")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    group = center.groups.add(ADMIN, "A", "社保医保")
    center.windows.save(ADMIN, 1, group_ids=[group.id])
    yield center
    center.close()


def test_queue_shows_a_ticket_issued_by_another_process(
        qtbot: QtBot, live_center: Center, open_window: OpenWindow) -> None:
    window = open_window(live_center, watch_ms=100)
    assert window.queue.shown_numbers() == []
    child = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "--data-dir", str(live_center.data_dir.root),
         "ticket", "issue", "--group", "A"], cwd=TOP, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    qtbot.waitUntil(lambda: window.queue.shown_numbers() == ["A001"], timeout=30_000)
    out, _err = child.communicate(timeout=30)
    assert child.returncode == 0 and out.strip().endswith("A001")
    assert "等候 1 人" in window.queue.waiting_title.text()


def press(qtbot: QtBot, window: object, key: Qt.Key) -> None:
    qtbot.keyClick(window, key)  # type: ignore[arg-type]


def test_function_keys_drive_the_queue(qtbot: QtBot, center: Center,
                                       open_window: OpenWindow) -> None:
    first = center.tickets.issue("A")
    center.tickets.issue("B", "elderly")
    window = open_window(center)
    press(qtbot, window, Qt.Key.Key_F2)  # a priority ticket goes first
    assert current_number(window) == "B001"
    assert "老年人优先" in window.queue.detail.text()
    press(qtbot, window, Qt.Key.Key_F6)  # no-show refused before two recalls
    assert "至少重呼2次" in window.messages.text()
    press(qtbot, window, Qt.Key.Key_F3)
    press(qtbot, window, Qt.Key.Key_F3)
    assert "已2次" in window.queue.buttons["recall"].text()
    press(qtbot, window, Qt.Key.Key_F6)
    assert center.tickets.by_number("B001").state is TicketState.NO_SHOW

    press(qtbot, window, Qt.Key.Key_F9)  # call a specific ticket: the no-show comes back
    dialog = window.queue_actions.dialog
    assert dialog is not None and dialog.isVisible()
    numbers = [dialog.list.item(i).text() for i in range(dialog.list.count())]  # type: ignore[attr-defined]
    assert numbers == ["A001", "B001（过号）  老年人优先"]
    dialog.list.setCurrentRow(1)  # type: ignore[attr-defined]
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))  # type: ignore[attr-defined]
    assert current_number(window) == "B001"
    actions = [row["action"] for row in history(center.db, "ticket", center.tickets.by_number(
        "B001").id)]
    assert actions[-2:] == ["ticket.reactivate", "ticket.called_out_of_turn"]

    press(qtbot, window, Qt.Key.Key_F4)  # the resident is at the window
    press(qtbot, window, Qt.Key.Key_F2)  # finishes B001, calls A001
    assert current_number(window) == first.number
    assert center.tickets.by_number("B001").state is TicketState.DONE
    assert window.queue.shown_numbers() == []


def test_pause_needs_a_reason_and_stops_calling(qtbot: QtBot, center: Center,
                                                open_window: OpenWindow) -> None:
    center.tickets.issue("A")
    window = open_window(center)
    press(qtbot, window, Qt.Key.Key_F10)
    dialog = window.queue_actions.dialog
    assert dialog is not None
    dialog.reason.setCurrentText("")  # type: ignore[attr-defined]
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))  # type: ignore[attr-defined]
    assert dialog.isVisible() and not center.windows.get(1).paused
    dialog.reason.setCurrentText("外出代办")  # type: ignore[attr-defined]
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))  # type: ignore[attr-defined]
    assert center.windows.get(1).pause_reason == "外出代办"
    assert "暂停服务：外出代办" in window.queue.state.text()
    assert not window.queue.call_button.isEnabled()
    press(qtbot, window, Qt.Key.Key_F10)  # resume
    assert not center.windows.get(1).paused
    assert window.queue.call_button.isEnabled()


def test_ab_cover_is_shown_in_the_title_and_recorded(qtbot: QtBot, center: Center,
                                                     open_window: OpenWindow) -> None:
    wang, li = (center.staff.by_username(u).id for u in ("wang", "li"))
    ticket = center.tickets.issue("A")
    window = open_window(center, "li")  # li is window 1's B post; wang is A
    assert "代A岗 王小明" in window.windowTitle()
    assert window.header.cover.isVisible() and "王小明" in window.header.cover.text()
    press(qtbot, window, Qt.Key.Key_F2)
    (called,) = [r for r in history(center.db, "ticket", ticket.id)
                 if r["action"] == "ticket.call"]
    assert (called["actor_id"], called["on_behalf_of"]) == (li, wang)
    own = open_window(center, "wang")
    assert "代A岗" not in own.windowTitle() and not own.header.cover.isVisible()


def test_hold_and_transfer_keep_the_ticket(qtbot: QtBot, center: Center,
                                           open_window: OpenWindow) -> None:
    first = center.tickets.issue("A")
    second = center.tickets.issue("A")
    window = open_window(center)
    for key in (Qt.Key.Key_F2, Qt.Key.Key_F4, Qt.Key.Key_F7):  # call, serve, hold
        press(qtbot, window, key)
    assert center.tickets.by_number("A001").state is TicketState.HELD
    assert "挂起 1 个" in window.queue.state.text()
    press(qtbot, window, Qt.Key.Key_F7)  # back to the held one
    assert current_number(window) == "A001"
    press(qtbot, window, Qt.Key.Key_F8)  # transfer to another group
    dialog = window.queue_actions.dialog
    assert dialog is not None
    assert dialog.group.currentData() == "B"  # type: ignore[attr-defined]
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))  # type: ignore[attr-defined]
    moved = center.tickets.by_number("A001")
    assert (moved.state, moved.group_id) == (TicketState.WAITING,
                                             center.groups.by_prefix("B").id)
    assert moved.issued_at == first.issued_at  # keeps its place by issue time
    assert set(window.queue.shown_numbers()) == {"A001", second.number}


def test_ask_for_a_rating_at_the_windows_device(qtbot: QtBot, center: Center,
                                                open_window: OpenWindow) -> None:
    center.tickets.issue("A")
    window = open_window(center)
    rate = window.queue.buttons["rate"]
    assert rate.text().startswith("请评价") and not rate.isEnabled()  # nobody served yet
    press(qtbot, window, Qt.Key.Key_F2)
    press(qtbot, window, Qt.Key.Key_F4)
    assert rate.isEnabled()
    click(qtbot, rate)
    request = center.ratings.request_at(1)
    assert request is not None and request.ticket_number == "A001"
    assert "A001" in window.messages.text() and "评价器" in window.messages.text()
    # After 办结 too: the visit just finished at this window.
    center.ratings.cancel_at_window(window.session.actor, 1)
    press(qtbot, window, Qt.Key.Key_F5)
    assert rate.isEnabled()
    click(qtbot, rate)
    assert center.ratings.request_at(1) is not None
    center.ratings.rate_at_window(1, "satisfied")
    window.queue.refresh()
    assert not rate.isEnabled()  # rated: nothing left to ask for


def test_a_board_that_started_without_a_voice_is_shown_to_the_staff(
        qtbot: QtBot, center: Center, open_window: OpenWindow) -> None:
    window = open_window(center)
    assert not window.alerts.voice.isVisible()
    center.devices.report_voice("board", False, "没有能读汉字的普通话语音（试过：speechd）")
    window.alerts.refresh()
    assert window.alerts.voice.isVisible()
    assert "叫号屏没有普通话语音" in window.alerts.voice.text.text()
    window.alerts.dismiss_voice()
    window.alerts.refresh()
    assert not window.alerts.voice.isVisible()  # until it reports again
    center.devices.report_voice("window-3", False, "本机设置为不用语音")
    window.alerts.refresh()
    assert "3号窗口评价器" in window.alerts.voice.text.text()
