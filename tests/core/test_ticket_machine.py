"""Model-based test: no sequence of queue operations breaks the queue's invariants.

Invariants after every step: numbers unique per (day, prefix) and gap-free from 1; every
ticket in exactly one known state; each ticket's transition times never decrease and
its event log replays to its current state; the audit chain verifies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from core.audit import verify
from core.center import Center, open_center
from core.clock import FixedClock
from core.errors import Conflict
from core.queue import TicketState
from tests.core.tables import TERMINAL_TICKET_STATES, TICKET_TABLE
from tests.helpers import ADMIN, CENTER_CODE, shanghai

ACTIONS = ["recall", "start", "finish", "no_show", "reactivate", "hold", "cancel"]


class QueueMachine(RuleBasedStateMachine):
    center: Center
    clock: FixedClock

    @initialize()
    def open_center(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.clock = FixedClock(shanghai(2026, 11, 27, 8, 0))
        self.center = open_center(Path(self.tmp.name), clock=self.clock)
        self.finished: dict[int, str] = {}
        c = self.center
        c.initialize(CENTER_CODE, "测试站", "village")
        a = c.groups.add(ADMIN, "A", "社保")
        b = c.groups.add(ADMIN, "B", "民政")
        c.windows.save(ADMIN, 1, group_ids=[a.id, b.id])
        c.windows.save(ADMIN, 2, group_ids=[b.id])
        c.settings.set("queue.min_recalls_before_no_show", 1, ADMIN)

    def teardown(self) -> None:
        if hasattr(self, "center"):
            self.center.close()
            self.tmp.cleanup()

    def _ids(self) -> list[int]:
        return [int(r["id"]) for r in self.center.db.all("SELECT id FROM ticket")]

    @rule(prefix=st.sampled_from("AB"),
          priority=st.sampled_from([None, "elderly", "pregnant"]))
    def issue(self, prefix: str, priority: str | None) -> None:
        self.center.tickets.issue(prefix, priority)

    @rule(window=st.sampled_from([1, 2]))
    def call_next(self, window: int) -> None:
        with contextlib.suppress(Conflict):
            self.center.tickets.call_next(window, ADMIN)

    @rule(data=st.data(), action=st.sampled_from(ACTIONS))
    def act(self, data: st.DataObject, action: str) -> None:
        ids = self._ids()
        if not ids:
            return
        ticket_id = data.draw(st.sampled_from(ids))
        before = self.center.tickets.get(ticket_id).state
        try:
            after = getattr(self.center.tickets, action)(ticket_id, ADMIN).state
        except Conflict:
            assert self.center.tickets.get(ticket_id).state is before
            return
        assert TICKET_TABLE[action][before.value] == after.value

    @rule(data=st.data(), prefix=st.sampled_from("AB"))
    def transfer(self, data: st.DataObject, prefix: str) -> None:
        ids = self._ids()
        if not ids:
            return
        ticket_id = data.draw(st.sampled_from(ids))
        before = self.center.tickets.get(ticket_id).state.value
        try:
            after = self.center.tickets.transfer(ticket_id, prefix, ADMIN).state.value
        except Conflict:
            assert self.center.tickets.get(ticket_id).state.value == before
            return
        assert TICKET_TABLE["transfer"][before] == after

    @rule(minutes=st.one_of(st.integers(-30, -1), st.integers(1, 600)))
    def time_passes(self, minutes: int) -> None:
        # Negative steps model a wall clock set back by hand.
        self.clock.advance(minutes=minutes)

    @invariant()
    def numbers_unique_and_gap_free(self) -> None:
        if not hasattr(self, "center"):
            return
        rows = self.center.db.all(
            "SELECT business_date, prefix, group_concat(seq) AS seqs FROM ticket "
            "GROUP BY business_date, prefix")
        for row in rows:
            seqs = sorted(int(s) for s in row["seqs"].split(","))
            assert seqs == list(range(1, len(seqs) + 1)), row

    @invariant()
    def states_and_times_consistent(self) -> None:
        if not hasattr(self, "center"):
            return
        known = {s.value for s in TicketState}
        for row in self.center.db.all("SELECT id, state FROM ticket"):
            if row["id"] in self.finished:  # done, cancelled and expired are for good
                assert row["state"] == self.finished[row["id"]], row
            assert row["state"] in known
            events = self.center.tickets.events(int(row["id"]))
            times = [dt.datetime.fromisoformat(e["at"]) for e in events]
            assert times == sorted(times)
            assert events[-1]["to_state"] == row["state"]
            for earlier, later in itertools.pairwise(events):
                assert later["from_state"] == earlier["to_state"]
            if row["state"] in TERMINAL_TICKET_STATES:
                self.finished[int(row["id"])] = row["state"]

    @invariant()
    def audit_chain_verifies(self) -> None:
        if hasattr(self, "center"):
            assert verify(self.center.db).ok


QueueMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestQueueMachine = QueueMachine.TestCase
