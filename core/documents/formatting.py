"""How dates, times, day counts and minutes read on paper (Chinese, in the center's zone)."""

from __future__ import annotations

import datetime as dt

from core.clock import local
from core.i18n import _

NOT_MEASURED = "—"


def date_text(day: dt.date) -> str:
    return _("{year}年{month}月{day}日").format(year=day.year, month=day.month, day=day.day)


def datetime_text(moment: dt.datetime, tz: str) -> str:
    here = local(moment, tz)
    return _("{date} {hour:02d}:{minute:02d}").format(
        date=date_text(here.date()), hour=here.hour, minute=here.minute
    )


def short_time_text(moment: dt.datetime, tz: str) -> str:
    """``11月27日 09:35``: a same-day ticket needs no year, and it fits a 58 mm roll."""
    here = local(moment, tz)
    return _("{month}月{day}日 {hour:02d}:{minute:02d}").format(
        month=here.month, day=here.day, hour=here.hour, minute=here.minute
    )


def local_date_text(moment: dt.datetime, tz: str) -> str:
    return date_text(local(moment, tz).date())


def working_days_text(days: int | None, unknown: str) -> str:
    """``23个工作日``, or ``unknown`` (待补充 / 未公布) — never a guessed number."""
    if days is None:
        return unknown
    return _("{days}个工作日").format(days=days)


def minutes_text(minutes: float | None) -> str:
    return NOT_MEASURED if minutes is None else f"{minutes:.1f}"
