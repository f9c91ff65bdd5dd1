"""The ticket queue (排队叫号): issuing, calling and every transition after it.

A number is its group's prefix plus at least three digits (``A001``), counted per
business day and prefix inside the inserting transaction: no duplicate and no gap,
whatever number of processes issue at once. Yesterday's open tickets expire at the
first ticket (or call) of a new day; nothing is deleted. Every transition records its
time, so waits and service times are exact.
"""

from __future__ import annotations

from typing import Any

from core.actor import Actor
from core.audit import record
from core.clock import Clock, to_iso
from core.db import Database, Row
from core.db import tickets as store
from core.errors import Conflict
from core.i18n import _
from core.queue.groups import GroupService
from core.queue.model import TRANSITIONS, Ticket, TicketPriority, TicketState, parse_priority
from core.queue.priority import (
    Caller,
    InLine,
    Policy,
    PriorityPolicy,
    call_order,
    calls_before,
    estimate_calls_before,
)
from core.queue.views import TicketViews
from core.queue.windows import WindowService
from core.settings import (
    MIN_RECALLS,
    PRIORITY_POLICY,
    RATIO_PRIORITY,
    RATIO_REGULAR,
    Settings,
)

PLAY_OUT_LIMIT = 60  # a longer line gets an estimate of who is ahead, not a simulation


class TicketService(TicketViews):
    """Every change to the queue, each one transaction (reads come from :class:`TicketViews`)."""

    def __init__(self, db: Database, clock: Clock, settings: Settings, groups: GroupService,
                 windows: WindowService, timezone: str) -> None:
        super().__init__(db, clock, timezone)
        self._settings = settings
        self._groups = groups
        self._windows = windows

    # ----------------------------------------------------------------- helpers
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

    def _callers(self, group_id: int | None) -> list[Caller]:
        """The windows that would call a ticket of ``group_id`` (None: any), as the priority
        simulation sees them; paused ones only if every such window is paused."""
        windows = [w for w in self._windows.all()
                   if group_id is None or not w.group_ids or group_id in w.group_ids]
        windows = [w for w in windows if not w.paused] or windows
        memory = self._policy().memory
        return [Caller(w.number, frozenset(w.group_ids), tuple(store.recent_call_priorities(
            self._db, w.number, self._day_start_iso(), memory))) for w in windows]

    def _calls_before_new(self, day: str, group_id: int, priority: bool) -> int:
        """How many will be called before a ticket issued now: the windows' calls played
        out (core.queue.priority.calls_before), or estimated when the line is very long."""
        callers = self._callers(group_id)
        groups = [group_id] if not callers else None if any(not c.group_ids for c in callers) \
            else sorted({g for c in callers for g in c.group_ids})
        kinds = store.waiting_by_kind(self._db, day, groups)  # from an index: no row reads
        if sum(kinds.values()) > PLAY_OUT_LIMIT:
            return estimate_calls_before(kinds.get(priority, 0), kinds.get(not priority, 0),
                                         priority, self._policy())
        line = [InLine(int(r["id"]), int(r["group_id"]), bool(r["priority"]))
                for r in store.waiting_line(self._db, day, groups, PLAY_OUT_LIMIT)]
        new = InLine(0, group_id, priority)  # ids start at 1
        return calls_before(new, [*line, new], callers, self._policy())

    def upcoming(self, limit: int) -> list[Ticket]:
        """The next ``limit`` tickets the windows will call, in order (the board's 请准备):
        the windows' calls played out under the priority policy (core.queue.priority)."""
        groups = [g.id for g in self._groups.all()]
        if not groups or limit <= 0:
            return []
        with self._db.read():
            rows = store.waiting_head(self._db, self.today().isoformat(), groups, limit)
            callers = self._callers(None)
        tickets = {int(r["id"]): Ticket.from_row(r) for r in rows}
        line = [InLine(t.id, t.group_id, t.priority is not None) for t in tickets.values()]
        return [tickets[t.key] for t in call_order(line, callers, self._policy(), limit)]

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
            ahead = self._calls_before_new(day, group.id, kind is not None)
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
