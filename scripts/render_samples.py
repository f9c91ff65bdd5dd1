"""Render every document from core.documents.samples and save PNG pictures for the README.

Usage: ``.venv/bin/python scripts/render_samples.py [output dir]`` (default docs/samples).
Needs ``pdftoppm`` (poppler-utils). Pass ``--pdf`` to keep the PDFs beside the PNGs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))

from core.documents import Paper, render, samples  # noqa: E402
from core.documents.content import Document  # noqa: E402

DPI = 110

PICTURES: dict[str, tuple[Callable[[], Document], Paper]] = {
    "ticket-80mm": (samples.ticket, Paper.ROLL_80),
    "ticket-58mm": (samples.ticket, Paper.ROLL_58),
    "notice": (samples.low_income_notice, Paper.A4),
    "receipt-a4": (samples.receipt, Paper.A4),
    "receipt-80mm": (samples.receipt, Paper.ROLL_80),
    "rejection": (samples.rejection, Paper.A4),
    "supplement": (samples.supplement, Paper.A4),
    "pickup-80mm": (samples.pickup, Paper.ROLL_80),
    "daily-report": (samples.daily_report, Paper.A4),
    "monthly-report": (samples.monthly_report, Paper.A4),
}


def to_png(pdf: Path, png: Path) -> None:
    """First page only: the README shows how a document starts."""
    stem = png.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
        check=True,
    )


def main(argv: list[str]) -> int:
    keep_pdf = "--pdf" in argv
    args = [a for a in argv if a != "--pdf"]
    out = Path(args[0]) if args else TOP / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (make, paper) in PICTURES.items():
            result = render(make(), paper=paper)
            pdf = (out if keep_pdf else Path(tmp)) / f"{name}.pdf"
            pdf.write_bytes(result.pdf)
            to_png(pdf, out / f"{name}.png")
            width, height = result.page_size_mm
            print(f"{name}.png  {width:g}×{height:g} mm, {result.pages} page(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
