"""Drawing pieces platypus lacks: heavy (stroked) text for titles and numbers, inverse marks.

The font has one weight and reportlab cannot embolden a TrueType face, so "bold" is the
glyph filled and stroked with a thin outline (text render mode 2) — text stays text, so
it can still be extracted and searched.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from core.documents.fonts import register_font

# Stroke width as a fraction of the font size: enough to read as 黑体 bold on a
# 200 dpi thermal head, not so much that the counters of 需 or 禀 fill in.
_EMBOLDEN = 0.035


def _wrap_chars(text: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at any character (titles and labels are CJK); newlines break."""
    font = register_font()
    lines: list[str] = []
    for part in text.split("\n"):
        if stringWidth(part, font, size) <= width:
            lines.append(part)
            continue
        current = ""
        used = 0.0
        for char in part:
            advance = stringWidth(char, font, size)
            if current and used + advance > width:
                lines.append(current)
                current, used = char, advance
            else:
                current += char
                used += advance
        lines.append(current)
    return lines


def _draw_heavy(canv: Canvas, x: float, y: float, text: str, size: float, weight: float) -> None:
    obj = canv.beginText()
    obj.setFont(register_font(), size)
    obj.setTextRenderMode(2 if weight > 0 else 0)
    obj.setTextOrigin(x, y)
    obj.textOut(text)
    canv.setLineWidth(size * weight)
    canv.drawText(obj)


class HeavyText(Flowable):
    """One or more lines of emboldened text, left/centered/right, wrapping at any character.

    With ``keep_space`` it only stays on a page that has that much room left below it.
    """

    def __init__(
        self,
        text: str,
        size: float,
        *,
        align: str = "CENTER",
        leading: float | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
        weight: float = _EMBOLDEN,
        keep_space: float = 0.0,
    ) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.align = align
        self.leading = leading if leading is not None else size * 1.3
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.weight = weight
        self.keep_space = keep_space
        self._lines: list[str] = [text]
        self._width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        self._lines = _wrap_chars(self.text, self.size, avail_width)
        height = self.leading * len(self._lines)
        if height + self.keep_space > avail_height:
            # Claim more than is left, so the frame moves this line to the next page
            # together with what follows (keepWithNext would move a whole long table).
            return avail_width, avail_height + 1
        return avail_width, height

    def draw(self) -> None:
        font = register_font()
        # The baseline sits so that ascenders and descenders both fit the line's leading.
        descent = self.size * 0.24 + (self.leading - self.size * 1.0) / 2
        for i, line in enumerate(self._lines):
            y = self.leading * (len(self._lines) - i - 1) + descent
            line_width = stringWidth(line, font, self.size)
            if self.align == "CENTER":
                x = (self._width - line_width) / 2
            elif self.align == "RIGHT":
                x = self._width - line_width
            else:
                x = 0.0
            _draw_heavy(self.canv, x, y, line, self.size, self.weight)


class InverseMark(Flowable):
    """White heavy text on a black box, centered: the 优先 mark on a ticket."""

    def __init__(self, text: str, size: float, *, space_before: float = 0.0) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.spaceBefore = space_before
        self._avail = 0.0

    def _box(self) -> tuple[float, float]:
        text_width = stringWidth(self.text, register_font(), self.size)
        return text_width + self.size * 1.2, self.size * 1.6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self._box()[1]

    def draw(self) -> None:
        width, height = self._box()
        x = (self._avail - width) / 2
        canv = self.canv
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        canv.roundRect(x, 0, width, height, self.size * 0.25, stroke=0, fill=1)
        canv.setFillColorRGB(1, 1, 1)
        canv.setStrokeColorRGB(1, 1, 1)
        _draw_heavy(
            canv,
            x + self.size * 0.6,
            height / 2 - self.size * 0.36,
            self.text,
            self.size,
            _EMBOLDEN,
        )
        canv.restoreState()
