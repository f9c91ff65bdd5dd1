"""Canonical JSON and its SHA-256: one definition for the audit chain, the outbox and the wire.

Keys sorted, no whitespace, UTF-8 without escaping, so the same value hashes the same on
every machine and in every process.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_bytes(value: Any) -> bytes:
    return canonical_json(value).encode("utf-8")


def sha256_hex(value: Any) -> str:
    """SHA-256 of the canonical JSON of ``value``, as lowercase hex."""
    return hashlib.sha256(canonical_bytes(value)).hexdigest()
