"""The sync engine's only door to the center's books: the outbox queue, the hub's feed and
its cursor, re-baselining, and the bookkeeping staff see (``bianmin sync status``).

Every state change here is one transaction. The engine (``sync.client``) never reads or
writes the database itself; it calls these methods, so "the cursor moves only with the
data it covers" and "an event is acked only with its explicit result" hold by
construction.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.actor import Actor
from core.audit import record
from core.calendar import CalendarService, PublishedDay
from core.cases import CaseQueries, CaseService, CaseState, DueLevel
from core.cases.model import OPEN_STATES, TRANSITIONS
from core.catalog import CatalogService
from core.clock import Clock, business_date, from_iso, to_iso
from core.db import Database, Row
from core.db import outbox as store
from core.errors import UserFacingError
from core.i18n import _
from core.settings import (
    SYNC_ACCOUNT,
    SYNC_ATTENTION_ATTEMPTS,
    SYNC_ATTENTION_HOURS,
    SYNC_HUB_URL,
    TIMEZONE,
    Settings,
)

# How long one delay function may make a row wait: (attempts after this failure) -> seconds.
DelayFor = Callable[[int], float]

_CURSOR = "feed_cursor"
_DEVICE = "device_id"
_CENTER_NAME = "center_name"
_LAST_ATTEMPT = "last_attempt_at"
_LAST_SUCCESS = "last_success_at"
_LAST_ERROR = "last_error"
_LAST_ERROR_AT = "last_error_at"
_SKEW = "clock_skew_seconds"
_PAUSED = "paused_reason"
_FEED_PROBLEM = "feed_problem"


class ItemOutcome(StrEnum):
    """The hub's answer for one event (``sync.protocol.Outcome``), plus ``invalid`` for the
    one event a ``422 invalid_event`` named."""

    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CONFLICT = "conflict"
    RETRY = "retry"
    INVALID = "invalid"


class OutboxState(StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    ACKED = "acked"
    REJECTED = "rejected"
    QUARANTINED = "quarantined"

    @property
    def label(self) -> str:
        return {
            "pending": _("待上报"), "in_flight": _("正在上报"), "acked": _("已上报"),
            "rejected": _("被上级退回"), "quarantined": _("已隔离"),
        }[self.value]


EVENT_LABELS: dict[str, str] = {
    "case_accepted": _("受理上报"), "case_not_accepted": _("不予受理报备"),
    "notice_issued": _("一次性告知"), "materials_supplied": _("补正材料"),
    "case_picked_up": _("取件办结"), "case_withdrawn": _("撤回"),
    "rating_given": _("好差评"), "follow_up_closed": _("差评回访"),
}

# Feed item type -> the CaseService.apply_feedback action it becomes.
FEED_ACTIONS: dict[str, str] = {
    "case_received": "hub_received", "supplement_requested": "hub_supplement",
    "case_approved": "hub_approved", "case_denied": "hub_denied",
    "ready_for_pickup": "hub_ready",
}
# A hub case state (snapshot) -> the feed type that puts a local case into it.
_STATE_FEED: dict[str, str] = {
    "received": "case_received", "supplement_requested": "supplement_requested",
    "approved": "case_approved", "denied": "case_denied",
    "ready_for_pickup": "ready_for_pickup",
}
_NOT_FILED = frozenset({CaseState.DRAFT, CaseState.NOTICE_ISSUED})
CATALOG_PUBLISHED = "catalog_published"
CALENDAR_PUBLISHED = "calendar_published"


# ------------------------------------------------------------------ values


@dataclass(frozen=True)
class QueuedEvent:
    """One outbox row on its way up; ``stream_id`` is the wire ``case_id``."""

    event_id: str
    stream_id: str
    stream_seq: int
    type: str
    occurred_at: str
    operator: dict[str, Any]
    payload: dict[str, Any] = field(repr=False)
    payload_sha256: str
    attempts: int


@dataclass(frozen=True)
class ItemResult:
    event_id: str
    outcome: ItemOutcome
    server_seq: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class PushTally:
    acked: int = 0
    rejected: int = 0
    quarantined: int = 0
    retry: int = 0
    missing: int = 0

    def __add__(self, other: PushTally) -> PushTally:
        return PushTally(self.acked + other.acked, self.rejected + other.rejected,
                         self.quarantined + other.quarantined, self.retry + other.retry,
                         self.missing + other.missing)


@dataclass(frozen=True)
class FeedEntry:
    seq: int
    type: str
    case_id: str | None
    payload: dict[str, Any] = field(repr=False)


@dataclass
class FeedTally:
    applied: int = 0
    unchanged: int = 0
    not_fitting: int = 0
    unknown_case: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: FeedTally) -> None:
        self.applied += other.applied
        self.unchanged += other.unchanged
        self.not_fitting += other.not_fitting
        self.unknown_case += other.unknown_case
        self.skipped += other.skipped
        self.problems += other.problems

    @property
    def items(self) -> int:
        return self.applied + self.unchanged + self.not_fitting + self.unknown_case + self.skipped


@dataclass(frozen=True)
class BaselineCase:
    case_id: str
    state: str
    hub_case_number: str | None
    last_type: str | None
    last_payload: dict[str, Any] | None = field(repr=False)


@dataclass(frozen=True)
class Baseline:
    """The hub's current view of this center (after ``410``), and the cursor after it."""

    cases: Sequence[BaselineCase]
    catalog: dict[str, Any] | None
    calendars: Sequence[dict[str, Any]]
    cursor: str


