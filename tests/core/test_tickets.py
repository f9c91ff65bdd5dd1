"""The ticket queue: numbering, day rollover, every transition, exact times, reprint."""

from __future__ import annotations

import pytest

from core.actor import Actor
from core.center import Center
from core.clock import FixedClock
from core.errors import Conflict, InvalidInput, NotFound
from core.queue import TicketPriority, TicketState
from core.queue.service import PLAY_OUT_LIMIT
from tests.helpers import ADMIN, shanghai


def counts(center: Center) -> tuple[int, int, int]:
    return (center.db.scalar("SELECT count(*) FROM ticket"),
            center.db.scalar("SELECT count(*) FROM ticket_event"),
            center.db.scalar("SELECT count(*) FROM audit"))


def test_numbers_count_per_prefix_and_day(center: Center) -> None:
    numbers = [center.tickets.issue(p).number for p in "AABAB"]
    assert numbers == ["A001", "A002", "B001", "A003", "B002"]


def test_more_than_999_tickets_keep_counting(center: Center) -> None:
    center.db.execute(
        "INSERT INTO ticket (business_date, prefix, seq, number, group_id, state, issued_at, "
        "queued_at, state_since) SELECT '2026-11-27', 'A', 999, 'A999', id, 'done', "
        "'2026-11-27T01:00:00.000000+00:00', '2026-11-27T01:00:00.000000+00:00', "
        "'2026-11-27T01:00:00.000000+00:00' FROM service_group WHERE prefix = 'A'")
    assert center.tickets.issue("A").number == "A1000"


def test_waiting_ahead_is_printed_on_the_ticket(center: Center) -> None:
    center.tickets.issue("A")
    center.tickets.issue("A")
    assert center.tickets.issue("A").waiting_ahead == 2
    assert center.tickets.issue("B").waiting_ahead == 0


def called_before(center: Center, window: int, number: str) -> list[str]:
    """Call at ``window`` (starting each call) until ``number`` is called."""
    seen = []
    while (ticket := center.tickets.call_next(window, ADMIN)) is not None:
        center.tickets.start(ticket.id, ADMIN)
        if ticket.number == number:
            return seen
        seen.append(ticket.number)
    raise AssertionError(f"{number} was never called")


def test_a_priority_ticket_counts_the_regular_calls_the_ratio_puts_first(
        center: Center) -> None:
    a = center.groups.by_prefix("A")
    center.windows.save(ADMIN, 1, group_ids=[a.id])  # only window 2 calls group B
    center.tickets.issue("B", "elderly")
    for _ in range(4):
        center.tickets.issue("B")
    first = center.tickets.call_next(2, ADMIN)
    assert first is not None and first.number == "B001"
    center.tickets.start(first.id, ADMIN)
    mine = center.tickets.issue("B", "elderly")  # B006, just after a priority call
    assert mine.waiting_ahead == 2  # 2 regular : 1 priority — not "nobody ahead"
    assert called_before(center, 2, "B006") == ["B002", "B003"]


def test_a_regular_ticket_counts_the_priority_tickets_called_between(center: Center) -> None:
    center.tickets.issue("A")
    center.tickets.issue("A", "disabled")
    mine = center.tickets.issue("A")
    # Window 1: first call of the day is the priority one, then the two regular.
    assert mine.waiting_ahead == 2
    assert called_before(center, 1, mine.number) == ["A002", "A001"]


def test_the_board_knows_who_is_called_next(center: Center) -> None:
    for prefix, kind in (("A", None), ("B", None), ("A", "elderly"), ("B", None)):
        center.tickets.issue(prefix, kind)
    upcoming = [t.number for t in center.tickets.upcoming(4)]
    assert upcoming == ["A002", "B001", "A001", "B002"]
    assert [t.number for t in center.tickets.upcoming(2)] == upcoming[:2]
    called = []
    for window in (1, 2, 1, 2):
        ticket = center.tickets.call_next(window, ADMIN)
        assert ticket is not None
        center.tickets.start(ticket.id, ADMIN)
        called.append(ticket.number)
    assert called == upcoming
    assert center.tickets.upcoming(4) == []


def test_a_very_long_line_is_counted_without_playing_it_out(center: Center) -> None:
    for _ in range(PLAY_OUT_LIMIT + 5):
        center.tickets.issue("A")
    assert center.tickets.issue("A").waiting_ahead == PLAY_OUT_LIMIT + 5


