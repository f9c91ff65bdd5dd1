"""好差评: named levels, one per visit or case, reasons for poor ratings, follow-ups."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.actor import Actor
from core.center import Center
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.ratings import RatingLevel, parse_level
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
