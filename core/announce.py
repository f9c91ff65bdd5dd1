"""What the call board says and shows when a ticket is called.

"请A012号到3号窗口办理": on screen as written; spoken with the ticket's digits read one
by one (A零一二) so nobody hears "A十二" and thinks of A12, and the window as a number.
"""

from __future__ import annotations

from core.i18n import _

_DIGITS = "零一二三四五六七八九"


def call_text(number: str, window: int) -> str:
    return _("请{number}号到{window}号窗口办理").format(number=number, window=window)


def spoken_digits(number: str) -> str:
    """'A012' → 'A零一二'."""
    return "".join(_DIGITS[int(c)] if c.isdigit() else c for c in number)


def spoken_number(value: int) -> str:
    """0..99 as Chinese numerals: 3 → 三, 10 → 十, 12 → 十二, 20 → 二十."""
    if not 0 <= value <= 99:
        return str(value)
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def spoken_call(number: str, window: int, *, recall: bool = False) -> str:
    text = _("请{number}号到{window}号窗口办理").format(
        number=spoken_digits(number), window=spoken_number(window))
    return _("再次呼叫，{text}").format(text=text) if recall else text
