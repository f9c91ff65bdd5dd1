"""Model-based test of case transitions: whatever clerks and the hub do, in any order,
no case leaves the state machine (the hand-written tables in tests/core/tables.py) or a
terminal state, only accepted cases carry a number and a deadline, a deadline never moves
without an audited step that moves it, and every reportable step has its outbox event
with a gap-free sequence per case.
"""

from __future__ import annotations

import contextlib
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from core.actor import Actor
from core.audit import verify
from core.cases import Applicant
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import FixedClock
from core.errors import Conflict, InvalidInput
from tests.core.tables import CLERK_TABLE, HUB_TABLE, TERMINAL_CASE_STATES
from tests.helpers import ADMIN, CENTER_CODE, shanghai

ITEMS = ["05-MZ-001", "20-LL-001", "20-RS-004", "20-YL-002"]
REPORTED = {"issue_notice": "notice_issued", "accept": "case_accepted",
            "not_accept": "case_not_accepted", "supply": "materials_supplied",
            "pick_up": "case_picked_up"}
HUB = ["hub_received", "hub_supplement", "hub_approved", "hub_denied", "hub_ready"]
EXPECTED = {**CLERK_TABLE, **HUB_TABLE, "submitted": {"accepted": "submitted"},
            # a 即办 item decided at this center closes at the window, right after "accept"
            "complete_on_the_spot": {"accepted": "completed"}}
# The steps that may set or move a deadline, each audited with the case.
MOVES_DEADLINE = {"accept", "supply"}


