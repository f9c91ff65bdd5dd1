"""Taking a ticket by touch: on screen and spoken at once, printed after, never lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from core.center import Center
from core.flows import Step
from core.queue import TicketState
from kiosk.app import KioskWindow
from kiosk.screens.ticket import TicketScreen
from tests.helpers import ADMIN
from tests.kiosk.drive import press, settle, tap, tap_at
from tests.pdfread import MM, ReadBack

Make = Callable[..., KioskWindow]


def ticket_screen(window: KioskWindow) -> TicketScreen:
    screen = window.screens[Step.TICKET]
    assert isinstance(screen, TicketScreen)
    return screen


def test_two_taps_to_a_printed_ticket(qtbot: QtBot, make_kiosk: Make, desk: Center,
                                      prints: Path, tmp_path: Path) -> None:
    desk.tickets.issue("A")
    window = make_kiosk()
    voice = window.voice
    assert voice is not None
    taps = ["group:A", "normal"]
    with qtbot.waitSignal(window.printer.finished, timeout=30_000) as printed:
        for value in taps:
            tap(qtbot, window, value)
        # Shown and spoken at once, before the printer has said anything.
        assert window.journey.step is Step.TICKET
        assert ticket_screen(window).number.text() == "A002"
        assert ticket_screen(window).ahead.text() == "前面还有 1 人等候"
        assert voice.history[-1].startswith("您的号码是A零零二，前面还有一人等候。")
    assert len(taps) <= 3
    assert printed.args is not None and printed.args[2] is True
    ticket = desk.tickets.by_number("A002")
    assert ticket.state is TicketState.WAITING and not ticket.print_failed
    # The archived ticket says it in words; the printout (a raster of it) carries its QR.
    [stored] = desk.documents.for_ticket(ticket.id)
    archived = ReadBack(desk.documents.pdf(stored.id), tmp_path / "archived.pdf")
    assert "A002" in archived.flat() and "前面还有1人" in archived.flat()
    [pdf] = sorted(prints.glob("*.pdf"))
    paper = ReadBack(pdf.read_bytes(), tmp_path / "printed.pdf")
    assert abs(paper.page_sizes()[0][0] - 80 * MM) < 2
    assert paper.qr_codes() == [desk.paperwork.ticket(ticket, "社保医保").qr_payload]
    assert not stored.print_failed
    assert "号票已打印" in ticket_screen(window).printing.text()
    assert "号票已经打印好" in voice.history[-1]


def test_printer_missing_keeps_the_ticket_and_asks_for_a_reprint(
        qtbot: QtBot, make_kiosk: Make, desk: Center) -> None:
    window = make_kiosk(printer="不存在的打印机")
    assert window.voice is not None
    with qtbot.waitSignal(window.printer.finished, timeout=30_000) as printed:
        tap(qtbot, window, "group:B")
        tap(qtbot, window, "elderly")
    assert printed.args is not None and printed.args[2] is False
    ticket = desk.tickets.by_number("B001")
    assert ticket.state is TicketState.WAITING and ticket.print_failed
    assert [t.number for t in desk.tickets.needing_reprint()] == ["B001"]
    shown = ticket_screen(window).printing.text()
    assert "没有打印出来" in shown and "B001" in shown and "补打" in shown
    assert "不会丢" in window.voice.history[-1]
    assert ticket_screen(window).number.text() == "B001"
    # No slip is coming out: no picture of one, but the way to the staff instead.
    assert not ticket_screen(window).slip.isVisible()
    assert ticket_screen(window).ask_staff.isVisible()


def test_three_taps_when_home_has_no_room_for_every_group(qtbot: QtBot, make_kiosk: Make,
                                                          desk: Center) -> None:
    for prefix in "CDE":
        desk.groups.add(ADMIN, prefix, f"业务{prefix}")
    window = make_kiosk()
    with qtbot.waitSignal(window.printer.finished, timeout=30_000):
        for value in ("take", "group:E", "pregnant"):
            tap(qtbot, window, value)
    assert window.journey.step is Step.TICKET
    assert ticket_screen(window).number.text() == "E001"
    assert ticket_screen(window).priority.text() == "孕妇优先"


def test_back_after_a_ticket_goes_home_not_to_a_second_ticket(qtbot: QtBot,
                                                              make_kiosk: Make,
                                                              desk: Center) -> None:
    window = make_kiosk()
    with qtbot.waitSignal(window.printer.finished, timeout=30_000):
        tap(qtbot, window, "group:A")
        tap(qtbot, window, "normal")
    press(qtbot, window.bar.back)
    assert window.journey.step is Step.HOME
    assert not window.bar.back.isVisible()
    assert len(desk.tickets.waiting()) == 1



def test_a_double_tap_on_a_group_tile_keeps_the_priority_question(qtbot: QtBot,
                                                                  make_kiosk: Make,
                                                                  desk: Center) -> None:
    window = make_kiosk(size=(1366, 768))
    tile = window.current_screen.button_for("group:B")
    spot = tile.mapTo(window, tile.rect().center())
    settle(qtbot, window)
    tap_at(qtbot, window, spot)  # the first tap of a double tap: the priority question
    assert window.journey.step is Step.PRIORITY
    under = window.childAt(spot)
    assert under is not None and under.property("value") == "normal"  # 普通取号 is there now
    tap_at(qtbot, window, spot)  # the second tap, a moment later, on 普通取号
    assert window.journey.step is Step.PRIORITY and desk.tickets.waiting() == []
    assert window.tap_guard.ignored == 1
    with qtbot.waitSignal(window.printer.finished, timeout=30_000):
        tap(qtbot, window, "elderly")  # a deliberate tap once the screen has settled
    ticket = window.journey.visit.ticket
    assert ticket is not None and ticket.priority is not None
