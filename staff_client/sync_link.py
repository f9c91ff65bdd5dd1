"""The staff client's one door to the upward link (``core.sync_link`` and ``sync.client``).

Everything the sync panel needs goes through these functions, so the panel does not care
how the engine is built. The engine and its HTTP stack are imported inside the background
operations only: the client starts fast and ``requests`` never loads on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.center import Center
from core.i18n import _
from core.sync_link import SyncStatus


@dataclass(frozen=True)
class RunSummary:
    """What one "sync now" did, in the words the panel shows."""

    ok: bool
    text: str


def status(center: Center) -> SyncStatus:
    return center.sync.status()


def run_now(center: Center, retry_all: bool, actor: Actor) -> RunSummary:
    """One full run (push, pull, figures); call on a background thread."""
    from sync.client.engine import engine_for

    if retry_all:
        center.outbox.retry_now(actor)
    engine = engine_for(center)
    try:
        report = engine.run_once()
    finally:
        engine.transport.close()
    if report.busy:
        return RunSummary(False, _("另一个同步正在进行，请稍后再看"))
    pushed, feed = report.pushed, report.feed
    text = _("上报成功{acked}条，退回{rejected}条，稍后重试{later}条；取回反馈{items}条，"
             "更新办件{applied}件").format(
        acked=pushed.acked, rejected=pushed.rejected, later=pushed.retry + pushed.missing,
        items=feed.items, applied=feed.applied)
    if report.paused:
        return RunSummary(False, _("同步已暂停：{reason}").format(reason=report.paused))
    if report.error:
        return RunSummary(False, text + "。" + _("出错：{error}").format(error=report.error))
    return RunSummary(True, text)


def log_in(center: Center, hub: str, account: str, password: str, actor: Actor) -> str:
    """Log in to the hub with the center's account; returns the hub's name for us."""
    from sync.client.login import log_in as hub_log_in

    return hub_log_in(center, hub, account, password, actor).center_name
