"""Building blocks shared by roll and A4 layouts: titles, headings, label/value tables,
ruled tables and numbered lists. Every string passes the glyph check on its way in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from core.documents.flowables import HeavyText
from core.documents.fonts import GlyphCheck, register_font
from core.documents.styles import Styles
from core.i18n import _

HEADER_FILL = colors.HexColor("#E6E6E6")
TOTAL_FILL = colors.HexColor("#F2F2F2")
GRID = colors.black


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells (even empty ones) use the embedded font: a
    table otherwise names Helvetica, an unembedded font, in the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_font()), *commands])


def para(text: str, style: ParagraphStyle, g: GlyphCheck) -> Paragraph:
    return Paragraph(g.markup(text), style)


def title(text: str, size: float, g: GlyphCheck, *, space_after: float = 0.0) -> HeavyText:
    return HeavyText(g.text(text), size, space_after=space_after)


def heading(text: str, st: Styles, g: GlyphCheck, *, paged: bool = True) -> HeavyText:
    """A section heading; on paged paper it never stays alone at the foot of a page (a roll
    is one page fitted to its content, where that rule could only add a second page)."""
    size = st.base * 1.15
    return HeavyText(
        g.text(text),
        size,
        align="LEFT",
        space_before=st.base * 0.7,
        space_after=st.base * 0.3,
        keep_space=st.base * 5 if paged else 0.0,
    )


def rule(thickness: float = 0.8, *, before: float = 2.0, after: float = 4.0) -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=thickness, color=colors.black, spaceBefore=before, spaceAfter=after
    )


def double_rule(before: float = 2.0, after: float = 6.0) -> list[Flowable]:
    """The thick-over-thin rule under an official form's title."""
    return [rule(1.6, before=before, after=1.2), rule(0.5, before=0, after=after)]


def gap(points: float) -> Spacer:
    return Spacer(1, points)


def label_width(labels: Sequence[str], size: float) -> float:
    widest: float = max(stringWidth(label, register_font(), size) for label in labels)
    return widest + size * 0.8


def fields(
    rows: Sequence[tuple[str, str]],
    st: Styles,
    g: GlyphCheck,
    width: float,
    *,
    grid: bool = False,
) -> Table:
    """Label/value rows with aligned labels; values wrap. ``grid`` draws form cells."""
    labels = [_("{label}：").format(label=label) if not grid else label for label, _v in rows]
    style = st.cell if grid else st.body
    first = label_width([g.text(x) for x in labels], style.fontSize)
    if grid:
        first += 8
    data = [
        [para(label, st.cell_center if grid else style, g), para(value, style, g)]
        for label, (_l, value) in zip(labels, rows, strict=True)
    ]
    table = Table(data, colWidths=[first, width - first], hAlign="LEFT")
    table.setStyle(_fields_style(grid))
    return table


def _fields_style(grid: bool) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 if grid else 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 if grid else 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3 if grid else 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 if grid else 0.5),
    ]
    if grid:
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.6, GRID),
            ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
            ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
        ]
    return table_style(commands)


