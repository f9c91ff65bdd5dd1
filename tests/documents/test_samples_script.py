"""scripts/render_samples.py keeps regenerating the README's pictures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.helpers import TOP

EXPECTED = {
    "ticket-80mm": 80,
    "ticket-58mm": 58,
    "notice": 210,
    "receipt-a4": 210,
    "receipt-80mm": 80,
    "rejection": 210,
    "supplement": 210,
    "pickup-80mm": 80,
    "daily-report": 210,
    "monthly-report": 210,
}


def test_script_writes_every_picture_at_its_paper_width(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "scripts/render_samples.py", str(tmp_path)],
        cwd=TOP,
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert sorted(p.stem for p in tmp_path.iterdir()) == sorted(EXPECTED)
    for name, width_mm in EXPECTED.items():
        with Image.open(tmp_path / f"{name}.png") as image:
            assert abs(image.width - width_mm / 25.4 * 110) <= 2, name
            # A page with something printed on it, not a blank sheet.
            assert image.convert("L").getextrema()[0] < 64, name
