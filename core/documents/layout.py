"""Turning a story of flowables into PDF bytes: A4 pages with "第 X 页 共 Y 页", or one
roll page whose height fits the content. Output is byte-for-byte repeatable.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from core.documents.fonts import register_font
from core.i18n import _

# A PDF page may not be longer than 14,400 pt (200 in, ~5 m); a longer roll document
# continues on a second roll page rather than producing a file viewers reject.
MAX_PAGE_HEIGHT = 14_400.0
_FIT_SLACK = 2.0  # points added to a measured roll height against rounding

# reportlab keeps per-document font-subset state inside the shared font object and reads
# module-level settings while building; one build at a time keeps that state consistent.
_build_lock = threading.Lock()


@dataclass(frozen=True)
class PageSpec:
    width: float  # points
    height: float | None  # None: a roll, as long as the content
    left: float
    right: float
    top: float
    bottom: float
    numbered: bool  # footer "第 X 页 共 Y 页"


A4_PAGE = PageSpec(A4[0], A4[1], 20 * mm, 20 * mm, 15 * mm, 16 * mm, numbered=True)


def roll_page(width_mm: float, printable_mm: float) -> PageSpec:
    side = (width_mm - printable_mm) / 2 * mm
    return PageSpec(width_mm * mm, None, side, side, 3 * mm, 6 * mm, numbered=False)


@dataclass(frozen=True)
class Built:
    pdf: bytes
    pages: int
    size: tuple[float, float]  # points, of the first page


def build(make_story: Callable[[], list[Flowable]], page: PageSpec, *, title: str) -> Built:
    """Lay out a fresh story from ``make_story`` on ``page`` and return the PDF.

    A roll is measured first and then built at that height; flowables keep layout state,
    so every pass gets new ones.
    """
    with _build_lock:
        if page.height is not None:
            return _build_once(make_story(), page, page.height, title)
        height = _measure(make_story(), page) + page.top + page.bottom + _FIT_SLACK
        for _attempt in range(3):
            built = _build_once(make_story(), page, min(height, MAX_PAGE_HEIGHT), title)
            if built.pages == 1 or height >= MAX_PAGE_HEIGHT:
                return built
            # Measured too short (a flowable that wraps differently when drawn): grow.
            height *= 1.25
        return built


def _measure(story: Sequence[Flowable], page: PageSpec) -> float:
    """Upper bound of the story's height in a frame of the page's width."""
    width = page.width - page.left - page.right
    # Some flowables (KeepTogether) measure text through a canvas; this one is never saved.
    scratch = Canvas(io.BytesIO(), pagesize=(page.width, MAX_PAGE_HEIGHT))
    total = 0.0
    for flowable in story:
        _w, h = flowable.wrapOn(scratch, width, MAX_PAGE_HEIGHT)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _build_once(story: list[Flowable], page: PageSpec, height: float, title: str) -> Built:
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=(page.width, height),
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=title,
        author="",
        subject=title,
        creator="Bianmin",
        lang="zh-CN",
        # Start every page in the embedded font, so no unembedded Helvetica is referenced.
        initialFontName=register_font(),
        # Fixed timestamp and file id: the same content gives the same bytes on any machine.
        invariant=1,
    )
    frame = Frame(
        page.left,
        page.bottom,
        page.width - page.left - page.right,
        height - page.top - page.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    maker = _numbered_canvas(page) if page.numbered else Canvas
    # Binary (zlib only) streams instead of ASCII85-wrapped ones: a fifth smaller and
    # much faster to write. reportlab reads this global while building; the build lock
    # makes the change private to this build.
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story, canvasmaker=maker)
    finally:
        rl_config.useA85 = a85
    return Built(out.getvalue(), doc.page, (page.width, height))


def _numbered_canvas(page: PageSpec) -> Callable[..., Canvas]:
    """A canvas that holds its pages back until the end so each can say "共 Y 页"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # private in the stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            text = _("第 {page} 页 共 {pages} 页").format(page=number, pages=total)
            self.setFont(register_font(), 9)
            self.drawCentredString(page.width / 2, page.bottom / 2, text)

    return NumberedCanvas
