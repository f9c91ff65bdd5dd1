"""The one entry point: ``render(doc, paper=...)`` turns a content object into PDF bytes.

Each document type has the papers it can be printed on; asking for another is a bug.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from core.documents import letters, notice, reports, roll
from core.documents.content import (
    DailyReport,
    Document,
    MonthlyReport,
    NoticeDoc,
    PickupDoc,
    ReceiptDoc,
    RejectionDoc,
    SupplementDoc,
    TicketDoc,
)
from core.documents.fonts import GlyphCheck
from core.documents.layout import A4_PAGE, PageSpec, build, roll_page
from core.errors import BugError
from core.i18n import _

log = logging.getLogger(__name__)


class Paper(StrEnum):
    A4 = "a4"
    ROLL_80 = "roll_80"
    ROLL_58 = "roll_58"


# Thermal heads print 72 mm of an 80 mm roll (576 dots) and 48 mm of a 58 mm roll
# (384 dots at 203 dpi); content kept inside that width is never clipped by a driver.
_PAGES: dict[Paper, PageSpec] = {
    Paper.A4: A4_PAGE,
    Paper.ROLL_80: roll_page(80, 72),
    Paper.ROLL_58: roll_page(58, 48),
}

SUPPORTED: dict[type, tuple[Paper, ...]] = {
    TicketDoc: (Paper.ROLL_80, Paper.ROLL_58),
    PickupDoc: (Paper.ROLL_80, Paper.ROLL_58),
    ReceiptDoc: (Paper.A4, Paper.ROLL_80, Paper.ROLL_58),
    NoticeDoc: (Paper.A4,),
    RejectionDoc: (Paper.A4,),
    SupplementDoc: (Paper.A4,),
    DailyReport: (Paper.A4,),
    MonthlyReport: (Paper.A4,),
}


@dataclass(frozen=True)
class RenderResult:
    pdf: bytes
    pages: int
    page_size_mm: tuple[float, float]  # of the first page; a roll's height fits its content
    missing_chars: tuple[str, ...]  # characters the font lacks, printed as □


def supported_papers(doc_type: type) -> tuple[Paper, ...]:
    """The papers a document type prints on; the first is its default."""
    try:
        return SUPPORTED[doc_type]
    except KeyError:
        raise BugError(f"no layout for {doc_type.__name__}") from None


def render(doc: Document, *, paper: Paper | None = None) -> RenderResult:
    """Render ``doc`` as a PDF on ``paper`` (default: the document's usual paper)."""
    papers = supported_papers(type(doc))
    chosen = papers[0] if paper is None else paper
    if chosen not in papers:
        raise BugError(f"{type(doc).__name__} has no layout for {chosen}")
    page = _PAGES[chosen]
    width = page.width - page.left - page.right
    g = GlyphCheck()
    name = type(doc).__name__
    built = build(lambda: _story(doc, width, g), page, title=_title(doc))
    g.report(name)
    log.debug("rendered %s on %s: %d page(s)", name, chosen, built.pages)
    return RenderResult(
        pdf=built.pdf,
        pages=built.pages,
        page_size_mm=(round(built.size[0] / mm, 1), round(built.size[1] / mm, 1)),
        missing_chars=g.missing,
    )


def _story(doc: Document, width: float, g: GlyphCheck) -> list[Flowable]:
    match doc:
        case TicketDoc():
            return roll.ticket(doc, width, g)
        case PickupDoc():
            return roll.pickup(doc, width, g)
        case ReceiptDoc() if width > 100 * mm:
            return letters.receipt(doc, width, g)
        case ReceiptDoc():
            return roll.receipt(doc, width, g)
        case NoticeDoc():
            return notice.notice(doc, width, g)
        case RejectionDoc():
            return letters.rejection(doc, width, g)
        case SupplementDoc():
            return letters.supplement(doc, width, g)
        case DailyReport():
            return reports.daily(doc, width, g)
        case MonthlyReport():
            return reports.monthly(doc, width, g)
        case _:
            assert_never(doc)


def _title(doc: Document) -> str:
    """The PDF's title metadata: the kind of document, never who it is about."""
    titles: dict[type, str] = {
        TicketDoc: _("排队号"),
        PickupDoc: _("取件通知"),
        ReceiptDoc: _("受理回执"),
        NoticeDoc: _("一次性告知单"),
        RejectionDoc: _("不予受理通知书"),
        SupplementDoc: _("补正材料通知书"),
        DailyReport: _("便民服务中心日报"),
        MonthlyReport: _("便民服务中心月报"),
    }
    return titles[type(doc)]
