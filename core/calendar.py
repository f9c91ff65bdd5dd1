"""The center's working-day calendar backed by its database.

Overrides come from two places: whole-year calendars the hub publishes (the State
Council's notice for a year chinesecalendar does not know yet) and a supervisor's single
days (a local closure, a make-up working Saturday). See :mod:`core.workdays` for the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.actor import Actor
from core.audit import record
from core.clock import Clock, to_iso
from core.db import Database
from core.db import catalog as store
from core.errors import InvalidInput, NotFound
from core.i18n import _
from core.staff import Role, StaffService
from core.text import optional_text
from core.workdays import DayOverride, WorkCalendar


class DatabaseCalendarSource:
    """A :class:`core.workdays.CalendarSource` reading the ``calendar_override`` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def overrides_for_year(self, year: int) -> Mapping[dt.date, DayOverride]:
        merged: dict[dt.date, DayOverride] = {}
        rows = sorted(store.overrides_for_year(self._db, year),
                      key=lambda r: r["source"] == "local")
        for row in rows:  # hub first, so a local entry for the same day wins
            day = dt.date.fromisoformat(row["day"])
            merged[day] = DayOverride(day, bool(row["working"]), row["source"], row["note"])
        return merged

    def published_years(self) -> frozenset[int]:
        return frozenset(store.published_years(self._db))


@dataclass(frozen=True)
class PublishedDay:
    day: dt.date
    working: bool
    name: str | None = None


class CalendarService:
    def __init__(self, db: Database, clock: Clock, staff: StaffService) -> None:
        self._db = db
        self._clock = clock
        self._staff = staff
        self._work = WorkCalendar(DatabaseCalendarSource(db))
        self._revision: tuple[object, ...] | None = None

    @property
    def work(self) -> WorkCalendar:
        """The calendar, refreshed if another process changed the overrides."""
        revision = store.calendar_revision(self._db)
        if revision != self._revision:
            self._work.invalidate()
            self._revision = revision
        return self._work

    def set_local(self, day: dt.date, working: bool, note: str | None, actor: Actor) -> None:
        """A supervisor's entry: a closure on a working day, or a working rest day."""
        self._staff.require(actor, Role.SUPERVISOR)
        text = optional_text(note, field=_("说明"), max_length=50) or ""
        with self._db.write():
            store.put_override(self._db, {
                "day": day.isoformat(), "source": "local", "working": int(working),
                "note": text, "year": day.year, "updated_at": to_iso(self._clock.now())})
            record(self._db, self._clock, actor, "calendar.local_set", "calendar",
                   day.isoformat(), {"working": working, "note": text})

    def remove_local(self, day: dt.date, actor: Actor) -> None:
        self._staff.require(actor, Role.SUPERVISOR)
        with self._db.write():
            if not store.delete_override(self._db, day.isoformat(), "local"):
                raise NotFound(_("{day}没有本地设置").format(day=day.isoformat()))
            record(self._db, self._clock, actor, "calendar.local_removed", "calendar",
                   day.isoformat())

    def local_entries(self) -> list[DayOverride]:
        return [DayOverride(dt.date.fromisoformat(r["day"]), bool(r["working"]), "local",
                            r["note"]) for r in store.local_overrides(self._db)]

    def apply_published(self, year: int, source_text: str, days: Iterable[PublishedDay],
                        actor: Actor) -> None:
        """Store a whole year's calendar as published by the hub (replaces that year)."""
        entries = list(days)
        if any(d.day.year != year for d in entries):
            raise InvalidInput(_("{year}年的日历里混入了其他年份的日期").format(year=year))
        now = to_iso(self._clock.now())
        with self._db.write():
            store.replace_hub_year(self._db, year)
            for entry in entries:
                store.put_override(self._db, {
                    "day": entry.day.isoformat(), "source": "hub", "working": int(entry.working),
                    "note": entry.name or "", "year": year, "updated_at": now})
            store.mark_published(self._db, year, source_text, now)
            record(self._db, self._clock, actor, "calendar.published_applied", "calendar",
                   str(year), {"days": len(entries), "source": source_text[:100]})
