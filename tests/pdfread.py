"""Reading PDFs back as a reader would: text (pypdf and poppler), QR codes, sizes, fonts.

Shared by the document, archive, CLI and GUI tests: documents are checked by what is on
the page, never by the bytes reportlab wrote.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pypdf
import zxingcpp
from PIL import Image

MM = 72 / 25.4
A4_PT = (595.28, 841.89)
ID_RUN = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")


def squash(text: str) -> str:
    """Text with all whitespace removed, so a line wrapped on paper still matches."""
    return re.sub(r"\s+", "", text)


@dataclass
class ReadBack:
    pdf: bytes
    path: Path
    reader: pypdf.PdfReader = field(init=False)

    def __post_init__(self) -> None:
        self.path.write_bytes(self.pdf)
        self.reader = pypdf.PdfReader(BytesIO(self.pdf))

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    def text(self) -> str:
        """pypdf's extraction, page by page: each paragraph's lines stay together."""
        return "\n".join(page.extract_text() for page in self.reader.pages)

    def flat(self) -> str:
        return squash(self.text())

    def layout(self, page: int | None = None) -> str:
        """poppler's ``pdftotext -layout``: how the page looks, columns side by side."""
        pages = ["-f", str(page), "-l", str(page)] if page else []
        out = subprocess.run(
            ["pdftotext", "-layout", *pages, str(self.path), "-"],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def qr_codes(self, page: int = 1) -> list[str]:
        """Every QR code zxing finds on ``page`` rasterised at 300 dpi."""
        stem = self.path.with_name(f"{self.path.stem}-p{page}")
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "300",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(self.path),
                str(stem),
            ],
            check=True,
        )
        with Image.open(stem.with_suffix(".png")) as image:
            found = zxingcpp.read_barcodes(image)
        return [b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]

    def page_sizes(self) -> list[tuple[float, float]]:
        return [(float(p.mediabox.width), float(p.mediabox.height)) for p in self.reader.pages]

    def fonts(self) -> dict[str, bool]:
        """Every font the pages use → whether its program is embedded (/FontFile2)."""
        found: dict[str, bool] = {}
        for page in self.reader.pages:
            resources = page["/Resources"]
            for ref in resources.get("/Font", {}).values():
                font = ref.get_object()
                descriptor = font.get("/FontDescriptor")
                embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
                found[str(font["/BaseFont"])] = embedded
        return found