def ruled_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    st: Styles,
    g: GlyphCheck,
    *,
    centered: Sequence[int] = (),
) -> Table:
    """A gridded table whose header repeats on every page and whose cells wrap."""
    head = [para(h, st.head_cell, g) for h in header]
    body = [
        [para(cell, st.cell_center if i in centered else st.cell, g) for i, cell in enumerate(row)]
        for row in rows
    ]
    table = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="CENTER")
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, GRID),
                ("BOX", (0, 0), (-1, -1), 1.0, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def numbered(items: Sequence[str], st: Styles, g: GlyphCheck) -> list[Paragraph]:
    """``1. …`` lines with a hanging indent so wrapped lines align with the text."""
    out = []
    for number, item in enumerate(items, start=1):
        mark = f"{number}. "
        indent = stringWidth(mark, register_font(), st.body.fontSize)
        hanging = st.body.clone(
            "numbered", leftIndent=indent, firstLineIndent=-indent, spaceAfter=1
        )
        out.append(Paragraph(mark + g.markup(item), hanging))
    return out


def form_grid(
    rows: Sequence[tuple[str, str] | tuple[str, str, str, str]],
    st: Styles,
    g: GlyphCheck,
    widths: Sequence[float],
) -> Table:
    """An official form's header grid: shaded label cells, four columns; a two-item row
    spans its value across the other three."""
    data = []
    cells: list[tuple[object, ...]] = []
    for r, row in enumerate(rows):
        cells.append(("BACKGROUND", (0, r), (0, r), HEADER_FILL))
        if len(row) == 2:
            data.append([para(row[0], st.cell_center, g), para(row[1], st.cell, g), "", ""])
            cells.append(("SPAN", (1, r), (3, r)))
        else:
            cells.append(("BACKGROUND", (2, r), (2, r), HEADER_FILL))
            data.append(
                [
                    para(row[0], st.cell_center, g),
                    para(row[1], st.cell, g),
                    para(row[2], st.cell_center, g),
                    para(row[3], st.cell, g),
                ]
            )
    table = Table(data, colWidths=list(widths), hAlign="CENTER")
    table.setStyle(
        table_style(
            [
                *cells,
                ("GRID", (0, 0), (-1, -1), 0.6, GRID),
                ("BOX", (0, 0), (-1, -1), 1.0, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def boxed(flowables: Sequence[Flowable], width: float, *, thickness: float = 0.8) -> Table:
    """Content inside a ruled box (the one-time promise, a provisional-deadline warning)."""
    table = Table([[flowables]], colWidths=[width], hAlign="CENTER")
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), thickness, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def signature_lines(signers: Sequence[str], st: Styles, g: GlyphCheck, width: float) -> Table:
    """ "XX（签字）：______  日期：______" rows, the blanks drawn as rules to write on."""
    date_label = _("日期：")
    label_w = label_width([g.text(s) for s in signers], st.base)
    date_w = label_width([g.text(date_label)], st.base)
    line_w = (width - label_w - date_w - 12 * 2.835) / 2
    data = [[para(s, st.body, g), "", "", para(date_label, st.body, g), ""] for s in signers]
    table = Table(
        data,
        colWidths=[label_w, line_w, 12 * 2.835, date_w, line_w],
        rowHeights=[st.base * 3.0] * len(signers),
        hAlign="LEFT",
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, GRID),
                ("LINEBELOW", (4, 0), (4, -1), 0.6, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def signature_grid(signers: Sequence[str], st: Styles, g: GlyphCheck, width: float) -> Table:
    """Signature cells inside the form's grid, two signers a row, each cell tall enough to
    sign in and dated "年 月 日" at its foot, as on a paper government form."""
    label_w = label_width([g.text(s) for s in signers], st.cell.fontSize) + 8
    blank_w = width / 2 - label_w
    date = _("{gap}年{gap}月{gap}日").format(gap="　　")
    rows = []
    for i in range(0, len(signers), 2):
        row: list[object] = []
        for signer in signers[i : i + 2]:
            row += [
                para(signer, st.cell_center, g),
                [gap(st.base * 1.6), para(date, st.cell_right, g)],
            ]
        rows.append(row + [""] * (4 - len(row)))
    table = Table(rows, colWidths=[label_w, blank_w] * 2, hAlign="CENTER")
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, GRID),
                ("BOX", (0, 0), (-1, -1), 1.0, GRID),
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                ("BACKGROUND", (2, 0), (2, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("RIGHTPADDING", (1, 0), (1, -1), 10),
                ("RIGHTPADDING", (3, 0), (3, -1), 10),
            ]
        )
    )
    return table


def document_number(number: str, st: Styles, g: GlyphCheck) -> Paragraph:
    return para(_("编号：{number}").format(number=number), st.right, g)


def closing(center_name: str, day_text: str, st: Styles, g: GlyphCheck) -> list[Flowable]:
    """Issuing office, seal placeholder and date, right-aligned under a letter."""
    seal = _("{center}（盖章）").format(center=center_name)
    return [gap(st.base * 1.5), para(seal, st.right, g), para(day_text, st.right, g)]
