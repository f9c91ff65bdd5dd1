"""Limits against guessing and flooding, kept in this process's memory.

- the public page ``/t/``: requests per client address, and wrong codes per case number
  (after too many misses the number rests, even for the right code: a guesser cannot tell
  a hit from a miss);
- login: attempts per client address; wrong passwords in a row per account lock it
  (:class:`LoginGuard`; the lock of an existing account is written to the database so
  ``bianmin-hub center unlock`` can lift it and a restart does not);
- password checks (scrypt, 16 MiB each) run a few at a time; beyond a short queue a login
  is refused at once (:class:`PasswordGate`);
- request bodies one center uploads at the same time (:class:`PerKey`).

Every refusal is :class:`RateLimited` (``429`` + ``Retry-After``). Counters live in memory:
they restart with the hub and are not shared between hub processes; each table holds at
most :attr:`Limits.max_keys` keys (the oldest are forgotten first).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import math
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from core.i18n import _
from sync.protocol import ErrorCode, ProtocolError

V = TypeVar("V")


@dataclass(frozen=True)
class Limits:
    """The numbers (each a ``bianmin-hub serve`` option; see docs/hub.md)."""

    status_per_minute: int = 30        # /t/ requests per client address
    status_misses_per_hour: int = 10   # wrong codes per case number, then it rests
    login_per_minute: int = 10         # login attempts per client address
    login_failures: int = 10           # wrong passwords in a row per account, then locked
    lockout_minutes: int = 15
    password_checks: int = 2           # scrypt checks at the same time
    password_queue: int = 8            # logins waiting for one; more are refused at once
    uploads_per_center: int = 8        # request bodies of one center read at the same time
    body_timeout: float = 60.0         # seconds for a whole request body to arrive
    max_keys: int = 10_000             # addresses, numbers or accounts remembered per table


class RateLimited(ProtocolError):
    """``429``: come back after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(ErrorCode.RATE_LIMITED, message)
        self.retry_after = max(1, math.ceil(retry_after))


def too_often(retry_after: float) -> RateLimited:
    return RateLimited(_("请求太频繁，请{seconds}秒后再试").format(
        seconds=max(1, math.ceil(retry_after))), retry_after)


class _Bounded(Generic[V]):
    """A dict that forgets its least recently touched keys beyond ``max_keys``."""

    def __init__(self, max_keys: int) -> None:
        self._items: OrderedDict[str, V] = OrderedDict()
        self._max = max_keys

    def get(self, key: str) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: str, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def pop(self, key: str) -> None:
        self._items.pop(key, None)


class SlidingWindow:
    """At most ``limit`` events per ``period`` seconds for each key."""

    def __init__(self, limit: int, period: float, *, max_keys: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.period, self._clock = limit, period, clock
        self._times: _Bounded[deque[float]] = _Bounded(max_keys)

    def wait(self, key: str) -> float:
        """Seconds until ``key`` may act again (0: now)."""
        times = self._times.get(key)
        if times is None:
            return 0.0
        now = self._clock()
        while times and times[0] <= now - self.period:
            times.popleft()
        return 0.0 if len(times) < self.limit else times[0] + self.period - now

    def record(self, key: str) -> None:
        times = self._times.get(key)
        if times is None:
            times = deque(maxlen=self.limit)
            self._times.put(key, times)
        times.append(self._clock())

    def hit(self, key: str) -> None:
        """Count one event for ``key``, or raise :class:`RateLimited` if over the limit."""
        wait = self.wait(key)
        if wait > 0:
            raise too_often(wait)
        self.record(key)


class LoginGuard:
    """Wrong passwords in a row per account; the lock of an account that does not exist is
    kept here too, so a locked real account and a locked made-up one look the same."""

    def __init__(self, limits: Limits) -> None:
        self.failures_allowed = limits.login_failures
        self.lockout = dt.timedelta(minutes=limits.lockout_minutes)
        self._failures: _Bounded[tuple[int, dt.datetime]] = _Bounded(limits.max_keys)
        self._ghost_locks: _Bounded[dt.datetime] = _Bounded(limits.max_keys)

    def ghost_lock(self, account: str) -> dt.datetime | None:
        return self._ghost_locks.get(account)

    def failed(self, account: str, now: dt.datetime) -> dt.datetime | None:
        """Count a wrong password; returns the time the account is locked until when this
        one reaches the limit (the count starts again)."""
        count, last = self._failures.get(account) or (0, now)
        count = 1 if now - last > self.lockout else count + 1
        if count < self.failures_allowed:
            self._failures.put(account, (count, now))
            return None
        self._failures.pop(account)
        until = now + self.lockout
        self._ghost_locks.put(account, until)
        return until

    def succeeded(self, account: str) -> None:
        self._failures.pop(account)


def locked_error(until: dt.datetime, now: dt.datetime) -> RateLimited:
    seconds = (until - now).total_seconds()
    return RateLimited(_("登录失败次数过多，账号已暂时锁定，请{minutes}分钟后再试，"
                         "或请县级管理员解除锁定").format(minutes=max(1, math.ceil(seconds / 60))),
                       seconds)


class PasswordGate:
    """At most ``checks`` password checks at once and ``queue`` waiting; more → 429 now."""

    RETRY_AFTER = 5

    def __init__(self, checks: int, queue: int) -> None:
        self._slots = asyncio.Semaphore(checks)
        self._checks, self._queue = checks, queue
        self._inside = 0

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._inside >= self._checks + self._queue:
            raise RateLimited(_("登录请求太多，请{seconds}秒后再试").format(
                seconds=self.RETRY_AFTER), self.RETRY_AFTER)
        self._inside += 1
        try:
            async with self._slots:
                yield
        finally:
            self._inside -= 1


class PerKey:
    """At most ``limit`` things at once per key (one center's uploads); more → 429 now."""

    RETRY_AFTER = 5

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._active: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def slot(self, key: str) -> AsyncIterator[None]:
        if self._active.get(key, 0) >= self.limit:
            raise RateLimited(_("本中心同时上传的请求太多，请{seconds}秒后再试").format(
                seconds=self.RETRY_AFTER), self.RETRY_AFTER)
        self._active[key] = self._active.get(key, 0) + 1
        try:
            yield
        finally:
            self._active[key] -= 1
            if not self._active[key]:
                del self._active[key]


class HubLimits:
    """Everything one serving hub counts, built from :class:`Limits`."""

    def __init__(self, limits: Limits) -> None:
        self.settings = limits
        keys = limits.max_keys
        self.status_by_address = SlidingWindow(limits.status_per_minute, 60, max_keys=keys)
        self.misses_by_number = SlidingWindow(limits.status_misses_per_hour, 3600,
                                              max_keys=keys)
        self.login_by_address = SlidingWindow(limits.login_per_minute, 60, max_keys=keys)
        self.passwords = PasswordGate(limits.password_checks, limits.password_queue)
        self.uploads = PerKey(limits.uploads_per_center)
