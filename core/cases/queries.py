"""Finding cases: the clerk's search, the resident's progress lookup, and the deadlines
due or overdue on a day (电子监察).
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.calendar import CalendarService
from core.case_numbers import CASE_NUMBER_LENGTH, case_number_problem, split_tracking_code
from core.cases.model import CLOCK_RUNNING, Case, CaseState
from core.clock import Clock, from_iso, to_iso
from core.db import Database, Row, lookups
from core.db import cases as store
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.i18n import _
from core.masking import mask_name

log = logging.getLogger(__name__)


class DueLevel(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"  # yellow: one working day left (or due today)
    OVERDUE = "overdue"  # red
    PREREVIEW_OVERDUE = "prereview_overdue"  # red: materials received 5+ working days ago


@dataclass(frozen=True)
class DueEntry:
    case: Case
    level: DueLevel
    working_days_left: int | None


@dataclass(frozen=True)
class PublicStatus:
    """What a resident may see about a case: nothing personal beyond a masked name."""

    case_number: str
    item_name: str
    state: CaseState
    applicant_masked: str
    accepted_on: dt.date | None
    deadline: dt.date | None
    deadline_provisional: bool
    updated_on: dt.date

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def next_step(self) -> str:
        return self.state.next_step


PREREVIEW_DAYS = 5
LOOKUP_MISSES = 5  # wrong last-4s (or tokens) in a row before a case number is locked
LOOKUP_LOCK_MINUTES = 30


class CaseQueries:
    def __init__(self, db: Database, calendar: CalendarService,
                 today: Callable[[], dt.date], timezone: str, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._today = today
        self._tz = timezone

    def _case(self, row: Row) -> Case:
        return Case.from_row(row, store.materials(self._db, int(row["id"])))

    def find(self, query: str, limit: int = 50) -> list[Case]:
        """A clerk's search: case number, tracking code, ID number, or name prefix."""
        text = query.strip()
        if not text:
            return [self._case(r) for r in store.recent(self._db, None, limit)]
        upper = text.upper()
        tracking = split_tracking_code(upper)
        if tracking is not None:
            row = store.by_number(self._db, tracking[0])
            if row is not None and hmac.compare_digest(row["tracking_token"] or "", tracking[1]):
                return [self._case(row)]
            return []
        if len(upper) == CASE_NUMBER_LENGTH and not case_number_problem(upper):
            row = store.by_number(self._db, upper)
            return [self._case(row)] if row else []
        if len(upper) in (15, 18) and upper[:-1].isdigit():
            return [self._case(r) for r in store.by_id_number(self._db, upper, limit)]
        if upper.isdigit() and len(upper) >= 6:
            return [self._case(r) for r in store.by_number_prefix(self._db, upper, limit)]
        return [self._case(r) for r in store.by_name_prefix(self._db, text, limit)]

    def by_number(self, text: str) -> Case:
        number = text.strip().upper()
        problem = case_number_problem(number)
        if problem:
            raise InvalidInput(problem)
        row = store.by_number(self._db, number)
        if row is None:
            raise NotFound(_("没有编号为 {number} 的办件").format(number=number))
        return self._case(row)

    def lookup(self, code: str, id_last4: str | None = None) -> PublicStatus:
        """A resident's lookup: the tracking code, or the case number + last 4 of the ID.

        A wrong token and an unknown case give the same answer. Misses are counted per case
        number in the books: after :data:`LOOKUP_MISSES` the case number + last 4 way is
        locked for :data:`LOOKUP_LOCK_MINUTES` (the receipt's QR, which carries its own
        secret, still works), so the last 4 cannot be guessed at the kiosk.
        """
        text = code.strip().upper()
        not_found = NotFound(_("没有查到这个办件，请核对后再试，或请工作人员帮忙"))
        tracking = split_tracking_code(text)
        if tracking is not None:
            row = store.by_number(self._db, tracking[0])
            token = row["tracking_token"] if row else ""
            if row is None or not hmac.compare_digest(token or "", tracking[1]):
                self._missed(tracking[0])
                raise not_found
            return self._public(row)
        problem = case_number_problem(text)
        if problem:
            raise InvalidInput(problem)
        if not id_last4 or len(id_last4.strip()) != 4:
            raise InvalidInput(_("请输入身份证号码的最后4位"))
        self._refuse_while_locked(text)
        row = store.by_number(self._db, text)
        last4 = row["applicant_id_last4"] if row else ""
        if row is None or not hmac.compare_digest(last4, id_last4.strip().upper()):
            self._missed(text)
            raise not_found
        with self._db.write():
            lookups.clear(self._db, text)
        return self._public(row)

    def lookup_by_id(self, id_number: str, limit: int = 10) -> list[PublicStatus]:
        """The cases of the holder of this ID card (read by the kiosk's card reader), the
        newest first; only what a resident may see."""
        rows = store.by_id_number(self._db, id_number.strip().upper(), limit)
        return [self._public(row) for row in rows if row["case_number"]]

    def _locked(self, minutes: int) -> PermissionDenied:
        return PermissionDenied(_("输错次数太多，这个办件编号{minutes}分钟后再试。"
                                  "现在可以到窗口请工作人员帮您查询。").format(minutes=minutes))

    def _refuse_while_locked(self, case_number: str) -> None:
        row = lookups.attempt(self._db, case_number)
        if row is None or not row["locked_until"]:
            return
        left = from_iso(row["locked_until"]) - self._clock.now()
        if left.total_seconds() > 0:
            raise self._locked(max(1, math.ceil(left.total_seconds() / 60)))

    def _missed(self, case_number: str) -> None:
        """Count a miss; the one that reaches the limit locks the case number."""
        now = self._clock.now()
        with self._db.write():
            row = lookups.attempt(self._db, case_number)
            fresh = row is not None and \
                now - from_iso(row["last_miss_at"]) < dt.timedelta(minutes=LOOKUP_LOCK_MINUTES)
            misses = (int(row["misses"]) if row is not None and fresh else 0) + 1
            if misses < LOOKUP_MISSES:
                lookups.save(self._db, case_number, misses, to_iso(now), None)
                return
            until = now + dt.timedelta(minutes=LOOKUP_LOCK_MINUTES)
            lookups.save(self._db, case_number, 0, to_iso(now), to_iso(until))
        log.warning("kiosk lookups of a case number locked for %d minutes after %d misses",
                    LOOKUP_LOCK_MINUTES, LOOKUP_MISSES)
        raise self._locked(LOOKUP_LOCK_MINUTES)

    def _public(self, row: Row) -> PublicStatus:
        case = self._case(row)
        assert case.case_number is not None
        return PublicStatus(
            case_number=case.case_number, item_name=case.item.name, state=case.state,
            applicant_masked=mask_name(case.applicant_name), accepted_on=case.accept_date,
            deadline=case.deadline, deadline_provisional=case.deadline_provisional,
            updated_on=case.updated_at.date(),
        )

    # ------------------------------------------------------------------ deadlines
    def due_level(self, case: Case, day: dt.date | None = None) -> DueEntry:
        day = day or self._today()
        work = self._calendar.work
        if case.state is CaseState.DRAFT and case.received_at is not None:
            received = case.received_at.date()
            limit = work.add_working_days(received, PREREVIEW_DAYS).date
            if day > limit:
                return DueEntry(case, DueLevel.PREREVIEW_OVERDUE, None)
            return DueEntry(case, DueLevel.OK, None)
        if case.state not in CLOCK_RUNNING or case.deadline is None:
            return DueEntry(case, DueLevel.OK, None)
        left = work.working_days_left(day, case.deadline)
        if left < 0:
            return DueEntry(case, DueLevel.OVERDUE, left)
        if left <= 1:
            return DueEntry(case, DueLevel.DUE_SOON, left)
        return DueEntry(case, DueLevel.OK, left)

    def due(self, day: dt.date | None = None) -> list[DueEntry]:
        """Open cases due within one working day or overdue, and drafts past pre-review."""
        day = day or self._today()
        states = (*(s.value for s in CLOCK_RUNNING), CaseState.DRAFT.value)
        entries = [self.due_level(self._case(r), day) for r in store.in_states(self._db, states)]
        return [e for e in entries if e.level is not DueLevel.OK]

    def counts(self) -> dict[str, int]:
        return store.count_by_state(self._db)

    # ------------------------------------------------------------------ staff client
    def recent(self, states: tuple[CaseState, ...] = (), limit: int = 200) -> list[Case]:
        """The newest cases, optionally only in ``states`` (the cases list without a query)."""
        rows = store.recent(self._db, tuple(s.value for s in states) or None, limit)
        return [self._case(r) for r in rows]

    def last_feedback_id(self) -> int:
        """A bookmark: feedback newer than this is "new" for :meth:`feedback_after`."""
        return store.last_event_id(self._db)

    def feedback_after(self, event_id: int, limit: int = 50) -> list[FeedbackNote]:
        """Upstream decisions applied to cases after the bookmark ``event_id``."""
        return [FeedbackNote(
            event_id=int(r["id"]), case_id=int(r["case_id"]), case_number=r["case_number"],
            item_name=str(r["item_name"]), action=str(r["action"]),
            state=CaseState(r["to_state"]), at=from_iso(r["at"]),
            detail=dict(json.loads(r["detail"])))
            for r in store.feedback_after(self._db, event_id, limit)]

    def material_receipts(self, case_id: int) -> list[tuple[str, dt.datetime]]:
        """When each received material was ticked, for the case's timeline."""
        return [(str(r["name"]), from_iso(r["received_at"]))
                for r in store.material_receipts(self._db, case_id)]


@dataclass(frozen=True)
class FeedbackNote:
    """One upstream decision as the staff client announces it (no personal data)."""

    event_id: int
    case_id: int
    case_number: str | None
    item_name: str
    action: str
    state: CaseState
    at: dt.datetime
    detail: dict[str, Any]
