"""What the hub keeps, as the rest of the hub sees it: one frozen dataclass per kind of row.

The store (:mod:`sync.hub.store`) turns its rows into these; nothing outside the store
sees SQL rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.protocol import JsonObject


@dataclass(frozen=True)
class Center:
    code: str
    name: str
    password_hash: str
    revoked: bool
    feed_epoch: int
    created_at: str
    locked_until: str | None = None  # login locked until then (schema 3)


@dataclass(frozen=True)
class Token:
    token_hash: str
    kind: str
    center_code: str
    family: str
    device_id: str
    expires_at: str
    rotated_at: str | None
    revoked_at: str | None
    issued_at: str = ""
    used_at: str | None = None


@dataclass(frozen=True)
class StoredEvent:
    server_seq: int
    center_code: str
    event_id: str
    case_id: str
    seq: int
    type: str
    occurred_at: str
    operator: JsonObject
    payload_sha256: str
    outcome: str
    reason: str | None
    received_at: str


@dataclass(frozen=True)
class Case:
    case_id: str
    center_code: str
    case_number: str | None
    hub_case_number: str | None
    state: str
    tracking_hash: str | None
    item_code: str
    item_name: str
    applicant_name: str
    accepted_at: str | None
    deadline: str | None
    deadline_provisional: bool
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class FeedRow:
    center_code: str
    seq: int
    type: str
    case_id: str | None
    payload: JsonObject
    created_at: str


@dataclass(frozen=True)
class StoredAnchor:
    """One audit anchor of a center (sync/hub/anchors.py); ``fork`` says why it does not
    extend the one before, or is ``None``."""

    center_code: str
    event_id: str
    count: int
    head_hash: str
    prev_count: int | None
    prev_hash: str | None
    anchored_at: str
    received_at: str
    fork: str | None


@dataclass(frozen=True)
class StatsRow:
    center_code: str
    at: str
    payload: JsonObject
    received_at: str
