"""Bianmin sync protocol v1: the wire contract shared by the center client and the hub.

Everything here is plain data and checks (no HTTP, no Qt, no database), so both ends use
the same definitions. The declarative specs validate incoming JSON and also produce the
JSON Schemas of the hub's OpenAPI document, so the two cannot drift apart.

| module | owns |
|---|---|
| :mod:`sync.protocol.wire` | versions, limits, hashing, outcomes, feed types, hub case states |
| :mod:`sync.protocol.errors` | error codes, their HTTP statuses, :class:`ProtocolError` |
| :mod:`sync.protocol.specs` | the declarative JSON shapes (check + JSON Schema) |
| :mod:`sync.protocol.payloads` | the payload of every event type and feed type |
| :mod:`sync.protocol.messages` | each endpoint's messages: dataclasses and ``parse_*`` |

Import from ``sync.protocol`` itself; the names below are its public surface.

Transport: JSON over HTTPS under ``/sync/v1``; every response, errors included, carries
``X-Bianmin-Protocol: 1``. Errors are ``{"error": <code>, "message": <Chinese text>}``
plus optional fields (``event_id``, ``index``); :data:`ERROR_STATUS` maps codes to HTTP
status codes. Hashes are hex SHA-256 over :func:`canonical_json`.

Endpoints:

- ``GET /ping`` (no auth) → :class:`Ping`.
- ``POST /auth/login`` ``{account, password, device_id}`` → :class:`TokenPair`;
  ``POST /auth/refresh`` ``{refresh_token}`` → a new :class:`TokenPair`. Refresh tokens
  rotate on every use; presenting an already-rotated one answers ``401 refresh_reused`` and
  revokes the whole token family. An expired access token → ``401 token_expired``; a
  missing, unknown or revoked one → ``401 unauthorized``; a revoked center →
  ``403 center_revoked`` everywhere.
- ``POST /events:batch`` :class:`Batch` → :class:`BatchResult`. A malformed event (bad
  envelope, unknown type, payload keys missing or of the wrong type, hash mismatch) →
  ``422 invalid_event`` naming it, and nothing of the batch is written. Otherwise every
  event gets an outcome: ``accepted`` (with a global ``server_seq``), ``duplicate`` (same
  id and same content as a stored event: its original ``server_seq``), ``rejected``
  (business rule, with a Chinese reason; replays give the same answer), ``conflict``
  (same id, different content: the stored one is untouched) or ``retry`` (the case's
  previous ``seq`` has not arrived yet; nothing stored). ``seq`` is per case, from 1,
  without gaps. At most :data:`MAX_BATCH_EVENTS` events and :data:`MAX_BATCH_BYTES` bytes
  (``413 too_large``); unparsable JSON → ``400 bad_json``.
- ``GET /feed?after=<cursor>&limit=<n>`` → :class:`FeedPage`: hub decisions, catalog and
  calendar snapshots for the calling center, in a per-center sequence. The cursor is
  opaque; ``410 cursor_expired`` means re-baseline from ``GET /snapshot``
  (:class:`Snapshot`) and continue from its cursor. Clients ignore unknown feed types.
- ``POST /centers/me/stats`` :class:`StatsReport` → ``{"received_at": ...}``.
- ``GET /t/<case number><token>`` (public): a resident's status page, HTML or JSON.

Every object key listed in a spec is required; ``Nullable`` ones may be ``null``.
Unknown keys are ignored (and still covered by the payload hash).
"""

from core.events import EventType
from core.rating_levels import RatingLevel
from sync.protocol.errors import (
    ERROR_STATUS,
    ErrorCode,
    ProtocolError,
)
from sync.protocol.messages import (
    Batch,
    BatchResult,
    Event,
    EventResult,
    FeedItem,
    FeedPage,
    LoginRequest,
    Operator,
    Ping,
    Snapshot,
    SnapshotCase,
    StatsReport,
    TokenPair,
    check_feed_payload,
    make_event,
    parse_batch,
    parse_batch_result,
    parse_error,
    parse_event,
    parse_feed_page,
    parse_login,
    parse_ping,
    parse_refresh,
    parse_snapshot,
    parse_stats,
    parse_token_pair,
    wire_schemas,
)
from sync.protocol.payloads import (
    EVENT_PAYLOADS,
    FEED_PAYLOADS,
    case_number_center,
)
from sync.protocol.specs import invalid_unicode
from sync.protocol.wire import (
    CURSOR_PATTERN,
    CURSOR_REGEX,
    FEED_DEFAULT_LIMIT,
    FEED_MAX_LIMIT,
    MAX_BATCH_BYTES,
    MAX_BATCH_EVENTS,
    MAX_SMALL_BODY_BYTES,
    MIN_SUPPORTED,
    PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    CaseState,
    FeedType,
    JsonObject,
    Outcome,
    canonical_json,
    payload_hash,
)

__all__ = [
    "CURSOR_PATTERN",
    "CURSOR_REGEX",
    "ERROR_STATUS",
    "EVENT_PAYLOADS",
    "FEED_DEFAULT_LIMIT",
    "FEED_MAX_LIMIT",
    "FEED_PAYLOADS",
    "MAX_BATCH_BYTES",
    "MAX_BATCH_EVENTS",
    "MAX_SMALL_BODY_BYTES",
    "MIN_SUPPORTED",
    "PREFIX",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "SUPPORTED_VERSIONS",
    "Batch",
    "BatchResult",
    "CaseState",
    "ErrorCode",
    "Event",
    "EventResult",
    "EventType",
    "FeedItem",
    "FeedPage",
    "FeedType",
    "JsonObject",
    "LoginRequest",
    "Operator",
    "Outcome",
    "Ping",
    "ProtocolError",
    "RatingLevel",
    "Snapshot",
    "SnapshotCase",
    "StatsReport",
    "TokenPair",
    "canonical_json",
    "case_number_center",
    "check_feed_payload",
    "invalid_unicode",
    "make_event",
    "parse_batch",
    "parse_batch_result",
    "parse_error",
    "parse_event",
    "parse_feed_page",
    "parse_login",
    "parse_ping",
    "parse_refresh",
    "parse_snapshot",
    "parse_stats",
    "parse_token_pair",
    "payload_hash",
    "wire_schemas",
]
