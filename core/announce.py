"""What the call board says and shows when a ticket is called, and how numbers are said.

"请A012号到3号窗口办理": on screen as written; spoken with the ticket's digits read one
by one (A零一二) so nobody hears "A十二" and thinks of A12, and the window as a number.
A count of people is said the way Chinese says it ("前面还有两人", not 二人). Every text
handed to a speech engine goes through :func:`speakable`, so a ticket number in any
prompt ("您对B002号的服务满意吗") is spelled out digit by digit.
"""

from __future__ import annotations

import re

from core.i18n import _

_DIGITS = "零一二三四五六七八九"
# A ticket number: one capital letter and three or more digits, not inside a longer word.
_TICKET = re.compile(r"(?<![A-Za-z0-9])([A-Z])([0-9]{3,})(?![0-9])")


def call_text(number: str, window: int) -> str:
    return _("请{number}号到{window}号窗口办理").format(number=number, window=window)


def spoken_digits(number: str) -> str:
    """'A012' → 'A零一二'."""
    return "".join(_DIGITS[int(c)] if c.isdigit() else c for c in number)


def spoken_number(value: int) -> str:
    """0..99 as Chinese numerals for a name or an ordinal: 2 → 二 (二号窗口), 12 → 十二."""
    if not 0 <= value <= 99:
        return str(value)
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def spoken_count(value: int) -> str:
    """0..999 as a count of people: 2 → 两 (两人), 22 → 二十二, 200 → 两百, 102 → 一百零二."""
    if value == 2:
        return "两"
    if not 0 <= value <= 999:
        return str(value)
    hundreds, rest = divmod(value, 100)
    if hundreds == 0:
        return spoken_number(rest)
    head = ("两" if hundreds == 2 else _DIGITS[hundreds]) + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _DIGITS[rest]
    tens = spoken_number(rest)
    return head + (tens if rest >= 20 else "一" + tens)


def speakable(text: str) -> str:
    """The words as a speech engine should get them: ticket numbers spelled digit by digit."""
    return _TICKET.sub(lambda m: m.group(1) + spoken_digits(m.group(2)), text)


def spoken_call(number: str, window: int, *, recall: bool = False) -> str:
    text = _("请{number}号到{window}号窗口办理").format(
        number=spoken_digits(number), window=spoken_number(window))
    return _("再次呼叫，{text}").format(text=text) if recall else text
