"""Ratings (好差评): five named levels, one per visit (ticket) or per case.

Levels are stored by name. Numbers appear only at the boundary, because the standards
disagree on direction: GB/T 39046 codes 1 = 非常满意 … 5 = 非常不满意, while platform
APIs commonly score 5 = 非常满意 … 1 = 非常不满意. A poor rating needs a reason and opens
a follow-up (回访) due in 5 working days, which a supervisor closes with its result.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from core.actor import Actor
from core.audit import record
from core.calendar import CalendarService
from core.clock import Clock, from_iso, to_iso
from core.db import Database, Row
from core.db import cases as case_store
from core.db import ratings as store
from core.db import tickets as ticket_store
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import _
from core.outbox.writing import EventType, append
from core.rating_levels import RatingLevel as RatingLevel  # re-exported: rate() takes one
from core.staff import Role, StaffService
from core.text import clean_text, optional_text

FOLLOW_UP_WORKING_DAYS = 5
REQUEST_MINUTES = 15  # a 请评价 left unanswered this long no longer shows at the window
_RATEABLE = frozenset({"serving", "held", "done"})


POOR_REASONS = (
    _("等候时间太长"), _("服务态度不好"), _("材料要求没讲清楚"), _("办理时间太长"),
    _("来回跑了多次"), _("收费问题"), _("其他"),
)


def parse_level(text: str) -> RatingLevel:
    for level in RatingLevel:
        if text in (level.value, level.label):
            return level
    choices = "、".join(f"{lv.value}（{lv.label}）" for lv in RatingLevel)
    raise InvalidInput(_("未知的评价等级“{text}”，可选：{choices}").format(text=text,
                                                                     choices=choices))


@dataclass(frozen=True)
class Rating:
    id: int
    uuid: str
    level: RatingLevel
    ticket_id: int | None
    case_id: int | None
    reasons: tuple[str, ...]
    comment: str | None
    channel: str
    rated_at: dt.datetime


@dataclass(frozen=True)
class FollowUp:
    id: int
    rating_id: int
    level: RatingLevel
    reasons: tuple[str, ...]
    comment: str | None
    due_date: dt.date
    state: str
    result: str | None
    ticket_id: int | None
    case_id: int | None

    @classmethod
    def from_row(cls, row: Row) -> FollowUp:
        return cls(int(row["id"]), int(row["rating_id"]), RatingLevel(row["level"]),
                   tuple(json.loads(row["reasons"])), row["comment"],
                   dt.date.fromisoformat(row["due_date"]), row["state"], row["result"],
                   row["ticket_id"], row["case_id"])


@dataclass(frozen=True)
class RatingRequest:
    """A clerk's 请评价: the window's rating device shows the faces for this visit."""

    window_number: int
    ticket_id: int
    ticket_number: str
    requested_at: dt.datetime


class RatingService:
    def __init__(self, db: Database, clock: Clock, staff: StaffService,
                 calendar: CalendarService, today: Callable[[], dt.date]) -> None:
        self._db = db
        self._clock = clock
        self._staff = staff
        self._calendar = calendar
        self._today = today

    def is_rated(self, *, ticket_id: int | None = None, case_id: int | None = None) -> bool:
        """Whether this visit (ticket) or case already has its one rating."""
        return store.rating_for(self._db, ticket_id, case_id) is not None

    def rate(self, actor: Actor, level: RatingLevel | str, *, ticket_id: int | None = None,
             case_id: int | None = None, reasons: list[str] | None = None,
             comment: str | None = None, channel: str = "kiosk") -> Rating:
        level = level if isinstance(level, RatingLevel) else parse_level(level)
        if (ticket_id is None) == (case_id is None):
            raise InvalidInput(_("请指定评价的是一次取号办事还是一个办件"))
        picked = [clean_text(r, field=_("原因"), max_length=50) for r in (reasons or [])]
        note = optional_text(comment, field=_("意见"), max_length=500, allow_newlines=True)
        if level.is_poor and not picked and not note:
            raise InvalidInput(
                _("选择“{level}”时请说明原因，方便我们改进").format(level=level.label))
        with self._db.write():
            subject = self._subject(ticket_id, case_id)
            if store.rating_for(self._db, ticket_id, case_id) is not None:
                raise Conflict(_("这次办事已经评价过了，谢谢您"))
            now = to_iso(self._clock.now())
            rating_uuid = str(uuid.uuid4())
            rating_id = store.insert_rating(self._db, {
                "uuid": rating_uuid, "ticket_id": ticket_id, "case_id": case_id,
                "level": level.value, "reasons": json.dumps(picked, ensure_ascii=False),
                "comment": note, "channel": channel, "rated_at": now})
            if level.is_poor:
                due = self._calendar.work.add_working_days(self._today(), FOLLOW_UP_WORKING_DAYS)
                store.insert_follow_up(self._db, {"rating_id": rating_id,
                                                  "due_date": due.date.isoformat()})
            if ticket_id is not None:
                store.clear_requests_for(self._db, ticket_id)
            record(self._db, self._clock, actor, "rating.given", "rating", rating_id,
                   {"level": level.value, "ticket_id": ticket_id, "case_id": case_id})
            append(self._db, self._clock, actor, rating_uuid, EventType.RATING_GIVEN, {
                "level": level.value, "reason": "；".join([*picked, note or ""]).strip("；")
                or None, "case_number": subject.get("case_number"),
                "ticket_number": subject.get("ticket_number"), "rated_at": now})
        return self.get(rating_id)

    # ------------------------------------------------------------ the rating device at a window
    def ask_at_window(self, actor: Actor, window_number: int, ticket_id: int) -> RatingRequest:
        """The clerk pressed 请评价: the rating device at ``window_number`` shows the five
        faces for this visit, today's, served at that window and not yet rated."""
        with self._db.write():
            ticket = ticket_store.by_id(self._db, ticket_id)
            if ticket is None:
                raise NotFound(_("没有这张号票（编号 {id}）").format(id=ticket_id))
            self._check_rateable_at(ticket, window_number)
            store.set_request(self._db, window_number, ticket_id, actor.staff_id,
                              to_iso(self._clock.now()))
            record(self._db, self._clock, actor, "rating.requested", "ticket", ticket_id,
                   {"number": ticket["number"], "window": window_number})
        request = self.request_at(window_number)
        assert request is not None
        return request

    def _check_rateable_at(self, ticket: Row, window_number: int) -> None:
        number = ticket["number"]
        if ticket["business_date"] != self._today().isoformat() \
                or ticket["state"] not in _RATEABLE:
            raise Conflict(_("{number}号还没有办理，不能请群众评价").format(number=number))
        if ticket["window_number"] != window_number:
            raise Conflict(_("{number}号不是在{n}号窗口办理的").format(number=number,
                                                                 n=window_number))
        if store.rating_for(self._db, int(ticket["id"]), None) is not None:
            raise Conflict(_("{number}号这次办事已经评价过了").format(number=number))

    def request_at(self, window_number: int) -> RatingRequest | None:
        """The visit waiting for its rating at this window, if the request still stands."""
        row = store.request(self._db, window_number)
        if row is None or store.rating_for(self._db, int(row["ticket_id"]), None) is not None:
            return None
        at = from_iso(row["requested_at"])
        if self._clock.now() - at > dt.timedelta(minutes=REQUEST_MINUTES):
            return None
        return RatingRequest(window_number, int(row["ticket_id"]), str(row["ticket_number"]), at)

    def rate_at_window(self, window_number: int, level: RatingLevel | str,
                       reasons: list[str] | None = None) -> Rating:
        """The villager tapped a face on the window's device: the asked-for visit's rating."""
        request = self.request_at(window_number)
        if request is None:
            raise Conflict(_("{n}号窗口现在没有等待评价的办事").format(n=window_number))
        return self.rate(Actor(None, "window"), level, ticket_id=request.ticket_id,
                         reasons=reasons, channel="window")

    def cancel_at_window(self, actor: Actor, window_number: int) -> None:
        with self._db.write():
            store.clear_request(self._db, window_number)
            record(self._db, self._clock, actor, "rating.request_cancelled", "window",
                   window_number)

    def _subject(self, ticket_id: int | None, case_id: int | None) -> dict[str, str | None]:
        if ticket_id is not None:
            ticket = ticket_store.by_id(self._db, ticket_id)
            if ticket is None:
                raise NotFound(_("没有这张号票（编号 {id}）").format(id=ticket_id))
            return {"ticket_number": ticket["number"], "case_number": None}
        case = case_store.by_id(self._db, case_id or 0)
        if case is None:
            raise NotFound(_("没有编号为 {id} 的办件").format(id=case_id))
        return {"ticket_number": None, "case_number": case["case_number"]}

    def get(self, rating_id: int) -> Rating:
        row = store.rating(self._db, rating_id)
        if row is None:
            raise NotFound(_("没有这条评价"))
        return Rating(int(row["id"]), row["uuid"], RatingLevel(row["level"]), row["ticket_id"],
                      row["case_id"], tuple(json.loads(row["reasons"])), row["comment"],
                      row["channel"], from_iso(row["rated_at"]))

    def follow_ups(self, state: str | None = "open") -> list[FollowUp]:
        return [FollowUp.from_row(r) for r in store.follow_ups(self._db, state)]

    def close_follow_up(self, follow_up_id: int, result: str, actor: Actor) -> FollowUp:
        """A supervisor records what the call-back found and what was done (回访整改)."""
        self._staff.require(actor, Role.SUPERVISOR)
        result = clean_text(result, field=_("回访结果"), max_length=500, allow_newlines=True)
        with self._db.write():
            row = store.follow_up(self._db, follow_up_id)
            if row is None:
                raise NotFound(_("没有这条回访"))
            if row["state"] == "closed":
                raise Conflict(_("这条回访已经办结"))
            now = to_iso(self._clock.now())
            store.close_follow_up(self._db, follow_up_id, result, now, actor.staff_id)
            rating = store.rating(self._db, int(row["rating_id"]))
            assert rating is not None
            case = case_store.by_id(self._db, rating["case_id"]) if rating["case_id"] else None
            record(self._db, self._clock, actor, "follow_up.closed", "follow_up", follow_up_id)
            append(self._db, self._clock, actor, rating["uuid"], EventType.FOLLOW_UP_CLOSED, {
                "result": result, "closed_at": now,
                "case_number": case["case_number"] if case else None})
        return next(f for f in self.follow_ups(None) if f.id == follow_up_id)
