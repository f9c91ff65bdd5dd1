"""Applying the hub's feed (上级反馈): decisions on cases, catalogs and calendars, page by page.

A page and its cursor are stored in ONE transaction, so the cursor never runs ahead of
the data it covers. A decision that does not fit a case's local state is kept on the
case's timeline (``hub_ignored``) rather than forced. After ``410`` the center
re-baselines from the hub's snapshot (:meth:`FeedBook.rebaseline`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.actor import Actor
from core.audit import record
from core.calendar import CalendarService, PublishedDay
from core.cases import CaseService, CaseState
from core.cases.model import TRANSITIONS
from core.catalog import CatalogService
from core.clock import Clock, to_iso
from core.db import Database, sync_state
from core.db import cases as case_store
from core.db import outbox as outbox_store
from core.errors import UserFacingError
from core.i18n import _

CURSOR_KEY = "feed_cursor"
PROBLEM_KEY = "feed_problem"

# Feed item type -> the CaseService.apply_feedback action it becomes.
FEED_ACTIONS: dict[str, str] = {
    "case_received": "hub_received", "supplement_requested": "hub_supplement",
    "case_approved": "hub_approved", "case_denied": "hub_denied",
    "ready_for_pickup": "hub_ready",
}
# A hub case state (snapshot) -> the feed type that puts a local case into it.
_STATE_FEED: dict[str, str] = {
    "received": "case_received", "supplement_requested": "supplement_requested",
    "approved": "case_approved", "denied": "case_denied",
    "ready_for_pickup": "ready_for_pickup",
}
CATALOG_PUBLISHED = "catalog_published"
CALENDAR_PUBLISHED = "calendar_published"


@dataclass(frozen=True)
class FeedEntry:
    seq: int
    type: str
    case_id: str | None
    payload: dict[str, Any] = field(repr=False)


@dataclass
class FeedTally:
    applied: int = 0
    unchanged: int = 0
    not_fitting: int = 0
    unknown_case: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: FeedTally) -> None:
        self.applied += other.applied
        self.unchanged += other.unchanged
        self.not_fitting += other.not_fitting
        self.unknown_case += other.unknown_case
        self.skipped += other.skipped
        self.problems += other.problems

    @property
    def items(self) -> int:
        return self.applied + self.unchanged + self.not_fitting + self.unknown_case + self.skipped


@dataclass(frozen=True)
class BaselineCase:
    case_id: str
    state: str
    hub_case_number: str | None
    last_type: str | None
    last_payload: dict[str, Any] | None = field(repr=False)


@dataclass(frozen=True)
class Baseline:
    """The hub's current view of this center (after ``410``), and the cursor after it."""

    cases: Sequence[BaselineCase]
    catalog: dict[str, Any] | None
    calendars: Sequence[dict[str, Any]]
    cursor: str


