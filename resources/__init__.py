"""Package data read through importlib.resources: fonts, catalog, styles, icons."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def path(*parts: str) -> Traversable:
    """A file shipped in ``resources/``, e.g. ``path("catalog", "seed-catalog.json")``."""
    node = resources.files(__name__)
    for part in parts:
        node = node / part
    return node


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return path(*parts).read_bytes()
