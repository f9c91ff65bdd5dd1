"""The sync engine: push every due outbox batch, pull the feed to its end, report figures.

It holds no state of its own worth keeping: every decision is written through
the center's outbox (:mod:`core.outbox`), feed (:mod:`core.feed`) and link bookkeeping
(:mod:`core.sync_link`), each change in one transaction (acks with their results, a feed page
with its cursor), so a kill at any point leaves either the old state or the new one.
Every loop is bounded. One run at a time per data directory (:class:`SyncLock`).
"""

from __future__ import annotations

import json
import logging
import random
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from core.anchors import AnchorBook
from core.center import Center
from core.errors import InvalidInput, UserFacingError
from core.feed import Baseline, BaselineCase, FeedBook, FeedEntry, FeedTally
from core.health import StoreDamaged
from core.i18n import _
from core.outbox import ItemOutcome, ItemResult, OutboxQueue, PushTally, QueuedEvent
from core.secrets import SecretStore, open_secret_store
from core.settings import (
    SYNC_ALLOW_FILE_SECRETS,
    SYNC_BATCH_SIZE,
    SYNC_CA_BUNDLE,
    SYNC_INTERVAL,
)
from core.sync_link import SyncLink
from sync.client.auth import Auth
from sync.client.backoff import full_jitter
from sync.client.crash import crashpoint, feed_item_hook
from sync.client.errors import FailureKind, SyncFailure
from sync.client.lock import SyncBusy, SyncLock
from sync.client.transport import Transport
from sync.protocol import (
    FEED_MAX_LIMIT,
    MAX_BATCH_BYTES,
    PROTOCOL_VERSION,
    FeedPage,
    FeedType,
    ProtocolError,
    Snapshot,
    parse_batch_result,
    parse_feed_page,
    parse_snapshot,
    payload_hash,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_FEED_PAGES = 10_000
# Room for the batch envelope around the events.
_ENVELOPE_BYTES = 4096


@dataclass
class RunReport:
    """What one run did, for the CLI, the staff client and the loop's backoff."""

    pushed: PushTally = field(default_factory=PushTally)
    feed: FeedTally = field(default_factory=FeedTally)
    rebaselined: bool = False
    stats_sent: bool = False
    error: str | None = None
    failure: FailureKind | None = None
    paused: str | None = None
    busy: bool = False
    retry_after: float | None = None
    skew_seconds: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.paused is None and not self.busy


def _parsed(parse: Callable[[object], T], body: object) -> T:
    """A reply that does not fit the protocol is a network failure: nothing consumed."""
    try:
        return parse(body)
    except ProtocolError as exc:
        raise SyncFailure(FailureKind.NETWORK, _("上级的回复不符合协议：{detail}").format(
            detail=exc.message)) from None


def _wire(event: QueuedEvent) -> bytes:
    return json.dumps({
        "event_id": event.event_id, "case_id": event.stream_id, "seq": event.stream_seq,
        "type": event.type, "occurred_at": event.occurred_at, "operator": event.operator,
        "payload": event.payload, "payload_sha256": event.payload_sha256,
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _batch_body(batch_id: str, encoded: Iterable[bytes]) -> bytes:
    head = json.dumps({"protocol": PROTOCOL_VERSION, "batch_id": batch_id},
                      separators=(",", ":")).encode("utf-8")
    return head[:-1] + b',"events":[' + b",".join(encoded) + b"]}"


class SyncEngine:
    def __init__(self, outbox: OutboxQueue, feed: FeedBook, link: SyncLink,
                 transport: Transport, auth: Auth, lock: SyncLock, *,
                 batch_size: int = 200, feed_limit: int = FEED_MAX_LIMIT,
                 interval: float = 300.0, rng: random.Random | None = None,
                 anchors: AnchorBook | None = None) -> None:
        self.outbox = outbox
        self.anchors = anchors
        self.feed = feed
        self.link = link
        self.transport = transport
        self.auth = auth
        self.lock = lock
        self.batch_size = max(1, batch_size)
        self.feed_limit = max(1, min(feed_limit, FEED_MAX_LIMIT))
        self.interval = interval
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def _delay(self, attempts: int) -> float:
        return full_jitter(attempts, rng=self._rng)

    # ------------------------------------------------------------ one run

    def run_once(self) -> RunReport:
        """Push all due batches, pull the feed to its end, send the figures."""
        try:
            with self.lock.held():
                return self._run()
        except SyncBusy as busy:
            return RunReport(busy=True, error=busy.message)
        except StoreDamaged as damaged:  # nothing read from or written to a damaged store
            log.warning("sync run refused: the store failed its start-up check")
            return RunReport(error=damaged.message)

    def _run(self) -> RunReport:
        report = RunReport()
        self.outbox.recover()  # whoever held the lock before us may have died mid-batch
        paused = self.link.paused_reason()
        if paused is not None:
            report.paused = paused
            return report
        self.link.begin_run()
        try:
            if self.anchors is not None:
                self.anchors.queue_for_hub()  # the chain's head, if it moved (core.anchors)
            report.pushed, push_failure = self.push()
            report.feed, report.rebaselined = self.pull()
            self.send_stats()
            report.stats_sent = True
            if push_failure is not None:
                raise push_failure
        except SyncFailure as failure:
            self._fail(report, failure)
        except UserFacingError as problem:
            # The books or the secret store (database busy, keyring locked): try again
            # later; rows left in flight go back to pending at the next run.
            report.error = problem.message
            log.warning("sync run stopped: %s", problem.message)
        report.skew_seconds = self.transport.skew_seconds
        self.link.finish_run(report.error, report.skew_seconds)
        return report

    def _fail(self, report: RunReport, failure: SyncFailure) -> None:
        report.error = failure.message
        report.failure = failure.kind
        report.retry_after = failure.retry_after
        if failure.kind in (FailureKind.REAUTH, FailureKind.REVOKED, FailureKind.UPGRADE):
            reason = failure.message
            if failure.kind is FailureKind.UPGRADE:
                reason = _("需要升级软件：{detail}").format(detail=failure.message)
            self.link.pause(reason)
            report.paused = reason
        log.warning("sync run failed (%s): %s", failure.kind, failure.message)

    # ------------------------------------------------------------ push

    def push(self) -> tuple[PushTally, SyncFailure | None]:
        """Send due batches until none is left; a hub failure stops pushing (not pulling)."""
        tally = PushTally()
        limit = self.batch_size
        # Each round settles or defers at least one event, or halves the batch: bounded.
        for _round in range(self.outbox.due_count() + 2 * limit.bit_length() + 10):
            batch = self.outbox.take_batch(limit)
            if not batch:
                break
            try:
                outcome = self._push_batch(batch)
            except SyncFailure as failure:
                if failure.kind is FailureKind.SERVER:
                    return tally, failure
                raise
            if isinstance(outcome, PushTally):
                tally += outcome
            else:
                limit = outcome
        return tally, None

    def _fit(self, batch: list[QueuedEvent]) -> tuple[list[QueuedEvent], list[bytes]]:
        """The prefix of ``batch`` that fits the hub's body limit; the rest is released."""
        kept: list[QueuedEvent] = []
        encoded: list[bytes] = []
        size = _ENVELOPE_BYTES
        for event in batch:
            wire = _wire(event)
            if kept and size + len(wire) + 1 > MAX_BATCH_BYTES:
                break
            kept.append(event)
            encoded.append(wire)
            size += len(wire) + 1
        self.outbox.release([e.event_id for e in batch[len(kept):]])
        return kept, encoded

    def _push_batch(self, batch: list[QueuedEvent]) -> PushTally | int:
        """Send one batch; the results, or a smaller batch size to try next."""
        batch, encoded = self._fit(batch)
        ids = [e.event_id for e in batch]
        batch_id = str(uuid.uuid4())
        crashpoint("before_send")
        try:
            body = self.auth.call("POST", "/events:batch", data=_batch_body(batch_id, encoded))
            crashpoint("after_reply")
            result = _parsed(parse_batch_result, body)
            if result.batch_id != batch_id:
                raise SyncFailure(FailureKind.NETWORK, _("上级的回复不属于这一批（批次号不符）"))
        except SyncFailure as failure:
            return self._batch_failed(batch_id, ids, failure)
        except BaseException:
            self.outbox.release(ids)
            raise
        tally = self.outbox.apply_results(batch_id, ids, [
            ItemResult(r.event_id, ItemOutcome(str(r.outcome)), r.server_seq, r.reason)
            for r in result.results], self._delay)
        crashpoint("after_commit")
        return tally

    def _batch_failed(self, batch_id: str, ids: list[str], failure: SyncFailure,
                      ) -> PushTally | int:
        if failure.kind is FailureKind.INVALID_EVENT and failure.event_id in ids:
            # One malformed event: quarantine it alone, the others go again next round.
            tally = self.outbox.apply_results(batch_id, [failure.event_id], [ItemResult(
                failure.event_id, ItemOutcome.INVALID, None, failure.message)], self._delay)
            self.outbox.release([i for i in ids if i != failure.event_id])
            return tally
        if failure.kind is FailureKind.BAD_BATCH:
            if len(ids) == 1:
                return self.outbox.apply_results(batch_id, ids, [ItemResult(
                    ids[0], ItemOutcome.INVALID, None, failure.message)], self._delay)
            self.outbox.release(ids)
            return max(1, len(ids) // 2)  # find the bad one by halving
        if failure.kind is FailureKind.SERVER:
            self.outbox.defer(ids, failure.message, self._delay, failure.retry_after or 0.0)
        else:
            self.outbox.release(ids)  # network, auth: nothing consumed, no attempt counted
        raise failure

    # ------------------------------------------------------------ pull

    def pull(self) -> tuple[FeedTally, bool]:
        """Apply the feed page by page (each with its cursor, one transaction) to its end."""
        tally = FeedTally()
        rebaselined = False
        hook = feed_item_hook()
        for _page in range(MAX_FEED_PAGES):
            params: dict[str, Any] = {"limit": self.feed_limit}
            cursor = self.feed.cursor()
            if cursor is not None:
                params["after"] = cursor
            try:
                body = self.auth.call("GET", "/feed", params=params)
            except SyncFailure as failure:
                if failure.kind is not FailureKind.CURSOR_EXPIRED or rebaselined:
                    raise
                tally.add(self._rebaseline())
                rebaselined = True
                continue
            page = _parsed(parse_feed_page, body)
            _check_catalogs(page)
            entries = [FeedEntry(i.seq, i.type, i.case_id, i.payload) for i in page.items]
            tally.add(self.feed.apply_page(entries, page.next_cursor, hook))
            crashpoint("after_feed_page")
            if not page.has_more:
                break
        return tally, rebaselined

    def _rebaseline(self) -> FeedTally:
        log.info("feed cursor expired: re-baselining from the hub's snapshot")
        snapshot = _parsed(parse_snapshot, self.auth.call("GET", "/snapshot"))
        if snapshot.catalog is not None:
            _check_catalog(snapshot.catalog)
        return self.feed.rebaseline(_baseline(snapshot))

    # ------------------------------------------------------------ figures

    def send_stats(self) -> None:
        figures = self.link.stats_figures()
        self.auth.call("POST", "/centers/me/stats", body={
            "at": figures.at, "queue": figures.queue(), "cases": figures.cases()})

    # ------------------------------------------------------------ the loop

    def run_forever(self, *, max_runs: int | None = None) -> None:
        """Run on a timer until :meth:`stop`; after a failure retry sooner, with full
        jitter growing towards the interval, and never before ``Retry-After``."""
        failures = 0
        runs = 0
        while not self._stopping.is_set() and (max_runs is None or runs < max_runs):
            try:
                report = self.run_once()
            except Exception:  # a bug must not end the loop: log it, back off, go on
                log.exception("sync run failed unexpectedly")
                report = RunReport(error=_("同步时发生内部错误，已记录到日志"))
            runs += 1
            if report.ok or report.paused or report.busy:
                failures = 0
                delay = self.interval
            else:
                failures += 1
                delay = full_jitter(failures, rng=self._rng, cap=self.interval)
            if report.retry_after:
                delay = max(delay, report.retry_after)
            if max_runs is not None and runs >= max_runs:
                break
            self._wake.wait(delay)
            self._wake.clear()

    def wake(self) -> None:
        """Run now (a case was just accepted, the network came back)."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()


def _check_catalog(payload: dict[str, Any]) -> None:
    if payload_hash(payload["items"]) != payload["sha256"]:
        raise SyncFailure(FailureKind.NETWORK,
                          _("上级发布的事项目录校验不符（传输中损坏），稍后重试"))


def _check_catalogs(page: FeedPage) -> None:
    for item in page.items:
        if item.type == FeedType.CATALOG_PUBLISHED:
            _check_catalog(item.payload)


def _baseline(snapshot: Snapshot) -> Baseline:
    return Baseline(
        cases=[BaselineCase(c.case_id, str(c.state), c.hub_case_number,
                            str(c.last_type) if c.last_type else None, c.last_payload)
               for c in snapshot.cases],
        catalog=snapshot.catalog, calendars=list(snapshot.calendars), cursor=snapshot.cursor)


# ------------------------------------------------------------------ assembling one


def secret_store_for(center: Center) -> SecretStore:
    return open_secret_store(center.data_dir, allow_file=center.settings.get(
        SYNC_ALLOW_FILE_SECRETS))


def transport_for(center: Center, hub_url: str | None = None) -> Transport:
    ca_bundle = center.settings.get(SYNC_CA_BUNDLE) or None
    return Transport(hub_url or center.sync.hub_url(), ca_bundle=ca_bundle)


def engine_for(center: Center, secrets: SecretStore | None = None, *,
               rng: random.Random | None = None) -> SyncEngine:
    """The engine for a center that has logged in (``bianmin sync login``)."""
    if not center.sync.hub_url() or not center.sync.account():
        raise InvalidInput(_("尚未登录上级：请先运行 bianmin sync login --hub 地址 --account 账号"))
    transport = transport_for(center)
    auth = Auth(transport, secrets or secret_store_for(center), account=center.sync.account(),
                device_id=center.sync.device_id())
    return SyncEngine(center.outbox, center.feed, center.sync, transport, auth,
                      SyncLock(center.data_dir.sync_lock),
                      batch_size=center.settings.get(SYNC_BATCH_SIZE),
                      interval=float(center.settings.get(SYNC_INTERVAL)), rng=rng,
                      anchors=center.anchors)
