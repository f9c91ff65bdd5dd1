"""Daily and monthly figures: tickets, waits, service times, cases, ratings, follow-ups.

Waits and service times come from the tickets' transition times, so they are exact.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

from core.cases import CaseQueries, CaseState, DueLevel
from core.clock import Clock, from_iso, to_iso
from core.db import Database, Row
from core.db import reports as store
from core.db import tickets as ticket_store
from core.documents.content import (
    DailyReport,
    DayRow,
    GroupFigures,
    MonthlyReport,
    OverdueCase,
    ReportFigures,
    StateCount,
)
from core.i18n import _
from core.ratings import RatingLevel


class ReportService:
    def __init__(self, db: Database, clock: Clock, queries: CaseQueries,
                 center_name: Callable[[], str], timezone: str) -> None:
        self._db = db
        self._clock = clock
        self._queries = queries
        self._center_name = center_name
        self._tz = timezone

    def daily(self, day: dt.date) -> DailyReport:
        return DailyReport(self._center_name(), day, self.figures(day, day), self._clock.now(),
                           tz=self._tz)

    def monthly(self, year: int, month: int) -> MonthlyReport:
        first = dt.date(year, month, 1)
        last = dt.date(year, month, month_calendar.monthrange(year, month)[1])
        return MonthlyReport(self._center_name(), year, month, self.figures(first, last),
                             self._clock.now(), self._day_rows(first, last), tz=self._tz)

    # ------------------------------------------------------------------ figures
    def _bounds(self, first: dt.date, last: dt.date) -> tuple[str, str]:
        zone = ZoneInfo(self._tz)
        start = dt.datetime.combine(first, dt.time(0), tzinfo=zone)
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        return to_iso(start), to_iso(end)

    def figures(self, first: dt.date, last: dt.date) -> ReportFigures:
        start, end = self._bounds(first, last)
        tickets = store.tickets_between(self._db, first.isoformat(), last.isoformat())
        service = self._service_minutes(first, last)
        by_group: dict[str, list[Row]] = defaultdict(list)
        for row in tickets:
            by_group[row["group_name"]].append(row)
        groups = tuple(self._group(name, rows, service) for name, rows in by_group.items())
        total = self._group(_("合计"), tickets, service) if tickets else None
        return ReportFigures(
            groups=groups, total=total, cases_by_state=self._cases(start, end),
            overdue=self._overdue(last), ratings=self._ratings(start, end),
            follow_ups_opened=store.follow_ups_opened_between(self._db, start, end),
            follow_ups_closed=store.follow_ups_closed_between(self._db, start, end),
            follow_ups_open=store.follow_ups_open(self._db),
        )

    def _service_minutes(self, first: dt.date, last: dt.date) -> dict[int, float]:
        minutes: dict[int, float] = defaultdict(float)
        since: dict[int, dt.datetime] = {}
        for event in store.serving_events(self._db, first.isoformat(), last.isoformat()):
            ticket_id, at = int(event["ticket_id"]), from_iso(event["at"])
            if ticket_id in since:
                minutes[ticket_id] += (at - since.pop(ticket_id)).total_seconds() / 60
            if event["to_state"] == "serving":
                since[ticket_id] = at
        return dict(minutes)

    @staticmethod
    def _group(name: str, rows: list[Row], service: dict[int, float]) -> GroupFigures:
        waits = [(from_iso(r["first_called_at"]) - from_iso(r["issued_at"])).total_seconds() / 60
                 for r in rows if r["first_called_at"]]
        served = [service[int(r["id"])] for r in rows if int(r["id"]) in service]
        return GroupFigures(
            group_name=name, issued=len(rows), served=len(served),
            no_show=sum(1 for r in rows if r["state"] == "no_show"),
            avg_wait_min=_mean(waits), median_wait_min=_median(waits),
            avg_service_min=_mean(served), median_service_min=_median(served),
        )

    def _cases(self, start: str, end: str) -> tuple[StateCount, ...]:
        touched = {int(r["case_id"]) for r in store.case_transitions_between(self._db, start, end)}
        counts: dict[CaseState, int] = defaultdict(int)
        for state in store.case_states(self._db, sorted(touched)):
            counts[CaseState(state)] += 1
        return tuple(StateCount(state.label, counts[state]) for state in CaseState
                     if counts[state])

    def _overdue(self, day: dt.date) -> tuple[OverdueCase, ...]:
        entries = [e for e in self._queries.due(day) if e.level is DueLevel.OVERDUE]
        return tuple(OverdueCase(e.case.case_number or str(e.case.id), e.case.item.name,
                                 e.case.deadline or day, -(e.working_days_left or 0))
                     for e in entries)

    def _ratings(self, start: str, end: str) -> tuple[tuple[str, int], ...]:
        counts: dict[str, int] = defaultdict(int)
        for level in store.rating_levels_between(self._db, start, end):
            counts[RatingLevel(level).label] += 1
        return tuple((level.label, counts[level.label]) for level in RatingLevel)

    def _day_rows(self, first: dt.date, last: dt.date) -> tuple[DayRow, ...]:
        rows = []
        day = first
        while day <= last:
            tickets = ticket_store.for_day(self._db, day.isoformat())
            accepted = store.accepted_on(self._db, day.isoformat())
            if tickets or accepted:
                rows.append(DayRow(
                    day, len(tickets),
                    sum(1 for t in tickets if t["state"] in ("done", "serving", "held")),
                    sum(1 for t in tickets if t["state"] == "no_show"), accepted))
            day += dt.timedelta(days=1)
        return tuple(rows)


def _mean(values: list[float]) -> float | None:
    return round(statistics.mean(values), 1) if values else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None