class CaseMachine(RuleBasedStateMachine):
    center: Center

    @initialize()
    def open_center(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.clock = FixedClock(shanghai(2026, 11, 27, 8, 30))
        self.center = open_center(Path(self.tmp.name), clock=self.clock)
        self.center.initialize(CENTER_CODE, "测试站", "village")
        staff_id = self.center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
        self.clerk = Actor(staff_id, "staff")
        self.center.catalog.import_text(demo_catalog_text(), ADMIN)
        self.seen: dict[int, tuple[str, str | None, int]] = {}  # state, deadline, history

    def teardown(self) -> None:
        if hasattr(self, "center"):
            self.center.close()
            self.tmp.cleanup()

    def _pick(self, data: st.DataObject) -> int | None:
        ids = [int(r["id"]) for r in self.center.db.all("SELECT id FROM case_file")]
        return data.draw(st.sampled_from(ids)) if ids else None

    @rule(item=st.sampled_from(ITEMS))
    def new(self, item: str) -> None:
        self.center.cases.new(self.clerk, item, Applicant("张三", "11010519491231002X"))

    @rule(data=st.data(), everything=st.booleans())
    def receive(self, data: st.DataObject, everything: bool) -> None:
        case_id = self._pick(data)
        if case_id is None:
            return
        case = self.center.cases.get(case_id)
        names = [m.name for m in case.materials]
        chosen = names if everything else data.draw(st.lists(st.sampled_from(names),
                                                             unique=True))
        with contextlib.suppress(Conflict):
            self.center.cases.receive_materials(case_id, chosen, self.clerk)

    @rule(data=st.data(), action=st.sampled_from(
        ["issue_notice", "accept", "not_accept", "withdraw", "supply", "pick_up"]))
    def clerk_acts(self, data: st.DataObject, action: str) -> None:
        case_id = self._pick(data)
        if case_id is None:
            return
        cases = self.center.cases
        calls = {
            "issue_notice": lambda: cases.issue_notice(case_id, self.clerk),
            "accept": lambda: cases.accept(case_id, self.clerk),
            "not_accept": lambda: cases.not_accept(case_id, "不符合条件", "县民政局", self.clerk),
            "withdraw": lambda: cases.withdraw(case_id, "群众撤回", self.clerk),
            "supply": lambda: cases.supply(case_id, ["补充材料"], self.clerk),
            "pick_up": lambda: cases.pick_up(case_id, self.clerk),
        }
        with contextlib.suppress(Conflict, InvalidInput):
            calls[action]()

    @rule(data=st.data(), action=st.sampled_from(HUB))
    def hub_decides(self, data: st.DataObject, action: str) -> None:
        case_id = self._pick(data)
        if case_id is None:
            return
        case = self.center.cases.get(case_id)
        with self.center.db.write():
            self.center.cases.apply_feedback(case.uuid, action, {}, {"from": "hub"})

    @rule(data=st.data())
    def moves_on(self, data: st.DataObject) -> None:
        """The usual next step for a case, so walks reach the late states often."""
        case_id = self._pick(data)
        if case_id is None:
            return
        cases = self.center.cases
        case = cases.get(case_id)
        state = case.state.value
        if state in ("draft", "notice_issued"):
            cases.receive_materials(case_id, [m.name for m in case.materials], self.clerk)
            cases.accept(case_id, self.clerk)
        elif state in ("accepted", "submitted", "received", "approved"):
            nxt = {"accepted": "hub_received", "submitted": "hub_received",
                   "received": data.draw(st.sampled_from(["hub_approved", "hub_denied",
                                                          "hub_supplement"])),
                   "approved": "hub_ready"}[state]
            with self.center.db.write():
                cases.apply_feedback(case.uuid, nxt, {}, {"from": "hub"})
        elif state == "supplement_requested":
            cases.supply(case_id, ["补充材料"], self.clerk)
        elif state in ("ready_for_pickup", "denied"):
            cases.pick_up(case_id, self.clerk)

    @rule(data=st.data())
    def hub_acknowledges(self, data: st.DataObject) -> None:
        case_id = self._pick(data)
        if case_id is not None:
            with self.center.db.write():
                self.center.cases.mark_submitted(self.center.cases.get(case_id).uuid)

    @rule(days=st.integers(1, 12))
    def days_pass(self, days: int) -> None:
        self.clock.advance(days=days)

    @invariant()
    def transitions_stay_in_the_machine(self) -> None:
        if not hasattr(self, "center"):
            return
        for row in self.center.db.all("SELECT id, state FROM case_file"):
            events = self.center.cases.timeline(int(row["id"]))
            assert events[0]["action"] == "new" and events[0]["to_state"] == "draft"
            for before, after in itertools.pairwise(events):
                assert after["from_state"] == before["to_state"]
            for event in events[1:]:
                if event["action"] == "hub_ignored":
                    assert event["from_state"] == event["to_state"]
                    continue
                assert EXPECTED[event["action"]][event["from_state"]] == event["to_state"]
            assert events[-1]["to_state"] == row["state"]

    @invariant()
    def numbers_and_deadlines_only_after_acceptance(self) -> None:
        if not hasattr(self, "center"):
            return
        for row in self.center.db.all("SELECT * FROM case_file"):
            actions = {e["action"] for e in self.center.cases.timeline(int(row["id"]))}
            accepted = "accept" in actions
            assert (row["case_number"] is not None) == accepted
            assert (row["accepted_at"] is not None) == accepted
            if row["deadline"] is not None:
                assert accepted

    @invariant()
    def every_reportable_step_is_in_the_outbox(self) -> None:
        if not hasattr(self, "center"):
            return
        for row in self.center.db.all("SELECT id, uuid FROM case_file"):
            events = self.center.cases.timeline(int(row["id"]))
            queued = self.center.db.all(
                "SELECT type, stream_seq FROM outbox WHERE stream_id = ? ORDER BY stream_seq",
                (row["uuid"],))
            assert [q["stream_seq"] for q in queued] == list(range(1, len(queued) + 1))
            types = [q["type"] for q in queued]
            for action, kind in REPORTED.items():
                done = sum(1 for e in events if e["action"] == action)
                assert types.count(kind) == done, (action, types)
            withdrawn = any(e["action"] == "withdraw" for e in events)
            reported_before = any(t != "case_withdrawn" for t in types)
            assert types.count("case_withdrawn") == int(withdrawn and reported_before)

    @invariant()
    def terminal_states_hold_and_deadlines_move_only_with_a_reason(self) -> None:
        if not hasattr(self, "center"):
            return
        for row in self.center.db.all("SELECT id, state, deadline FROM case_file"):
            case_id = int(row["id"])
            events = self.center.cases.timeline(case_id)
            state, deadline, seen = self.seen.get(case_id, ("draft", None, 1))
            if state in TERMINAL_CASE_STATES:
                assert row["state"] == state, (case_id, state, row["state"])
            if row["deadline"] != deadline:
                moved_by = {e["action"] for e in events[seen:]}
                assert moved_by & MOVES_DEADLINE, (case_id, deadline, row["deadline"])
                audited = {r["action"] for r in self.center.db.all(
                    "SELECT action FROM audit WHERE entity = 'case' AND entity_id = ?",
                    (str(case_id),))}
                assert {f"case.{a}" for a in moved_by & MOVES_DEADLINE} <= audited
            self.seen[case_id] = (row["state"], row["deadline"], len(events))

    @invariant()
    def audit_chain_holds(self) -> None:
        if hasattr(self, "center"):
            assert verify(self.center.db).ok


CaseMachine.TestCase.settings = settings(
    max_examples=50, stateful_step_count=35, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestCaseMachine = CaseMachine.TestCase
