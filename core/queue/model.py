"""What a ticket (排队号) is: its states, its priority kinds, the allowed transitions, and the
read models a screen shows (a ticket, its times, a call on the board)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.clock import from_iso
from core.db import Row
from core.errors import InvalidInput
from core.i18n import _


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



@dataclass(frozen=True)
class CallEvent:
    """One call or recall of a ticket to a window, as the call board announces it."""

    id: int
    at: dt.datetime
    number: str
    window_number: int
    recall: bool
    ticket_id: int
