"""The working-day calendar and deadlines counted in working days (DESIGN §3).

Per day, the first source that knows wins: an override (a hub-published calendar or a
supervisor's local entry), then the official data in ``chinesecalendar``, then — for years
with neither — weekends plus the statutory holidays computed from the rules, provisional.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from chinese_calendar import constants as _library
from lunardate import LunarDate

from core.errors import BugError, InvalidInput
from core.i18n import _

OverrideSource = Literal["hub", "local"]
# Where a day's status came from: an override, the library's official data, or the rules.
DaySource = Literal["hub", "local", "official", "rules"]

_ONE_DAY = dt.timedelta(days=1)
# lunardate knows lunar years [1900, 2100); later years get no lunar holidays.
_LUNAR_YEARS = range(1900, 2100)
# A calendar without a single working day for this long is broken data, not a holiday.
_MAX_REST_RUN = 400


# ------------------------------------------------------------------ overrides


@dataclass(frozen=True)
class DayOverride:
    """One day set by the hub (a published year's calendar) or locally by a supervisor."""

    day: dt.date
    working: bool
    source: OverrideSource
    note: str = ""


class CalendarSource(Protocol):
    def overrides_for_year(self, year: int) -> Mapping[dt.date, DayOverride]:
        """Every override in ``year``, at most one per day (local beats hub)."""
        ...

    def published_years(self) -> frozenset[int]:
        """Years for which the hub published a complete calendar."""
        ...


class InMemoryCalendarSource:
    """A :class:`CalendarSource` held in memory (tests, demos)."""

    def __init__(
        self, overrides: Iterable[DayOverride] = (), published_years: Iterable[int] = ()
    ) -> None:
        self._entries: dict[OverrideSource, dict[dt.date, DayOverride]] = {"hub": {}, "local": {}}
        self._published = set(published_years)
        for override in overrides:
            self.add(override)

    def add(self, override: DayOverride) -> None:
        self._entries[override.source][override.day] = override

    def publish_year(self, year: int, days: Iterable[DayOverride]) -> None:
        """Replace the hub's entries for ``year`` and mark the year published."""
        hub = self._entries["hub"]
        for day in [d for d in hub if d.year == year]:
            del hub[day]
        for override in days:
            if override.source != "hub" or override.day.year != year:
                raise ValueError("a published year holds only hub entries of that year")
            hub[override.day] = override
        self._published.add(year)

    def overrides_for_year(self, year: int) -> Mapping[dt.date, DayOverride]:
        merged = {d: o for d, o in self._entries["hub"].items() if d.year == year}
        # A local closure (typhoon, election) is more specific than the hub's calendar.
        merged.update({d: o for d, o in self._entries["local"].items() if d.year == year})
        return merged

    def published_years(self) -> frozenset[int]:
        return frozenset(self._published)


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    working: bool
    provisional: bool
    holiday_name: str | None
    source: DaySource


@dataclass(frozen=True)
class Deadline:
    """A due date; ``provisional`` when counting crossed a year without official data."""

    date: dt.date
    provisional: bool


# ------------------------------------------------------------------ official data


def _library_years() -> frozenset[int]:
    # The same bounds the library checks before raising NotImplementedError.
    years = [day.year for day in _library.holidays]
    return frozenset(range(min(years), max(years) + 1))


def _by_year(days: Mapping[dt.date, str]) -> dict[int, dict[dt.date, str]]:
    grouped: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for day, name in days.items():
        grouped[day.year][day] = name
    return dict(grouped)


LIBRARY_YEARS = _library_years()
_LIBRARY_HOLIDAYS = _by_year(_library.holidays)
_LIBRARY_WORKDAYS = _by_year(_library.workdays)
# The library's English names; its own Chinese ones are incomplete (国庆节 but 清明, 端午).
_LIBRARY_NAMES = {
    "New Year's Day": "new_year",
    "Spring Festival": "spring",
    "Tomb-sweeping Day": "qingming",
    "Labour Day": "labour",
    "Dragon Boat Festival": "dragon_boat",
    "Mid-autumn Festival": "mid_autumn",
    "National Day": "national",
    "Anti-Fascist 70th Day": "victory_70",
}


def _holiday_name(key: str) -> str:
    names = {
        "new_year": _("元旦"),
        "spring": _("春节"),
        "qingming": _("清明节"),
        "labour": _("劳动节"),
        "dragon_boat": _("端午节"),
        "mid_autumn": _("中秋节"),
        "national": _("国庆节"),
        "victory_70": _("抗战胜利70周年纪念日"),
    }
    return names.get(key, _("节假日"))


def _library_days(year: int) -> dict[dt.date, tuple[bool, str | None]]:
    """The library's exceptions to Mon–Fri: same answers as ``chinese_calendar.is_workday``."""
    days: dict[dt.date, tuple[bool, str | None]] = {}
    for day, english in _LIBRARY_HOLIDAYS.get(year, {}).items():
        days[day] = (False, _holiday_name(_LIBRARY_NAMES.get(english, "")))
    for day in _LIBRARY_WORKDAYS.get(year, {}):
        days[day] = (True, None)
    return days


# ------------------------------------------------------------------ statutory rules


def qingming(year: int) -> dt.date:
    """The date of the 清明 solar term, Beijing time.

    The 寿星 formula as one continuous count of mean tropical years (365.2422 days) from
    2000-04-04.81, in integer units of 1/10000 day. It agrees with
    ``chinese_calendar.get_solar_terms`` for 1900–2099, which only works for 1900–2100.
    """
    offset = 48_100 + (year - 2000) * 3_652_422
    return dt.date(2000, 3, 31) + dt.timedelta(days=offset // 10_000)


def _statutory_holidays(year: int) -> dict[dt.date, str]:
    """The 13 statutory rest days since 2025 (no 调休 guessed), named, for any year."""
    keyed: dict[dt.date, list[str]] = defaultdict(list)
    fixed = [(1, 1, "new_year"), (5, 1, "labour"), (5, 2, "labour")]
    fixed += [(10, day_of_month, "national") for day_of_month in (1, 2, 3)]
    for month, day_of_month, key in fixed:
        keyed[dt.date(year, month, day_of_month)].append(key)
    keyed[qingming(year)].append("qingming")
    for day, key in _lunar_holidays(year):
        keyed[day].append(key)
    # 中秋 can fall on 国庆: one rest day, both names.
    return {day: "、".join(_holiday_name(k) for k in keys) for day, keys in keyed.items()}


def _lunar_holidays(year: int) -> list[tuple[dt.date, str]]:
    if year not in _LUNAR_YEARS:
        return []
    new_year: dt.date = LunarDate(year, 1, 1).to_solar_date()
    # 除夕 is the day before 初一, whether the twelfth month has 29 or 30 days.
    spring = [(new_year + dt.timedelta(days=k), "spring") for k in range(-1, 3)]
    dragon_boat: dt.date = LunarDate(year, 5, 5).to_solar_date()
    mid_autumn: dt.date = LunarDate(year, 8, 15).to_solar_date()
    return [*spring, (dragon_boat, "dragon_boat"), (mid_autumn, "mid_autumn")]


# ------------------------------------------------------------------ the calendar


@dataclass(frozen=True)
class _Year:
    official: bool
    default_source: DaySource
    days: Mapping[dt.date, DayInfo]


class WorkCalendar:
    """Working days for one center: official data, the hub's calendars and local entries.

    Each year is worked out once and cached; call :meth:`invalidate` after the source
    changes (a hub calendar arrived, a supervisor entered a closure).
    """

    def __init__(self, source: CalendarSource | None = None) -> None:
        self._source = source
        self._years: dict[int, _Year] = {}
        self._published: frozenset[int] | None = None

    def invalidate(self) -> None:
        self._years.clear()
        self._published = None

    # -------------------------------------------------------------- days

    def day_info(self, day: dt.date) -> DayInfo:
        year = self._year(day.year)
        info = year.days.get(day)
        if info is not None:
            return info
        return DayInfo(day, day.weekday() < 5, not year.official, None, year.default_source)

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_info(day).working

    def is_year_official(self, year: int) -> bool:
        """Official data exist: in ``chinesecalendar`` or published by the hub."""
        return year in LIBRARY_YEARS or year in self._published_years()

    # -------------------------------------------------------------- deadlines

    def add_working_days(self, start: dt.date, n: int) -> Deadline:
        """The n-th working day strictly after ``start``; ``start`` itself never counts.

        n == 0 is 即办: the start day, not provisional. ``provisional`` is True when any
        day from start+1 to the result lies in a year without official data.
        """
        if n < 0:
            raise InvalidInput(_("承诺办结的工作日天数不能是负数"))
        day, provisional, rest_run = start, False, 0
        while n > 0:
            day += _ONE_DAY
            info = self.day_info(day)
            provisional = provisional or info.provisional
            n, rest_run = (n - 1, 0) if info.working else (n, rest_run + 1)
            _check_rest_run(rest_run)
        return Deadline(day, provisional)

    def working_days_left(self, today: dt.date, deadline: dt.date) -> int:
        """Working days after ``today`` up to and including the deadline.

        A deadline on a rest day moves to the next working day (Civil Code Art. 203).
        1 = one working day left (yellow), 0 = due today, negative = overdue: minus the
        working days since the deadline, at least -1 (so a weekend after a Friday
        deadline already reads -1).
        """
        due = self._on_or_after_working(deadline)
        if today <= due:
            return self._working_between(today, due)
        return -max(1, self._working_between(due, today))

    def next_year_warning(self, today: dt.date) -> str | None:
        """A warning for screens and the log when deadlines may be provisional.

        From October 1 when next year has no official data; at any time when this year
        has none (the library was not upgraded and the hub sent nothing).
        """
        if not self.is_year_official(today.year):
            return _(
                "{year}年的节假日安排尚未录入：期限按推算的法定节假日计算，标为“暂定”。"
                "请升级日历数据或等待上级下发节假日安排。"
            ).format(year=today.year)
        if today >= dt.date(today.year, 10, 1) and not self.is_year_official(today.year + 1):
            return _(
                "{year}年的节假日安排尚未录入：跨入{year}年的期限按推算的法定节假日计算，"
                "标为“暂定”。国务院通知发布后请升级日历数据或等待上级下发。"
            ).format(year=today.year + 1)
        return None

    # -------------------------------------------------------------- internals

    def _on_or_after_working(self, day: dt.date) -> dt.date:
        rest_run = 0
        while not self.is_working_day(day):
            day += _ONE_DAY
            rest_run += 1
            _check_rest_run(rest_run)
        return day

    def _working_between(self, after: dt.date, until: dt.date) -> int:
        """Working days d with after < d <= until."""
        count, day = 0, after + _ONE_DAY
        while day <= until:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count

    def _published_years(self) -> frozenset[int]:
        if self._published is None:
            self._published = self._source.published_years() if self._source else frozenset()
        return self._published

    def _year(self, year: int) -> _Year:
        if year not in self._years:
            self._years[year] = self._build_year(year)
        return self._years[year]

    def _build_year(self, year: int) -> _Year:
        provisional = not self.is_year_official(year)
        base, source = self._base_days(year)
        days = {
            day: DayInfo(day, working, provisional, name, source)
            for day, (working, name) in base.items()
        }
        for override in self._overrides(year):
            days[override.day] = _override_info(override, provisional)
        return _Year(not provisional, source, days)

    def _base_days(self, year: int) -> tuple[dict[dt.date, tuple[bool, str | None]], DaySource]:
        if year in LIBRARY_YEARS:
            return _library_days(year), "official"
        if year in self._published_years():
            # A published calendar lists every exception; nothing is computed beside it.
            return {}, "hub"
        rules = _statutory_holidays(year)
        return {day: (False, name) for day, name in rules.items()}, "rules"

    def _overrides(self, year: int) -> list[DayOverride]:
        if self._source is None:
            return []
        entries = self._source.overrides_for_year(year).values()
        return [entry for entry in entries if entry.day.year == year]


def _override_info(override: DayOverride, provisional: bool) -> DayInfo:
    name = None
    if not override.working:
        default = _("节假日") if override.source == "hub" else _("停止办公")
        name = override.note or default
    return DayInfo(override.day, override.working, provisional, name, override.source)


def _check_rest_run(rest_run: int) -> None:
    if rest_run > _MAX_REST_RUN:
        raise BugError("the work calendar has no working day for over a year")
