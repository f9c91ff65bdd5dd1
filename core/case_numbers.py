"""Case numbers (统一编码) and tracking codes — the formats both ends of sync agree on.

Case number: ``<12-digit center code><YYYYMMDD><4-digit daily serial><check>``, the check
being ISO 7064 MOD 11-2 over the first 24 digits (as in the ID number), so a mistyped
number is caught. Tracking code: the case number plus a random 6-character token drawn
from an alphabet without look-alike characters (no 0/O, 1/I/L).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from core.errors import InvalidInput
from core.i18n import _
from core.identity import mod11_2_check

CASE_NUMBER_LENGTH = 25
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_TOKEN_LENGTH = 6
TRACKING_CODE_LENGTH = CASE_NUMBER_LENGTH + TRACKING_TOKEN_LENGTH
MAX_DAILY_SERIAL = 9999

_SHAPE = re.compile(r"[0-9]{24}[0-9X]")  # ASCII digits only, not any Unicode digit
_TOKEN = re.compile(f"[{TRACKING_ALPHABET}]{{{TRACKING_TOKEN_LENGTH}}}")


def make_case_number(center_code: str, day: dt.date, serial: int) -> str:
    if not (len(center_code) == 12 and center_code.isdigit()):
        raise ValueError("center code must be 12 digits")
    if not 1 <= serial <= MAX_DAILY_SERIAL:
        raise ValueError("daily serial out of range")
    body = f"{center_code}{day:%Y%m%d}{serial:04d}"
    return body + mod11_2_check(body)


def case_number_problem(text: str) -> str | None:
    """Why ``text`` is not a valid case number, in Chinese; None if it is one."""
    if len(text) != CASE_NUMBER_LENGTH:
        return _("办件编号应为{n}位，收到{got}位").format(n=CASE_NUMBER_LENGTH, got=len(text))
    if not _SHAPE.fullmatch(text):
        return _("办件编号前24位应为数字，最后一位是数字或X")
    try:
        dt.date(int(text[12:16]), int(text[16:18]), int(text[18:20]))
    except ValueError:
        return _("办件编号中的日期不存在")
    if mod11_2_check(text[:24]) != text[24]:
        return _("办件编号校验位不对：可能有一位输错或相邻两位颠倒，请逐位核对")
    return None


def parse_case_number(text: str) -> str:
    number = text.strip().upper()
    problem = case_number_problem(number)
    if problem:
        raise InvalidInput(problem)
    return number


def make_tracking_token() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_TOKEN_LENGTH))


def split_tracking_code(text: str) -> tuple[str, str] | None:
    """(case number, token) if ``text`` has the shape of a tracking code, else None."""
    code = text.strip().upper()
    if len(code) != TRACKING_CODE_LENGTH:
        return None
    number, token = code[:CASE_NUMBER_LENGTH], code[CASE_NUMBER_LENGTH:]
    if case_number_problem(number) or not _TOKEN.fullmatch(token):
        return None
    return number, token