@dataclass(frozen=True)
class AttentionRow:
    event_id: str
    type: str
    case_number: str | None
    state: OutboxState
    attempts: int
    created_at: dt.datetime
    reason: str

    @property
    def type_label(self) -> str:
        return EVENT_LABELS.get(self.type, self.type)


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


def _json_object(text: str) -> dict[str, Any]:
    value = json.loads(text)
    assert isinstance(value, dict)
    return value


def _queued(row: Row) -> QueuedEvent:
    return QueuedEvent(
        event_id=row["event_id"], stream_id=row["stream_id"], stream_seq=int(row["stream_seq"]),
        type=row["type"], occurred_at=row["occurred_at"],
        operator=_json_object(row["operator"]), payload=_json_object(row["payload"]),
        payload_sha256=row["payload_sha256"], attempts=int(row["attempts"]),
    )


def _moment(value: str | None) -> dt.datetime | None:
    return from_iso(value) if value else None


# ------------------------------------------------------------------ the book


class SyncBook:
    """The outbox, the feed cursor and the sync bookkeeping of one center."""

    def __init__(self, db: Database, clock: Clock, settings: Settings, cases: CaseService,
                 catalog: CatalogService, calendar: CalendarService, queries: CaseQueries,
                 ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._cases = cases
        self._catalog = catalog
        self._calendar = calendar
        self._queries = queries

    def _now(self) -> str:
        return to_iso(self._clock.now())

    def _after(self, seconds: float) -> str:
        return to_iso(self._clock.now() + dt.timedelta(seconds=max(0.0, seconds)))

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

    # ------------------------------------------------------------ pushing

    def recover(self) -> int:
        """Rows left in flight by a process that died go back to pending (no attempt counted).

        Call only while holding the sync lock, so nobody else has rows in flight.
        """
        with self._db.write():
            count = store.reset_in_flight(self._db)
            if count:
                record(self._db, self._clock, Actor.sync(), "sync.recovered", "outbox", None,
                       {"events": count})
        return count

    def due_count(self) -> int:
        with self._db.read():
            return store.due_count(self._db, self._now())

    def take_batch(self, limit: int) -> list[QueuedEvent]:
        """The next due events (each stream in order, never past an unacknowledged or
        refused predecessor), marked in flight in the same transaction."""
        with self._db.write():
            rows = store.due_batch(self._db, self._now(), max(1, limit))
            store.set_state(self._db, [r["event_id"] for r in rows], OutboxState.IN_FLIGHT)
        return [_queued(r) for r in rows]

    def release(self, event_ids: Sequence[str]) -> None:
        """After a network or auth failure: back to pending, no attempt counted."""
        if not event_ids:
            return
        with self._db.write():
            store.release(self._db, list(event_ids))

    def defer(self, event_ids: Sequence[str], error: str, delay_for: DelayFor,
              not_before: float = 0.0) -> None:
        """A retryable hub failure (5xx, 429): pending again, one more attempt, backed off."""
        if not event_ids:
            return
        with self._db.write():
            for row in store.by_event_ids(self._db, list(event_ids)):
                if row["state"] != OutboxState.IN_FLIGHT:
                    continue
                attempts = int(row["attempts"]) + 1
                wait = max(delay_for(attempts), not_before)
                store.back_to_pending(self._db, row["event_id"], attempts, self._after(wait),
                                      error)

    def apply_results(self, batch_id: str, sent: Sequence[str], results: Sequence[ItemResult],
                      delay_for: DelayFor) -> PushTally:
        """Apply the hub's per-event answers to a batch in one transaction.

        Only an explicit ``accepted``/``duplicate`` acknowledges an event; an event the
        reply does not mention stays pending. ``retry`` is not counted as an attempt.
        """
        by_id = {r.event_id: r for r in results}
        now = self._now()
        acks: list[tuple[str, int | None]] = []
        tally = {"rejected": 0, "quarantined": 0, "retry": 0, "missing": 0}
        with self._db.write():
            for row in store.by_event_ids(self._db, list(sent)):
                if row["state"] != OutboxState.IN_FLIGHT:
                    continue
                result = by_id.get(row["event_id"])
                if result is None:
                    tally["missing"] += 1
                    self._later(row, _("上级的回复里没有这条记录的结果，稍后重发"), delay_for)
                elif result.outcome in (ItemOutcome.ACCEPTED, ItemOutcome.DUPLICATE):
                    acks.append((row["event_id"], result.server_seq))
                    if row["type"] == "case_accepted":
                        self._cases.mark_submitted(row["stream_id"])
                elif result.outcome is ItemOutcome.RETRY:
                    tally["retry"] += 1
                    self._later(row, _("上级暂缓处理：{reason}").format(
                        reason=result.reason or _("前序记录未到")), delay_for)
                else:
                    key = "rejected" if result.outcome is ItemOutcome.REJECTED else "quarantined"
                    tally[key] += 1
                    self._settle(row, OutboxState(key), result)
            store.mark_acked(self._db, acks, now)
            if acks:
                record(self._db, self._clock, Actor.sync(), "sync.batch_acked", "outbox",
                       batch_id, {"events": len(acks)})
        return PushTally(len(acks), tally["rejected"], tally["quarantined"], tally["retry"],
                         tally["missing"])

    def _later(self, row: Row, error: str, delay_for: DelayFor) -> None:
        # Not an attempt (the hub did not fail), but wait a little so one run cannot spin.
        wait = delay_for(int(row["attempts"]) + 1)
        store.back_to_pending(self._db, row["event_id"], int(row["attempts"]),
                              self._after(wait), error)

    def _settle(self, row: Row, state: OutboxState, result: ItemResult) -> None:
        reason = result.reason or (_("上级拒收") if state is OutboxState.REJECTED
                                   else _("内容有误，已隔离"))
        store.mark_settled(self._db, row["event_id"], state, reason)
        record(self._db, self._clock, Actor.sync(), f"sync.event_{state.value}", "outbox",
               row["event_id"], {"type": row["type"], "outcome": result.outcome.value})

    def retry_now(self, actor: Actor) -> int:
        """Staff's "retry now": every pending row is due at once."""
        with self._db.write():
            count = store.clear_backoff(self._db)
            if count:
                record(self._db, self._clock, actor, "sync.retry_now", "outbox", None,
                       {"events": count})
        return count

    # ------------------------------------------------------------ the feed

    def feed_cursor(self) -> str | None:
        return store.get_state(self._db, _CURSOR)

    def apply_feed_page(self, items: Sequence[FeedEntry], next_cursor: str,
                        on_item: Callable[[int], None] | None = None) -> FeedTally:
        """Apply one page of the hub's feed and store its cursor, in ONE transaction.

        ``on_item(index)`` runs inside the transaction after each item (a test seam).
        """
        tally = FeedTally()
        with self._db.write():
            for index, item in enumerate(items):
                self._apply_item(item, tally)
                if on_item is not None:
                    on_item(index)
            if items or self.feed_cursor() != next_cursor:
                self._put(_CURSOR, next_cursor)
            if items:
                self._note_feed_problem(tally)
                record(self._db, self._clock, Actor.sync(), "sync.feed_applied", "sync",
                       next_cursor, {"items": len(items), "applied": tally.applied})
        return tally

    def _apply_item(self, item: FeedEntry, tally: FeedTally) -> None:
        if item.type in FEED_ACTIONS:
            if item.case_id is None:
                tally.skipped += 1
                return
            self._decision(item.case_id, item.type, item.payload, tally, strict=False)
        elif item.type == CATALOG_PUBLISHED:
            self._import_catalog(item.payload, tally)
        elif item.type == CALENDAR_PUBLISHED:
            self._apply_calendar(item.payload, tally)
        else:
            tally.skipped += 1  # a newer hub's type this version does not know

    def _decision(self, case_id: str, kind: str, payload: dict[str, Any], tally: FeedTally,
                  *, strict: bool, hub_case_number: str | None = None) -> None:
        """One hub decision. ``strict`` (re-baselining) skips what does not fit silently;
        the live feed records it on the case's timeline (``hub_ignored``)."""
        state = store.case_state(self._db, case_id)
        if state is None:
            tally.unknown_case += 1
            return
        action = FEED_ACTIONS[kind]
        allowed, target = TRANSITIONS[action]
        if state == target.value:
            tally.unchanged += 1  # e.g. case_received again after materials were supplied
            return
        fits = CaseState(state) in allowed
        if not fits:
            tally.not_fitting += 1
            if strict:
                return
        changes, detail = _decision_values(kind, payload)
        if hub_case_number and fits:
            changes.setdefault("hub_case_number", hub_case_number)
        self._cases.apply_feedback(case_id, action, changes, detail)
        if fits:
            tally.applied += 1

    def _import_catalog(self, payload: dict[str, Any], tally: FeedTally) -> None:
        try:
            with self._db.write():
                self._catalog.import_data(payload["items"], Actor.sync(), source="hub",
                                          version=str(payload["version"]))
            tally.applied += 1
        except UserFacingError as exc:
            # A catalog this version cannot read must not hold back case decisions.
            tally.problems.append(_("上级发布的事项目录第{version}版无法导入：{reason}").format(
                version=payload.get("version"), reason=exc.message))

    def _apply_calendar(self, payload: dict[str, Any], tally: FeedTally) -> None:
        try:
            with self._db.write():
                days = [PublishedDay(dt.date.fromisoformat(d["date"]), bool(d["working"]),
                                     d.get("name")) for d in payload["days"]]
                self._calendar.apply_published(int(payload["year"]), str(payload["source"]),
                                               days, Actor.sync())
            tally.applied += 1
        except (UserFacingError, ValueError) as exc:
            tally.problems.append(_("上级发布的{year}年节假日安排无法应用：{reason}").format(
                year=payload.get("year"), reason=exc))

    def _note_feed_problem(self, tally: FeedTally) -> None:
        if tally.problems:
            self._put(_FEED_PROBLEM, tally.problems[-1])
            record(self._db, self._clock, Actor.sync(), "sync.feed_problem", "sync", None,
                   {"problems": len(tally.problems)})

    def rebaseline(self, baseline: Baseline) -> FeedTally:
        """After ``410``: bring local cases up to the hub's view and continue from its
        cursor, in one transaction. Unsent outbox rows are not touched, and a case with
        events the hub has not acknowledged keeps its local (newer) state."""
        tally = FeedTally()
        with self._db.write():
            unsettled = store.unsettled_streams(self._db)
            for case in baseline.cases:
                kind = _STATE_FEED.get(case.state)
                if kind is None or case.case_id in unsettled:
                    continue
                payload = case.last_payload if case.last_type == kind and case.last_payload \
                    else {}
                self._decision(case.case_id, kind, payload, tally, strict=True,
                               hub_case_number=case.hub_case_number)
            if baseline.catalog is not None:
                self._import_catalog(baseline.catalog, tally)
            for calendar in baseline.calendars:
                self._apply_calendar(calendar, tally)
            self._put(_CURSOR, baseline.cursor)
            self._note_feed_problem(tally)
            record(self._db, self._clock, Actor.sync(), "sync.rebaselined", "sync",
                   baseline.cursor, {"cases": len(baseline.cases), "applied": tally.applied})
        return tally

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
            counts = store.counts(self._db)
            oldest = _moment(store.oldest_unsent(self._db))
            state = store.all_state(self._db)
            rows = store.attention(self._db, to_iso(now - dt.timedelta(hours=hours)), attempts)
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
            center_name=state.get(_CENTER_NAME), feed_cursor=state.get(_CURSOR),
            feed_problem=state.get(_FEED_PROBLEM),
            attention=[_attention(r, now, hours, attempts) for r in rows],
            case_counts={s.value: cases[s.value] for s in CaseState
                         if cases.get(s.value) and s not in _NOT_FILED},
        )

    def stats_figures(self) -> StatsFigures:
        today = business_date(self._clock.now(), self._settings.get(TIMEZONE))
        with self._db.read():
            tickets = store.ticket_counts(self._db, today.isoformat())
            cases = self._queries.counts()
            due = self._queries.due(today)
            outbox = store.counts(self._db)
        open_states = {s.value for s in OPEN_STATES} - {CaseState.DRAFT.value,
                                                         CaseState.NOTICE_ISSUED.value}
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


