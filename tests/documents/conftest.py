"""Fixtures for the document tests; the reading helpers live in ``tests.pdfread``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core.documents import RenderResult
from tests.pdfread import ReadBack


@pytest.fixture
def read_back(tmp_path: Path) -> Callable[[RenderResult], ReadBack]:
    counter = iter(range(1_000))

    def read(result: RenderResult) -> ReadBack:
        return ReadBack(result.pdf, tmp_path / f"doc{next(counter)}.pdf")

    return read
