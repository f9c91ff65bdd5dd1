"""The one place that decides how personal data is masked on paper, the call board and
lists (DESIGN §4): names, ID numbers, phones, credit codes and addresses.

Masked output keeps only the characters named below and one ``*`` per hidden character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.errors import InvalidInput
from core.identity import parse_mobile

STAR = "*"
_ADDRESS_KEEP = 6
_ADDRESS_TAIL = STAR * 4


@dataclass(frozen=True)
class MaskPolicy:
    """What to mask; the case view of the responsible staff uses :data:`UNMASKED`.

    Credit codes follow ``mask_id``.
    """

    mask_name: bool = True
    mask_id: bool = True
    mask_phone: bool = True
    mask_address: bool = True


DEFAULT = MaskPolicy()
UNMASKED = MaskPolicy(mask_name=False, mask_id=False, mask_phone=False, mask_address=False)


def mask_name(value: str, policy: MaskPolicy = DEFAULT) -> str:
    """``张三`` → ``张*``, ``张小三`` → ``张*三``, ``欧阳小红`` → ``欧**红``, ``张`` → ``*``.

    Characters are counted as a reader sees them: 𠮷 (beyond the BMP) is one character,
    and a combining mark or variation selector stays with the character it modifies.
    """
    name = value.strip()
    if not policy.mask_name or not name:
        return name
    chars = _characters(name)
    if len(chars) == 1:
        return STAR
    if len(chars) == 2:
        return chars[0] + STAR
    return chars[0] + STAR * (len(chars) - 2) + chars[-1]


def mask_id_number(value: str, policy: MaskPolicy = DEFAULT) -> str:
    """18 characters: first 6 + last 4 (``330106********1234``).

    15-digit legacy numbers keep the first 6 and the last 3 (the sequence code), so no
    digit of the birth date shows. Anything else (a passport number, a typo) keeps only
    its last 4 when it has at least 8 characters, otherwise nothing.
    """
    number = "".join(value.split()).upper()
    if not policy.mask_id or not number:
        return number
    if len(number) == 18:
        return _keep(number, head=6, tail=4)
    if len(number) == 15:
        return _keep(number, head=6, tail=3)
    return _keep(number, head=0, tail=4 if len(number) >= 8 else 0)


def mask_phone(value: str, policy: MaskPolicy = DEFAULT) -> str:
    """Mobile: first 3 + last 4 of the 11 digits (``138****5678``; a +86 prefix is dropped).

    Other numbers (landlines) keep their last 4 digits; separators are dropped.
    """
    phone = value.strip()
    if not policy.mask_phone or not phone:
        return phone
    try:
        return _keep(parse_mobile(phone), head=3, tail=4)
    except InvalidInput:
        digits = re.sub(r"\D", "", phone)
        return _keep(digits, head=0, tail=4 if len(digits) >= 8 else 0)


def mask_credit_code(value: str, policy: MaskPolicy = DEFAULT) -> str:
    """First 8 (authority, type, registering division) + last 4: ``91350200******653A``.

    The first 8 identify only the registry, not the organisation.
    """
    code = "".join(value.split()).upper()
    if not policy.mask_id or not code:
        return code
    if len(code) == 18:
        return _keep(code, head=8, tail=4)
    return _keep(code, head=0, tail=4 if len(code) >= 8 else 0)


def mask_address(value: str, policy: MaskPolicy = DEFAULT) -> str:
    """The first 6 characters and a fixed ``****`` (which hides the length of the rest).

    Six characters usually reach the county or township (``浙江省杭州市****``); the
    house number never shows.
    """
    address = value.strip()
    if not policy.mask_address or not address:
        return address
    return "".join(_characters(address)[:_ADDRESS_KEEP]) + _ADDRESS_TAIL


def _keep(text: str, *, head: int, tail: int) -> str:
    hidden = len(text) - head - tail
    if hidden <= 0:
        # Too short to keep anything safely: hide it all.
        return STAR * len(text)
    return text[:head] + STAR * hidden + (text[-tail:] if tail else "")


def _characters(text: str) -> list[str]:
    """Split into user-perceived characters: marks (category M*) join the one before."""
    chars: list[str] = []
    for code_point in text:
        if chars and unicodedata.category(code_point).startswith("M"):
            chars[-1] += code_point
        else:
            chars.append(code_point)
    return chars
