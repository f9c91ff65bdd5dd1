"""The audit chain anchored outside its own table.

A hash chain proves nothing about rows removed from its end, or about a stretch rewritten
and re-hashed with the published formula: it still verifies. What catches both is the
chain's length and head hash **kept somewhere else** (an anchor): in every backup's
manifest (:mod:`core.backup_file`) and at the hub, which receives them as ``audit_anchor``
events through the outbox and keeps them (``bianmin-hub center anchors CODE``). A chain
shorter than an anchor, or whose row at the anchor's position hashes differently, has been
tampered with; rows added after the newest anchor are all an anchor cannot vouch for.

When anchors go up: at the start of each sync run, when rows other than sync bookkeeping
were added since the last one (an idle center sends none), and with each backup; never a
second one while one is still on its way, so each names the one before it (``previous``)
and the hub can check that they extend each other. An older hub that does not know the
event refuses it as invalid: the client sets it aside (it holds nothing else back and is
not on the 需要处理 list) and tries again a day later.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from core.actor import Actor
from core.audit import GENESIS
from core.clock import Clock, from_iso, local, to_iso
from core.db import Database, Row
from core.db import audit as audit_store
from core.db import outbox as outbox_store
from core.events import EventType
from core.i18n import _
from core.outbox import append

RETRY_REFUSED_AFTER = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Anchor:
    """The chain's length and the hash of its last row (``GENESIS`` for an empty chain)."""

    count: int
    head_hash: str


def anchor_of(db: Database) -> Anchor:
    last = audit_store.last_link(db)
    return Anchor(*last) if last else Anchor(0, GENESIS)


class Standing(StrEnum):
    OK = "ok"
    TAMPERED = "tampered"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class AnchorFinding:
    """What one anchor says about the chain, in one Chinese line."""

    standing: Standing
    text: str

    @property
    def tampered(self) -> bool:
        return self.standing is Standing.TAMPERED


def compare(db: Database, anchor: Anchor, source: str) -> AnchorFinding | None:
    """``None`` when the chain still holds ``anchor``; else a finding naming what is gone or
    changed. ``source`` names where the anchor was kept (上级确认的锚点, 备份 …)."""
    if anchor.count == 0:
        return None
    now = anchor_of(db).count
    if now < anchor.count:
        return AnchorFinding(Standing.TAMPERED, _(
            "留痕被删改：{source}记录本中心有{count}条留痕，现在只有{now}条"
            "（第{first}至{count}条不见了）").format(
                source=source, count=anchor.count, now=now, first=now + 1))
    found = audit_store.hash_at(db, anchor.count)
    if found != anchor.head_hash:
        return AnchorFinding(Standing.TAMPERED, _(
            "留痕被删改：{source}记录的第{count}条留痕哈希是 {kept}…，现在是 {found}…："
            "第{count}条及以前的记录被改动后重新计算过哈希").format(
                source=source, count=anchor.count, kept=anchor.head_hash[:12],
                found=(found or "—")[:12]))
    return None


def _payload_anchor(row: Row) -> Anchor:
    payload = json.loads(row["payload"])
    return Anchor(int(payload["count"]), str(payload["head_hash"]))


@dataclass(frozen=True)
class Acknowledged:
    anchor: Anchor
    acked_at: dt.datetime


class AnchorBook:
    """The anchors this center sends to the hub, and what the acknowledged one says."""

    def __init__(self, db: Database, clock: Clock, linked: Callable[[], bool],
                 timezone: str) -> None:
        self._db = db
        self._clock = clock
        self._linked = linked
        self._tz = timezone

    # ------------------------------------------------------------ sending

    def queue_for_hub(self) -> str | None:
        """Queue an anchor if one is due (see the module docstring); its event id."""
        if not self._linked():
            return None
        with self._db.write():
            return self.queue_in_transaction()

    def queue_in_transaction(self) -> str | None:
        """The same, inside the caller's write transaction (a backup's)."""
        if not self._linked() or not self._due():
            return None
        current = anchor_of(self._db)
        previous = self.acknowledged()
        payload = {
            "count": current.count, "head_hash": current.head_hash,
            "previous": None if previous is None else {
                "count": previous.anchor.count,
                "hash": audit_store.hash_at(self._db, previous.anchor.count)},
            "anchored_at": to_iso(self._clock.now()),
        }
        return append(self._db, self._clock, Actor.sync(), str(uuid.uuid4()),
                      EventType.AUDIT_ANCHOR, payload)

    def _due(self) -> bool:
        if outbox_store.newest_anchor(self._db, ("pending", "in_flight")) is not None:
            return False  # one on its way: the next one names it when it is acknowledged
        refused = outbox_store.newest_anchor(self._db, ("rejected", "quarantined"))
        newest = outbox_store.newest_anchor(self._db)
        if refused is not None and newest is not None and refused["id"] == newest["id"] \
                and self._clock.now() - from_iso(refused["created_at"]) < RETRY_REFUSED_AFTER:
            return False  # an older hub that does not keep anchors: ask again tomorrow
        current = anchor_of(self._db)
        if newest is None:
            return current.count > 0
        last = _payload_anchor(newest)
        if current.count < last.count or \
                audit_store.hash_at(self._db, last.count) != last.head_hash:
            return True  # the chain no longer holds the last anchor: the hub must hear it
        return audit_store.business_rows_after(self._db, last.count) > 0

    # ------------------------------------------------------------ checking

    def acknowledged(self) -> Acknowledged | None:
        """The newest anchor the hub acknowledged."""
        row = outbox_store.newest_anchor(self._db, ("acked",))
        if row is None:
            return None
        return Acknowledged(_payload_anchor(row), from_iso(row["acked_at"]))

    def hub_finding(self) -> AnchorFinding:
        """The chain against the newest anchor the hub acknowledged, or why it cannot be."""
        acked = self.acknowledged()
        if acked is None:
            return AnchorFinding(Standing.UNAVAILABLE, self._why_no_anchor())
        when = local(acked.acked_at, self._tz).strftime("%Y-%m-%d %H:%M")
        source = _("上级确认的锚点（{when}）").format(when=when)
        problem = compare(self._db, acked.anchor, source)
        if problem is not None:
            return problem
        return AnchorFinding(Standing.OK, _(
            "与上级核对：与上级确认的锚点一致（第{count}条，{when}确认）").format(
                count=acked.anchor.count, when=when))

    def _why_no_anchor(self) -> str:
        if not self._linked():
            return _("无法与上级核对：本中心尚未与上级同步过（bianmin sync login 之后，"
                     "每次同步都会把留痕锚点交给上级保存）")
        newest = outbox_store.newest_anchor(self._db)
        if newest is not None and newest["state"] in ("rejected", "quarantined"):
            return _("无法与上级核对：上级不接收留痕锚点（上级软件版本较旧），请上级升级 "
                     "bianmin-hub")
        return _("无法与上级核对：上级还没有确认过留痕锚点（下次同步成功后即可核对）")
