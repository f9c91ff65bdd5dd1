"""需要处理: the outbox rows a person must look at, each with the reason in Chinese."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.clock import from_iso, to_iso
from core.db import Database, Row
from core.db import outbox as store
from core.i18n import _
from core.outbox.states import EVENT_LABELS, OutboxState


@dataclass(frozen=True)
class AttentionRow:
    event_id: str
    type: str
    case_number: str | None
    state: OutboxState
    attempts: int
    created_at: dt.datetime
    reason: str

    @property
    def type_label(self) -> str:
        return EVENT_LABELS.get(self.type, self.type)


def attention_rows(db: Database, now: dt.datetime, hours: int, attempts: int,
                   ) -> list[AttentionRow]:
    """Rejected and quarantined rows, rows held behind one of those in the same stream,
    rows tried ``attempts`` times, and rows older than ``hours`` still not sent."""
    rows = store.attention(db, to_iso(now - dt.timedelta(hours=hours)), attempts)
    return [_attention(r, now, hours, attempts) for r in rows]


def _attention(row: Row, now: dt.datetime, hours: int, attempts: int) -> AttentionRow:
    state = OutboxState(row["state"])
    created = from_iso(row["created_at"])
    if state is OutboxState.REJECTED:
        reason = _("上级退回：{reason}").format(reason=row["reason"] or "")
    elif state is OutboxState.QUARANTINED:
        reason = _("已隔离，需技术人员处理：{reason}").format(reason=row["reason"] or "")
    elif row["held"]:
        reason = _("同一办件的前一条记录被退回或隔离，这条在等它处理完")
    elif int(row["attempts"]) >= attempts:
        reason = _("已重试{n}次仍未成功：{error}").format(
            n=row["attempts"], error=row["last_error"] or _("原因不明"))
    else:
        waited = int((now - created).total_seconds() // 3600)
        reason = _("已等待{hours}小时仍未上报（超过{limit}小时）").format(hours=waited,
                                                                       limit=hours)
    return AttentionRow(row["event_id"], row["type"], row["case_number"], state,
                        int(row["attempts"]), created, reason)
