"""Which kind of ticket a window calls next: strict priority, or a ratio such as 2:1.

Pure logic, so the policy can be tested exhaustively without a database.
"""

from __future__ import annotations

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
