"""The villager's way through the kiosk as a step map: what each step shows and says aloud,
what it offers, and where each choice leads. Screens render a step and report the choice.

home → group → priority? → ticket;  guide: group → item → notice;  progress: scan, or
case number → last 4 of the ID → result;  rate: scan or pick the visit → faces → reason
(poor only) → thanks;  help from anywhere. ``back()`` undoes one choice, ``home()``
forgets everything personal. Qt-free: tests walk it with only ``core``. The steps
themselves are in :mod:`core.flows.kiosk_steps`, their vocabulary in
:mod:`core.flows.kiosk_model`, their words in :mod:`core.flows.kiosk_words`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from core.actor import Actor
from core.cases.queries import PublicStatus
from core.catalog_model import CatalogItem
from core.center import Center
from core.errors import BugError, InvalidInput, UserFacingError
from core.flows import kiosk_words as words
from core.flows.kiosk_model import (
    HOME_GROUP_LIMIT,
    OTHER_GROUP,
    Choice,
    Option,
    Prompt,
    RateTarget,
    ScanCode,
    Step,
    StepSpec,
    Visit,
    read_scan,
)
from core.flows.kiosk_steps import STEPS
from core.i18n import _
from core.queue import TicketState
from core.ratings import RatingLevel
from core.settings import KIOSK_PLACE

__all__ = ["HOME_GROUP_LIMIT", "OTHER_GROUP", "STEPS", "Choice", "Journey",
           "Option", "Prompt", "RateTarget", "ScanCode", "Step", "StepSpec", "Visit",
           "read_scan"]


class Journey:
    """One kiosk's current step, the visit's data, and the way back.

    With ``window`` the kiosk is that window's rating device: home waits for the clerk's
    请评价, which opens the faces for that visit only (:meth:`take_window_request`).
    """

    def __init__(self, center: Center, window: int | None = None) -> None:
        self.center = center
        self.window = window
        self.step = Step.HOME
        self.visit = Visit()
        self.error: str | None = None
        self.taps = 0  # choices since home: a ticket must take at most three
        self._stack: list[tuple[Step, Visit]] = []

    # ------------------------------------------------------------------ moving
    @property
    def spec(self) -> StepSpec:
        return STEPS[self.step]

    @property
    def can_go_back(self) -> bool:
        return self.step is not Step.HOME

    def options(self) -> list[Option]:
        return self.spec.options(self)

    def prompt(self) -> Prompt:
        return self.spec.prompt(self)

    def choose(self, value: Choice) -> Step:
        accept = self.spec.accept
        if accept is None:
            raise BugError(f"step {self.step} takes no choice")
        try:
            step, visit = accept(self, value)
        except UserFacingError as exc:
            self.error = exc.message
            return self.step
        self.taps += 1
        self._go(step, visit)
        return self.step

    def _go(self, step: Step, visit: Visit) -> None:
        if STEPS[step].commits:
            self._stack = []
        elif step is not self.step:
            self._stack.append((self.step, self.visit))
        self.step, self.visit, self.error = step, visit, None

    def back(self) -> Step:
        if not self._stack:
            return self.home()
        self.step, self.visit = self._stack.pop()
        self.error = None
        return self.step

    def home(self) -> Step:
        """Start over; nothing of the last villager stays in the journey."""
        self.step, self.visit, self.error, self.taps = Step.HOME, Visit(), None, 0
        self._stack = []
        return self.step

    def help(self) -> Step:
        """请工作人员帮忙: alert the staff once (repeated presses do not pile up)."""
        place = self.center.settings.get(KIOSK_PLACE)
        if not any(r.place == place for r in self.center.help.open()):
            self.center.help.ask(place)
        if self.step is not Step.HELP:
            self._stack.append((self.step, self.visit))
            self.step, self.error = Step.HELP, None
        return self.step

    def scan(self, text: str) -> Step:
        """A keyboard-wedge scan from any screen: a receipt shows progress (or is rated on
        the rating step), a ticket is rated, an ID card (a reader that types like a
        keyboard) shows the holder's case — or, on the last-4 screen, fills the last 4."""
        code = read_scan(text)
        try:
            if code is None:
                raise InvalidInput(words.UNKNOWN_CODE)
            if code.id_number is not None:
                self._by_id_card(code.id_number)
                return self.step
            if code.ticket is not None:
                if self.step in (Step.PROGRESS, Step.CASE_NUMBER, Step.ID_LAST4):
                    raise InvalidInput(words.TICKET_NOT_RECEIPT)
                target = self._ticket_target(*code.ticket)
                self._go(Step.RATE_FACES, Visit(target=target))
                return self.step
            assert code.tracking is not None
            status = self.center.case_queries.lookup(code.tracking)
            if self.step is Step.RATE_PICK:
                self._go(Step.RATE_FACES, Visit(target=self._case_target(status)))
            else:
                self._go(Step.RESULT, Visit(status=status))
        except UserFacingError as exc:
            self.error = exc.message
        return self.step

    def _by_id_card(self, id_number: str) -> None:
        if self.step is Step.ID_LAST4 and self.visit.case_number:
            status = self.center.case_queries.lookup(self.visit.case_number, id_number[-4:])
            self._go(Step.RESULT, Visit(status=status))
            return
        if self.step not in (Step.HOME, Step.PROGRESS, Step.CASE_NUMBER, Step.RESULT):
            raise InvalidInput(words.ID_CARD_HERE_NOT)
        found = self.center.case_queries.lookup_by_id(id_number)
        if not found:
            raise InvalidInput(words.NO_CASE_FOR_CARD)
        self._go(Step.RESULT, Visit(status=found[0], more_cases=len(found) - 1))

    # ------------------------------------------------------------------ printing
    def printed(self, ticket_id: int, ok: bool) -> bool:
        """The ticket's printout finished; False if the villager has moved on since."""
        ticket = self.visit.ticket
        if self.step is not Step.TICKET or ticket is None or ticket.id != ticket_id:
            return False
        self.visit = dataclasses.replace(self.visit, print_failed=not ok)
        return True

    # ------------------------------------------------------------------ lookups
    def groups(self) -> list[Option]:
        return [Option(f"group:{g.prefix}", g.name, g.prefix) for g in self.center.groups.all()]

    def group_name(self, prefix: str | None) -> str:
        if prefix == OTHER_GROUP:
            return words.OTHER_ITEMS
        return next((o.label for o in self.groups() if o.detail == prefix), "")

    def item(self) -> CatalogItem:
        if self.visit.item_code is None:
            raise BugError("no item chosen")
        return self.center.catalog.item(self.visit.item_code)

    def guide_items(self, prefix: str | None) -> list[CatalogItem]:
        tiles = {g.prefix for g in self.center.groups.all()}
        items = self.center.catalog.items()
        if prefix == OTHER_GROUP:
            return [i for i in items if i.group not in tiles]
        return [i for i in items if i.group == prefix]

    def issue_ticket(self, prefix: str, priority: str | None) -> tuple[Step, Visit]:
        """Issue the villager's ticket and move to the screen that shows it."""
        ticket = self.center.tickets.issue(prefix, priority, actor=Actor.kiosk(),
                                           channel="kiosk")
        return Step.TICKET, Visit(group=prefix, ticket=ticket)

    def _asked_here(self, ticket_id: int) -> bool:
        assert self.window is not None
        request = self.center.ratings.request_at(self.window)
        return request is not None and request.ticket_id == ticket_id

    def _ticket_target(self, center_code: str, day: dt.date, number: str) -> RateTarget:
        info = self.center.require_info()
        if center_code != info.code:
            raise InvalidInput(words.OTHER_CENTER)
        ticket = self.center.tickets.by_number(number, day)
        if ticket.state in (TicketState.WAITING, TicketState.CALLED):
            raise InvalidInput(words.NOT_SERVED_YET)
        if self.center.ratings.is_rated(ticket_id=ticket.id):
            raise InvalidInput(words.ALREADY_RATED)
        return RateTarget(ticket.id, None, _("{number}号").format(number=ticket.number))

    def _case_target(self, status: PublicStatus) -> RateTarget:
        case = self.center.case_queries.by_number(status.case_number)
        if self.center.ratings.is_rated(case_id=case.id):
            raise InvalidInput(words.ALREADY_RATED)
        return RateTarget(None, case.id, status.item_name)

    # ------------------------------------------------------------------ at a window
    def take_window_request(self) -> bool:
        """On the window's rating device, at home: open the faces for the visit the clerk
        asked about (True), if there is one."""
        if self.window is None or self.step is not Step.HOME:
            return False
        request = self.center.ratings.request_at(self.window)
        if request is None:
            return False
        label = _("{number}号").format(number=request.ticket_number)
        self._go(Step.RATE_FACES, Visit(target=RateTarget(request.ticket_id, None, label)))
        return True

    def rate(self, level: RatingLevel, reasons: tuple[str, ...] = ()) -> None:
        target = self.visit.target
        if target is None:
            raise BugError("nothing chosen to rate")
        if self.window is not None and target.ticket_id is not None \
                and target.case_id is None and self._asked_here(target.ticket_id):
            self.center.ratings.rate_at_window(self.window, level, list(reasons))
            return
        self.center.ratings.rate(Actor.kiosk(), level, ticket_id=target.ticket_id,
                                 case_id=target.case_id, reasons=list(reasons),
                                 channel="kiosk")
