"""Pinyin initials of common Chinese characters, for searching items by typing 'zdsh'.

Uses the order of GB 2312 level-1 hanzi, which are sorted by pinyin: a character's
initial is the letter whose block contains its GB 2312 code. This covers the 3,755 most
common characters with no dependency; rarer characters contribute no initial.
Polyphonic characters get the initial of their first reading (e.g. 长 → c).
"""

from __future__ import annotations

_BOUNDARIES = [
    (0xB0A1, "a"), (0xB0C5, "b"), (0xB2C1, "c"), (0xB4EE, "d"), (0xB6EA, "e"), (0xB7A2, "f"),
    (0xB8C1, "g"), (0xB9FE, "h"), (0xBBF7, "j"), (0xBFA6, "k"), (0xC0AC, "l"), (0xC2E8, "m"),
    (0xC4C3, "n"), (0xC5B6, "o"), (0xC5BE, "p"), (0xC6DA, "q"), (0xC8BB, "r"), (0xC8F6, "s"),
    (0xCBFA, "t"), (0xCDDA, "w"), (0xCEF4, "x"), (0xD1B9, "y"), (0xD4D1, "z"),
]
_LEVEL1_END = 0xD7F9


def initial(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return ""
    if len(encoded) != 2:
        return ""
    code = (encoded[0] << 8) | encoded[1]
    if not _BOUNDARIES[0][0] <= code <= _LEVEL1_END:
        return ""
    letter = ""
    for start, candidate in _BOUNDARIES:
        if code < start:
            break
        letter = candidate
    return letter


def initials(text: str) -> str:
    """'最低生活保障' → 'zdshbz'."""
    return "".join(initial(char) for char in text)
