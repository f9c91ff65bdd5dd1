"""Finding a service item the way people name it: its name, its code, the pinyin initials
of either its name or an everyday name (``zdsh``, ``db``), or the everyday name itself
(低保, 残疾证, 新农合 — the catalog's ``aliases``). Best match first.

One implementation serves the staff client's item picker and ``bianmin catalog search``.
Several words must all match (``残疾 护理``). When nothing matches, :func:`nothing_found`
says so plainly with what to try, and :meth:`ItemIndex.suggestions` offers near items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from core.catalog_model import CatalogItem
from core.i18n import _
from core.pinyin import initials

# How good a match is, best first; ties keep the catalog's order.
EXACT_CODE, EXACT_NAME, EXACT_ALIAS = 100, 96, 92
NAME_START, ALIAS_START, CODE_START = 84, 80, 76
IN_NAME, IN_ALIAS = 64, 60
INITIALS_NAME_START, INITIALS_ALIAS_START = 56, 52
IN_CODE = 50
IN_INITIALS_NAME, IN_INITIALS_ALIAS = 44, 40
SUGGESTED = 3


@dataclass(frozen=True)
class ItemMatch:
    item: CatalogItem
    score: int
    via: str  # why it matched, in the clerk's words ("常用叫法：低保", "拼音首字母")
    alias: str | None = None  # the everyday name that found it, when its name did not


@dataclass(frozen=True)
class _Hit:
    score: int
    via: str
    alias: str | None = None


class _Entry:
    """One item, with its texts folded for matching (initials computed on first need)."""

    def __init__(self, item: CatalogItem, position: int) -> None:
        self.item = item
        self.position = position
        self.code = item.code.casefold()
        self.name = item.name.casefold()
        self.aliases = [(a, a.casefold()) for a in item.aliases]

    @cached_property
    def name_initials(self) -> str:
        return initials(self.item.name)

    @cached_property
    def alias_initials(self) -> list[tuple[str, str]]:
        return [(alias, initials(alias)) for alias, _folded in self.aliases]

    def hit(self, word: str) -> _Hit | None:
        """The best way ``word`` (folded) matches this item, or None."""
        found = [self._exact(word), self._starts(word), self._inside(word)]
        if word.isascii() and word.isalnum():  # only letters can be initials
            found.append(self._initials(word))
        if word in self.code:
            found.append(_Hit(IN_CODE, _("编码")))
        return max((h for h in found if h is not None), key=lambda h: h.score, default=None)

    def by_name(self, word: str) -> bool:
        """Whether ``word`` finds this item without its everyday names."""
        letters = word.isascii() and word.isalnum() and word in self.name_initials
        return word in self.name or word in self.code or bool(letters)

    def _exact(self, word: str) -> _Hit | None:
        if word == self.code:
            return _Hit(EXACT_CODE, _("编码"))
        if word == self.name:
            return _Hit(EXACT_NAME, _("名称"))
        alias = next((a for a, folded in self.aliases if folded == word), None)
        return None if alias is None else _Hit(EXACT_ALIAS, _via_alias(alias), alias)

    def _starts(self, word: str) -> _Hit | None:
        if self.name.startswith(word):
            return _Hit(NAME_START, _("名称"))
        alias = next((a for a, folded in self.aliases if folded.startswith(word)), None)
        if alias is not None:
            return _Hit(ALIAS_START, _via_alias(alias), alias)
        return _Hit(CODE_START, _("编码")) if self.code.startswith(word) else None

    def _inside(self, word: str) -> _Hit | None:
        if word in self.name:
            return _Hit(IN_NAME, _("名称"))
        alias = next((a for a, folded in self.aliases if word in folded), None)
        return None if alias is None else _Hit(IN_ALIAS, _via_alias(alias), alias)

    def _initials(self, word: str) -> _Hit | None:
        if self.name_initials.startswith(word):
            return _Hit(INITIALS_NAME_START, _("拼音首字母"))
        alias = next((a for a, letters in self.alias_initials if letters.startswith(word)),
                     None)
        if alias is not None:
            return _Hit(INITIALS_ALIAS_START, _via_alias(alias), alias)
        if word in self.name_initials:
            return _Hit(IN_INITIALS_NAME, _("拼音首字母"))
        alias = next((a for a, letters in self.alias_initials if word in letters), None)
        return None if alias is None else _Hit(IN_INITIALS_ALIAS, _via_alias(alias), alias)


def _via_alias(alias: str) -> str:
    return _("常用叫法：{alias}").format(alias=alias)


class ItemIndex:
    """The active catalog's items, ready to search (built once per catalog version)."""

    def __init__(self, items: Iterable[CatalogItem]) -> None:
        self._entries = [_Entry(item, n) for n, item in enumerate(items)]

    def find(self, query: str, group: str | None = None) -> list[ItemMatch]:
        """Items matching every word of ``query``, best first (all items when empty)."""
        words = query.casefold().split()
        found: list[tuple[int, int, ItemMatch]] = []
        for entry in self._entries:
            if group and entry.item.group != group:
                continue
            hits = [entry.hit(word) for word in words]
            if not all(hits):
                continue
            score = sum(h.score for h in hits if h) // len(hits) if hits else 0
            via = "；".join(dict.fromkeys(h.via for h in hits if h))
            alias = next((h.alias for h, word in zip(hits, words, strict=True)
                          if h and h.alias and not entry.by_name(word)), None)
            found.append((-score, entry.position, ItemMatch(entry.item, score, via, alias)))
        return [match for _score, _position, match in sorted(found, key=lambda f: f[:2])]

    def suggestions(self, query: str, limit: int = SUGGESTED) -> list[CatalogItem]:
        """Items near a query that found nothing: sharing two characters in a row with
        its name or an everyday name (残疾补助 → 残疾人…补贴), or the start of its initials
        (a mistyped zdsb → zdsh)."""
        text = "".join(query.casefold().split())
        if text.isascii():
            return self._by_shorter_initials(text, limit)
        pairs = {text[i:i + 2] for i in range(len(text) - 1)}
        scored = []
        for entry in self._entries:
            texts = [entry.name, *(folded for _alias, folded in entry.aliases)]
            shared = sum(1 for pair in pairs if any(pair in t for t in texts))
            if shared:
                scored.append((-shared, entry.position, entry.item))
        return [item for _s, _p, item in sorted(scored, key=lambda s: s[:2])][:limit]

    def _by_shorter_initials(self, letters: str, limit: int) -> list[CatalogItem]:
        for end in range(len(letters) - 1, 1, -1):
            near = [m.item for m in self.find(letters[:end])]
            if near:
                return near[:limit]
        return []


def nothing_found(query: str, near: list[CatalogItem]) -> str:
    """What a clerk reads when the search finds nothing: that, and what to try instead."""
    text = _("没有找到“{query}”。可以换个说法：事项名称里的字、常用叫法（如 低保、残疾证、"
             "新农合）、拼音首字母（如 zdsh）或事项编码（如 05-MZ-001）。").format(
        query=query.strip())
    if near:
        text += _("相近的有：{names}。").format(names="、".join(i.name for i in near))
    return text
