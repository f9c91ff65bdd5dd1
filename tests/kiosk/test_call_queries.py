"""The core queries the board and the rating step stand on (Qt-free): call events after a
cursor (today's only, recalls marked), names for masking."""

from __future__ import annotations

from core.center import Center
from core.clock import FixedClock
from tests.kiosk.kit import accepted_case, clerk


def test_call_events_after_a_cursor_are_todays_calls_and_recalls(desk: Center,
                                                                 clock: FixedClock) -> None:
    desk.tickets.issue("A")
    yesterday_call = desk.tickets.call_next(1, clerk(desk))
    assert yesterday_call is not None
    clock.advance(days=1)
    start = desk.tickets.last_event_id()
    assert desk.tickets.call_events_after(0) == []  # yesterday's call is not today's
    ticket = desk.tickets.issue("B")  # expires yesterday's ticket: not a call event
    called = desk.tickets.call_next(2, clerk(desk))
    assert called is not None and called.id == ticket.id
    desk.tickets.recall(ticket.id, clerk(desk))
    events = desk.tickets.call_events_after(start)
    assert [(e.number, e.window_number, e.recall) for e in events] == [
        ("B001", 2, False), ("B001", 2, True)]
    assert desk.tickets.call_events_after(events[-1].id) == []
    assert desk.tickets.last_event_id() == events[-1].id


def test_applicant_names_only_for_tickets_with_a_case(desk: Center) -> None:
    with_case = desk.tickets.issue("B")
    without = desk.tickets.issue("A")
    accepted_case(desk, ticket_id=with_case.id)
    assert desk.tickets.applicant_names([with_case.id, without.id]) == {with_case.id: "张三丰"}
    assert desk.tickets.applicant_names([]) == {}
