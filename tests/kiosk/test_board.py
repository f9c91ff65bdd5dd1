"""The call board: every call and recall spoken once (digits one by one), however often it
refreshes; numbers only, a masked name only when the setting asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.center import Center
from kiosk.board import BoardWindow
from kiosk.board_parts import LIT
from kiosk.fit_text import FitText
from tests.helpers import ADMIN
from tests.kiosk.kit import accepted_case, clerk
from ui_shared.voice import Voice


@pytest.fixture
def board(qtbot: QtBot, desk: Center) -> Iterator[BoardWindow]:
    window = BoardWindow(desk, Voice("mock"), size=QSize(1920, 1080), watch_ms=20)
    window.show()
    yield window
    window.locked = False
    window.close()
    window.deleteLater()


def all_board_text(board: BoardWindow) -> str:
    return "\n".join(t.text() for t in board.findChildren(FitText))


def history(board: BoardWindow) -> list[str]:
    assert board.announcer.voice is not None
    return list(board.announcer.voice.history)


def test_a_call_from_another_process_is_announced_once(qtbot: QtBot, desk: Center,
                                                       board: BoardWindow) -> None:
    desk.tickets.issue("A")
    desk.tickets.issue("B")
    other = desk.reopen()  # the staff client's own connection
    try:
        with qtbot.waitSignal(board.announcer.announced, timeout=3000):
            other.tickets.call_next(1, clerk(other))
    finally:
        other.close()
    assert history(board) == ["请A零零一号到一号窗口办理"]
    assert board.cards[1].number.text() == "A001"
    assert board.cards[1].state.text() == "请到1号窗口办理"
    assert board.banner.text() == "请A001号到1号窗口办理"
    for _ in range(5):
        board.refresh()
    qtbot.wait(100)  # let the watcher poll too
    assert history(board) == ["请A零零一号到一号窗口办理"]


def test_a_recall_is_announced_again_and_said_to_be_one(desk: Center,
                                                        board: BoardWindow) -> None:
    desk.tickets.issue("B")
    called = desk.tickets.call_next(2, clerk(desk))
    assert called is not None
    board.refresh()
    desk.tickets.recall(called.id, clerk(desk))
    board.refresh()
    board.refresh()
    assert history(board) == ["请B零零一号到二号窗口办理",
                              "再次呼叫，请B零零一号到二号窗口办理"]
    assert board.banner.text() == "再次呼叫：请B001号到2号窗口办理"
    assert "B001→2号窗口" in board.recent.text()
    assert board.cards[2].flashing and board.banner_lit


def test_calls_before_the_board_started_are_not_repeated(qtbot: QtBot, desk: Center) -> None:
    desk.tickets.issue("A")
    desk.tickets.call_next(1, clerk(desk))
    late = BoardWindow(desk, Voice("mock"), size=QSize(1366, 768), locked=False)
    late.refresh()
    assert history(late) == []
    assert late.cards[1].number.text() == "A001"  # still shown, just not spoken
    late.close()


def test_calls_made_before_the_voice_is_ready_are_spoken_when_it_is(qtbot: QtBot,
                                                                    desk: Center) -> None:
    late = BoardWindow(desk, None, size=QSize(1366, 768), locked=False)
    desk.tickets.issue("A")
    desk.tickets.call_next(1, clerk(desk))
    late.refresh()
    voice = Voice("mock")
    late.set_voice(voice)
    assert voice.history == ["请A零零一号到一号窗口办理"]
    late.close()


def test_names_are_masked_and_only_shown_when_configured(desk: Center,
                                                        board: BoardWindow) -> None:
    ticket = desk.tickets.issue("B")
    accepted_case(desk, ticket_id=ticket.id)
    desk.tickets.call_next(1, Actor(desk.staff.by_username("wang").id, "staff"))
    board.refresh()
    assert board.cards[1].number.text() == "B001"
    desk.settings.set("board.show_names", True, ADMIN)
    board.refresh()
    assert board.cards[1].number.text() == "B001"
    assert board.cards[1].name.text() == "张*丰" and board.cards[1].name.isVisible()
    assert "张三丰" not in all_board_text(board)


def test_closing_the_board_needs_the_supervisor(board: BoardWindow) -> None:
    assert board.close() is False
    assert board.isVisible()


def test_a_new_call_flashes_gold_and_is_held_for_a_few_seconds(qtbot: QtBot,
                                                               desk: Center) -> None:
    board = BoardWindow(desk, Voice("mock"), size=QSize(1366, 768), locked=False, hold_ms=900)
    board.show()
    card = board.cards[1]
    normal = card.palette().color(card.backgroundRole())
    desk.tickets.issue("A")
    desk.tickets.call_next(1, clerk(desk))
    board.refresh()
    assert card.flashing and card.lit and board.banner_lit
    assert card.palette().color(card.backgroundRole()) == LIT != normal
    assert board.banner.text() == "请A001号到1号窗口办理"
    qtbot.waitUntil(lambda: not card.lit, timeout=3000)  # it blinks
    qtbot.waitUntil(lambda: not card.flashing and not board.banner_lit, timeout=5000)
    assert not card.lit and card.palette().color(card.backgroundRole()) == normal
    assert not board.cards[2].flashing  # only the window that called
    # After the hold, the banner says what to do after missing a call: it can be put back.
    assert board.banner.text() == "过号了请找工作人员，当天可以恢复排队"
    assert "重新取号" not in all_board_text(board)
    board.close()


def test_next_up_and_waiting_counts(desk: Center, board: BoardWindow) -> None:
    for prefix, kind in (("A", None), ("B", None), ("A", "elderly"), ("B", None)):
        desk.tickets.issue(prefix, kind)
    board.refresh()
    assert board.next_up.shown() == [t.number for t in desk.tickets.upcoming(4)]
    assert board.next_up.shown()[:2] == ["A002", "B001"]
    assert board.waiting.rows["A"].text() == "A 社保医保 2人"
    assert board.waiting.rows["B"].text() == "B 民政救助 2人"
    desk.tickets.call_next(1, clerk(desk))
    board.refresh()
    assert "A002" not in board.next_up.shown()
    assert board.next_up.shown() == [t.number for t in desk.tickets.upcoming(4)][:3]
    assert board.waiting.rows["A"].text() == "A 社保医保 1人"


def test_the_exit_dialog_is_freed_when_it_closes(qtbot: QtBot, board: BoardWindow) -> None:
    board.ask_to_exit()
    dialog = board.lockdown.dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.destroyed, timeout=3000):
        dialog.reject()
    assert board.lockdown.dialog is None
    board.ask_to_exit()  # and it opens again
    assert board.lockdown.dialog is not None
