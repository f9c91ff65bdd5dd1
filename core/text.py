"""Validation of text typed by staff or read from files: names, reasons, codes.

Rare characters beyond the Basic Multilingual Plane (such as 𠮷 in a surname) are valid
and must round-trip exactly; control characters and empty or overlong values are not.
"""

from __future__ import annotations

import re
import unicodedata

from core.errors import InvalidInput
from core.i18n import _

_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}


def clean_text(value: str, *, field: str, max_length: int, allow_newlines: bool = False) -> str:
    """Return ``value`` stripped of surrounding spaces, or raise :class:`InvalidInput`.

    Length counts code points, so 𠮷 is one character as a villager would count it.
    """
    if not isinstance(value, str):
        raise InvalidInput(_("{field}必须是文字").format(field=field))
    text = value.strip()
    if not text:
        raise InvalidInput(_("{field}不能为空").format(field=field))
    if len(text) > max_length:
        raise InvalidInput(
            _("{field}太长：最多{max}个字，现在{length}个字").format(
                field=field, max=max_length, length=len(text)
            )
        )
    for char in text:
        if allow_newlines and char == "\n":
            continue
        if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            raise InvalidInput(
                _("{field}含有不可见或无效的字符（{code}），请重新输入").format(
                    field=field, code=f"U+{ord(char):04X}"
                )
            )
    return text


def optional_text(
    value: str | None, *, field: str, max_length: int, allow_newlines: bool = False
) -> str | None:
    if value is None or not value.strip():
        return None
    return clean_text(value, field=field, max_length=max_length, allow_newlines=allow_newlines)


# A catalog compiler's caveat, not something to tell a resident: "（未核实）", "（文号未核实）",
# "，未核实" inside a note. The notes stay in the catalog for the staff who keep it.
_RESEARCH_NOTE = re.compile(
    r"（(?:文号|条号)?(?:未核实|待核实)(?:条号|文号)?）|[，；、]\s*(?:文号|条号)?(?:未核实|待核实)(?:条号|文号)?")


def without_research_notes(text: str) -> str:
    """``text`` as a resident should read it: "不收费（未核实）" → "不收费",
    "不收费（各地可能收取工本费，未核实）" → "不收费（各地可能收取工本费）"."""
    return _RESEARCH_NOTE.sub("", text).strip()
