"""The kiosk's step map: for each step, what it says, what it offers, and where each
choice leads (the accept functions may issue a ticket, look a case up, or rate a visit)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from core.announce import spoken_count, spoken_digits
from core.case_numbers import case_number_problem
from core.errors import BugError, InvalidInput, NotFound
from core.flows import kiosk_words as words
from core.flows.kiosk_model import (
    HOME_GROUP_LIMIT,
    OTHER_GROUP,
    Choice,
    Option,
    Prompt,
    Step,
    StepSpec,
    Visit,
)
from core.i18n import _
from core.queue import TicketPriority, parse_priority
from core.ratings import POOR_REASONS, RatingLevel
from core.settings import KIOSK_ASK_PRIORITY

if TYPE_CHECKING:
    from core.flows.kiosk_journey import Journey


# ---------------------------------------------------------------------- choices

def _value(choice: Choice) -> str:
    if not isinstance(choice, str):
        raise BugError("this step takes one value")
    return choice


def _home(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    value = _value(choice)
    if j.window is not None:
        raise BugError("the window's rating device takes no choice at home")
    simple = {"take": Step.CHOOSE_GROUP, "guide": Step.GUIDE_GROUP,
              "progress": Step.PROGRESS, "rate": Step.RATE_PICK}
    if value in simple:
        return simple[value], Visit()
    return _group(j, value)


def _group(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    value = _value(choice)
    if value not in {o.value for o in j.groups()}:
        raise InvalidInput(words.NO_SUCH_GROUP)
    prefix = value.removeprefix("group:")
    if j.center.settings.get(KIOSK_ASK_PRIORITY):
        return Step.PRIORITY, Visit(group=prefix)
    return j.issue_ticket(prefix, None)


def _priority(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    value = _value(choice)
    if j.visit.group is None:
        raise BugError("priority asked before a group was chosen")
    kind = None if value == "normal" else parse_priority(value)
    return j.issue_ticket(j.visit.group, kind.value if kind else None)


def _guide_group(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    value = _value(choice)
    if value not in {o.value for o in _guide_groups(j)}:
        raise InvalidInput(words.NO_SUCH_GROUP)
    return Step.GUIDE_ITEM, Visit(guide_group=value.removeprefix("group:"))


def _guide_item(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    code = _value(choice)
    if code not in {i.code for i in j.guide_items(j.visit.guide_group)}:
        raise NotFound(words.NO_SUCH_ITEM)
    return Step.NOTICE, dataclasses.replace(j.visit, item_code=code)


def _progress(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    if _value(choice) != "type":
        raise BugError("progress offers only typing")
    return Step.CASE_NUMBER, Visit()


def _case_number(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    number = _value(choice).strip().upper()
    problem = case_number_problem(number)
    if problem:
        raise InvalidInput(problem)
    return Step.ID_LAST4, Visit(case_number=number)


def _id_last4(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    last4 = _value(choice).strip().upper()
    if len(last4) != 4 or not last4[:3].isdigit() or not (last4[3].isdigit() or last4[3] == "X"):
        raise InvalidInput(words.LAST4_SHAPE)
    status = j.center.case_queries.lookup(j.visit.case_number, last4)
    return Step.RESULT, Visit(status=status)


def _result(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    if _value(choice) != "again":
        raise BugError("the result offers only another lookup")
    return Step.PROGRESS, Visit()


def _faces(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    level = RatingLevel(_value(choice))
    visit = dataclasses.replace(j.visit, level=level)
    if level.is_poor:
        return Step.RATE_REASON, visit
    j.rate(level)
    return Step.THANKS, visit


def _reasons(j: Journey, choice: Choice) -> tuple[Step, Visit]:
    picked = (choice,) if isinstance(choice, str) else tuple(choice)
    picked = tuple(r for r in picked if r in POOR_REASONS)
    if not picked:
        raise InvalidInput(words.PICK_A_REASON)
    assert j.visit.level is not None
    j.rate(j.visit.level, picked)
    return Step.THANKS, j.visit


# ---------------------------------------------------------------------- options

def _home_options(j: Journey) -> list[Option]:
    if j.window is not None:  # the window's rating device waits for the clerk's 请评价
        return []
    groups = j.groups()
    take = groups if len(groups) <= HOME_GROUP_LIMIT else [Option("take", words.TAKE)]
    return [*take, Option("guide", words.GUIDE, words.GUIDE_DETAIL),
            Option("progress", words.PROGRESS, words.PROGRESS_DETAIL),
            Option("rate", words.RATE, words.RATE_DETAIL)]


def _priority_options(_j: Journey) -> list[Option]:
    kinds = [Option(k.value, _("{kind}优先").format(kind=k.label)) for k in TicketPriority]
    return [Option("normal", words.NORMAL_TICKET), *kinds]


def _guide_groups(j: Journey) -> list[Option]:
    with_items = [o for o in j.groups() if j.guide_items(o.detail)]
    if j.guide_items(OTHER_GROUP):
        with_items.append(Option(f"group:{OTHER_GROUP}", words.OTHER_ITEMS, OTHER_GROUP))
    return with_items


def _item_options(j: Journey) -> list[Option]:
    return [Option(i.code, i.name) for i in j.guide_items(j.visit.guide_group)]


def _faces_options(_j: Journey) -> list[Option]:
    return [Option(level.value, level.label) for level in RatingLevel]


def _reason_options(_j: Journey) -> list[Option]:
    return [Option(r, r) for r in POOR_REASONS]


# ---------------------------------------------------------------------- prompts

def _ticket_prompt(j: Journey) -> Prompt:
    ticket = j.visit.ticket
    assert ticket is not None
    shown = _("您的号码是 {number}").format(number=ticket.number)
    ahead = (_("前面还有{n}人等候。").format(n=spoken_count(ticket.waiting_ahead))
             if ticket.waiting_ahead else _("前面没有人等候。"))
    said = _("您的号码是{number}，{ahead}").format(number=spoken_digits(ticket.number),
                                               ahead=ahead)
    if j.visit.print_failed is None:
        return Prompt(shown, said + words.PRINTING)
    if j.visit.print_failed:
        return Prompt(shown, said + words.print_failed(ticket.number))
    return Prompt(shown, said + words.PRINTED)


def _notice_prompt(j: Journey) -> Prompt:
    name = j.item().name
    return Prompt(name, words.NOTICE_SAID.format(item=name))


def _result_prompt(j: Journey) -> Prompt:
    status = j.visit.status
    assert status is not None
    return Prompt(_("{item}：{state}").format(item=status.item_name,
                                              state=words.state_words(status)),
                  words.result_said(status))


def _faces_prompt(j: Journey) -> Prompt:
    label = j.visit.target.label if j.visit.target else ""
    return Prompt(words.FACES, words.FACES_SAID.format(label=label))


def _thanks_prompt(j: Journey) -> Prompt:
    poor = j.visit.level is not None and j.visit.level.is_poor
    return Prompt(words.THANKS, words.THANKS_POOR if poor else words.THANKS_SAID)


def _home_prompt(j: Journey) -> Prompt:
    if j.window is not None:
        return Prompt(words.WINDOW_WAIT.format(n=j.window), words.WINDOW_WAIT_SAID)
    many = len(j.groups()) > HOME_GROUP_LIMIT
    return Prompt(words.HOME, words.HOME_SAID_MANY if many else words.HOME_SAID)


def _fixed(shown: str, spoken: str) -> Callable[[Journey], Prompt]:
    return lambda _j: Prompt(shown, spoken)


STEPS: dict[Step, StepSpec] = {
    Step.HOME: StepSpec(_home_prompt, _home, _home_options),
    Step.CHOOSE_GROUP: StepSpec(_fixed(words.CHOOSE_GROUP, words.CHOOSE_GROUP_SAID), _group,
                                lambda j: j.groups()),
    Step.PRIORITY: StepSpec(_fixed(words.PRIORITY, words.PRIORITY_SAID), _priority,
                            _priority_options),
    Step.TICKET: StepSpec(_ticket_prompt, commits=True, settles=True),
    Step.GUIDE_GROUP: StepSpec(_fixed(words.GUIDE_GROUP, words.GUIDE_GROUP_SAID), _guide_group,
                               _guide_groups),
    Step.GUIDE_ITEM: StepSpec(_fixed(words.GUIDE_ITEM, words.GUIDE_ITEM_SAID), _guide_item,
                              _item_options),
    Step.NOTICE: StepSpec(_notice_prompt),
    Step.PROGRESS: StepSpec(_fixed(words.PROGRESS_SCAN, words.PROGRESS_SAID), _progress),
    Step.CASE_NUMBER: StepSpec(_fixed(words.CASE_NUMBER, words.CASE_NUMBER_SAID), _case_number),
    Step.ID_LAST4: StepSpec(_fixed(words.LAST4, words.LAST4_SAID), _id_last4),
    Step.RESULT: StepSpec(_result_prompt, _result),
    # Only one's own ticket or receipt, scanned: nobody picks someone else's visit.
    Step.RATE_PICK: StepSpec(_fixed(words.RATE_PICK, words.RATE_PICK_SAID)),
    Step.RATE_FACES: StepSpec(_faces_prompt, _faces, _faces_options),
    Step.RATE_REASON: StepSpec(_fixed(words.REASON, words.REASON_SAID), _reasons,
                               _reason_options),
    Step.THANKS: StepSpec(_thanks_prompt, commits=True, settles=True),
    Step.HELP: StepSpec(_fixed(words.HELP, words.HELP_SAID)),
}
