"""Bianmin sync protocol v1: the wire contract shared by the center client and the hub.

Everything here is plain data and checks (no HTTP, no Qt, no database), so both ends use
the same definitions. The declarative specs below validate incoming JSON and also produce
the JSON Schemas of the hub's OpenAPI document, so the two cannot drift apart.

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

from __future__ import annotations

import datetime as dt
import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.canonical import canonical_bytes, sha256_hex
from core.case_numbers import TRACKING_ALPHABET, TRACKING_TOKEN_LENGTH, case_number_problem
from core.errors import InvalidInput
from core.events import EventType as EventType  # re-exported: the wire vocabulary
from core.i18n import _
from core.text import clean_text

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


class RatingLevel(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


class ErrorCode(StrEnum):
    BAD_JSON = "bad_json"
    BAD_REQUEST = "bad_request"
    BAD_CURSOR = "bad_cursor"
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"
    INVALID_EVENT = "invalid_event"
    INVALID_BATCH = "invalid_batch"
    INVALID_REQUEST = "invalid_request"
    TOO_LARGE = "too_large"
    UNAUTHORIZED = "unauthorized"
    TOKEN_EXPIRED = "token_expired"
    BAD_CREDENTIALS = "bad_credentials"
    REFRESH_REUSED = "refresh_reused"
    CENTER_REVOKED = "center_revoked"
    CURSOR_EXPIRED = "cursor_expired"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    INTERNAL = "internal"
    UNAVAILABLE = "unavailable"
    # Client side only: a reply that does not follow this protocol (portal page, proxy).
    BAD_REPLY = "bad_reply"


ERROR_STATUS: Mapping[ErrorCode, int] = {
    ErrorCode.BAD_JSON: 400,
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.BAD_CURSOR: 400,
    ErrorCode.UNSUPPORTED_PROTOCOL: 400,
    ErrorCode.INVALID_EVENT: 422,
    ErrorCode.INVALID_BATCH: 422,
    ErrorCode.INVALID_REQUEST: 422,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.TOKEN_EXPIRED: 401,
    ErrorCode.BAD_CREDENTIALS: 401,
    ErrorCode.REFRESH_REUSED: 401,
    ErrorCode.CENTER_REVOKED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.CURSOR_EXPIRED: 410,
    ErrorCode.INTERNAL: 500,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.BAD_REPLY: 502,
}


class ProtocolError(Exception):
    """A message that breaks the protocol; ``extra`` goes into the error body as is."""

    def __init__(self, code: ErrorCode, message: str, **extra: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra

    @property
    def status(self) -> int:
        return ERROR_STATUS[self.code]

    def body(self) -> JsonObject:
        return {"error": str(self.code), "message": self.message, **self.extra}


# ------------------------------------------------------------------ specs


class _SpecError(Exception):
    """A spec check failed; the parse functions turn it into a :class:`ProtocolError`."""


def _fail(path: str, problem: str) -> _SpecError:
    return _SpecError(_("{path}：{problem}").format(path=path, problem=problem))


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Spec(ABC):
    """One JSON shape: checks a value and describes itself as JSON Schema."""

    @abstractmethod
    def check(self, value: object, path: str) -> None:
        """Raise :class:`_SpecError` naming ``path`` when ``value`` does not fit."""

    @abstractmethod
    def schema(self) -> JsonObject:
        """The JSON Schema (OpenAPI 3.1 dialect) of this shape."""


@dataclass(frozen=True)
class Text(Spec):
    """Non-empty text without control characters (:func:`core.text.clean_text`)."""

    max_length: int = 200
    multiline: bool = False

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            raise _fail(path, _("必须是文字"))
        try:
            clean_text(value, field=path, max_length=self.max_length,
                       allow_newlines=self.multiline)
        except InvalidInput as exc:
            raise _SpecError(exc.message) from None

    def schema(self) -> JsonObject:
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


@dataclass(frozen=True)
class Pattern(Spec):
    """Text matching a regular expression (codes, hashes, ids)."""

    regex: str
    problem: str
    fmt: str | None = None

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str) or not re.fullmatch(self.regex, value):
            raise _fail(path, self.problem)

    def schema(self) -> JsonObject:
        out: JsonObject = {"type": "string", "pattern": f"^{self.regex}$"}
        if self.fmt:
            out["format"] = self.fmt
        return out


@dataclass(frozen=True)
class Integer(Spec):
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: object, path: str) -> None:
        # bool is an int subclass in Python but not an integer on the wire.
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(path, _("必须是整数"))
        if self.minimum is not None and value < self.minimum:
            raise _fail(path, _("不能小于{minimum}").format(minimum=self.minimum))
        if self.maximum is not None and value > self.maximum:
            raise _fail(path, _("不能大于{maximum}").format(maximum=self.maximum))

    def schema(self) -> JsonObject:
        out: JsonObject = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass(frozen=True)
class Boolean(Spec):
    def check(self, value: object, path: str) -> None:
        if not isinstance(value, bool):
            raise _fail(path, _("必须是 true 或 false"))

    def schema(self) -> JsonObject:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Choice(Spec):
    values: tuple[str, ...]

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise _fail(path, _("取值只能是：{values}").format(values="、".join(self.values)))

    def schema(self) -> JsonObject:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class DateTime(Spec):
    """ISO 8601 with a UTC offset; device times are for display only, never ordering."""

    def check(self, value: object, path: str) -> None:
        if isinstance(value, str) and len(value) <= 40:
            try:
                parsed = dt.datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if parsed.tzinfo is not None:
                    return
        raise _fail(path, _("不是带时区的日期时间（例如 2027-01-05T09:30:00+08:00）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "format": "date-time"}


@dataclass(frozen=True)
class Date(Spec):
    def check(self, value: object, path: str) -> None:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return
        raise _fail(path, _("不是日期（YYYY-MM-DD）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "format": "date"}


@dataclass(frozen=True)
class Uuid(Spec):
    """A UUID in canonical form (lower case, hyphens), so one event has one spelling."""

    def check(self, value: object, path: str) -> None:
        if isinstance(value, str):
            try:
                if str(uuid.UUID(value)) == value:
                    return
            except ValueError:
                pass
        raise _fail(path, _("不是规范的 UUID（小写、带连字符）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "format": "uuid"}


@dataclass(frozen=True)
class CaseNumberSpec(Spec):
    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            raise _fail(path, _("必须是文字"))
        problem = case_number_problem(value)
        if problem:
            raise _fail(path, problem)

    def schema(self) -> JsonObject:
        return {"type": "string", "pattern": r"^\d{24}[0-9X]$",
                "description": _("12位中心代码+YYYYMMDD+4位序号+ISO 7064 MOD 11-2 校验码")}


@dataclass(frozen=True)
class Nullable(Spec):
    inner: Spec

    def check(self, value: object, path: str) -> None:
        if value is not None:
            self.inner.check(value, path)

    def schema(self) -> JsonObject:
        return {"anyOf": [self.inner.schema(), {"type": "null"}]}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0
    max_items: int = 1000

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, list):
            raise _fail(path, _("必须是列表"))
        if len(value) < self.min_items:
            raise _fail(path, _("至少要有{n}项").format(n=self.min_items))
        if len(value) > self.max_items:
            raise _fail(path, _("最多{n}项").format(n=self.max_items))
        for index, element in enumerate(value):
            self.item.check(element, _join(path, index))

    def schema(self) -> JsonObject:
        return {"type": "array", "items": self.item.schema(),
                "minItems": self.min_items, "maxItems": self.max_items}


@dataclass(frozen=True)
class AnyValue(Spec):
    """Any JSON value (content the hub stores but does not interpret)."""

    def check(self, value: object, path: str) -> None:
        return None

    def schema(self) -> JsonObject:
        return {}


@dataclass(frozen=True)
class Later(Spec):
    """An object checked later by its own parser (so its errors can name it)."""

    inner: Spec

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise _fail(path, _("必须是对象"))

    def schema(self) -> JsonObject:
        return self.inner.schema()


@dataclass(frozen=True)
class Obj(Spec):
    """An object whose ``fields`` are all required; ``optional`` ones may be absent."""

    fields: Mapping[str, Spec] = field(default_factory=dict)
    optional: Mapping[str, Spec] = field(default_factory=dict)
    doc: str | None = None

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise _fail(path or _("内容"), _("必须是对象"))
        for key, spec in self.fields.items():
            if key not in value:
                raise _fail(_join(path, key), _("缺少必填字段"))
            spec.check(value[key], _join(path, key))
        for key, spec in self.optional.items():
            if key in value:
                spec.check(value[key], _join(path, key))

    def schema(self) -> JsonObject:
        props = {key: spec.schema() for key, spec in {**self.fields, **self.optional}.items()}
        out: JsonObject = {"type": "object", "required": list(self.fields), "properties": props}
        if self.doc:
            out["description"] = self.doc
        return out


# ------------------------------------------------------------------ codes


def case_number_center(case_number: str) -> str:
    """The 12-digit code of the center that numbered a case."""
    return case_number[:12]


# ------------------------------------------------------------------ payload specs

CASE_NUMBER = CaseNumberSpec()
SHA256 = Pattern(r"[0-9a-f]{64}", _("不是64位小写十六进制的 SHA-256"))
TRACKING_TOKEN = Pattern(f"[{TRACKING_ALPHABET}]{{{TRACKING_TOKEN_LENGTH}}}",
                         _("查询码应为6位，只用数字2–9和不易混淆的大写字母"))
CENTER_CODE = Pattern(r"\d{12}", _("中心代码应为12位数字"))
REASON = Text(max_length=1000, multiline=True)
NAME = Text(max_length=100)

ITEM = Obj({
    "code": Text(max_length=64),
    "name": Text(),
    "catalog_version": Text(max_length=64),  # the center's label of the catalog it used
    "promised_days": Nullable(Integer(minimum=0)),
})
APPLICANT = Obj({
    "name": NAME,
    "id_type": Text(max_length=32),
    "id_number": Text(max_length=64),
    "phone": Nullable(Text(max_length=32)),
    "address": Nullable(Text()),
})
MATERIAL_NAMES = ListOf(Text(), min_items=1, max_items=200)

EVENT_PAYLOADS: Mapping[EventType, Obj] = {
    EventType.CASE_ACCEPTED: Obj({
        "case_number": CASE_NUMBER,
        "tracking_token": TRACKING_TOKEN,
        "item": ITEM,
        "applicant": APPLICANT,
        "agent": Nullable(Obj({"name": Nullable(NAME), "relation": Text(max_length=50)})),
        "materials": ListOf(Obj({"name": Text(), "received": Boolean()}), max_items=200),
        "accepted_at": DateTime(),
        "deadline": Nullable(Date()),
        "deadline_provisional": Boolean(),
        "first_contact_staff": NAME,
        "ticket_number": Nullable(Text(max_length=16)),
    }),
    EventType.CASE_NOT_ACCEPTED: Obj({
        "item": ITEM,
        "applicant": APPLICANT,
        "reason": REASON,
        "competent_office": Text(),
        "decided_at": DateTime(),
        "case_number": Nullable(CASE_NUMBER),
    }),
    EventType.NOTICE_ISSUED: Obj({
        "item": ITEM,
        "missing": ListOf(Text(), max_items=200),
        "issued_at": DateTime(),
    }),
    EventType.MATERIALS_SUPPLIED: Obj({
        "case_number": CASE_NUMBER,
        "materials": MATERIAL_NAMES,
        "supplied_at": DateTime(),
    }),
    EventType.CASE_PICKED_UP: Obj({
        "case_number": CASE_NUMBER,
        "picked_up_at": DateTime(),
    }),
    EventType.CASE_WITHDRAWN: Obj({
        "case_number": Nullable(CASE_NUMBER),
        "reason": REASON,
        "withdrawn_at": DateTime(),
    }),
    EventType.RATING_GIVEN: Obj({
        "level": Choice(tuple(RatingLevel)),
        "reason": Nullable(REASON),
        "case_number": Nullable(CASE_NUMBER),
        "ticket_number": Nullable(Text(max_length=16)),
        "rated_at": DateTime(),
    }),
    EventType.FOLLOW_UP_CLOSED: Obj({
        "result": REASON,
        "closed_at": DateTime(),
        "case_number": Nullable(CASE_NUMBER),
    }),
}

CATALOG_ITEM = Obj({"code": Text(max_length=64), "name": Text(),
                    "materials": ListOf(AnyValue(), max_items=200)})
CALENDAR_DAY = Obj({"date": Date(), "working": Boolean(), "name": Nullable(Text(max_length=50))})

FEED_PAYLOADS: Mapping[FeedType, Obj] = {
    FeedType.CASE_RECEIVED: Obj({
        "case_number": CASE_NUMBER,
        "hub_case_number": Text(max_length=64),
        "received_at": DateTime(),
    }),
    FeedType.SUPPLEMENT_REQUESTED: Obj({
        "case_number": CASE_NUMBER,
        "materials": MATERIAL_NAMES,
        "reason": Nullable(REASON),
        "requested_at": DateTime(),
    }),
    FeedType.CASE_APPROVED: Obj({
        "case_number": CASE_NUMBER,
        "result": REASON,
        "decided_at": DateTime(),
    }),
    FeedType.CASE_DENIED: Obj({
        "case_number": CASE_NUMBER,
        "reason": REASON,
        "decided_at": DateTime(),
    }),
    FeedType.READY_FOR_PICKUP: Obj({
        "case_number": CASE_NUMBER,
        "place": Text(),
        "note": Nullable(REASON),
        "at": DateTime(),
    }),
    FeedType.CATALOG_PUBLISHED: Obj({
        "version": Integer(minimum=1),
        "sha256": SHA256,
        "items": ListOf(CATALOG_ITEM, min_items=1, max_items=5000),
    }),
    FeedType.CALENDAR_PUBLISHED: Obj({
        "year": Integer(minimum=2000, maximum=2100),
        "source": Text(max_length=500),
        "days": ListOf(CALENDAR_DAY, max_items=366),
    }),
}


# ------------------------------------------------------------------ envelope specs

OPERATOR = Obj({
    "staff_id": Nullable(Integer(minimum=1)),
    "name": Nullable(NAME),
    "on_behalf_of": Nullable(Integer(minimum=1)),
})
EVENT = Obj({
    "event_id": Uuid(),
    "case_id": Uuid(),
    "seq": Integer(minimum=1),
    "type": Choice(tuple(EventType)),
    "occurred_at": DateTime(),
    "operator": OPERATOR,
    "payload": Obj(doc="结构随 type 而定，见 payload_<type>"),
    "payload_sha256": SHA256,
})
BATCH = Obj({
    "protocol": Integer(minimum=1),
    "batch_id": Text(max_length=64),
    "events": ListOf(Later(EVENT), max_items=MAX_BATCH_EVENTS),
})
EVENT_RESULT = Obj({
    "event_id": Uuid(),
    "outcome": Choice(tuple(Outcome)),
    "server_seq": Nullable(Integer(minimum=1)),
    "reason": Nullable(REASON),
})
BATCH_RESULT = Obj({"batch_id": Text(max_length=64), "results": ListOf(EVENT_RESULT,
                                                                      max_items=MAX_BATCH_EVENTS)})
LOGIN = Obj({"account": CENTER_CODE, "password": Text(max_length=200),
             "device_id": Text(max_length=100)})
REFRESH = Obj({"refresh_token": Text(max_length=200)})
CENTER_REF = Obj({"code": CENTER_CODE, "name": Text()})
TOKEN_PAIR = Obj({
    "access_token": Text(max_length=200),
    "refresh_token": Text(max_length=200),
    "expires_in": Integer(minimum=1),
    "center": CENTER_REF,
})
PING = Obj({
    "server_time": DateTime(),
    "protocol_versions": ListOf(Integer(minimum=1), min_items=1),
    "min_supported": Integer(minimum=1),
})
FEED_ITEM = Obj({
    "seq": Integer(minimum=1),
    "type": Text(max_length=64),
    "case_id": Nullable(Uuid()),
    "payload": Obj(doc="结构随 type 而定，见 feed_<type>；不认识的 type 跳过"),
})
FEED_PAGE = Obj({
    "items": ListOf(FEED_ITEM, max_items=FEED_MAX_LIMIT),
    "next_cursor": Text(max_length=64),
    "has_more": Boolean(),
})
SNAPSHOT_CASE = Obj({
    "case_id": Uuid(),
    "case_number": Nullable(CASE_NUMBER),
    "hub_case_number": Nullable(Text(max_length=64)),
    "state": Choice(tuple(CaseState)),
    "updated_at": DateTime(),
    "last_type": Nullable(Choice(tuple(FeedType))),
    "last_payload": Nullable(Obj()),
})
SNAPSHOT = Obj({
    "cases": ListOf(SNAPSHOT_CASE, max_items=10_000_000),
    "catalog": Nullable(FEED_PAYLOADS[FeedType.CATALOG_PUBLISHED]),
    "calendars": ListOf(FEED_PAYLOADS[FeedType.CALENDAR_PUBLISHED], max_items=200),
    "cursor": Text(max_length=64),
})
STATS = Obj({"at": DateTime(), "queue": Obj(), "cases": Obj()})
STATS_RECEIPT = Obj({"received_at": DateTime()})
ERROR = Obj({"error": Text(max_length=64), "message": REASON},
            optional={"event_id": AnyValue(), "index": Integer(minimum=0)})


def _checked(spec: Spec, obj: object, code: ErrorCode, path: str = "") -> JsonObject:
    try:
        spec.check(obj, path)
    except _SpecError as exc:
        raise ProtocolError(code, str(exc)) from None
    assert isinstance(obj, dict)  # every top-level spec is an Obj
    return obj


# ------------------------------------------------------------------ events


@dataclass(frozen=True)
class Operator:
    staff_id: int | None = None
    name: str | None = None
    on_behalf_of: int | None = None

    def to_wire(self) -> JsonObject:
        return {"staff_id": self.staff_id, "name": self.name, "on_behalf_of": self.on_behalf_of}


@dataclass(frozen=True)
class Event:
    event_id: str
    case_id: str
    seq: int
    type: EventType
    occurred_at: str
    operator: Operator
    payload: JsonObject
    payload_sha256: str

    def to_wire(self) -> JsonObject:
        return {
            "event_id": self.event_id, "case_id": self.case_id, "seq": self.seq,
            "type": str(self.type), "occurred_at": self.occurred_at,
            "operator": self.operator.to_wire(), "payload": self.payload,
            "payload_sha256": self.payload_sha256,
        }


def make_event(*, case_id: str, seq: int, type: EventType, occurred_at: str,
               payload: JsonObject, operator: Operator | None = None,
               event_id: str | None = None) -> Event:
    """A new event with a fresh id (unless given) and its payload hash, checked."""
    event = Event(
        event_id=event_id or str(uuid.uuid4()), case_id=case_id, seq=seq, type=type,
        occurred_at=occurred_at, operator=operator or Operator(), payload=payload,
        payload_sha256=payload_hash(payload),
    )
    return parse_event(event.to_wire())


def parse_event(raw: object, index: int | None = None) -> Event:
    """Check one event of a batch; a problem → ``invalid_event`` naming it."""
    event_id = raw.get("event_id") if isinstance(raw, dict) else None
    where: JsonObject = {"event_id": event_id if isinstance(event_id, str) else None}
    if index is not None:
        where["index"] = index
    try:
        EVENT.check(raw, "")
        assert isinstance(raw, dict)
        kind = EventType(raw["type"])
        EVENT_PAYLOADS[kind].check(raw["payload"], "payload")
    except _SpecError as exc:
        raise ProtocolError(ErrorCode.INVALID_EVENT, _("事件内容不正确：{problem}").format(
            problem=exc), **where) from None
    if payload_hash(raw["payload"]) != raw["payload_sha256"]:
        raise ProtocolError(ErrorCode.INVALID_EVENT,
                            _("事件内容与 payload_sha256 不符（传输中损坏或计算有误）"), **where)
    op = raw["operator"]
    return Event(
        event_id=raw["event_id"], case_id=raw["case_id"], seq=raw["seq"], type=kind,
        occurred_at=raw["occurred_at"],
        operator=Operator(op["staff_id"], op["name"], op["on_behalf_of"]),
        payload=raw["payload"], payload_sha256=raw["payload_sha256"],
    )


@dataclass(frozen=True)
class Batch:
    batch_id: str
    events: tuple[Event, ...]

    def to_wire(self) -> JsonObject:
        return {"protocol": PROTOCOL_VERSION, "batch_id": self.batch_id,
                "events": [event.to_wire() for event in self.events]}


def parse_batch(obj: object) -> Batch:
    """Check a whole batch before anything is written; the first problem raises."""
    events = obj.get("events") if isinstance(obj, dict) else None
    if isinstance(events, list) and len(events) > MAX_BATCH_EVENTS:
        raise ProtocolError(ErrorCode.TOO_LARGE, _("一批最多{n}个事件").format(
            n=MAX_BATCH_EVENTS))
    body = _checked(BATCH, obj, ErrorCode.INVALID_BATCH)
    if body["protocol"] not in SUPPORTED_VERSIONS:
        raise ProtocolError(ErrorCode.UNSUPPORTED_PROTOCOL,
                            _("不支持的协议版本{version}，请升级软件").format(
                                version=body["protocol"]))
    events = tuple(parse_event(raw, index) for index, raw in enumerate(body["events"]))
    return Batch(batch_id=body["batch_id"], events=events)


@dataclass(frozen=True)
class EventResult:
    event_id: str
    outcome: Outcome
    server_seq: int | None = None
    reason: str | None = None

    def to_wire(self) -> JsonObject:
        return {"event_id": self.event_id, "outcome": str(self.outcome),
                "server_seq": self.server_seq, "reason": self.reason}


@dataclass(frozen=True)
class BatchResult:
    batch_id: str
    results: tuple[EventResult, ...]

    def to_wire(self) -> JsonObject:
        return {"batch_id": self.batch_id, "results": [r.to_wire() for r in self.results]}


def parse_batch_result(obj: object) -> BatchResult:
    body = _checked(BATCH_RESULT, obj, ErrorCode.BAD_REPLY)
    return BatchResult(body["batch_id"], tuple(
        EventResult(r["event_id"], Outcome(r["outcome"]), r["server_seq"], r["reason"])
        for r in body["results"]
    ))


# ------------------------------------------------------------------ auth, ping, stats


@dataclass(frozen=True)
class LoginRequest:
    account: str
    password: str
    device_id: str


def parse_login(obj: object) -> LoginRequest:
    body = _checked(LOGIN, obj, ErrorCode.INVALID_REQUEST)
    return LoginRequest(body["account"], body["password"], body["device_id"])


def parse_refresh(obj: object) -> str:
    token: str = _checked(REFRESH, obj, ErrorCode.INVALID_REQUEST)["refresh_token"]
    return token


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    center_code: str
    center_name: str

    def to_wire(self) -> JsonObject:
        return {"access_token": self.access_token, "refresh_token": self.refresh_token,
                "expires_in": self.expires_in,
                "center": {"code": self.center_code, "name": self.center_name}}


def parse_token_pair(obj: object) -> TokenPair:
    body = _checked(TOKEN_PAIR, obj, ErrorCode.BAD_REPLY)
    return TokenPair(body["access_token"], body["refresh_token"], body["expires_in"],
                     body["center"]["code"], body["center"]["name"])


@dataclass(frozen=True)
class Ping:
    server_time: str
    protocol_versions: tuple[int, ...] = SUPPORTED_VERSIONS
    min_supported: int = MIN_SUPPORTED

    def to_wire(self) -> JsonObject:
        return {"server_time": self.server_time,
                "protocol_versions": list(self.protocol_versions),
                "min_supported": self.min_supported}


def parse_ping(obj: object) -> Ping:
    body = _checked(PING, obj, ErrorCode.BAD_REPLY)
    return Ping(body["server_time"], tuple(body["protocol_versions"]), body["min_supported"])


@dataclass(frozen=True)
class StatsReport:
    at: str
    queue: JsonObject
    cases: JsonObject

    def to_wire(self) -> JsonObject:
        return {"at": self.at, "queue": self.queue, "cases": self.cases}


def parse_stats(obj: object) -> StatsReport:
    body = _checked(STATS, obj, ErrorCode.INVALID_REQUEST)
    return StatsReport(body["at"], body["queue"], body["cases"])


def parse_error(obj: object) -> ProtocolError:
    """An error body from the hub as a :class:`ProtocolError` (unknown codes → bad_reply)."""
    body = _checked(ERROR, obj, ErrorCode.BAD_REPLY)
    try:
        code = ErrorCode(body["error"])
    except ValueError:
        code = ErrorCode.BAD_REPLY
    extra = {k: v for k, v in body.items() if k not in ("error", "message")}
    return ProtocolError(code, body["message"], **extra)


# ------------------------------------------------------------------ feed and snapshot


_FEED_TYPES = frozenset(FeedType)


@dataclass(frozen=True)
class FeedItem:
    seq: int
    type: str  # a FeedType, or a newer type this client does not know and skips
    case_id: str | None
    payload: JsonObject

    def to_wire(self) -> JsonObject:
        return {"seq": self.seq, "type": self.type, "case_id": self.case_id,
                "payload": self.payload}


def check_feed_payload(kind: FeedType, payload: object) -> None:
    """Raise ``ProtocolError(bad_reply)`` when a feed payload does not fit its type."""
    _checked(FEED_PAYLOADS[kind], payload, ErrorCode.BAD_REPLY, "payload")


@dataclass(frozen=True)
class FeedPage:
    items: tuple[FeedItem, ...]
    next_cursor: str
    has_more: bool

    def to_wire(self) -> JsonObject:
        return {"items": [item.to_wire() for item in self.items],
                "next_cursor": self.next_cursor, "has_more": self.has_more}


def parse_feed_page(obj: object) -> FeedPage:
    body = _checked(FEED_PAGE, obj, ErrorCode.BAD_REPLY)
    items = []
    for raw in body["items"]:
        if raw["type"] in _FEED_TYPES:
            check_feed_payload(FeedType(raw["type"]), raw["payload"])
        items.append(FeedItem(raw["seq"], raw["type"], raw["case_id"], raw["payload"]))
    seqs = [item.seq for item in items]
    if seqs != sorted(set(seqs)):
        raise ProtocolError(ErrorCode.BAD_REPLY, _("上级反馈的序号不是递增的"))
    return FeedPage(tuple(items), body["next_cursor"], body["has_more"])


@dataclass(frozen=True)
class SnapshotCase:
    case_id: str
    case_number: str | None
    hub_case_number: str | None
    state: CaseState
    updated_at: str
    last_type: FeedType | None
    last_payload: JsonObject | None

    def to_wire(self) -> JsonObject:
        return {"case_id": self.case_id, "case_number": self.case_number,
                "hub_case_number": self.hub_case_number, "state": str(self.state),
                "updated_at": self.updated_at,
                "last_type": str(self.last_type) if self.last_type else None,
                "last_payload": self.last_payload}


@dataclass(frozen=True)
class Snapshot:
    cases: tuple[SnapshotCase, ...]
    catalog: JsonObject | None
    calendars: tuple[JsonObject, ...]
    cursor: str

    def to_wire(self) -> JsonObject:
        return {"cases": [c.to_wire() for c in self.cases], "catalog": self.catalog,
                "calendars": list(self.calendars), "cursor": self.cursor}


def parse_snapshot(obj: object) -> Snapshot:
    body = _checked(SNAPSHOT, obj, ErrorCode.BAD_REPLY)
    cases = tuple(
        SnapshotCase(c["case_id"], c["case_number"], c["hub_case_number"],
                     CaseState(c["state"]), c["updated_at"],
                     FeedType(c["last_type"]) if c["last_type"] else None, c["last_payload"])
        for c in body["cases"]
    )
    return Snapshot(cases, body["catalog"], tuple(body["calendars"]), body["cursor"])


def wire_schemas() -> Mapping[str, Spec]:
    """Named top-level shapes, for the hub's OpenAPI document."""
    shapes: dict[str, Spec] = {
        "Batch": BATCH, "Event": EVENT, "Operator": OPERATOR, "BatchResult": BATCH_RESULT,
        "Login": LOGIN, "Refresh": REFRESH, "TokenPair": TOKEN_PAIR, "Ping": PING,
        "FeedPage": FEED_PAGE, "Snapshot": SNAPSHOT, "Stats": STATS,
        "StatsReceipt": STATS_RECEIPT, "Error": ERROR,
    }
    shapes.update({f"payload_{kind}": spec for kind, spec in EVENT_PAYLOADS.items()})
    shapes.update({f"feed_{kind}": spec for kind, spec in FEED_PAYLOADS.items()})
    return shapes
