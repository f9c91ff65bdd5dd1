"""The working-day calendar: pinned to the State Council's 2025 and 2026 notices, provisional
years computed from the rules, hub and local overrides, and deadline properties.

The 2027 cases pin chinesecalendar 1.11 (data up to 2026): when an upgrade brings 2027
data, these tests fail on purpose so the new data get looked at.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import InvalidInput
from core.workdays import (
    LIBRARY_YEARS,
    DayOverride,
    InMemoryCalendarSource,
    WorkCalendar,
    qingming,
)

D = dt.date
CALENDAR = WorkCalendar()  # no source: library data and rules only; caches across examples
ANY_DAY = st.dates(D(1901, 1, 1), D(2199, 12, 31))
NO_DATA_DAY = st.dates(D(2027, 1, 1), D(2199, 12, 31))


def _span(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(days=k) for k in range((last - first).days + 1)}


def _days_of(year: int) -> list[dt.date]:
    return sorted(_span(D(year, 1, 1), D(year, 12, 31)))


# ------------------------------------------------------------------ official notices

NOTICE_2026_REST = (
    _span(D(2026, 1, 1), D(2026, 1, 3))
    | _span(D(2026, 2, 15), D(2026, 2, 23))
    | _span(D(2026, 4, 4), D(2026, 4, 6))
    | _span(D(2026, 5, 1), D(2026, 5, 5))
    | _span(D(2026, 6, 19), D(2026, 6, 21))
    | _span(D(2026, 9, 25), D(2026, 9, 27))
    | _span(D(2026, 10, 1), D(2026, 10, 7))
)
NOTICE_2026_WORK = {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9)}
NOTICE_2026_WORK |= {D(2026, 9, 20), D(2026, 10, 10)}

NOTICE_2025_REST = (
    {D(2025, 1, 1)}
    | _span(D(2025, 1, 28), D(2025, 2, 4))
    | _span(D(2025, 4, 4), D(2025, 4, 6))
    | _span(D(2025, 5, 1), D(2025, 5, 5))
    | _span(D(2025, 5, 31), D(2025, 6, 2))
    | _span(D(2025, 10, 1), D(2025, 10, 8))
)
NOTICE_2025_WORK = {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28)}
NOTICE_2025_WORK |= {D(2025, 10, 11)}


@pytest.mark.parametrize(
    ("year", "rest", "work"),
    [(2025, NOTICE_2025_REST, NOTICE_2025_WORK), (2026, NOTICE_2026_REST, NOTICE_2026_WORK)],
)
def test_every_day_matches_the_state_council_notice(
    year: int, rest: set[dt.date], work: set[dt.date]
) -> None:
    for day in _days_of(year):
        expected = day in work or (day.weekday() < 5 and day not in rest)
        info = CALENDAR.day_info(day)
        assert info.working == expected, day
        assert not info.provisional
    assert CALENDAR.is_year_official(year)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 1, 3), "元旦"),
        (D(2026, 2, 15), "春节"),
        (D(2026, 4, 5), "清明节"),
        (D(2026, 6, 19), "端午节"),
        (D(2026, 9, 25), "中秋节"),
        (D(2026, 10, 7), "国庆节"),
        (D(2015, 9, 3), "抗战胜利70周年纪念日"),
    ],
)
def test_official_holidays_have_chinese_names(day: dt.date, name: str) -> None:
    info = CALENDAR.day_info(day)
    assert not info.working
    assert info.holiday_name == name
    assert info.source == "official"


def test_make_up_day_and_ordinary_days_have_no_holiday_name() -> None:
    assert CALENDAR.day_info(D(2026, 9, 20)).holiday_name is None
    assert CALENDAR.day_info(D(2026, 11, 28)).holiday_name is None


def test_agrees_with_chinese_calendar_on_every_covered_day() -> None:
    for year in sorted(LIBRARY_YEARS):
        for day in _days_of(year):
            assert CALENDAR.is_working_day(day) == chinese_calendar.is_workday(day), day


def test_library_bounds_are_detected_where_the_library_starts_raising() -> None:
    first, last = min(LIBRARY_YEARS), max(LIBRARY_YEARS)
    assert first == 2004
    assert len(LIBRARY_YEARS) == last - first + 1
    assert chinese_calendar.is_workday(D(last, 12, 31)) in (True, False)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(last + 1, 1, 5))
    assert CALENDAR.is_working_day(D(last + 1, 1, 5)) in (True, False)
    assert not CALENDAR.is_year_official(last + 1)


# ------------------------------------------------------------------ deadlines


def test_deadline_across_national_day_is_official() -> None:
    deadline = CALENDAR.add_working_days(D(2026, 9, 30), 5)
    assert deadline.date == D(2026, 10, 13)
    assert not deadline.provisional


def test_start_on_a_saturday_counts_from_the_next_working_day() -> None:
    # Sunday 9/20 is a make-up working day: 9/20, 21, 22, 23, 24.
    assert CALENDAR.add_working_days(D(2026, 9, 19), 5).date == D(2026, 9, 24)


def test_start_inside_a_holiday() -> None:
    assert CALENDAR.add_working_days(D(2026, 10, 1), 1).date == D(2026, 10, 8)


def test_zero_days_is_the_start_day() -> None:
    deadline = CALENDAR.add_working_days(D(2026, 10, 3), 0)
    assert deadline.date == D(2026, 10, 3)
    assert not deadline.provisional


def test_negative_days_are_refused() -> None:
    with pytest.raises(InvalidInput, match="负数"):
        CALENDAR.add_working_days(D(2026, 10, 3), -1)


def test_deadline_into_a_year_without_data_is_provisional_not_an_error() -> None:
    # 12/28–31 are days 1–4; 2027-01-01 is 元旦 by the rules, then a weekend.
    deadline = CALENDAR.add_working_days(D(2026, 12, 25), 5)
    assert deadline.date == D(2027, 1, 4)
    assert deadline.provisional


# ------------------------------------------------------------------ provisional years


def test_spring_festival_2027_is_computed_from_the_lunar_calendar() -> None:
    for day in _span(D(2027, 2, 5), D(2027, 2, 8)):  # 除夕 + 初一..初三 (初一 = 2/6)
        info = CALENDAR.day_info(day)
        assert not info.working
        assert info.provisional
        assert info.holiday_name == "春节"
        assert info.source == "rules"
    assert CALENDAR.day_info(D(2027, 2, 9)).working
    assert CALENDAR.day_info(D(2027, 2, 4)).working


def test_2027_has_the_thirteen_statutory_days_and_no_make_up_days() -> None:
    rest_weekdays = {
        day for day in _days_of(2027) if day.weekday() < 5 and not CALENDAR.is_working_day(day)
    }
    named = {day for day in _days_of(2027) if CALENDAR.day_info(day).holiday_name}
    assert len(named) == 13
    assert rest_weekdays == {day for day in named if day.weekday() < 5}
    assert not any(CALENDAR.is_working_day(d) for d in _days_of(2027) if d.weekday() >= 5)


def test_mid_autumn_on_national_day_is_one_day_with_both_names() -> None:
    info = CALENDAR.day_info(D(2028, 10, 3))  # 2028 中秋 = 10/3
    assert info.holiday_name == "国庆节、中秋节"
    assert len({d for d in _days_of(2028) if CALENDAR.day_info(d).holiday_name}) == 12


@pytest.mark.parametrize("year", range(1900, 2100))
def test_qingming_formula_matches_chinese_calendar(year: int) -> None:
    terms = chinese_calendar.get_solar_terms(D(year, 4, 1), D(year, 4, 30))
    assert (qingming(year), "清明") in terms


def test_years_beyond_the_lunar_tables_still_have_the_solar_holidays() -> None:
    for day in [D(2150, 1, 1), D(2150, 5, 2), D(2150, 10, 3), qingming(2150)]:
        info = CALENDAR.day_info(day)
        assert not info.working
        assert info.provisional


# ------------------------------------------------------------------ overrides


def _hub_2027() -> InMemoryCalendarSource:
    rest = _span(D(2027, 2, 5), D(2027, 2, 11))
    days = [DayOverride(d, False, "hub", "春节") for d in sorted(rest)]
    days.append(DayOverride(D(2027, 2, 20), True, "hub", "春节调休上班"))
    source = InMemoryCalendarSource()
    source.publish_year(2027, days)
    return source


def test_hub_published_calendar_makes_the_year_official_and_wins() -> None:
    calendar = WorkCalendar(_hub_2027())
    assert calendar.is_year_official(2027)
    holiday = calendar.day_info(D(2027, 2, 10))
    assert (holiday.working, holiday.provisional, holiday.source) == (False, False, "hub")
    assert holiday.holiday_name == "春节"
    assert calendar.is_working_day(D(2027, 2, 20))  # a Saturday
    # The published calendar is complete: the rules' 端午 (2027-06-09) is not added to it.
    assert calendar.is_working_day(D(2027, 6, 9))
    assert not calendar.add_working_days(D(2026, 12, 25), 5).provisional


def test_crossing_a_year_without_data_stays_provisional_after_it() -> None:
    source = InMemoryCalendarSource(published_years=[2028])
    deadline = WorkCalendar(source).add_working_days(D(2026, 12, 30), 300)
    assert deadline.date.year == 2028
    assert deadline.provisional  # every day of 2027 was examined on the way


def test_publishing_again_replaces_the_hub_entries_of_that_year() -> None:
    source = _hub_2027()
    source.publish_year(2027, [DayOverride(D(2027, 3, 1), False, "hub", "更正")])
    calendar = WorkCalendar(source)
    assert calendar.is_working_day(D(2027, 2, 10))
    assert not calendar.is_working_day(D(2027, 3, 1))


def test_publish_refuses_entries_of_another_year_or_source() -> None:
    source = InMemoryCalendarSource()
    with pytest.raises(ValueError, match="hub entries"):
        source.publish_year(2027, [DayOverride(D(2028, 1, 3), False, "hub")])
    with pytest.raises(ValueError, match="hub entries"):
        source.publish_year(2027, [DayOverride(D(2027, 1, 4), False, "local")])


def test_local_closure_makes_a_weekday_a_rest_day() -> None:
    typhoon = DayOverride(D(2026, 9, 15), False, "local", "台风停止办公")
    calendar = WorkCalendar(InMemoryCalendarSource([typhoon]))
    info = calendar.day_info(D(2026, 9, 15))
    assert (info.working, info.source, info.holiday_name) == (False, "local", "台风停止办公")
    assert not info.provisional
    assert calendar.add_working_days(D(2026, 9, 14), 1).date == D(2026, 9, 16)


def test_local_entry_without_a_note_gets_a_default_name() -> None:
    calendar = WorkCalendar(InMemoryCalendarSource([DayOverride(D(2026, 9, 15), False, "local")]))
    assert calendar.day_info(D(2026, 9, 15)).holiday_name == "停止办公"


def test_local_override_can_make_a_saturday_a_working_day() -> None:
    saturday = DayOverride(D(2026, 11, 28), True, "local", "集中办理日")
    calendar = WorkCalendar(InMemoryCalendarSource([saturday]))
    assert calendar.is_working_day(D(2026, 11, 28))
    assert calendar.add_working_days(D(2026, 11, 27), 1).date == D(2026, 11, 28)


def test_local_override_beats_the_hub_on_the_same_day() -> None:
    source = _hub_2027()
    source.add(DayOverride(D(2027, 2, 20), False, "local", "停电"))
    assert not WorkCalendar(source).is_working_day(D(2027, 2, 20))


def test_local_override_does_not_make_a_year_official() -> None:
    closure = DayOverride(D(2027, 3, 2), False, "local", "选举")
    calendar = WorkCalendar(InMemoryCalendarSource([closure]))
    assert not calendar.is_year_official(2027)
    info = calendar.day_info(D(2027, 3, 2))
    assert not info.working
    assert info.provisional
    assert calendar.day_info(D(2027, 2, 5)).holiday_name == "春节"  # rules still apply


def test_invalidate_picks_up_changes_in_the_source() -> None:
    source = InMemoryCalendarSource()
    calendar = WorkCalendar(source)
    assert calendar.is_working_day(D(2026, 9, 15))
    assert not calendar.is_year_official(2027)
    source.add(DayOverride(D(2026, 9, 15), False, "local", "台风"))
    source.publish_year(2027, [])
    calendar.invalidate()
    assert not calendar.is_working_day(D(2026, 9, 15))
    assert calendar.is_year_official(2027)


# ------------------------------------------------------------------ days left, warnings


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (D(2026, 9, 30), 5),
        (D(2026, 10, 12), 1),
        (D(2026, 10, 13), 0),
        (D(2026, 10, 14), -1),
        (D(2026, 10, 15), -2),
    ],
)
def test_working_days_left(today: dt.date, left: int) -> None:
    assert CALENDAR.working_days_left(today, D(2026, 10, 13)) == left


@pytest.mark.parametrize(
    ("today", "left"), [(D(2026, 11, 28), -1), (D(2026, 11, 30), -1), (D(2026, 12, 1), -2)]
)
def test_overdue_over_a_weekend_is_already_negative(today: dt.date, left: int) -> None:
    assert CALENDAR.working_days_left(today, D(2026, 11, 27)) == left  # a Friday


def test_deadline_on_a_rest_day_moves_to_the_next_working_day() -> None:
    assert CALENDAR.working_days_left(D(2026, 11, 27), D(2026, 11, 28)) == 1
    assert CALENDAR.working_days_left(D(2026, 11, 30), D(2026, 11, 28)) == 0


def test_next_year_warning_from_october_first() -> None:
    assert CALENDAR.next_year_warning(D(2026, 9, 30)) is None
    warning = CALENDAR.next_year_warning(D(2026, 10, 1))
    assert warning is not None
    assert "2027年" in warning
    assert "暂定" in warning
    assert WorkCalendar(_hub_2027()).next_year_warning(D(2026, 12, 1)) is None


def test_warning_when_the_current_year_has_no_data() -> None:
    warning = CALENDAR.next_year_warning(D(2027, 1, 5))
    assert warning is not None
    assert "2027年" in warning


# ------------------------------------------------------------------ properties


@settings(deadline=None)
@given(ANY_DAY)
def test_day_info_never_raises(day: dt.date) -> None:
    info = CALENDAR.day_info(day)
    assert info.day == day
    assert info.provisional == (not CALENDAR.is_year_official(day.year))


@settings(deadline=None)
@given(ANY_DAY, st.integers(1, 40))
def test_result_is_a_working_day_strictly_after_start(start: dt.date, n: int) -> None:
    deadline = CALENDAR.add_working_days(start, n)
    assert deadline.date > start
    assert CALENDAR.is_working_day(deadline.date)
    assert CALENDAR.working_days_left(start, deadline.date) == n


@settings(deadline=None)
@given(ANY_DAY, st.integers(0, 25), st.integers(0, 25))
def test_adding_in_two_steps_is_adding_once(start: dt.date, a: int, b: int) -> None:
    middle = CALENDAR.add_working_days(start, a).date
    if CALENDAR.is_working_day(middle):
        assert CALENDAR.add_working_days(middle, b).date == (
            CALENDAR.add_working_days(start, a + b).date
        )


@settings(deadline=None)
@given(NO_DATA_DAY, st.integers(1, 400))
def test_years_without_data_never_raise_and_are_provisional(start: dt.date, n: int) -> None:
    deadline = CALENDAR.add_working_days(start, n)
    assert deadline.provisional
    assert deadline.date > start


@settings(deadline=None)
@given(st.dates(D(2026, 10, 1), D(2026, 12, 31)), st.integers(1, 30))
def test_provisional_exactly_when_the_count_leaves_2026(start: dt.date, n: int) -> None:
    deadline = CALENDAR.add_working_days(start, n)
    assert deadline.provisional == (deadline.date.year > 2026)
