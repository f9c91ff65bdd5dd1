"""Each center's feed: hub decisions and published snapshots in a gap-free per-center
sequence, read page by page with an opaque cursor ``<epoch>:<seq>``.

Bumping a center's epoch (``bianmin-hub feed reset``, or a hub restored from backup)
expires every cursor it holds: the client re-baselines from :func:`snapshot`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import BugError, NotFound
from core.i18n import _
from sync.hub.records import Center
from sync.hub.store import Tx
from sync.protocol import (
    CURSOR_REGEX,
    CaseState,
    ErrorCode,
    FeedItem,
    FeedPage,
    FeedType,
    JsonObject,
    ProtocolError,
    Snapshot,
    SnapshotCase,
    check_feed_payload,
)


@dataclass(frozen=True)
class Cursor:
    epoch: int
    seq: int

    def encode(self) -> str:
        return f"{self.epoch}:{self.seq}"


def parse_cursor(text: str) -> Cursor:
    if not re.fullmatch(CURSOR_REGEX, text):
        raise ProtocolError(ErrorCode.BAD_CURSOR, _("反馈游标格式不对，请从头获取或重新同步"))
    epoch, seq = text.split(":")
    return Cursor(int(epoch), int(seq))


def append(tx: Tx, center_code: str, kind: FeedType, case_id: str | None,
           payload: JsonObject, now: str) -> int:
    """Add one item to a center's feed inside the caller's transaction."""
    try:
        check_feed_payload(kind, payload)
    except ProtocolError as exc:
        raise BugError(f"hub built an invalid {kind} feed item: {exc.message}") from exc
    return tx.append_feed(center_code, str(kind), case_id, payload, now)


def publish_to_all(tx: Tx, kind: FeedType, payload: JsonObject, now: str) -> int:
    """Append a catalog or calendar snapshot to every active center's feed."""
    codes = tx.active_center_codes()
    for code in codes:
        append(tx, code, kind, None, payload, now)
    return len(codes)


def seed_center(tx: Tx, center_code: str, now: str) -> None:
    """A new center's feed starts with the current catalog and calendars."""
    catalog = tx.latest_catalog()
    if catalog is not None:
        append(tx, center_code, FeedType.CATALOG_PUBLISHED, None, catalog, now)
    for calendar in tx.latest_calendars():
        append(tx, center_code, FeedType.CALENDAR_PUBLISHED, None, calendar, now)


def _center(tx: Tx, code: str) -> Center:
    center = tx.center(code)
    if center is None:
        raise NotFound(_("没有这个中心：{code}").format(code=code))
    return center


def page(tx: Tx, center_code: str, after: str | None, limit: int) -> FeedPage:
    center = _center(tx, center_code)
    start = 0
    if after is not None:
        cursor = parse_cursor(after)
        # A cursor past the end means the hub lost items it once sent (restored backup).
        if cursor.epoch != center.feed_epoch or cursor.seq > tx.feed_max(center.code):
            raise ProtocolError(ErrorCode.CURSOR_EXPIRED,
                                _("上级反馈记录已重建，请重新获取全部办件状态"))
        start = cursor.seq
    rows = tx.feed_after(center.code, start, limit + 1)
    items = tuple(FeedItem(r.seq, r.type, r.case_id, r.payload) for r in rows[:limit])
    last = items[-1].seq if items else start
    return FeedPage(items, Cursor(center.feed_epoch, last).encode(), len(rows) > limit)


def snapshot(tx: Tx, center_code: str) -> Snapshot:
    """Every case of the center as the hub sees it now, and the cursor that follows."""
    center = _center(tx, center_code)
    last = tx.last_feed_by_case(center.code)
    cases = []
    for case in tx.cases(center_code=center.code):
        item = last.get(case.case_id)
        cases.append(SnapshotCase(
            case.case_id, case.case_number, case.hub_case_number, CaseState(case.state),
            case.updated_at, FeedType(item.type) if item else None,
            item.payload if item else None,
        ))
    cursor = Cursor(center.feed_epoch, tx.feed_max(center.code)).encode()
    return Snapshot(tuple(cases), tx.latest_catalog(), tuple(tx.latest_calendars()), cursor)


def reset(tx: Tx, center_code: str) -> int:
    """Expire every cursor the center holds; returns the new epoch."""
    _center(tx, center_code)
    return tx.bump_feed_epoch(center_code)
