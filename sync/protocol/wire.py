"""The protocol's constants and vocabularies: versions, limits, hashing, outcomes, feed types,
hub case states. Plain values both ends share."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from core.canonical import canonical_bytes, sha256_hex

JsonObject = dict[str, Any]

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = (1,)
MIN_SUPPORTED = 1
PROTOCOL_HEADER = "X-Bianmin-Protocol"
PREFIX = "/sync/v1"

MAX_BATCH_EVENTS = 500
MAX_BATCH_BYTES = 2 * 1024 * 1024
MAX_SMALL_BODY_BYTES = 64 * 1024
FEED_DEFAULT_LIMIT = 200
FEED_MAX_LIMIT = 500
# A feed cursor as the hub issues it, ``<epoch>:<seq>`` (ASCII digits only).
CURSOR_REGEX = r"[0-9]{1,9}:[0-9]{1,18}"
CURSOR_PATTERN = f"^{CURSOR_REGEX}$"


# ------------------------------------------------------------------ hashing


def canonical_json(obj: object) -> bytes:
    """The bytes every hash in the protocol is taken over (one definition: core.canonical)."""
    return canonical_bytes(obj)


def payload_hash(payload: object) -> str:
    """Hex SHA-256 of the canonical JSON of ``payload``."""
    return sha256_hex(payload)


# ------------------------------------------------------------------ vocabularies


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CONFLICT = "conflict"
    RETRY = "retry"


class FeedType(StrEnum):
    CASE_RECEIVED = "case_received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    CASE_APPROVED = "case_approved"
    CASE_DENIED = "case_denied"
    READY_FOR_PICKUP = "ready_for_pickup"
    CATALOG_PUBLISHED = "catalog_published"
    CALENDAR_PUBLISHED = "calendar_published"


class CaseState(StrEnum):
    """A case as the hub sees it."""

    SUBMITTED = "submitted"
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    APPROVED = "approved"
    DENIED = "denied"
    READY_FOR_PICKUP = "ready_for_pickup"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    NOT_ACCEPTED = "not_accepted"
