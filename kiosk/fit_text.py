"""One line of text drawn as large as its box allows: a board number in a cell of any size
(1 to 8 windows, 1024×768 to 1920×1080), never cut at the top or bottom.

The size is chosen from the font's full line height (ascent + descent), so no glyph is
clipped; it never goes above ``max_px`` nor below ``min_px`` (the 适老化 floor). When the
text does not fit even at ``min_px``, the next shorter wording is used ("请到3号窗口办理"
→ "请到3号窗口"); :meth:`FitText.fits` says whether what is drawn fits, for the fit test.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui_shared import theme

ROLE = "kiosk_role"
PADDING = 0.04  # of the box's height, above and below


class FitText(QWidget):
    def __init__(self, max_px: int, min_px: int, *, ink: QColor, bold: bool = True,
                 heading: bool = False, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max, self._min, self._bold, self._align = max_px, min_px, bold, align
        self._ink = ink
        self._wordings: tuple[str, ...] = ("",)
        self._shown = ""
        self._px = min_px
        self.setProperty(ROLE, "heading" if heading else "body")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # ------------------------------------------------------------------ content
    def set_text(self, *wordings: str) -> None:
        """The text, then shorter wordings for a box too small for it."""
        self._wordings = wordings or ("",)
        self._fit()
        self.update()

    def set_ink(self, ink: QColor) -> None:
        self._ink = ink
        self.update()

    def text(self) -> str:
        """What is drawn (the wording that fits)."""
        return self._shown

    def ink(self) -> QColor:
        return self._ink

    def pixel_size(self) -> int:
        return self._px

    def font_at(self, px: int) -> QFont:
        return theme.pixel_font(px, bold=self._bold)

    # ------------------------------------------------------------------ fitting
    def _room(self) -> QRectF:
        pad = self.height() * PADDING
        return QRectF(self.rect()).adjusted(0, pad, 0, -pad)

    def _largest(self, text: str) -> int:
        room = self._room()
        if not text or room.width() <= 0 or room.height() <= 0:
            return self._max
        probe = QFontMetricsF(self.font_at(100))
        px = int(min(self._max, 100 * room.width() / max(1.0, probe.horizontalAdvance(text)),
                     100 * room.height() / probe.height()))
        while px > 1 and not self._fits_at(text, px):
            px -= 1
        return px

    def _fits_at(self, text: str, px: int) -> bool:
        metrics = QFontMetricsF(self.font_at(px))
        room = self._room()
        return metrics.horizontalAdvance(text) <= room.width() + 0.5 and \
            metrics.height() <= room.height() + 0.5

    def _fit(self) -> None:
        for text in self._wordings:
            px = self._largest(text)
            if px >= self._min:
                self._shown, self._px = text, px
                return
        self._shown, self._px = self._wordings[-1], self._min

    def fits(self) -> bool:
        """Whether the drawn text is whole inside the box, at or above the size floor."""
        return not self._shown or (self._px >= self._min and self._fits_at(self._shown, self._px))

    # ------------------------------------------------------------------ Qt
    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = QFontMetricsF(self.font_at(self._min))
        return QSize(int(metrics.horizontalAdvance(self._wordings[-1])) + 2,
                     int(metrics.height() * (1 + 2 * PADDING)) + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._fit()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self._shown:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font_at(self._px))
        painter.setPen(self._ink)
        painter.drawText(self._room(), int(self._align | Qt.AlignmentFlag.AlignVCenter),
                         self._shown)
        painter.end()
