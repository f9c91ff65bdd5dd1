"""What an outbox row can be, what the hub can answer for it, and what a push adds up to."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.db import Row
from core.i18n import _


class OutboxState(StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    ACKED = "acked"
    REJECTED = "rejected"
    QUARANTINED = "quarantined"

    @property
    def label(self) -> str:
        return {
            "pending": _("待上报"), "in_flight": _("正在上报"), "acked": _("已上报"),
            "rejected": _("被上级退回"), "quarantined": _("已隔离"),
        }[self.value]


class ItemOutcome(StrEnum):
    """The hub's answer for one event (``sync.protocol.Outcome``), plus ``invalid`` for the
    one event a ``422 invalid_event`` named."""

    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CONFLICT = "conflict"
    RETRY = "retry"
    INVALID = "invalid"


EVENT_LABELS: dict[str, str] = {
    "case_accepted": _("受理上报"), "case_not_accepted": _("不予受理报备"),
    "notice_issued": _("一次性告知"), "materials_supplied": _("补正材料"),
    "case_picked_up": _("取件办结"), "case_withdrawn": _("撤回"),
    "rating_given": _("好差评"), "follow_up_closed": _("差评回访"),
    "audit_anchor": _("留痕锚点"),
}


@dataclass(frozen=True)
class QueuedEvent:
    """One outbox row on its way up; ``stream_id`` is the wire ``case_id``."""

    event_id: str
    stream_id: str
    stream_seq: int
    type: str
    occurred_at: str
    operator: dict[str, Any]
    payload: dict[str, Any] = field(repr=False)
    payload_sha256: str
    attempts: int

    @classmethod
    def from_row(cls, row: Row) -> QueuedEvent:
        return cls(
            event_id=row["event_id"], stream_id=row["stream_id"],
            stream_seq=int(row["stream_seq"]), type=row["type"],
            occurred_at=row["occurred_at"], operator=_json_object(row["operator"]),
            payload=_json_object(row["payload"]), payload_sha256=row["payload_sha256"],
            attempts=int(row["attempts"]),
        )


@dataclass(frozen=True)
class ItemResult:
    event_id: str
    outcome: ItemOutcome
    server_seq: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class PushTally:
    """What one push did. ``acked`` counts the center's business events; the audit anchors
    that went along (core/anchors.py) are counted apart, in ``anchors``."""

    acked: int = 0
    rejected: int = 0
    quarantined: int = 0
    retry: int = 0
    missing: int = 0
    anchors: int = 0

    def __add__(self, other: PushTally) -> PushTally:
        return PushTally(self.acked + other.acked, self.rejected + other.rejected,
                         self.quarantined + other.quarantined, self.retry + other.retry,
                         self.missing + other.missing, self.anchors + other.anchors)


def _json_object(text: str) -> dict[str, Any]:
    value = json.loads(text)
    assert isinstance(value, dict)
    return value
