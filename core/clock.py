"""Where the time comes from, so tests and benchmarks can set it.

Timestamps are stored as UTC ISO-8601 strings with microseconds; business dates (which
day a ticket or case belongs to) are local dates in the center's time zone.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """An aware datetime."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that only moves when told to (tests, demos, benchmarks)."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, **delta: float) -> dt.datetime:
        self._now += dt.timedelta(**delta)
        return self._now

    def set(self, moment: dt.datetime) -> None:
        self._now = moment


def to_iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def local(moment: dt.datetime, tz: str = DEFAULT_TZ) -> dt.datetime:
    return moment.astimezone(ZoneInfo(tz))


def business_date(moment: dt.datetime, tz: str = DEFAULT_TZ) -> dt.date:
    return local(moment, tz).date()
