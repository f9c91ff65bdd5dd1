"""Ticket and receipt PDFs against a bare reportlab page with one line of text.

Targets (DESIGN.md §7): ticket PDF ≤ 10 ms median, receipt PDF ≤ 30 ms median.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.pdfgen import canvas

from bench.common import measure, median, report
from core.documents import Paper, render, samples


def bare_page() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "A012")
    page.showPage()
    page.save()
    return buffer.getvalue()


def main() -> int:
    ticket, receipt = samples.ticket(), samples.receipt()
    render(ticket)  # register the font and warm caches once, as a running kiosk has
    bare = measure(bare_page, 200)
    tickets = measure(lambda: render(ticket), 200)
    receipts = measure(lambda: render(receipt, paper=Paper.A4), 100)
    print(report("bare reportlab page, one line (baseline)", bare))
    print(report("ticket PDF (80 mm roll, QR)", tickets)
          + f"  ratio {median(tickets) / median(bare):.1f}x")
    print(report("receipt PDF (A4, QR, table)", receipts)
          + f"  ratio {median(receipts) / median(bare):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
