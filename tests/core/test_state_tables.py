"""The ticket and case state machines, checked pair by pair against the tables written by
hand in tests/core/tables.py from DESIGN.md §3 (not imported from the code): every allowed
transition works and lands where the table says; every other (state, action) pair is
refused with a clear message and changes nothing — state, history and audit stay as they
were.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.actor import Actor
from core.cases import Applicant
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import FixedClock
from core.errors import Conflict
from tests.core.tables import (
    CASE_LABELS,
    CASE_STATES,
    CLERK_TABLE,
    HUB_TABLE,
    TICKET_LABELS,
    TICKET_REASONS,
    TICKET_STATES,
    TICKET_TABLE,
)
from tests.helpers import ADMIN, CENTER_CODE, shanghai

# ------------------------------------------------------------------ tickets


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A village center with two groups, two windows, one clerk and the seed catalog."""
    root = tmp_path_factory.mktemp("template")
    center = open_center(root, clock=FixedClock(shanghai(2026, 11, 27, 8, 30)))
    center.initialize(CENTER_CODE, "测试站", "village")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    a = center.groups.add(ADMIN, "A", "社保医保")
    b = center.groups.add(ADMIN, "B", "民政救助")
    center.windows.save(ADMIN, 1, group_ids=[a.id])
    center.windows.save(ADMIN, 2, group_ids=[a.id, b.id])
    center.settings.set("queue.min_recalls_before_no_show", 0, ADMIN)
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    center.close()
    return root


@pytest.fixture
def fresh(template: Path, tmp_path: Path) -> Iterator[Center]:
    root = tmp_path / "center"
    shutil.copytree(template, root)
    center = open_center(root, clock=FixedClock(shanghai(2026, 11, 27, 9, 0)))
    yield center
    center.close()


def ticket_in(center: Center, state: str) -> int:
    """A ticket brought to ``state`` through the service, the way staff would."""
    t = center.tickets
    if state == "expired":
        stale = t.issue("A").id
        assert isinstance(center.clock, FixedClock)
        center.clock.advance(days=1)
        t.issue("A")  # the first ticket of a new day expires yesterday's
        return stale
    ticket_id = t.issue("A").id
    path: dict[str, list[Callable[[], object]]] = {
        "waiting": [],
        "called": [lambda: t.call_next(1, ADMIN)],
        "serving": [lambda: t.call_next(1, ADMIN), lambda: t.start(ticket_id, ADMIN)],
        "held": [lambda: t.call_next(1, ADMIN), lambda: t.start(ticket_id, ADMIN),
                 lambda: t.hold(ticket_id, ADMIN)],
        "done": [lambda: t.call_next(1, ADMIN), lambda: t.start(ticket_id, ADMIN),
                 lambda: t.finish(ticket_id, ADMIN)],
        "no_show": [lambda: t.call_next(1, ADMIN), lambda: t.no_show(ticket_id, ADMIN)],
        "cancelled": [lambda: t.cancel(ticket_id, ADMIN)],
    }
    for step in path[state]:
        step()
    assert t.get(ticket_id).state.value == state
    return ticket_id


def ticket_action(center: Center, action: str, ticket_id: int) -> object:
    t = center.tickets
    if action == "call":  # out of turn, at window 2 (window 1 may hold this very ticket)
        return t.call(ticket_id, 2, ADMIN)
    if action == "unhold":
        return t.unhold(ticket_id, 2, ADMIN)
    if action == "transfer":
        return t.transfer(ticket_id, "B", ADMIN)
    method: Callable[[int, Actor], object] = getattr(t, action)
    return method(ticket_id, ADMIN)


def _ticket_trace(center: Center, ticket_id: int) -> tuple[object, ...]:
    ticket = center.tickets.get(ticket_id)
    return (ticket.state, ticket.group_id, len(center.tickets.events(ticket_id)),
            center.db.scalar("SELECT count(*) FROM audit"))


@pytest.mark.parametrize("state", TICKET_STATES)
@pytest.mark.parametrize("action", sorted(TICKET_TABLE))
def test_ticket_transition(fresh: Center, state: str, action: str) -> None:
    ticket_id = ticket_in(fresh, state)
    target = TICKET_TABLE[action].get(state)
    if target is not None:
        ticket_action(fresh, action, ticket_id)
        assert fresh.tickets.get(ticket_id).state.value == target
        assert fresh.tickets.events(ticket_id)[-1]["action"] == action
        return
    before = _ticket_trace(fresh, ticket_id)
    with pytest.raises(Conflict) as refused:
        ticket_action(fresh, action, ticket_id)
    expected = TICKET_REASONS.get((action, state),
                                  f"当前是“{TICKET_LABELS[state]}”，不能执行此操作")
    assert expected in refused.value.message
    assert _ticket_trace(fresh, ticket_id) == before


def test_the_table_covers_every_state_the_code_knows() -> None:
    from core.queue import TicketState

    assert {s.value for s in TicketState} == set(TICKET_STATES)


# ------------------------------------------------------------------ cases

ITEM = "05-MZ-001"  # 最低生活保障: forwarded to the county, three required materials


def _clerk(center: Center) -> Actor:
    return Actor(center.staff.by_username("wang").id, "test")


def _hub(center: Center, case_id: int, action: str) -> None:
    with center.db.write():
        center.cases.apply_feedback(center.cases.get(case_id).uuid, action, {}, {})


