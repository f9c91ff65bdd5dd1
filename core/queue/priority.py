"""Which kind of ticket a window calls next: strict priority, or a ratio such as 2:1; and,
by playing the windows' calls forward, who will be called before a given ticket (the
kiosk's honest "前面还有N人") and who is called next (the board's "请准备").

Pure logic, so the policy can be tested exhaustively without a database.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Policy(StrEnum):
    STRICT = "strict"
    RATIO = "ratio"


@dataclass(frozen=True)
class PriorityPolicy:
    policy: Policy = Policy.RATIO
    regular: int = 2
    priority: int = 1

    @property
    def memory(self) -> int:
        """How many recent calls :meth:`choose` needs to see."""
        return self.regular + self.priority

    def choose(
        self, regular_waiting: bool, priority_waiting: bool, recent: list[bool]
    ) -> bool | None:
        """Return True to call a priority ticket, False for a regular one, None for neither.

        ``recent`` holds the window's latest calls today, newest first, True meaning the
        call was a priority ticket. The first call of the day goes to a waiting priority
        ticket; after that, ``regular`` regular calls are followed by ``priority``
        priority calls. When only one kind is waiting, it is called.
        """
        if not (regular_waiting or priority_waiting):
            return None
        if regular_waiting != priority_waiting:
            return priority_waiting
        if self.policy is Policy.STRICT or not recent:
            return True
        if recent[0]:
            priority_streak = _leading(recent, True)
            return priority_streak < self.priority
        return _leading(recent, False) >= self.regular


def _leading(recent: list[bool], kind: bool) -> int:
    count = 0
    for call in recent:
        if call != kind:
            break
        count += 1
    return count


@dataclass(frozen=True)
class InLine:
    """A waiting ticket as the simulation sees it (``key``: its id)."""

    key: int
    group_id: int
    priority: bool


@dataclass(frozen=True)
class Caller:
    """A window as the simulation sees it."""

    window: int
    group_ids: frozenset[int]  # empty: every group
    recent: tuple[bool, ...] = ()  # its latest calls today, newest first (True = priority)

    def serves(self, group_id: int) -> bool:
        return not self.group_ids or group_id in self.group_ids


class _Lines:
    """The waiting tickets split by (group, kind), oldest first, for quick "oldest" picks;
    each caller's own queues are looked up once."""

    def __init__(self, line: Sequence[InLine]) -> None:
        self._queues: dict[tuple[int, bool], deque[tuple[int, InLine]]] = {}
        for place, ticket in enumerate(line):
            self._queues.setdefault((ticket.group_id, ticket.priority), deque()).append(
                (place, ticket))
        self._mine: dict[tuple[int, bool], list[deque[tuple[int, InLine]]]] = {}

    def _of(self, caller: Caller, priority: bool) -> list[deque[tuple[int, InLine]]]:
        key = (caller.window, priority)
        if key not in self._mine:
            self._mine[key] = [q for (group, kind), q in self._queues.items()
                               if kind is priority and caller.serves(group)]
        return self._mine[key]

    def has(self, caller: Caller, priority: bool) -> bool:
        return any(self._of(caller, priority))

    def take(self, caller: Caller, priority: bool) -> InLine:
        oldest = min((q for q in self._of(caller, priority) if q), key=lambda q: q[0][0])
        return oldest.popleft()[1]


def call_rounds(line: Sequence[InLine], callers: Sequence[Caller],
                policy: PriorityPolicy) -> Iterator[list[InLine]]:
    """The calls to come, round by round: in each round every window in turn calls the
    ticket the policy gives it (oldest of that kind among its groups). Stops when nobody
    is left that any window serves."""
    lines = _Lines(line)
    recent = {c.window: list(c.recent) for c in callers}
    while True:
        picked = []
        for caller in callers:
            mine = recent[caller.window]
            pick = policy.choose(lines.has(caller, False), lines.has(caller, True),
                                 mine[:policy.memory])
            if pick is None:
                continue
            picked.append(lines.take(caller, pick))
            mine.insert(0, pick)
        if not picked:
            return
        yield picked


def call_order(line: Sequence[InLine], callers: Sequence[Caller], policy: PriorityPolicy,
               limit: int) -> list[InLine]:
    """The next ``limit`` tickets to be called, in order."""
    order: list[InLine] = []
    for picked in call_rounds(line, callers, policy):
        order += picked
        if len(order) >= limit:
            break
    return order[:limit]


def calls_before(ticket: InLine, line: Sequence[InLine], callers: Sequence[Caller],
                 policy: PriorityPolicy) -> int:
    """How many are called before ``ticket`` (the newest in ``line``) by the windows that
    serve its group: everyone those windows call in earlier rounds, and whoever from its
    own group is called in the same round. Windows that do not serve its group play no
    part; with none that do, everyone older in its group is ahead. An estimate where
    windows work at different speeds, exact for one window."""
    serving = [c for c in callers if c.serves(ticket.group_id)]
    if not serving:
        serving = [Caller(0, frozenset({ticket.group_id}))]
    ahead = 0
    for picked in call_rounds(line, serving, policy):
        if ticket in picked:
            return ahead + sum(1 for t in picked
                               if t is not ticket and t.group_id == ticket.group_id)
        ahead += len(picked)
    return ahead


def estimate_calls_before(same: int, other: int, priority: bool,
                          policy: PriorityPolicy) -> int:
    """For a line too long to play out: ``same`` older tickets of the new ticket's kind and
    ``other`` of the other kind wait for its windows. Strict priority puts every priority
    ticket first; a ratio lets the other kind in at its share of the calls."""
    if policy.policy is Policy.STRICT:
        return same if priority else same + other
    mine, theirs = (policy.priority, policy.regular) if priority else \
        (policy.regular, policy.priority)
    return same + min(other, -(-(same + 1) * theirs // mine))
