"""What screens read from the queue: a ticket, today's waiting line, a window's tickets,
the calls a board has not announced yet, and exact wait and service times.

Read-only: every change goes through :class:`core.queue.service.TicketService`.
"""

from __future__ import annotations

import datetime as dt

from core.clock import Clock, business_date, from_iso, to_iso
from core.db import Database, Row
from core.db import tickets as store
from core.errors import NotFound
from core.i18n import _
from core.queue.model import CallEvent, Ticket, TicketState, TicketTimes


class TicketViews:
    """The queue's queries, on one connection."""

    def __init__(self, db: Database, clock: Clock, timezone: str) -> None:
        self._db = db
        self._clock = clock
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

    def last_finished_at(self, window_number: int) -> Ticket | None:
        """The visit this window finished last today (the clerk's 请评价 after 办结)."""
        row = store.last_finished_at(self._db, window_number, self.today().isoformat())
        return Ticket.from_row(row) if row is not None else None

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