class FeedBook:
    """The downward half of sync: the feed cursor and everything a feed item changes."""

    def __init__(self, db: Database, clock: Clock, cases: CaseService,
                 catalog: CatalogService, calendar: CalendarService) -> None:
        self._db = db
        self._clock = clock
        self._cases = cases
        self._catalog = catalog
        self._calendar = calendar

    def _put(self, key: str, value: str) -> None:
        sync_state.put_state(self._db, key, value, to_iso(self._clock.now()))

    def cursor(self) -> str | None:
        return sync_state.get_state(self._db, CURSOR_KEY)

    def apply_page(self, items: Sequence[FeedEntry], next_cursor: str,
                   on_item: Callable[[int], None] | None = None) -> FeedTally:
        """Apply one page of the hub's feed and store its cursor, in ONE transaction.

        ``on_item(index)`` runs inside the transaction after each item (a test seam).
        """
        tally = FeedTally()
        with self._db.write():
            for index, item in enumerate(items):
                self._apply_item(item, tally)
                if on_item is not None:
                    on_item(index)
            if items or self.cursor() != next_cursor:
                self._put(CURSOR_KEY, next_cursor)
            if items:
                self._note_problem(tally)
                record(self._db, self._clock, Actor.sync(), "sync.feed_applied", "sync",
                       next_cursor, {"items": len(items), "applied": tally.applied})
        return tally

    def _apply_item(self, item: FeedEntry, tally: FeedTally) -> None:
        if item.type in FEED_ACTIONS:
            if item.case_id is None:
                tally.skipped += 1
                return
            self._decision(item.case_id, item.type, item.payload, tally, strict=False)
        elif item.type == CATALOG_PUBLISHED:
            self._import_catalog(item.payload, tally)
        elif item.type == CALENDAR_PUBLISHED:
            self._apply_calendar(item.payload, tally)
        else:
            tally.skipped += 1  # a newer hub's type this version does not know

    def _decision(self, case_id: str, kind: str, payload: dict[str, Any], tally: FeedTally,
                  *, strict: bool, hub_case_number: str | None = None) -> None:
        """One hub decision. ``strict`` (re-baselining) skips what does not fit silently;
        the live feed records it on the case's timeline (``hub_ignored``)."""
        state = case_store.case_state(self._db, case_id)
        if state is None:
            tally.unknown_case += 1
            return
        action = FEED_ACTIONS[kind]
        allowed, target = TRANSITIONS[action]
        if state == target.value:
            tally.unchanged += 1  # e.g. case_received again after materials were supplied
            return
        fits = CaseState(state) in allowed
        if not fits:
            tally.not_fitting += 1
            if strict:
                return
        changes, detail = _decision_values(kind, payload)
        if hub_case_number and fits:
            changes.setdefault("hub_case_number", hub_case_number)
        self._cases.apply_feedback(case_id, action, changes, detail)
        if fits:
            tally.applied += 1

    def _import_catalog(self, payload: dict[str, Any], tally: FeedTally) -> None:
        try:
            with self._db.write():
                self._catalog.import_data(payload["items"], Actor.sync(), source="hub",
                                          version=str(payload["version"]))
            tally.applied += 1
        except UserFacingError as exc:
            # A catalog this version cannot read must not hold back case decisions.
            tally.problems.append(_("上级发布的事项目录第{version}版无法导入：{reason}").format(
                version=payload.get("version"), reason=exc.message))

    def _apply_calendar(self, payload: dict[str, Any], tally: FeedTally) -> None:
        try:
            with self._db.write():
                days = [PublishedDay(dt.date.fromisoformat(d["date"]), bool(d["working"]),
                                     d.get("name")) for d in payload["days"]]
                self._calendar.apply_published(int(payload["year"]), str(payload["source"]),
                                               days, Actor.sync())
            tally.applied += 1
        except (UserFacingError, ValueError) as exc:
            tally.problems.append(_("上级发布的{year}年节假日安排无法应用：{reason}").format(
                year=payload.get("year"), reason=exc))

    def _note_problem(self, tally: FeedTally) -> None:
        if tally.problems:
            self._put(PROBLEM_KEY, tally.problems[-1])
            record(self._db, self._clock, Actor.sync(), "sync.feed_problem", "sync", None,
                   {"problems": len(tally.problems)})

    def rebaseline(self, baseline: Baseline) -> FeedTally:
        """After ``410``: bring local cases up to the hub's view and continue from its
        cursor, in one transaction. Unsent outbox rows are not touched, and a case with
        events the hub has not acknowledged keeps its local (newer) state."""
        tally = FeedTally()
        with self._db.write():
            unsettled = outbox_store.unsettled_streams(self._db)
            for case in baseline.cases:
                kind = _STATE_FEED.get(case.state)
                if kind is None or case.case_id in unsettled:
                    continue
                payload = case.last_payload if case.last_type == kind and case.last_payload \
                    else {}
                self._decision(case.case_id, kind, payload, tally, strict=True,
                               hub_case_number=case.hub_case_number)
            if baseline.catalog is not None:
                self._import_catalog(baseline.catalog, tally)
            for calendar in baseline.calendars:
                self._apply_calendar(calendar, tally)
            self._put(CURSOR_KEY, baseline.cursor)
            self._note_problem(tally)
            record(self._db, self._clock, Actor.sync(), "sync.rebaselined", "sync",
                   baseline.cursor, {"cases": len(baseline.cases), "applied": tally.applied})
        return tally


def _decision_values(kind: str, payload: dict[str, Any]) -> tuple[dict[str, Any],
                                                                    dict[str, Any]]:
    """The case columns a decision changes, and what its timeline entry shows."""
    if kind == "case_received":
        number = payload.get("hub_case_number")
        return ({"hub_case_number": number} if number else {}), {"hub_case_number": number}
    if kind == "supplement_requested":
        return {}, {"materials": payload.get("materials", []), "reason": payload.get("reason")}
    if kind == "case_approved":
        result = payload.get("result")
        return ({"result": result} if result else {}), {}
    if kind == "case_denied":
        reason = payload.get("reason")
        return ({"reason": reason} if reason else {}), {}
    place = payload.get("place")
    return ({"pickup_place": place} if place else {}), {"note": payload.get("note")}
