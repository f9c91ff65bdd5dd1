"""The rating device at a window (``bianmin-kiosk --window N``): it waits until the clerk
presses 请评价, then shows the five faces for that visit only; the rating is tied to the
visit, and so to its window and clerk."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.center import Center
from core.flows import Step
from kiosk.app import KioskWindow
from kiosk.screens.done import WaitScreen
from kiosk.screens.rating import FacesScreen
from tests.kiosk.drive import all_text, press, tap
from tests.kiosk.kit import clerk
from tests.kiosk.measure import measure


def serving(desk: Center, prefix: str = "A") -> int:
    ticket = desk.tickets.issue(prefix)
    called = desk.tickets.call_next(1, clerk(desk))
    assert called is not None and called.id == ticket.id
    desk.tickets.start(ticket.id, clerk(desk))
    return ticket.id


def test_the_clerks_request_opens_the_faces_for_that_visit(
        qtbot: QtBot, desk: Center, window_device: KioskWindow) -> None:
    device = window_device
    assert isinstance(device.current_screen, WaitScreen)
    assert "1号窗口" in device.current_screen.heading.text()
    assert not device.bar.help.isVisible()  # the clerk is right there
    ticket_id = serving(desk)
    other = desk.reopen()  # the staff client's own connection
    try:
        other.ratings.ask_at_window(clerk(other), 1, ticket_id)
    finally:
        other.close()
    qtbot.waitUntil(lambda: device.journey.step is Step.RATE_FACES, timeout=3000)
    faces = device.current_screen
    assert isinstance(faces, FacesScreen)
    assert faces.heading.text() == "您对A001号的服务满意吗？"
    assert measure(device).cut == []
    tap(qtbot, device, "very_satisfied")
    assert device.journey.step is Step.THANKS
    row = desk.db.one("SELECT ticket_id, level, channel FROM rating")
    assert row == {"ticket_id": ticket_id, "level": "very_satisfied", "channel": "window"}
    assert desk.ratings.request_at(1) is None
    device.go_home()
    assert isinstance(device.current_screen, WaitScreen)


def test_another_windows_request_and_no_request_show_nothing(
        qtbot: QtBot, desk: Center, window_device: KioskWindow) -> None:
    desk.tickets.issue("B")
    called = desk.tickets.call_next(2, clerk(desk))
    assert called is not None
    desk.tickets.start(called.id, clerk(desk))
    desk.ratings.ask_at_window(clerk(desk), 2, called.id)
    window_device.check_window_request()
    assert window_device.journey.step is Step.HOME
    assert "B001" not in all_text(window_device)


def test_a_poor_rating_at_the_window_asks_for_a_reason(qtbot: QtBot, desk: Center,
                                                       window_device: KioskWindow) -> None:
    ticket_id = serving(desk)
    desk.ratings.ask_at_window(clerk(desk), 1, ticket_id)
    window_device.check_window_request()
    tap(qtbot, window_device, "dissatisfied")
    assert window_device.journey.step is Step.RATE_REASON
    press(qtbot, window_device.current_screen.reasons["等候时间太长"])  # type: ignore[attr-defined]
    tap(qtbot, window_device, "submit")
    assert window_device.journey.step is Step.THANKS
    [follow_up] = desk.ratings.follow_ups()
    assert follow_up.ticket_id == ticket_id and follow_up.reasons == ("等候时间太长",)
