"""The ticket queue (排队叫号): issuing, calling and every transition after it.

A number is its group's prefix plus at least three digits (``A001``), counted per
business day and prefix inside the inserting transaction: no duplicate and no gap,
whatever number of processes issue at once. Yesterday's open tickets expire at the
first ticket (or call) of a new day; nothing is deleted. Every transition records its
time, so waits and service times are exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.actor import Actor
from core.audit import record
from core.clock import Clock, business_date, from_iso, to_iso
from core.db import Database, Row
from core.db import tickets as store
from core.errors import Conflict, InvalidInput, NotFound
from core.groups import GroupService
from core.i18n import _
from core.priority import Policy, PriorityPolicy
from core.settings import (
    MIN_RECALLS,
    PRIORITY_POLICY,
    RATIO_PRIORITY,
    RATIO_REGULAR,
    Settings,
)
from core.windows import WindowService


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    HELD = "held"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return {
            "waiting": _("等候中"), "called": _("已叫号"), "serving": _("办理中"),
            "held": _("挂起"), "done": _("已办结"), "no_show": _("过号"),
            "cancelled": _("已取消"), "expired": _("已过期"),
        }[self.value]


OPEN_STATES = frozenset({TicketState.WAITING, TicketState.CALLED, TicketState.SERVING,
                         TicketState.HELD})


class TicketPriority(StrEnum):
    ELDERLY = "elderly"
    DISABLED = "disabled"
    MILITARY = "military"
    PREGNANT = "pregnant"

    @property
    def label(self) -> str:
        return {"elderly": _("老年人"), "disabled": _("残疾人"), "military": _("军人"),
                "pregnant": _("孕妇")}[self.value]


def parse_priority(text: str | None) -> TicketPriority | None:
    if text is None or text == "":
        return None
    try:
        return TicketPriority(text)
    except ValueError:
        raise InvalidInput(
            _("未知的优先类型“{kind}”：可选 elderly、disabled、military、pregnant")
            .format(kind=text)
        ) from None


# action -> (states it may start from, state it ends in)
TRANSITIONS: dict[str, tuple[frozenset[TicketState], TicketState]] = {
    "call": (frozenset({TicketState.WAITING}), TicketState.CALLED),
    "recall": (frozenset({TicketState.CALLED}), TicketState.CALLED),
    "start": (frozenset({TicketState.CALLED}), TicketState.SERVING),
    "finish": (frozenset({TicketState.SERVING}), TicketState.DONE),
    "no_show": (frozenset({TicketState.CALLED}), TicketState.NO_SHOW),
    "reactivate": (frozenset({TicketState.NO_SHOW}), TicketState.WAITING),
    "hold": (frozenset({TicketState.SERVING}), TicketState.HELD),
    "unhold": (frozenset({TicketState.HELD}), TicketState.SERVING),
    "transfer": (OPEN_STATES, TicketState.WAITING),
    "cancel": (frozenset({TicketState.WAITING}), TicketState.CANCELLED),
    "expire": (OPEN_STATES, TicketState.EXPIRED),
}


@dataclass(frozen=True)
class Ticket:
    id: int
    number: str
    prefix: str
    seq: int
    business_date: dt.date
    group_id: int
    priority: TicketPriority | None
    state: TicketState
    issued_at: dt.datetime
    state_since: dt.datetime
    first_called_at: dt.datetime | None
    window_number: int | None
    staff_id: int | None
    recall_count: int
    waiting_ahead: int
    print_failed: bool

    @classmethod
    def from_row(cls, row: Row) -> Ticket:
        first = row["first_called_at"]
        return cls(
            id=int(row["id"]), number=str(row["number"]), prefix=str(row["prefix"]),
            seq=int(row["seq"]), business_date=dt.date.fromisoformat(row["business_date"]),
            group_id=int(row["group_id"]),
            priority=TicketPriority(row["priority"]) if row["priority"] else None,
            state=TicketState(row["state"]), issued_at=from_iso(row["issued_at"]),
            state_since=from_iso(row["state_since"]),
            first_called_at=from_iso(first) if first else None,
            window_number=row["window_number"], staff_id=row["staff_id"],
            recall_count=int(row["recall_count"]), waiting_ahead=int(row["waiting_ahead"]),
            print_failed=bool(row["print_failed"]),
        )


@dataclass(frozen=True)
class TicketTimes:
    wait_seconds: float | None
    service_seconds: float | None


class TicketService:
    def __init__(self, db: Database, clock: Clock, settings: Settings, groups: GroupService,
                 windows: WindowService, timezone: str) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._groups = groups
        self._windows = windows
        self._tz = timezone

    # ----------------------------------------------------------------- helpers
    def today(self) -> dt.date:
        return business_date(self._clock.now(), self._tz)

    def _day_start_iso(self) -> str:
        from zoneinfo import ZoneInfo

        start = dt.datetime.combine(self.today(), dt.time(0), tzinfo=ZoneInfo(self._tz))
        return to_iso(start)

    def _row(self, ticket_id: int) -> Row:
        row = store.by_id(self._db, ticket_id)
        if row is None:
            raise NotFound(_("没有这张号票（编号 {id}）").format(id=ticket_id))
        return row

    def _transition(self, row: Row, action: str, actor: Actor, *,
                    window_number: int | None = None, changes: Row | None = None,
                    detail: dict[str, Any] | None = None, audit_action: str | None = None) -> Row:
        allowed, target = TRANSITIONS[action]
        state = TicketState(row["state"])
        if state not in allowed:
            raise Conflict(
                _("{number}号当前是“{state}”，不能执行此操作").format(
                    number=row["number"], state=state.label)
            )
        # Never let a transition time run backwards, even if the wall clock does.
        at = max(to_iso(self._clock.now()), str(row["state_since"]))
        values: Row = {"state": target.value, "state_since": at}
        values.update(changes or {})
        for key, value in list(values.items()):
            if value == "$now":
                values[key] = at
        store.update_ticket(self._db, int(row["id"]), values)
        store.insert_event(self._db, {
            "ticket_id": row["id"], "at": at, "action": action, "from_state": state.value,
            "to_state": target.value,
            "window_number": window_number if window_number is not None else row["window_number"],
            "staff_id": actor.staff_id, "on_behalf_of": actor.on_behalf_of,
        })
        record(self._db, self._clock, actor, audit_action or f"ticket.{action}", "ticket",
               row["id"], {"number": row["number"], **(detail or {})})
        return {**row, **values}

    def _expire_stale(self, actor: Actor) -> int:
        stale = store.stale_open(self._db, self.today().isoformat())
        for row in stale:
            self._transition(row, "expire", Actor(None, actor.device),
                             changes={"finished_at": "$now"})
        return len(stale)

    def _policy(self) -> PriorityPolicy:
        return PriorityPolicy(
            Policy(self._settings.get(PRIORITY_POLICY)),
            self._settings.get(RATIO_REGULAR),
            self._settings.get(RATIO_PRIORITY),
        )

    # ----------------------------------------------------------------- queries
    def get(self, ticket_id: int) -> Ticket:
        return Ticket.from_row(self._row(ticket_id))

    def by_number(self, number: str, day: dt.date | None = None) -> Ticket:
        day = day or self.today()
        row = store.by_number(self._db, day.isoformat(), number.strip().upper())
        if row is None:
            raise NotFound(_("{day}没有{number}号").format(day=day.isoformat(), number=number))
        return Ticket.from_row(row)

    def waiting(self, group_ids: list[int] | None = None) -> list[Ticket]:
        rows = store.waiting(self._db, self.today().isoformat(), group_ids)
        return [Ticket.from_row(r) for r in rows]

    def at_window(self, window_number: int) -> list[Ticket]:
        rows = store.at_window(self._db, window_number, ("called", "serving", "held"))
        return [Ticket.from_row(r) for r in rows if r["business_date"] == self.today().isoformat()]

    def current(self, window_number: int) -> Ticket | None:
        active = [t for t in self.at_window(window_number)
                  if t.state in (TicketState.CALLED, TicketState.SERVING)]
        return active[-1] if active else None

    def recent_calls(self, limit: int = 10) -> list[Row]:
        return store.recent_calls(self._db, self._day_start_iso(), limit)

    def for_day(self, day: dt.date) -> list[Ticket]:
        return [Ticket.from_row(r) for r in store.for_day(self._db, day.isoformat())]

    def needing_reprint(self) -> list[Ticket]:
        return [Ticket.from_row(r) for r in store.print_failed(self._db)]

    def events(self, ticket_id: int) -> list[Row]:
        return store.events(self._db, ticket_id)

    def times(self, ticket_id: int) -> TicketTimes:
        """Exact wait (issue to first call) and service time (time spent serving)."""
        ticket = self.get(ticket_id)
        wait = None
        if ticket.first_called_at is not None:
            wait = (ticket.first_called_at - ticket.issued_at).total_seconds()
        service: float | None = None
        serving_since: dt.datetime | None = None
        for event in store.events(self._db, ticket_id):
            at = from_iso(event["at"])
            if serving_since is not None:
                service = (service or 0.0) + (at - serving_since).total_seconds()
                serving_since = None
            if event["to_state"] == TicketState.SERVING.value:
                serving_since = at
        if serving_since is not None:
            service = (service or 0.0) + (self._clock.now() - serving_since).total_seconds()
        return TicketTimes(wait, service)

    # ----------------------------------------------------------------- issuing
    def issue(self, group_prefix: str, priority: TicketPriority | str | None = None,
              actor: Actor | None = None, channel: str = "kiosk") -> Ticket:
        actor = actor or Actor.kiosk()
        kind = priority if isinstance(priority, TicketPriority) else parse_priority(priority)
        group = self._groups.by_prefix(group_prefix)
        with self._db.write():
            self._expire_stale(actor)
            now = to_iso(self._clock.now())
            day = self.today().isoformat()
            seq = store.next_seq(self._db, day, group.prefix)
            number = f"{group.prefix}{seq:03d}"
            ahead = store.count_waiting(self._db, day, group.id)
            if kind is not None:
                ahead = sum(1 for t in store.waiting(self._db, day, [group.id]) if t["priority"])
            ticket_id = store.insert_ticket(self._db, {
                "business_date": day, "prefix": group.prefix, "seq": seq, "number": number,
                "group_id": group.id, "priority": kind.value if kind else None,
                "state": "waiting", "issued_at": now, "queued_at": now, "state_since": now,
                "waiting_ahead": ahead, "channel": channel,
            })
            store.insert_event(self._db, {
                "ticket_id": ticket_id, "at": now, "action": "issue", "from_state": None,
                "to_state": "waiting", "staff_id": actor.staff_id,
                "on_behalf_of": actor.on_behalf_of,
            })
            record(self._db, self._clock, actor, "ticket.issued", "ticket", ticket_id,
                   {"number": number, "priority": kind.value if kind else None})
        return self.get(ticket_id)

    # ----------------------------------------------------------------- calling
    def call_next(self, window_number: int, actor: Actor) -> Ticket | None:
        """Call the next ticket for a window; finish the one it was serving.

        Returns None when nobody is waiting for the groups the window serves.
        """
        with self._db.write():
            self._expire_stale(actor)
            window = self._windows.get(window_number)
            if window.paused:
                raise Conflict(_("{n}号窗口已暂停（{reason}），请先恢复服务").format(
                    n=window_number, reason=window.pause_reason))
            for row in store.at_window(self._db, window_number, ("called", "serving")):
                if row["state"] == TicketState.CALLED.value:
                    raise Conflict(_(
                        "{number}号已叫号还未到窗口：请重呼、标记过号或开始办理"
                    ).format(number=row["number"]))
                self._transition(row, "finish", actor, changes={"finished_at": "$now"})
            group_ids = list(window.group_ids) or [g.id for g in self._groups.all()]
            if not group_ids:
                return None
            day = self.today().isoformat()
            regular = store.oldest_waiting(self._db, day, group_ids, priority=False)
            favoured = store.oldest_waiting(self._db, day, group_ids, priority=True)
            policy = self._policy()
            recent = store.recent_call_priorities(
                self._db, window_number, self._day_start_iso(), policy.memory)
            pick = policy.choose(regular is not None, favoured is not None, recent)
            if pick is None:
                return None
            chosen = favoured if pick else regular
            assert chosen is not None
            row = self._call_row(chosen, window_number, actor)
        return Ticket.from_row(row)

    def _call_row(self, row: Row, window_number: int, actor: Actor,
                  audit_action: str | None = None) -> Row:
        return self._transition(
            row, "call", actor, window_number=window_number,
            changes={"window_number": window_number, "staff_id": actor.staff_id,
                     "first_called_at": row["first_called_at"] or "$now",
                     "last_called_at": "$now"},
            detail={"window": window_number}, audit_action=audit_action,
        )

    def call(self, ticket_id: int, window_number: int, actor: Actor) -> Ticket:
        """Call a specific waiting ticket out of turn (audited as such)."""
        with self._db.write():
            window = self._windows.get(window_number)
            if window.paused:
                raise Conflict(_("{n}号窗口已暂停（{reason}），请先恢复服务").format(
                    n=window_number, reason=window.pause_reason))
            busy = store.at_window(self._db, window_number, ("called", "serving"))
            if busy:
                raise Conflict(_("{n}号窗口还有{number}号未处理完").format(
                    n=window_number, number=busy[0]["number"]))
            row = self._row(ticket_id)
            if row["business_date"] != self.today().isoformat():
                raise Conflict(_("只能叫当天的号"))
            row = self._call_row(row, window_number, actor, "ticket.called_out_of_turn")
        return Ticket.from_row(row)

    def recall(self, ticket_id: int, actor: Actor) -> Ticket:
        with self._db.write():
            row = self._row(ticket_id)
            count = int(row["recall_count"]) + 1
            row = self._transition(row, "recall", actor,
                                   changes={"recall_count": count, "last_called_at": "$now"},
                                   detail={"recall_count": count})
        return Ticket.from_row(row)

    def start(self, ticket_id: int, actor: Actor) -> Ticket:
        return self._simple(ticket_id, "start", actor)

    def finish(self, ticket_id: int, actor: Actor) -> Ticket:
        return self._simple(ticket_id, "finish", actor, {"finished_at": "$now"})

    def hold(self, ticket_id: int, actor: Actor) -> Ticket:
        return self._simple(ticket_id, "hold", actor)

    def unhold(self, ticket_id: int, window_number: int, actor: Actor) -> Ticket:
        with self._db.write():
            busy = store.at_window(self._db, window_number, ("called", "serving"))
            if busy:
                raise Conflict(_("{n}号窗口还有{number}号未处理完").format(
                    n=window_number, number=busy[0]["number"]))
            row = self._transition(self._row(ticket_id), "unhold", actor,
                                   window_number=window_number,
                                   changes={"window_number": window_number})
        return Ticket.from_row(row)

    def cancel(self, ticket_id: int, actor: Actor) -> Ticket:
        return self._simple(ticket_id, "cancel", actor, {"finished_at": "$now"})

    def no_show(self, ticket_id: int, actor: Actor) -> Ticket:
        with self._db.write():
            row = self._row(ticket_id)
            needed = self._settings.get(MIN_RECALLS)
            if row["state"] == TicketState.CALLED.value and int(row["recall_count"]) < needed:
                raise Conflict(
                    _("{number}号只重呼了{count}次，至少重呼{needed}次后才能标记过号").format(
                        number=row["number"], count=row["recall_count"], needed=needed))
            row = self._transition(row, "no_show", actor, changes={"finished_at": "$now"})
        return Ticket.from_row(row)

    def reactivate(self, ticket_id: int, actor: Actor) -> Ticket:
        """Put a no-show back in the queue (same day only), at the end of the line."""
        with self._db.write():
            row = self._row(ticket_id)
            if row["business_date"] != self.today().isoformat():
                raise Conflict(_("只能恢复当天的过号"))
            row = self._transition(row, "reactivate", actor, changes={
                "queued_at": "$now", "finished_at": None, "window_number": None,
                "recall_count": 0})
        return Ticket.from_row(row)

    def transfer(self, ticket_id: int, to_prefix: str, actor: Actor) -> Ticket:
        """Move a ticket to another group's queue, keeping its number and issue time."""
        target = self._groups.by_prefix(to_prefix)
        with self._db.write():
            row = self._row(ticket_id)
            if int(row["group_id"]) == target.id:
                raise Conflict(_("{number}号已经在“{group}”分组").format(
                    number=row["number"], group=target.name))
            row = self._transition(row, "transfer", actor, changes={
                "group_id": target.id, "queued_at": row["issued_at"], "window_number": None,
                "recall_count": 0}, detail={"from_group": row["group_id"], "to_group": target.id})
        return Ticket.from_row(row)

    def _simple(self, ticket_id: int, action: str, actor: Actor,
                changes: Row | None = None) -> Ticket:
        with self._db.write():
            row = self._transition(self._row(ticket_id), action, actor, changes=changes)
        return Ticket.from_row(row)

    # ----------------------------------------------------------------- printing
    def mark_print_failed(self, ticket_id: int, actor: Actor, reason: str = "") -> None:
        with self._db.write():
            row = self._row(ticket_id)
            store.update_ticket(self._db, ticket_id, {"print_failed": 1})
            record(self._db, self._clock, actor, "ticket.print_failed", "ticket", ticket_id,
                   {"number": row["number"], "reason": reason[:200]})

    def mark_printed(self, ticket_id: int, actor: Actor) -> None:
        with self._db.write():
            row = self._row(ticket_id)
            if row["print_failed"]:
                store.update_ticket(self._db, ticket_id, {"print_failed": 0})
                record(self._db, self._clock, actor, "ticket.reprinted", "ticket", ticket_id,
                       {"number": row["number"]})

    # ----------------------------------------------------------------- call board, kiosk
    def call_events_after(self, event_id: int, limit: int = 100) -> list[CallEvent]:
        """Today's calls and recalls after ``event_id``, oldest first: what a call board
        has not announced yet."""
        rows = store.call_events_after(self._db, event_id, self._day_start_iso(), limit)
        return [CallEvent(int(r["id"]), from_iso(r["at"]), str(r["number"]),
                          int(r["window_number"] or 0), r["action"] == "recall",
                          int(r["ticket_id"])) for r in rows]

    def last_event_id(self) -> int:
        """The newest transition's id: a board starting up announces nothing before it."""
        return store.last_event_id(self._db)

    def applicant_names(self, ticket_ids: list[int]) -> dict[int, str]:
        """Unmasked applicant names of cases filed from these tickets; callers mask them."""
        return store.applicant_names(self._db, ticket_ids)

    def finished_unrated(self, limit: int = 8) -> list[Ticket]:
        """Today's finished visits not yet rated, newest first (the kiosk's "pick your visit")."""
        rows = store.finished_unrated(self._db, self.today().isoformat(), limit)
        return [Ticket.from_row(r) for r in rows]

    # ----------------------------------------------------------------- staff client
    def waiting_head(self, group_ids: list[int], limit: int) -> tuple[list[Ticket],
                                                                      dict[int, int]]:
        """For a queue display: each group's first ``limit`` waiting tickets (and every
        priority one), and how many wait in each group — without loading the whole hall."""
        if not group_ids:
            return [], {}
        day = self.today().isoformat()
        with self._db.read():
            rows = store.waiting_head(self._db, day, group_ids, limit)
            counts = store.waiting_counts(self._db, day, group_ids)
        return [Ticket.from_row(r) for r in rows], counts


@dataclass(frozen=True)
class CallEvent:
    """One call or recall of a ticket to a window, as the call board announces it."""

    id: int
    at: dt.datetime
    number: str
    window_number: int
    recall: bool
    ticket_id: int