def test_new_day_starts_at_001_and_expires_yesterday(center: Center, clock: FixedClock) -> None:
    left = center.tickets.issue("A")
    called = center.tickets.issue("A")
    center.tickets.call_next(1, ADMIN)
    clock.set(shanghai(2026, 11, 28, 8, 30))
    first = center.tickets.issue("A")
    assert first.number == "A001"
    assert center.tickets.get(left.id).state is TicketState.EXPIRED
    assert {center.tickets.get(t.id).state for t in (left, called)} == {TicketState.EXPIRED}
    assert center.db.scalar("SELECT count(*) FROM ticket") == 3  # nothing deleted


def test_day_boundary_is_local_midnight(center: Center, clock: FixedClock) -> None:
    clock.set(shanghai(2026, 11, 27, 23, 59))
    assert center.tickets.issue("A").number == "A001"
    clock.set(shanghai(2026, 11, 28, 0, 1))  # still the 27th in UTC
    assert center.tickets.issue("A").number == "A001"


def test_full_journey_with_exact_times(center: Center, clock: FixedClock) -> None:
    ticket = center.tickets.issue("A")
    clock.advance(minutes=7)
    center.tickets.call_next(1, ADMIN)
    clock.advance(minutes=1)
    center.tickets.start(ticket.id, ADMIN)
    clock.advance(minutes=4)
    center.tickets.hold(ticket.id, ADMIN)
    clock.advance(minutes=30)  # resident fetches a missing paper
    center.tickets.unhold(ticket.id, 1, ADMIN)
    clock.advance(minutes=2)
    done = center.tickets.finish(ticket.id, ADMIN)
    assert done.state is TicketState.DONE
    times = center.tickets.times(ticket.id)
    assert times.wait_seconds == 7 * 60
    assert times.service_seconds == 6 * 60  # serving time excludes the 30 held minutes
    actions = [e["action"] for e in center.tickets.events(ticket.id)]
    assert actions == ["issue", "call", "start", "hold", "unhold", "finish"]


def test_call_next_finishes_the_one_being_served(center: Center) -> None:
    first = center.tickets.issue("A")
    second = center.tickets.issue("A")
    center.tickets.call_next(1, ADMIN)
    center.tickets.start(first.id, ADMIN)
    assert center.tickets.call_next(1, ADMIN).id == second.id  # type: ignore[union-attr]
    assert center.tickets.get(first.id).state is TicketState.DONE


def test_call_next_refuses_while_the_called_one_has_not_come(center: Center) -> None:
    center.tickets.issue("A")
    center.tickets.issue("A")
    center.tickets.call_next(1, ADMIN)
    before = counts(center)
    with pytest.raises(Conflict, match="重呼、标记过号"):
        center.tickets.call_next(1, ADMIN)
    assert counts(center) == before


def test_window_only_calls_its_groups(center: Center) -> None:
    center.tickets.issue("A")
    assert center.tickets.call_next(2, ADMIN) is None  # window 2 serves B only
    b = center.tickets.issue("B")
    assert center.tickets.call_next(2, ADMIN).id == b.id  # type: ignore[union-attr]


def test_recall_counts_and_no_show_needs_minimum_recalls(center: Center) -> None:
    ticket = center.tickets.issue("A")
    center.tickets.call_next(1, ADMIN)
    with pytest.raises(Conflict, match="至少重呼2次"):
        center.tickets.no_show(ticket.id, ADMIN)
    assert center.tickets.recall(ticket.id, ADMIN).recall_count == 1
    assert center.tickets.recall(ticket.id, ADMIN).recall_count == 2
    assert center.tickets.no_show(ticket.id, ADMIN).state is TicketState.NO_SHOW


def test_no_show_reactivated_same_day_goes_to_the_end(center: Center,
                                                      clock: FixedClock) -> None:
    center.settings.set("queue.min_recalls_before_no_show", 0, ADMIN)
    late = center.tickets.issue("A")
    other = center.tickets.issue("A")
    center.tickets.call_next(1, ADMIN)
    center.tickets.no_show(late.id, ADMIN)
    clock.advance(minutes=5)
    back = center.tickets.reactivate(late.id, ADMIN)
    assert back.state is TicketState.WAITING and back.number == "A001"
    assert [t.id for t in center.tickets.waiting()] == [other.id, late.id]


