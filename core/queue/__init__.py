"""The queue (排队叫号): service groups and their ticket prefixes, windows and who staffs
them, tickets and every transition, and which kind of ticket a window calls next.

| module | owns |
|---|---|
| :mod:`core.queue.model` | ticket states, priority kinds, the transition table, read models |
| :mod:`core.queue.service` | issuing, calling and every other change (one transaction each) |
| :mod:`core.queue.views` | what screens read: waiting lines, a window's tickets, board calls |
| :mod:`core.queue.priority` | strict priority or a ratio such as 2 regular : 1 priority |
| :mod:`core.queue.groups` | service groups (业务分组): kiosk tiles with one-letter prefixes |
| :mod:`core.queue.windows` | windows (窗口): A/B staff (AB岗), the groups served, pauses |

The SQL is :mod:`core.db.tickets`.
"""

from core.queue.model import (
    OPEN_STATES,
    TRANSITIONS,
    CallEvent,
    Ticket,
    TicketPriority,
    TicketState,
    TicketTimes,
    parse_priority,
)
from core.queue.service import TicketService

__all__ = [
    "OPEN_STATES",
    "TRANSITIONS",
    "CallEvent",
    "Ticket",
    "TicketPriority",
    "TicketService",
    "TicketState",
    "TicketTimes",
    "parse_priority",
]
