"""Paragraph styles for A4 forms and thermal rolls, all in the one document font."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reportlab.lib import textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph

from core.documents.fonts import register_font

Alignment = Literal[0, 1, 2, 4]  # reportlab.lib.enums TA_*

# WORKAROUND: reportlab's CJK line breaking knows the Japanese punctuation that may not
# start a line but not the Chinese full-width forms, so "，" or "）" could begin a line.
# Adding them to the module globals its two wrappers read (single-fragment paragraphs use
# textsplit's copy, mixed ones paragraph's) only ever affects CJK wrapping.
_CHINESE_CANNOT_START = "，；：！？）》」』】〕〗”’…"
for _module in (textsplit, paragraph):
    current: str = getattr(_module, "ALL_CANNOT_START")  # noqa: B009  # not in the stubs
    if not set(_CHINESE_CANNOT_START) <= set(current):
        setattr(_module, "ALL_CANNOT_START", current + _CHINESE_CANNOT_START)  # noqa: B010


@dataclass(frozen=True)
class Styles:
    base: float  # body size in points; headings and titles scale from it
    body: ParagraphStyle
    body_tight: ParagraphStyle  # body text inside a box: no space after
    indented: ParagraphStyle  # letter paragraphs: first line indented two characters
    center: ParagraphStyle
    right: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    head_cell: ParagraphStyle
    heading: ParagraphStyle
    big: ParagraphStyle
    big_center: ParagraphStyle


def _style(
    name: str, size: float, *, align: Alignment = TA_LEFT, spacing: float = 1.45,
    **extra: float,
) -> ParagraphStyle:
    style = ParagraphStyle(
        name,
        fontName=register_font(),
        fontSize=size,
        leading=round(size * spacing, 1),
        alignment=align,
        # CJK wrapping breaks between any two characters (and keeps 。，at line ends),
        # so long item names and 25-digit case numbers wrap instead of running off.
        wordWrap="CJK",
    )
    for key, value in extra.items():  # spaceBefore, spaceAfter, firstLineIndent, …
        setattr(style, key, value)
    return style


@lru_cache(maxsize=8)
def styles(base: float) -> Styles:
    small = base * 0.86
    return Styles(
        base=base,
        body=_style("body", base, spaceAfter=base * 0.25),
        body_tight=_style("body_tight", base, spacing=1.35),
        indented=_style("indented", base, firstLineIndent=base * 2, spaceAfter=base * 0.4),
        center=_style("center", base, align=TA_CENTER),
        right=_style("right", base, align=TA_RIGHT),
        small=_style("small", small),
        small_center=_style("small_center", small, align=TA_CENTER),
        # Table cells are ruled apart already, so their lines sit a little closer.
        cell=_style("cell", base * 0.92, spacing=1.3),
        cell_center=_style("cell_center", base * 0.92, align=TA_CENTER, spacing=1.3),
        cell_right=_style("cell_right", base * 0.92, align=TA_RIGHT, spacing=1.3),
        head_cell=_style("head_cell", base * 0.92, align=TA_CENTER, spacing=1.3),
        heading=_style("heading", base * 1.15, spaceBefore=base * 0.7, spaceAfter=base * 0.3),
        big=_style("big", base * 1.3),
        big_center=_style("big_center", base * 1.3, align=TA_CENTER),
    )
