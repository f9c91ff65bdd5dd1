"""The payload of every event type a center sends and every feed type the hub sends back."""

from __future__ import annotations

from collections.abc import Mapping

from core.case_numbers import TRACKING_ALPHABET, TRACKING_TOKEN_LENGTH
from core.catalog_model import ALIAS_LENGTH, MAX_ALIASES
from core.events import EventType
from core.i18n import _
from core.rating_levels import RatingLevel
from sync.protocol.specs import (
    AnyValue,
    Boolean,
    CaseNumberSpec,
    Choice,
    Date,
    DateTime,
    Integer,
    ListOf,
    Nullable,
    Obj,
    Pattern,
    Text,
)
from sync.protocol.wire import CURSOR_REGEX, FeedType

# ------------------------------------------------------------------ codes


def case_number_center(case_number: str) -> str:
    """The 12-digit code of the center that numbered a case."""
    return case_number[:12]


# ------------------------------------------------------------------ payload specs

CASE_NUMBER = CaseNumberSpec()
SHA256 = Pattern(r"[0-9a-f]{64}", _("不是64位小写十六进制的 SHA-256"))
TRACKING_TOKEN = Pattern(f"[{TRACKING_ALPHABET}]{{{TRACKING_TOKEN_LENGTH}}}",
                         _("查询码应为6位，只用数字2–9和不易混淆的大写字母"))
CENTER_CODE = Pattern(r"[0-9]{12}", _("中心代码应为12位数字"))
CURSOR = Pattern(CURSOR_REGEX, _("反馈游标格式不对"))
REASON = Text(max_length=1000, multiline=True)
AUDIT_MAX_ROWS = 2**53 - 1  # a JSON number every client reads exactly
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
    # Each anchor is its own stream (a fresh case_id, seq 1). ``previous`` is the anchor
    # the hub acknowledged last, with the hash the center's chain has at that position
    # now (null when the chain no longer reaches it), so the hub can tell a chain that
    # grew from one that was rewritten.
    EventType.AUDIT_ANCHOR: Obj({
        "count": Integer(minimum=0, maximum=AUDIT_MAX_ROWS),
        "head_hash": SHA256,
        "previous": Nullable(Obj({
            "count": Integer(minimum=0, maximum=AUDIT_MAX_ROWS),
            "hash": Nullable(SHA256),
        })),
        "anchored_at": DateTime(),
    }),
}

CATALOG_ITEM = Obj({"code": Text(max_length=64), "name": Text(),
                    "materials": ListOf(AnyValue(), max_items=200)},
                   optional={"aliases": ListOf(Text(max_length=ALIAS_LENGTH),
                                               max_items=MAX_ALIASES)},
                   doc="The rest of the item as core.catalog_model reads it; aliases are "
                       "its everyday names (低保, 残疾证), matched by the item search.")
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