def test_no_show_cannot_be_reactivated_next_day(center: Center, clock: FixedClock) -> None:
    center.settings.set("queue.min_recalls_before_no_show", 0, ADMIN)
    ticket = center.tickets.issue("A")
    center.tickets.call_next(1, ADMIN)
    center.tickets.no_show(ticket.id, ADMIN)
    clock.set(shanghai(2026, 11, 28))
    with pytest.raises(Conflict, match="当天"):
        center.tickets.reactivate(ticket.id, ADMIN)


def test_transfer_keeps_number_and_issue_time(center: Center, clock: FixedClock) -> None:
    early = center.tickets.issue("A")
    clock.advance(minutes=10)
    center.tickets.issue("B")
    moved = center.tickets.transfer(early.id, "B", ADMIN)
    assert moved.number == "A001" and moved.issued_at == early.issued_at
    assert moved.group_id == center.groups.by_prefix("B").id
    # It keeps its place by issue time in the new queue.
    assert center.tickets.call_next(2, ADMIN).id == early.id  # type: ignore[union-attr]


def test_cancel_only_while_waiting(center: Center) -> None:
    ticket = center.tickets.issue("A")
    assert center.tickets.cancel(ticket.id, ADMIN).state is TicketState.CANCELLED
    with pytest.raises(Conflict, match="已取消"):
        center.tickets.cancel(ticket.id, ADMIN)


def test_call_a_specific_ticket_is_audited(center: Center) -> None:
    center.tickets.issue("A")
    second = center.tickets.issue("A")
    called = center.tickets.call(second.id, 1, ADMIN)
    assert called.state is TicketState.CALLED
    actions = [r["action"] for r in center.db.all("SELECT action FROM audit")]
    assert "ticket.called_out_of_turn" in actions


def test_paused_window_calls_nobody(center: Center) -> None:
    center.tickets.issue("A")
    center.windows.pause(ADMIN, 1, "午休")
    with pytest.raises(Conflict, match="午休"):
        center.tickets.call_next(1, ADMIN)
    center.windows.resume(ADMIN, 1)
    assert center.tickets.call_next(1, ADMIN) is not None


def test_priority_ratio_at_a_window(center: Center) -> None:
    for _ in range(4):
        center.tickets.issue("A")
    center.tickets.issue("A", TicketPriority.ELDERLY)
    center.tickets.issue("A", "pregnant")
    called = []
    for _ in range(6):
        ticket = center.tickets.call_next(1, ADMIN)
        assert ticket is not None
        called.append(ticket.number)
        center.tickets.start(ticket.id, ADMIN)
    assert called == ["A005", "A001", "A002", "A006", "A003", "A004"]


def test_strict_priority(center: Center) -> None:
    center.settings.set("queue.priority_policy", "strict", ADMIN)
    center.tickets.issue("A")
    center.tickets.issue("A", "military")
    center.tickets.issue("A", "disabled")
    first = center.tickets.call_next(1, ADMIN)
    assert first is not None and first.number == "A002"


def test_print_failure_keeps_ticket_and_flags_reprint(center: Center) -> None:
    ticket = center.tickets.issue("A")
    center.tickets.mark_print_failed(ticket.id, Actor.kiosk(), "缺纸")
    assert [t.id for t in center.tickets.needing_reprint()] == [ticket.id]
    assert center.tickets.get(ticket.id).state is TicketState.WAITING
    center.tickets.mark_printed(ticket.id, ADMIN)
    assert center.tickets.needing_reprint() == []


def test_bad_input_changes_nothing(center: Center) -> None:
    before = counts(center)
    with pytest.raises(NotFound, match="没有字头"):
        center.tickets.issue("Z")
    with pytest.raises(InvalidInput, match="一个英文字母"):
        center.tickets.issue("AB")
    with pytest.raises(InvalidInput, match="优先类型"):
        center.tickets.issue("A", "vip")
    with pytest.raises(NotFound):
        center.tickets.by_number("A001")
    assert counts(center) == before


def test_transition_times_never_run_backwards(center: Center, clock: FixedClock) -> None:
    ticket = center.tickets.issue("A")
    clock.advance(minutes=-30)  # the PC's clock is set back
    center.tickets.call_next(1, ADMIN)
    events = center.tickets.events(ticket.id)
    assert events[1]["at"] >= events[0]["at"]
