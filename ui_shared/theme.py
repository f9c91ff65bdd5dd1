"""Fonts, colours and sizes both front ends share.

Qt loads the same font file the PDFs embed (resources/fonts), so screens and paper match
on any machine, whatever fonts the operating system has.
"""

from __future__ import annotations

import logging
from importlib.resources import as_file

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import resources

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "wqy-microhei.ttc")
FALLBACK_FAMILY = "Sans Serif"

# High-contrast colours (text on background ≥ 4.5:1; see tests/ui for the measurement).
INK = QColor("#111111")
PAPER = QColor("#ffffff")
PRIMARY = QColor("#0b5394")  # white text on it: 7.6:1
PRIMARY_DARK = QColor("#073763")
OK = QColor("#1b5e20")
WARN_BG = QColor("#fff2b3")  # yellow: one working day left
DANGER = QColor("#b00020")  # red: overdue
DANGER_BG = QColor("#fde0e0")
MUTED = QColor("#4a4a4a")
PANEL = QColor("#eef3f8")

_family: str | None = None


def font_family() -> str:
    """Register the shipped CJK font once; return its family name."""
    global _family
    if _family is None:
        with as_file(resources.path(*FONT_FILE)) as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            _family = families[0]
        else:  # pragma: no cover - only on a broken install
            log.error("could not load the shipped font; using the system's")
            _family = FALLBACK_FAMILY
    return _family


def font(point_size: float, *, bold: bool = False) -> QFont:
    f = QFont(font_family())
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def pixel_font(pixel_size: int, *, bold: bool = False) -> QFont:
    f = QFont(font_family())
    f.setPixelSize(pixel_size)
    f.setBold(bold)
    return f


def apply(app: QApplication, point_size: float) -> None:
    """The application-wide font: the shipped CJK face at ``point_size``."""
    app.setFont(font(point_size))


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio between two colours (1.0 … 21.0)."""
    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
                + 0.0722 * channel(color.blueF()))

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
