"""The messages of each endpoint: their shapes, wire dataclasses with ``to_wire()``, and the
``parse_*`` functions that check a body before anything uses it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from core.events import EventType
from core.i18n import _
from sync.protocol.errors import ErrorCode, ProtocolError
from sync.protocol.payloads import (
    CASE_NUMBER,
    CENTER_CODE,
    CURSOR,
    EVENT_PAYLOADS,
    FEED_PAYLOADS,
    NAME,
    REASON,
    SHA256,
)
from sync.protocol.specs import (
    AnyValue,
    Boolean,
    Choice,
    DateTime,
    Integer,
    Later,
    ListOf,
    Nullable,
    Obj,
    Ref,
    Spec,
    SpecError,
    Tagged,
    Text,
    Uuid,
    checked,
    invalid_unicode,
)
from sync.protocol.wire import (
    FEED_MAX_LIMIT,
    MAX_BATCH_EVENTS,
    MIN_SUPPORTED,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    CaseState,
    FeedType,
    JsonObject,
    Outcome,
    payload_hash,
)

# ------------------------------------------------------------------ envelope specs


@dataclass(frozen=True)
class ProtocolVersion(Spec):
    """Any integer from 1 fits the shape (a version this end does not speak gets its own
    error, ``unsupported_protocol``); the document lists the versions spoken."""

    def check(self, value: object, path: str) -> None:
        Integer(minimum=1).check(value, path)

    def schema(self) -> JsonObject:
        return {"type": "integer", "enum": list(SUPPORTED_VERSIONS)}


OPERATOR = Obj({
    "staff_id": Nullable(Integer(minimum=1)),
    "name": Nullable(NAME),
    "on_behalf_of": Nullable(Integer(minimum=1)),
})
ENVELOPE = Obj({
    "event_id": Uuid(),
    "case_id": Uuid(),
    "seq": Integer(minimum=1),
    "type": Choice(tuple(EventType)),
    "occurred_at": DateTime(),
    "operator": OPERATOR,
    "payload": Obj(doc="结构随 type 而定，见 payload_<type>"),
    "payload_sha256": SHA256,
}, doc="payload_sha256 = payload 规范 JSON 的 SHA-256（见 docs/hub.md）")
EVENT = Tagged("Event", "type", "payload", ENVELOPE, {
    str(kind): Ref(f"payload_{kind}", spec) for kind, spec in EVENT_PAYLOADS.items()})
BATCH = Obj({
    "protocol": ProtocolVersion(),
    "batch_id": Text(max_length=64),
    "events": ListOf(Later(Ref("Event", EVENT)), max_items=MAX_BATCH_EVENTS),
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
    "next_cursor": CURSOR,
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
    "cursor": CURSOR,
})
STATS = Obj({"at": DateTime(), "queue": Obj(), "cases": Obj()})
STATS_RECEIPT = Obj({"received_at": DateTime()})
ERROR = Obj({"error": Text(max_length=64), "message": REASON},
            optional={"event_id": AnyValue(), "index": Integer(minimum=0)})


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
    if invalid_unicode(raw):
        raise ProtocolError(ErrorCode.INVALID_EVENT, _("事件内容含有无效的 Unicode 字符"),
                            **where)
    try:
        EVENT.check(raw, "")
        assert isinstance(raw, dict)
        kind = EventType(raw["type"])
    except SpecError as exc:
        raise ProtocolError(ErrorCode.INVALID_EVENT, _("事件内容不正确：{problem}").format(
            problem=exc), **where) from None
    if payload_hash(raw["payload"]) != raw["payload_sha256"]:
        raise ProtocolError(ErrorCode.INVALID_EVENT,
                            _("事件内容与 payload_sha256 不符（传输中损坏或计算有误）"), **where)
    op = raw["operator"]
    return Event(
        event_id=raw["event_id"], case_id=raw["case_id"], seq=int(raw["seq"]), type=kind,
        occurred_at=raw["occurred_at"],
        operator=Operator(_whole(op["staff_id"]), op["name"], _whole(op["on_behalf_of"])),
        payload=raw["payload"], payload_sha256=raw["payload_sha256"],
    )


def _whole(value: int | float | None) -> int | None:
    """An integer field as an int (the wire may write 2 as 2.0, the same JSON number)."""
    return None if value is None else int(value)


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
    body = checked(BATCH, obj, ErrorCode.INVALID_BATCH)
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
    body = checked(BATCH_RESULT, obj, ErrorCode.BAD_REPLY)
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
    body = checked(LOGIN, obj, ErrorCode.INVALID_REQUEST)
    return LoginRequest(body["account"], body["password"], body["device_id"])


def parse_refresh(obj: object) -> str:
    token: str = checked(REFRESH, obj, ErrorCode.INVALID_REQUEST)["refresh_token"]
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
    body = checked(TOKEN_PAIR, obj, ErrorCode.BAD_REPLY)
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
    body = checked(PING, obj, ErrorCode.BAD_REPLY)
    return Ping(body["server_time"], tuple(body["protocol_versions"]), body["min_supported"])


@dataclass(frozen=True)
class StatsReport:
    at: str
    queue: JsonObject
    cases: JsonObject

    def to_wire(self) -> JsonObject:
        return {"at": self.at, "queue": self.queue, "cases": self.cases}


def parse_stats(obj: object) -> StatsReport:
    body = checked(STATS, obj, ErrorCode.INVALID_REQUEST)
    return StatsReport(body["at"], body["queue"], body["cases"])


def parse_error(obj: object) -> ProtocolError:
    """An error body from the hub as a :class:`ProtocolError` (unknown codes → bad_reply)."""
    body = checked(ERROR, obj, ErrorCode.BAD_REPLY)
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
    checked(FEED_PAYLOADS[kind], payload, ErrorCode.BAD_REPLY, "payload")


@dataclass(frozen=True)
class FeedPage:
    items: tuple[FeedItem, ...]
    next_cursor: str
    has_more: bool

    def to_wire(self) -> JsonObject:
        return {"items": [item.to_wire() for item in self.items],
                "next_cursor": self.next_cursor, "has_more": self.has_more}


def parse_feed_page(obj: object) -> FeedPage:
    body = checked(FEED_PAGE, obj, ErrorCode.BAD_REPLY)
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
    body = checked(SNAPSHOT, obj, ErrorCode.BAD_REPLY)
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
        "Batch": BATCH, "Event": EVENT, **EVENT.variants(), "Operator": OPERATOR,
        "BatchResult": BATCH_RESULT,
        "Login": LOGIN, "Refresh": REFRESH, "TokenPair": TOKEN_PAIR, "Ping": PING,
        "FeedPage": FEED_PAGE, "Snapshot": SNAPSHOT, "Stats": STATS,
        "StatsReceipt": STATS_RECEIPT, "Error": ERROR,
    }
    shapes.update({f"payload_{kind}": spec for kind, spec in EVENT_PAYLOADS.items()})
    shapes.update({f"feed_{kind}": spec for kind, spec in FEED_PAYLOADS.items()})
    return shapes
