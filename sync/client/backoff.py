"""Waiting between tries: exponential backoff with full jitter, and ``Retry-After``."""

from __future__ import annotations

import datetime as dt
import email.utils
import random

BASE_SECONDS = 2.0
CAP_SECONDS = 900.0
FLOOR_SECONDS = 1.0
MAX_RETRY_AFTER = 3600.0


def full_jitter(attempt: int, *, rng: random.Random, base: float = BASE_SECONDS,
                cap: float = CAP_SECONDS, floor: float = FLOOR_SECONDS) -> float:
    """random(0, min(cap, base·2^attempt)), never below ``floor`` so a loop cannot spin."""
    ceiling = min(cap, base * 2 ** min(max(attempt, 0), 30))
    return max(floor, rng.uniform(0, ceiling))


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)
