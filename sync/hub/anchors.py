"""A center's audit anchors, kept by the hub, and whether each extends the one before.

A center sends the count and head hash of its audit chain (``audit_anchor``), naming the
anchor the hub acknowledged last and the hash its chain has at that position now. The hub
keeps every anchor and compares it with the newest one it holds for that center: an
anchor extends it when its count is not lower, the same count comes with the same hash,
and ``previous`` names that anchor with its hash. Anything else is a **fork**: the chain
was shortened (rows deleted, or an old backup restored) or rewritten and re-hashed. The
anchor is kept all the same (a refusal would only make the center retry); the fork is
recorded with its reason and shown by ``bianmin-hub center anchors CODE``. A fork becomes
the new line: the anchors after it are compared with it.
"""

from __future__ import annotations

import datetime as dt

from core.clock import to_iso
from core.i18n import _
from sync.hub.records import StoredAnchor
from sync.hub.store import Tx
from sync.protocol import Event


def fork_reason(latest: StoredAnchor | None, count: int, head: str,
                previous: dict[str, object] | None) -> str | None:
    """Why an anchor does not extend ``latest`` (``None``: it does)."""
    if latest is None:
        return None
    if count < latest.count:
        return _("留痕变短：上一个锚点有{was}条，这次只有{now}条").format(
            was=latest.count, now=count)
    if count == latest.count:
        if head != latest.head_hash:
            return _("同样是{count}条，最后一条的哈希却不同：留痕被改写").format(count=count)
        return None
    if previous is None or previous.get("count") != latest.count:
        return _("没有接上上一个锚点（第{count}条）：本中心的记录可能被改写或换过").format(
            count=latest.count)
    if previous.get("hash") != latest.head_hash:
        return _("第{count}条留痕的哈希与上一个锚点不同：之前的记录被改写后重新计算过哈希")\
            .format(count=latest.count)
    return None


def record(tx: Tx, center_code: str, event: Event, now: dt.datetime) -> None:
    """Keep one anchor of ``center_code`` with its verdict."""
    payload = event.payload
    previous = payload["previous"]
    tx.insert_anchor(StoredAnchor(
        center_code=center_code, event_id=event.event_id, count=payload["count"],
        head_hash=payload["head_hash"],
        prev_count=None if previous is None else previous["count"],
        prev_hash=None if previous is None else previous["hash"],
        anchored_at=payload["anchored_at"], received_at=to_iso(now),
        fork=fork_reason(tx.latest_anchor(center_code), payload["count"],
                         payload["head_hash"], previous)))
