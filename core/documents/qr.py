"""QR codes on paper: what a tracking QR holds, and drawing any QR as vector rectangles.

A QR never carries personal data; a payload that looks like an ID number is a bug and is
refused before anything is drawn.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from qrcode.constants import ERROR_CORRECT_M
from qrcode.main import QRCode
from reportlab.platypus import Flowable

from core.errors import BugError

QUIET_ZONE = 4  # modules of white border, as ISO/IEC 18004 asks

# Maximal runs of ASCII digits, optionally closed by the ID number's X check character.
_DIGIT_RUN = re.compile(r"[0-9]+[Xx]?")


def tracking_payload(tracking_code: str, public_base_url: str | None) -> str:
    """What a receipt's QR holds: ``<base>/t/<tracking code>``, or the bare code offline."""
    code = tracking_code.strip()
    if not code or any(c.isspace() or c == "/" for c in code):
        raise BugError("a tracking code must be a non-empty token without spaces or slashes")
    base = (public_base_url or "").strip().rstrip("/")
    payload = f"{base}/t/{code}" if base else code
    refuse_personal_data(payload)
    return payload


def refuse_personal_data(payload: str) -> None:
    """Raise :class:`BugError` if ``payload`` contains something shaped like an ID number.

    Looks at each maximal run of digits (full-width digits count): exactly 18 characters
    (17 digits and a digit or X) or 15 digits (the legacy form), with a real birth date
    where the ID number has one. The check digit is deliberately not required: a mistyped
    ID number is still personal data. A longer run — a 25-character case number — is not
    an ID number; searching inside it would refuse legitimate case numbers by chance.
    """
    text = unicodedata.normalize("NFKC", payload)
    for match in _DIGIT_RUN.finditer(text):
        if _looks_like_id_number(match.group()):
            # The message names the rule, never the payload (it holds the number).
            raise BugError("refusing to put an ID-number-like value into a QR code")


def _looks_like_id_number(run: str) -> bool:
    if len(run) == 18 and run[:17].isdigit():
        return _is_date(run[6:14])
    if len(run) == 15 and run.isdigit():
        return _is_date("19" + run[6:12])
    return False


def _is_date(yyyymmdd: str) -> bool:
    try:
        day = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1800 <= day.year <= 2100  # the valid sample 440524188001010014 is from 1880


@lru_cache(maxsize=256)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR's modules, quiet zone included (True = dark), error correction level M."""
    refuse_personal_data(payload)
    code = QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def _dark_runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each horizontal run of dark modules: one rectangle per run."""
    runs: list[tuple[int, int]] = []
    start = -1
    for x, dark in enumerate((*row, False)):
        if dark and start < 0:
            start = x
        elif not dark and start >= 0:
            runs.append((start, x - start))
            start = -1
    return runs


@lru_cache(maxsize=256)
def _fill_ops(payload: str) -> str:
    """PDF path operators filling the dark modules, in module units, y downwards."""
    ops = [
        f"{x} {y} {length} 1 re"
        for y, row in enumerate(qr_matrix(payload))
        for x, length in _dark_runs(row)
    ]
    return "\n".join([*ops, "f"])


class QRFlowable(Flowable):
    """A square QR code of ``size`` points, quiet zone included, drawn as filled rectangles."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.matrix = qr_matrix(payload)
        self.size = size
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canv = self.canv
        n = len(self.matrix)
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        # One module = one unit, with y growing downwards like the matrix; the symbol
        # is then one filled path of integer rectangles (also keeps the file small).
        canv.transform(self.size / n, 0, 0, -self.size / n, 0, self.size)
        canv.addLiteral(_fill_ops(self.payload))
        canv.restoreState()
