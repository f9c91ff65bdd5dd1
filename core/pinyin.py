"""Pinyin initials, for finding an item by typing 'zdsh' (最低生活保障).

The readings come from pypinyin, whose phrase dictionary knows which reading a character
takes in a word (银行 → yh, 行政 → xz; 重度 → zd, 重新 → cx). Letters and digits in the
text are kept as they are; punctuation is dropped.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8192)
def initials(text: str) -> str:
    """'最低生活保障' → 'zdshbz'; '高龄津贴（80周岁以上）' → 'gljt80zsys'."""
    # Imported on first use: its dictionaries take a third of a second to load, which
    # the staff client's start and the kiosk need not pay.
    from pypinyin import Style, lazy_pinyin

    letters = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()
    return "".join(c for c in letters if c.isascii() and c.isalnum())
