"""The kiosk journey's vocabulary: its steps, what a step offers and says, and what one
villager's visit holds (everything ``Journey.home()`` forgets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from core.case_numbers import split_tracking_code
from core.cases.queries import PublicStatus
from core.identity import check_id_number
from core.paperwork import parse_ticket_payload
from core.queue import Ticket
from core.ratings import RatingLevel

if TYPE_CHECKING:
    from core.flows.kiosk_journey import Journey

HOME_GROUP_LIMIT = 4  # more groups than this: home shows one "取号" tile instead
OTHER_GROUP = "*"  # guide items whose group has no kiosk tile

Choice = str | tuple[str, ...]


class Step(StrEnum):
    HOME = "home"
    CHOOSE_GROUP = "choose_group"
    PRIORITY = "priority"
    TICKET = "ticket"
    GUIDE_GROUP = "guide_group"
    GUIDE_ITEM = "guide_item"
    NOTICE = "notice"
    PROGRESS = "progress"
    CASE_NUMBER = "case_number"
    ID_LAST4 = "id_last4"
    RESULT = "result"
    RATE_PICK = "rate_pick"
    RATE_FACES = "rate_faces"
    RATE_REASON = "rate_reason"
    THANKS = "thanks"
    HELP = "help"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class Prompt:
    """What a step shows as its heading, and the (longer) words it speaks."""

    shown: str
    spoken: str


@dataclass(frozen=True)
class RateTarget:
    ticket_id: int | None
    case_id: int | None
    label: str  # "A012号" or the item's name: never anything personal


@dataclass(frozen=True)
class Visit:
    """Everything one villager chose or saw; ``Journey.home()`` drops all of it."""

    group: str | None = None
    ticket: Ticket | None = None
    print_failed: bool | None = None  # None: printing not finished yet
    guide_group: str | None = None
    item_code: str | None = None
    case_number: str = ""
    status: PublicStatus | None = None
    more_cases: int = 0  # an ID card with several cases: how many besides the one shown
    target: RateTarget | None = None
    level: RatingLevel | None = None


@dataclass(frozen=True)
class StepSpec:
    prompt: Callable[[Journey], Prompt]
    accept: Callable[[Journey, Choice], tuple[Step, Visit]] | None = None
    options: Callable[[Journey], list[Option]] = lambda _j: []
    commits: bool = False  # the errand is done: "back" leads home
    settles: bool = False  # nothing left to read: the idle timer may be short


@dataclass(frozen=True)
class ScanCode:
    tracking: str | None = None
    ticket: tuple[str, dt.date, str] | None = None
    id_number: str | None = None  # typed by an ID-card reader; never logged or shown


def read_scan(text: str) -> ScanCode | None:
    """A receipt QR (tracking code, bare or in a status URL), a ticket QR, or an ID number
    (an ID-card reader that types like a keyboard); else None."""
    raw = text.strip()
    tail = raw.rsplit("/t/", 1)[-1] if "/t/" in raw else raw
    if split_tracking_code(tail) is not None:
        return ScanCode(tracking=tail.upper())
    ticket = parse_ticket_payload(raw)
    if ticket is not None:
        return ScanCode(ticket=ticket)
    card = check_id_number(raw)
    return ScanCode(id_number=card.normalized) if card.valid and card.normalized else None