def _decision_values(kind: str, payload: dict[str, Any]) -> tuple[dict[str, Any],
                                                                    dict[str, Any]]:
    """The case columns a decision changes, and what its timeline entry shows."""
    if kind == "case_received":
        number = payload.get("hub_case_number")
        return ({"hub_case_number": number} if number else {}), {"hub_case_number": number}
    if kind == "supplement_requested":
        return {}, {"materials": payload.get("materials", []), "reason": payload.get("reason")}
    if kind == "case_approved":
        result = payload.get("result")
        return ({"result": result} if result else {}), {}
    if kind == "case_denied":
        reason = payload.get("reason")
        return ({"reason": reason} if reason else {}), {}
    place = payload.get("place")
    return ({"pickup_place": place} if place else {}), {"note": payload.get("note")}


def _attention(row: Row, now: dt.datetime, hours: int, attempts: int) -> AttentionRow:
    state = OutboxState(row["state"])
    created = from_iso(row["created_at"])
    if state is OutboxState.REJECTED:
        reason = _("上级退回：{reason}").format(reason=row["reason"] or "")
    elif state is OutboxState.QUARANTINED:
        reason = _("已隔离，需技术人员处理：{reason}").format(reason=row["reason"] or "")
    elif row["held"]:
        reason = _("同一办件的前一条记录被退回或隔离，这条在等它处理完")
    elif int(row["attempts"]) >= attempts:
        reason = _("已重试{n}次仍未成功：{error}").format(
            n=row["attempts"], error=row["last_error"] or _("原因不明"))
    else:
        waited = int((now - created).total_seconds() // 3600)
        reason = _("已等待{hours}小时仍未上报（超过{limit}小时）").format(hours=waited,
                                                                       limit=hours)
    return AttentionRow(row["event_id"], row["type"], row["case_number"], state,
                        int(row["attempts"]), created, reason)
