"""好差评: named levels, one per visit or case, reasons for poor ratings, follow-ups."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.actor import Actor
from core.center import Center
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.ratings import REQUEST_MINUTES, RatingLevel, parse_level
from tests.helpers import ADMIN


def test_levels_convert_only_at_the_boundary() -> None:
    assert RatingLevel.VERY_SATISFIED.gbt39046_code == 1
    assert RatingLevel.VERY_DISSATISFIED.gbt39046_code == 5
    assert RatingLevel.VERY_SATISFIED.platform_score == 5
    assert RatingLevel.VERY_DISSATISFIED.platform_score == 1
    for level in RatingLevel:
        assert RatingLevel.from_gbt39046(level.gbt39046_code) is level
        assert RatingLevel.from_platform_score(level.platform_score) is level
    assert parse_level("基本满意") is RatingLevel.BASIC
    with pytest.raises(InvalidInput, match="未知的评价等级"):
        parse_level("5")


def test_one_rating_per_visit(center: Center) -> None:
    ticket = center.tickets.issue("A")
    center.ratings.rate(Actor.kiosk(), "satisfied", ticket_id=ticket.id)
    with pytest.raises(Conflict, match="已经评价过了"):
        center.ratings.rate(Actor.kiosk(), "very_satisfied", ticket_id=ticket.id)
    stored = center.db.all("SELECT level FROM rating")
    assert stored == [{"level": "satisfied"}]


def test_poor_rating_needs_a_reason_and_opens_a_follow_up(center: Center) -> None:
    ticket = center.tickets.issue("A")
    with pytest.raises(InvalidInput, match="请说明原因"):
        center.ratings.rate(Actor.kiosk(), "very_dissatisfied", ticket_id=ticket.id)
    assert center.db.scalar("SELECT count(*) FROM rating") == 0
    rating = center.ratings.rate(Actor.kiosk(), "very_dissatisfied", ticket_id=ticket.id,
                                 reasons=["等候时间太长"])
    [follow_up] = center.ratings.follow_ups()
    assert follow_up.rating_id == rating.id
    assert follow_up.due_date == dt.date(2026, 12, 4)  # Fri 11/27 + 5 working days
    payload = json.loads(center.db.scalar("SELECT payload FROM outbox WHERE type='rating_given'"))
    assert payload["level"] == "very_dissatisfied" and payload["ticket_number"] == "A001"


def test_follow_up_closed_by_a_supervisor(center: Center) -> None:
    ticket = center.tickets.issue("A")
    center.ratings.rate(Actor.kiosk(), "dissatisfied", ticket_id=ticket.id, comment="没人理")
    [follow_up] = center.ratings.follow_ups()
    clerk = Actor(center.staff.by_username("wang").id, "staff")
    with pytest.raises(PermissionDenied):
        center.ratings.close_follow_up(follow_up.id, "已回访", clerk)
    zhang = Actor(center.staff.by_username("zhang").id, "staff")
    closed = center.ratings.close_follow_up(follow_up.id, "已电话回访，当天调整午休轮岗", zhang)
    assert closed.state == "closed"
    assert center.ratings.follow_ups() == []
    with pytest.raises(Conflict, match="已经办结"):
        center.ratings.close_follow_up(follow_up.id, "again", ADMIN)
    types = [r["type"] for r in center.db.all("SELECT type FROM outbox ORDER BY id")]
    assert types == ["rating_given", "follow_up_closed"]


def test_good_ratings_open_no_follow_up(center: Center) -> None:
    ticket = center.tickets.issue("A")
    center.ratings.rate(Actor.kiosk(), RatingLevel.BASIC, ticket_id=ticket.id)
    assert center.ratings.follow_ups(None) == []


def test_subject_must_be_exactly_one(center: Center) -> None:
    with pytest.raises(InvalidInput, match="请指定"):
        center.ratings.rate(Actor.kiosk(), "satisfied")


# ---------------------------------------------------------------- the rating device at a window

def serve(center: Center, window: int, prefix: str = "A") -> tuple[Actor, int]:
    clerk = center.windows.actor_at(window, center.staff.by_username("wang").id)
    ticket = center.tickets.issue(prefix)
    called = center.tickets.call_next(window, clerk)
    assert called is not None and called.id == ticket.id
    center.tickets.start(ticket.id, clerk)
    return clerk, ticket.id


def test_the_clerk_asks_and_the_window_device_rates_that_visit_only(center: Center) -> None:
    clerk, ticket_id = serve(center, 1)
    assert center.ratings.request_at(1) is None
    asked = center.ratings.ask_at_window(clerk, 1, ticket_id)
    assert (asked.window_number, asked.ticket_id, asked.ticket_number) == (1, ticket_id, "A001")
    assert center.ratings.request_at(1) == asked
    assert center.ratings.request_at(2) is None  # another window's device shows nothing
    rating = center.ratings.rate_at_window(1, RatingLevel.SATISFIED)
    assert rating.ticket_id == ticket_id and rating.channel == "window"
    assert center.ratings.request_at(1) is None  # once rated, the device goes back to waiting
    # Tied to the visit, and so to its window and the clerk who served it.
    ticket = center.tickets.get(ticket_id)
    assert (ticket.window_number, ticket.staff_id) == (1, clerk.staff_id)
    audit = center.db.one("SELECT actor_id FROM audit WHERE action = 'rating.requested'")
    assert audit is not None and audit["actor_id"] == clerk.staff_id


def test_nothing_to_rate_at_a_window_without_a_request(center: Center) -> None:
    with pytest.raises(Conflict, match="没有等待评价"):
        center.ratings.rate_at_window(1, RatingLevel.SATISFIED)


def test_only_a_visit_served_at_that_window_today_can_be_asked_for(center: Center) -> None:
    clerk, ticket_id = serve(center, 1)
    waiting = center.tickets.issue("B")
    with pytest.raises(Conflict, match="还没有办理"):
        center.ratings.ask_at_window(clerk, 1, waiting.id)
    with pytest.raises(Conflict, match="不是在2号窗口办理的"):
        center.ratings.ask_at_window(clerk, 2, ticket_id)
    center.ratings.rate(Actor.kiosk(), "satisfied", ticket_id=ticket_id)
    with pytest.raises(Conflict, match="已经评价过了"):
        center.ratings.ask_at_window(clerk, 1, ticket_id)


def test_a_request_left_standing_expires_and_a_new_one_replaces_it(center: Center,
                                                                   clock: object) -> None:
    clerk, first = serve(center, 1)
    center.ratings.ask_at_window(clerk, 1, first)
    _clerk, second = serve(center, 1)  # the next visit at the same window
    center.ratings.ask_at_window(clerk, 1, second)
    request = center.ratings.request_at(1)
    assert request is not None and request.ticket_id == second
    clock.advance(minutes=REQUEST_MINUTES + 1)  # type: ignore[attr-defined]
    assert center.ratings.request_at(1) is None
    center.ratings.ask_at_window(clerk, 1, second)
    center.ratings.cancel_at_window(clerk, 1)
    assert center.ratings.request_at(1) is None
