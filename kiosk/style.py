"""The kiosk's sizes and colours, and the 适老化 bar they are held to (DESIGN §7).

Points to pixels: the elderly-mode specs say body ≥ 18 pt and headings ≥ 30 pt. On the
21–24" 1080p panels village kiosks use (92–102 ppi) a physical point is 1.3–1.4 px, but a
kiosk is read from arm's length, so we follow domain.md §7: 18 pt ≡ 32 px, i.e. one point
is 16/9 px. Body text is therefore ≥ 32 px and headings ≥ 54 px, and we hold a 1366×768
panel to the same pixel figures (physically larger text on a panel of the same size).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtGui import QColor

PX_PER_PT = 16 / 9
BODY_MIN_PT = 18
HEADING_MIN_PT = 30
BODY_MIN_PX = math.ceil(BODY_MIN_PT * PX_PER_PT)  # 32
HEADING_MIN_PX = math.ceil(HEADING_MIN_PT * PX_PER_PT)  # 54
TARGET_MIN_PX = 60  # touch targets, 60×60 dp in elderly mode
CONTRAST_MIN = 4.5

# Calm, high-contrast colours (each pair ≥ 4.5:1; tests/kiosk measures them on the widgets).
PAPER = QColor("#F4F1EA")  # warm off-white page
INK = QColor("#1B1B1B")
MUTED = QColor("#44403A")
WHITE = QColor("#FFFFFF")
HEADER = QColor("#0E3A5B")
LINE = QColor("#8A8378")  # borders only, never text
BLUE = QColor("#0B5394")  # ticket groups
GREEN = QColor("#1B5E20")  # guide
PURPLE = QColor("#4A3B8F")  # progress
BROWN = QColor("#8C4A00")  # rating
TEAL = QColor("#00574B")  # priority
RED = QColor("#B3261E")  # help
ERROR_BG = QColor("#FDE0E0")
ERROR_INK = QColor("#8A1111")
GOOD_BG = QColor("#E3F1E4")
GOOD_INK = QColor("#1B4D1F")
NIGHT = QColor("#0D1B2A")  # the call board's background
GOLD = QColor("#FFD54F")  # numbers on the board
PALE = QColor("#B0BEC5")  # secondary text on the board


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one screen height; never below the 适老化 minimums."""

    body: int
    large: int
    heading: int
    huge: int
    header: int
    bar: int
    gap: int
    icon: int
    key: int

    @classmethod
    def for_height(cls, height: int) -> Metrics:
        f = height / 1080
        return cls(
            body=max(BODY_MIN_PX, round(40 * f)),
            large=max(BODY_MIN_PX + 8, round(50 * f)),
            # Qt stops synthesising bold (the shipped face has no bold) at 64 px: stay under.
            heading=max(HEADING_MIN_PX, min(62, round(64 * f))),
            huge=max(140, round(220 * f)),
            header=max(80, round(100 * f)),
            bar=max(TARGET_MIN_PX + 36, round(128 * f)),
            gap=max(14, round(24 * f)),
            icon=max(64, round(112 * f)),
            key=max(TARGET_MIN_PX + 20, round(104 * f)),
        )
