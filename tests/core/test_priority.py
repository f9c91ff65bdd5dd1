"""The priority policy: strict, and ratios such as 2 regular : 1 priority."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.queue.priority import Policy, PriorityPolicy


def simulate(policy: PriorityPolicy, regular: int, favoured: int) -> list[bool]:
    recent: list[bool] = []
    calls: list[bool] = []
    while regular or favoured:
        pick = policy.choose(regular > 0, favoured > 0, recent[: policy.memory])
        assert pick is not None
        calls.append(pick)
        recent.insert(0, pick)
        if pick:
            favoured -= 1
        else:
            regular -= 1
    return calls


def test_strict_calls_every_priority_ticket_first() -> None:
    calls = simulate(PriorityPolicy(Policy.STRICT), regular=3, favoured=2)
    assert calls == [True, True, False, False, False]


def test_two_to_one_interleaves() -> None:
    calls = simulate(PriorityPolicy(Policy.RATIO, 2, 1), regular=6, favoured=3)
    assert calls == [True, False, False, True, False, False, True, False, False]


def test_one_to_one_alternates() -> None:
    calls = simulate(PriorityPolicy(Policy.RATIO, 1, 1), regular=3, favoured=3)
    assert calls == [True, False, True, False, True, False]


def test_nobody_waiting_calls_nobody() -> None:
    assert PriorityPolicy().choose(False, False, []) is None


@given(st.integers(1, 5), st.integers(1, 3), st.integers(0, 30), st.integers(0, 30))
def test_ratio_never_starves_either_kind(r: int, p: int, regular: int, favoured: int) -> None:
    calls = simulate(PriorityPolicy(Policy.RATIO, r, p), regular, favoured)
    assert calls.count(False) == regular
    assert calls.count(True) == favoured
    # While both kinds wait, no run of regular calls exceeds r and none of priority exceeds p.
    both = len(calls)
    remaining_regular, remaining_favoured = regular, favoured
    run_kind, run = None, 0
    for i, call in enumerate(calls):
        if remaining_regular and remaining_favoured:
            run = run + 1 if call == run_kind else 1
            run_kind = call
            assert run <= (p if call else r), (i, calls)
        if call:
            remaining_favoured -= 1
        else:
            remaining_regular -= 1
    assert both == regular + favoured
