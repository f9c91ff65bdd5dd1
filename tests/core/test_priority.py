"""The priority policy: strict, and ratios such as 2 regular : 1 priority."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.queue.priority import (
    Caller,
    InLine,
    Policy,
    PriorityPolicy,
    call_order,
    calls_before,
    estimate_calls_before,
)


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


# ---------------------------------------------------------------------- who is called first

A, B = 1, 2  # group ids


def line(*spec: str) -> list[InLine]:
    """'A', 'Ap' (priority), 'B' …, oldest first; keys are the positions."""
    return [InLine(i, A if s[0] == "A" else B, s.endswith("p")) for i, s in enumerate(spec)]


def test_a_priority_ticket_is_not_always_next_under_two_to_one() -> None:
    # The window has just called a priority ticket: two regular calls come before the next.
    waiting = line("B", "B", "B", "Bp")
    window = Caller(1, frozenset(), (True,))
    order = call_order(waiting, [window], PriorityPolicy(), limit=10)
    assert [w.key for w in order] == [0, 1, 3, 2]
    assert calls_before(waiting[3], waiting, [window], PriorityPolicy()) == 2


def test_a_priority_ticket_goes_first_when_its_turn_has_come() -> None:
    waiting = line("B", "B", "Bp")
    window = Caller(1, frozenset(), (False, False))
    assert calls_before(waiting[2], waiting, [window], PriorityPolicy()) == 0
    strict = PriorityPolicy(Policy.STRICT)
    assert calls_before(waiting[2], waiting, [Caller(1, frozenset(), (True,))], strict) == 0


def test_a_regular_ticket_counts_the_priority_calls_that_come_between() -> None:
    waiting = line("Ap", "A", "Ap", "A")
    window = Caller(1, frozenset(), ())
    # First call of the day: priority; then 2 regular : 1 priority.
    assert [w.key for w in call_order(waiting, [window], PriorityPolicy(), 10)] == [0, 1, 3, 2]
    assert calls_before(waiting[3], waiting, [window], PriorityPolicy()) == 2
    assert calls_before(waiting[3], waiting, [window], PriorityPolicy(Policy.STRICT)) == 3


def test_a_window_of_its_own_calls_at_once() -> None:
    # Window 1 serves A and B, window 2 only B: a new B ticket is window 2's next call.
    waiting = line("A", "A", "B")
    windows = [Caller(1, frozenset({A, B}), ()), Caller(2, frozenset({B}), ())]
    assert calls_before(waiting[2], waiting, windows, PriorityPolicy()) == 0


def test_windows_calling_side_by_side_share_the_line() -> None:
    waiting = line(*["A"] * 7)
    windows = [Caller(n, frozenset(), ()) for n in (1, 2, 3)]
    # Everyone older in the same line goes first, however many windows call.
    assert calls_before(waiting[6], waiting, windows, PriorityPolicy()) == 6
    assert [w.key for w in call_order(waiting, windows, PriorityPolicy(), 4)] == [0, 1, 2, 3]


def test_with_no_window_for_the_group_everyone_older_in_it_is_ahead() -> None:
    waiting = line("A", "B", "A", "B")
    windows = [Caller(1, frozenset({A}), ())]
    assert calls_before(waiting[3], waiting, windows, PriorityPolicy()) == 1


@given(st.lists(st.sampled_from(["A", "Ap", "B", "Bp"]), max_size=25),
       st.sampled_from(["A", "Ap", "B", "Bp"]), st.integers(1, 3), st.integers(1, 2))
def test_the_count_is_never_more_than_who_waits_in_the_windows_groups(
        before: list[str], mine: str, regular: int, favoured: int) -> None:
    waiting = line(*before, mine)
    policy = PriorityPolicy(Policy.RATIO, regular, favoured)
    windows = [Caller(1, frozenset({A, B}), ()), Caller(2, frozenset({B}), (True,))]
    ahead = calls_before(waiting[-1], waiting, windows, policy)
    assert 0 <= ahead <= len(before)
    order = call_order(waiting, windows, policy, limit=len(waiting))
    assert sorted(w.key for w in order) == list(range(len(waiting)))  # nobody starves


@given(st.integers(0, 40), st.integers(0, 40), st.booleans(), st.integers(1, 4),
       st.integers(1, 3), st.booleans())
def test_the_estimate_for_a_long_line_stays_close_to_playing_it_out(
        same: int, other: int, mine_priority: bool, regular: int, favoured: int,
        strict: bool) -> None:
    policy = PriorityPolicy(Policy.STRICT if strict else Policy.RATIO, regular, favoured)
    kinds = [mine_priority] * same + [not mine_priority] * other
    waiting = [InLine(i, A, kind) for i, kind in enumerate(sorted(kinds))]
    mine = InLine(len(waiting), A, mine_priority)
    exact = calls_before(mine, [*waiting, mine], [Caller(1, frozenset())], policy)
    estimate = estimate_calls_before(same, other, mine_priority, policy)
    assert same <= estimate <= same + other
    assert abs(estimate - exact) <= max(regular, favoured) + 1