def case_in(center: Center, state: str) -> int:
    """A case brought to ``state`` through the services, as clerks and the hub would."""
    cases = center.cases
    clerk = _clerk(center)
    case_id = cases.new(clerk, ITEM, Applicant("张三", "11010519491231002X")).id

    def complete_materials() -> None:
        names = [m.name for m in cases.get(case_id).materials]
        cases.receive_materials(case_id, names, clerk)

    steps: dict[str, list[Callable[[], object]]] = {
        "draft": [],
        "notice_issued": [lambda: cases.issue_notice(case_id, clerk)],
        "accepted": [complete_materials, lambda: cases.accept(case_id, clerk)],
        "not_accepted": [lambda: cases.not_accept(case_id, "不属于本站受理范围", "县民政局",
                                                  clerk)],
        "withdrawn": [lambda: cases.withdraw(case_id, "群众撤回", clerk)],
    }
    hub_path = {
        "submitted": ("accepted", None),
        "received": ("accepted", "hub_received"),
        "supplement_requested": ("received", "hub_supplement"),
        "approved": ("received", "hub_approved"),
        "denied": ("received", "hub_denied"),
        "ready_for_pickup": ("approved", "hub_ready"),
        "completed": ("ready_for_pickup", None),
    }
    if state in steps:
        for step in steps[state]:
            step()
    else:
        before, hub_action = hub_path[state]
        _bring(center, case_id, before)
        if state == "submitted":
            with center.db.write():
                cases.mark_submitted(cases.get(case_id).uuid)
        elif state == "completed":
            cases.pick_up(case_id, clerk)
        else:
            assert hub_action is not None
            _hub(center, case_id, hub_action)
    assert cases.get(case_id).state.value == state
    return case_id


def _bring(center: Center, case_id: int, state: str) -> None:
    """Continue an existing case (in ``draft``) along the path to ``state``."""
    cases = center.cases
    clerk = _clerk(center)
    names = [m.name for m in cases.get(case_id).materials]
    cases.receive_materials(case_id, names, clerk)
    cases.accept(case_id, clerk)
    for hub_action in {"accepted": [], "received": ["hub_received"],
                       "approved": ["hub_received", "hub_approved"],
                       "ready_for_pickup": ["hub_received", "hub_approved", "hub_ready"],
                       }[state]:
        _hub(center, case_id, hub_action)


def case_action(center: Center, action: str, case_id: int) -> object:
    cases = center.cases
    clerk = _clerk(center)
    calls: dict[str, Callable[[], object]] = {
        "issue_notice": lambda: cases.issue_notice(case_id, clerk),
        "accept": lambda: cases.accept(case_id, clerk),
        "not_accept": lambda: cases.not_accept(case_id, "不属于本站受理范围", "县民政局", clerk),
        "withdraw": lambda: cases.withdraw(case_id, "群众撤回", clerk),
        "supply": lambda: cases.supply(case_id, ["收入证明"], clerk),
        "pick_up": lambda: cases.pick_up(case_id, clerk),
    }
    return calls[action]()


def _case_trace(center: Center, case_id: int) -> tuple[object, ...]:
    case = center.cases.get(case_id)
    return (case.state, case.deadline, case.case_number, len(center.cases.timeline(case_id)),
            center.db.scalar("SELECT count(*) FROM audit"),
            center.db.scalar("SELECT count(*) FROM outbox"))


@pytest.mark.parametrize("state", CASE_STATES)
@pytest.mark.parametrize("action", sorted(CLERK_TABLE))
def test_clerk_case_transition(fresh: Center, state: str, action: str) -> None:
    case_id = case_in(fresh, state)
    if action == "accept" and state in ("draft", "notice_issued"):
        names = [m.name for m in fresh.cases.get(case_id).materials]
        fresh.cases.receive_materials(case_id, names, _clerk(fresh))
    target = CLERK_TABLE[action].get(state)
    if target is not None:
        case_action(fresh, action, case_id)
        assert fresh.cases.get(case_id).state.value == target
        assert fresh.cases.timeline(case_id)[-1]["action"] == action
        return
    before = _case_trace(fresh, case_id)
    with pytest.raises(Conflict) as refused:
        case_action(fresh, action, case_id)
    assert f"办件当前是“{CASE_LABELS[state]}”，不能执行此操作" in refused.value.message
    assert _case_trace(fresh, case_id) == before


@pytest.mark.parametrize("state", CASE_STATES)
@pytest.mark.parametrize("action", sorted(HUB_TABLE))
def test_hub_decision_on_a_case(fresh: Center, state: str, action: str) -> None:
    case_id = case_in(fresh, state)
    target = HUB_TABLE[action].get(state)
    before = fresh.cases.get(case_id)
    _hub(fresh, case_id, action)
    after = fresh.cases.get(case_id)
    last = fresh.cases.timeline(case_id)[-1]
    if target is not None:
        assert after.state.value == target
        assert last["action"] == action
    else:
        assert after.state is before.state
        assert (after.deadline, after.case_number) == (before.deadline, before.case_number)
        assert last["action"] == "hub_ignored"
        assert last["detail"]["hub_action"] == action


@pytest.mark.parametrize("state", CASE_STATES)
def test_only_an_accepted_case_becomes_submitted(fresh: Center, state: str) -> None:
    case_id = case_in(fresh, state)
    with fresh.db.write():
        fresh.cases.mark_submitted(fresh.cases.get(case_id).uuid)
    expected = "submitted" if state == "accepted" else state
    assert fresh.cases.get(case_id).state.value == expected


def test_the_tables_cover_every_state_the_code_knows() -> None:
    from core.cases import CaseState

    assert {s.value for s in CaseState} == set(CASE_STATES)
