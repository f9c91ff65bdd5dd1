"""The upward link's own bookkeeping: who this center is on the hub, pauses, how runs ended,
and what staff see in ``bianmin sync status`` and on the 同步 page.

The outbox (:mod:`core.outbox`) and the feed (:mod:`core.feed`) have their own homes; this
module only reads them for the status.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from core.actor import Actor
from core.audit import record
from core.cases import CaseQueries, CaseState, DueLevel
from core.cases.model import OPEN_STATES
from core.clock import Clock, business_date, from_iso, to_iso
from core.db import Database
from core.db import outbox as outbox_store
from core.db import sync_state as store
from core.db import tickets as ticket_store
from core.feed import CURSOR_KEY, PROBLEM_KEY
from core.outbox import AttentionRow, OutboxState
from core.outbox.attention import attention_rows
from core.settings import (
    SYNC_ACCOUNT,
    SYNC_ATTENTION_ATTEMPTS,
    SYNC_ATTENTION_HOURS,
    SYNC_HUB_URL,
    TIMEZONE,
    Settings,
)

_DEVICE = "device_id"
_CENTER_NAME = "center_name"
_LAST_ATTEMPT = "last_attempt_at"
_LAST_SUCCESS = "last_success_at"
_LAST_ERROR = "last_error"
_LAST_ERROR_AT = "last_error_at"
_SKEW = "clock_skew_seconds"
_PAUSED = "paused_reason"
_NOT_FILED = frozenset({CaseState.DRAFT, CaseState.NOTICE_ISSUED})


@dataclass(frozen=True)
class SyncStatus:
    counts: dict[str, int]
    oldest_pending_at: dt.datetime | None
    oldest_pending_age: dt.timedelta | None
    last_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str | None
    last_error_at: dt.datetime | None
    skew_seconds: float | None
    paused_reason: str | None
    hub_url: str
    account: str
    center_name: str | None
    feed_cursor: str | None
    feed_problem: str | None
    attention: list[AttentionRow]
    # Cases by state once filed (what ``bianmin-hub case list`` shows for this center).
    case_counts: dict[str, int] = field(default_factory=dict)

    @property
    def unsent(self) -> int:
        return self.counts.get("pending", 0) + self.counts.get("in_flight", 0)


@dataclass(frozen=True)
class StatsFigures:
    """What ``POST /centers/me/stats`` reports for county monitoring (no personal data)."""

    at: str
    tickets_waiting: int
    tickets_serving: int
    tickets_served: int
    open_cases: int
    due_soon: int
    overdue: int
    outbox: dict[str, int]

    def queue(self) -> dict[str, Any]:
        return {"waiting": self.tickets_waiting, "serving": self.tickets_serving,
                "served": self.tickets_served, "outbox_pending": self.outbox.get("pending", 0),
                "outbox_rejected": self.outbox.get("rejected", 0),
                "outbox_quarantined": self.outbox.get("quarantined", 0)}

    def cases(self) -> dict[str, Any]:
        return {"open": self.open_cases, "due_soon": self.due_soon, "overdue": self.overdue}


def _moment(value: str | None) -> dt.datetime | None:
    return from_iso(value) if value else None


class SyncLink:
    """Login, pause, run bookkeeping and status of one center's link to its hub."""

    def __init__(self, db: Database, clock: Clock, settings: Settings,
                 queries: CaseQueries) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._queries = queries

    def _now(self) -> str:
        return to_iso(self._clock.now())

    def _put(self, key: str, value: str) -> None:
        store.put_state(self._db, key, value, self._now())

    # ------------------------------------------------------------ identity and login

    def device_id(self) -> str:
        """This installation's id on the hub, minted once."""
        with self._db.write():
            current = store.get_state(self._db, _DEVICE)
            if current is None:
                current = str(uuid.uuid4())
                self._put(_DEVICE, current)
        return current

    def hub_url(self) -> str:
        return self._settings.get(SYNC_HUB_URL)

    def account(self) -> str:
        return self._settings.get(SYNC_ACCOUNT)

    def save_login(self, hub_url: str, account: str, center_name: str, actor: Actor) -> None:
        """A successful login: remember where and as whom, and lift any pause."""
        with self._db.write():
            if self._settings.get(SYNC_HUB_URL) != hub_url:
                self._settings.set(SYNC_HUB_URL.key, hub_url, actor)
            if self._settings.get(SYNC_ACCOUNT) != account:
                self._settings.set(SYNC_ACCOUNT.key, account, actor)
            self._put(_CENTER_NAME, center_name)
            store.delete_state(self._db, _PAUSED)
            record(self._db, self._clock, actor, "sync.logged_in", "sync", account,
                   {"hub": hub_url})

    # ------------------------------------------------------------ pausing

    def pause(self, reason: str) -> None:
        """Stop syncing until someone acts (log in again, re-enable the account, upgrade)."""
        with self._db.write():
            if store.get_state(self._db, _PAUSED) == reason:
                return
            self._put(_PAUSED, reason)
            self._put(_LAST_ERROR, reason)
            self._put(_LAST_ERROR_AT, self._now())
            record(self._db, self._clock, Actor.sync(), "sync.paused", "sync", None,
                   {"reason": reason})

    def resume(self, actor: Actor) -> None:
        with self._db.write():
            if store.get_state(self._db, _PAUSED) is None:
                return
            store.delete_state(self._db, _PAUSED)
            record(self._db, self._clock, actor, "sync.resumed", "sync", None)

    def paused_reason(self) -> str | None:
        return store.get_state(self._db, _PAUSED)

    # ------------------------------------------------------------ run bookkeeping

    def begin_run(self) -> None:
        with self._db.write():
            self._put(_LAST_ATTEMPT, self._now())

    def finish_run(self, error: str | None, skew_seconds: float | None) -> None:
        """Record how a run ended: success time, or the Chinese error staff will see."""
        with self._db.write():
            now = self._now()
            if skew_seconds is not None:
                self._put(_SKEW, f"{skew_seconds:.1f}")
            if error is None:
                self._put(_LAST_SUCCESS, now)
                store.delete_state(self._db, _LAST_ERROR)
                store.delete_state(self._db, _LAST_ERROR_AT)
            else:
                self._put(_LAST_ERROR, error)
                self._put(_LAST_ERROR_AT, now)

    # ------------------------------------------------------------ what staff see

    def status(self) -> SyncStatus:
        now = self._clock.now()
        hours = self._settings.get(SYNC_ATTENTION_HOURS)
        attempts = self._settings.get(SYNC_ATTENTION_ATTEMPTS)
        with self._db.read():
            counts = outbox_store.counts(self._db)
            oldest = _moment(outbox_store.oldest_unsent(self._db))
            state = store.all_state(self._db)
            attention = attention_rows(self._db, now, hours, attempts)
            cases = self._queries.counts()
        skew = state.get(_SKEW)
        return SyncStatus(
            counts={s.value: counts.get(s.value, 0) for s in OutboxState},
            oldest_pending_at=oldest, oldest_pending_age=(now - oldest) if oldest else None,
            last_attempt_at=_moment(state.get(_LAST_ATTEMPT)),
            last_success_at=_moment(state.get(_LAST_SUCCESS)),
            last_error=state.get(_LAST_ERROR), last_error_at=_moment(state.get(_LAST_ERROR_AT)),
            skew_seconds=float(skew) if skew is not None else None,
            paused_reason=state.get(_PAUSED), hub_url=self.hub_url(), account=self.account(),
            center_name=state.get(_CENTER_NAME), feed_cursor=state.get(CURSOR_KEY),
            feed_problem=state.get(PROBLEM_KEY), attention=attention,
            case_counts={s.value: cases[s.value] for s in CaseState
                         if cases.get(s.value) and s not in _NOT_FILED},
        )

    def stats_figures(self) -> StatsFigures:
        today = business_date(self._clock.now(), self._settings.get(TIMEZONE))
        with self._db.read():
            tickets = ticket_store.ticket_counts(self._db, today.isoformat())
            cases = self._queries.counts()
            due = self._queries.due(today)
            outbox = outbox_store.counts(self._db)
        open_states = {s.value for s in OPEN_STATES} - {s.value for s in _NOT_FILED}
        return StatsFigures(
            at=self._now(), tickets_waiting=tickets.get("waiting", 0) + tickets.get("held", 0),
            tickets_serving=tickets.get("called", 0) + tickets.get("serving", 0),
            tickets_served=tickets.get("done", 0),
            open_cases=sum(n for s, n in cases.items() if s in open_states),
            due_soon=sum(1 for e in due if e.level is DueLevel.DUE_SOON),
            overdue=sum(1 for e in due if e.level in (DueLevel.OVERDUE,
                                                       DueLevel.PREREVIEW_OVERDUE)),
            outbox=outbox,
        )
