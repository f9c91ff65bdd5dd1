"""The one document font (WenQuanYi Micro Hei from ``resources/fonts``), registered once.

Also the glyph check: a character the font cannot draw is printed as □ and reported by
code point — never with the surrounding text, which may be personal data.
"""

from __future__ import annotations

import io
import logging
import threading
from importlib.resources import files
from importlib.resources.abc import Traversable
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FONT_NAME = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
# The collection's first face is the proportional WenQuanYi Micro Hei (the second is Mono).
SUBFONT_INDEX = 0
REPLACEMENT = "□"

_lock = threading.Lock()
_font: TTFont | None = None
_cmap: frozenset[int] = frozenset()


def font_file() -> Traversable:
    """The shipped font file, for anything else that must draw with the same glyphs (Qt)."""
    return files("resources").joinpath("fonts", FONT_FILE)


def register_font() -> str:
    """Register the font with reportlab (once per process; safe from any thread)."""
    global _font, _cmap
    with _lock:
        if _font is None:
            # Read through importlib.resources so an installed wheel or zip works the same;
            # reportlab keeps the bytes in memory, so no path has to outlive this call.
            data = font_file().read_bytes()
            _font = TTFont(FONT_NAME, io.BytesIO(data), subfontIndex=SUBFONT_INDEX)
            _cmap = frozenset(_font.face.charToGlyph)
        # Checked every time: reportlab's own reset hooks can empty its font registry.
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_font)
            # One face only: <b>/<i> in a Paragraph must not look for a missing variant.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME


def has_glyph(char: str) -> bool:
    register_font()
    return ord(char) in _cmap


class GlyphCheck:
    """Prepares the text of one document and remembers what the font could not draw."""

    def __init__(self) -> None:
        register_font()
        self._missing: set[str] = set()

    def text(self, value: str) -> str:
        """``value`` with every character the font lacks replaced by □ (newlines kept)."""
        if all(ord(c) in _cmap or c == "\n" for c in value):
            return value
        out = []
        for char in value:
            if char == "\n" or ord(char) in _cmap:
                out.append(char)
            else:
                self._missing.add(char)
                out.append(REPLACEMENT)
        return "".join(out)

    def markup(self, value: str) -> str:
        """``value`` checked and escaped for a reportlab Paragraph; newlines become breaks.

        A Paragraph collapses U+3000 like any space; four no-break spaces keep its width.
        """
        text = escape(self.text(value)).replace("\n", "<br/>")
        return text.replace("\u3000", "\u00a0" * 4)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(sorted(self._missing))

    def report(self, document: str) -> None:
        """Log the missing characters by code point (the text around them is not logged)."""
        if self._missing:
            points = ", ".join(f"U+{ord(c):04X}" for c in self.missing)
            log.warning(
                "%s: the document font lacks %d character(s), printed as %s: %s",
                document,
                len(self._missing),
                f"U+{ord(REPLACEMENT):04X}",
                points,
            )
