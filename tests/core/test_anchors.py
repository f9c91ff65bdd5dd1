"""The audit chain anchored outside its own table (issue 12, finding 2).

A chain that verifies on its own says nothing when its last rows, all its rows, or a
re-hashed stretch of it were rewritten by someone with the sqlite3 shell. The count and
head hash kept elsewhere (in every backup's manifest; at the hub, see
tests/sync/test_anchors.py) catch it: ``verify`` names what is gone or changed.
"""

from __future__ import annotations

from pathlib import Path

from core.center import Center, open_center
from core.clock import FixedClock
from tests.books import audit_count, delete_audit_rows, rehash_after_edit
from tests.helpers import ADMIN


def _backed_up(center: Center, tickets: int = 4) -> tuple[Path, int]:
    """Some work, then a backup; returns it and the chain's length it anchors."""
    for _ in range(tickets):
        center.tickets.issue("A")
    path = center.backups.create(ADMIN)
    # the snapshot holds every row before the backup's own "backup.created"
    count = int(center.db.scalar("SELECT count(*) FROM audit")) - 1
    return path, count


def _verify_after(center: Center, clock: FixedClock, tamper: object) -> tuple[bool, str]:
    path = center.data_dir.database
    root = center.data_dir.root
    center.close()
    assert callable(tamper)
    tamper(path)
    with open_center(root, clock=clock) as again:
        report = again.verify()
    return report.ok, "\n".join(report.lines())


def test_the_backup_manifest_holds_the_chains_count_and_head(center: Center) -> None:
    path, count = _backed_up(center)
    (info,) = [b for b in center.backups.listing() if b.path == path]
    head = center.db.scalar("SELECT hash FROM audit WHERE id = ?", (count,))
    assert info.anchor is not None
    assert (info.anchor.count, info.anchor.head_hash) == (count, head)
    assert info.encrypted


def test_deleting_the_last_rows_is_named(center: Center, clock: FixedClock) -> None:
    path, count = _backed_up(center)
    ok, text = _verify_after(center, clock, lambda db: delete_audit_rows(db, after=count - 2))
    assert not ok
    assert "留痕被删改" in text
    assert path.name in text
    assert f"有{count}条" in text and f"现在只有{count - 2}条" in text


def test_deleting_every_row_is_named(center: Center, clock: FixedClock) -> None:
    _path, _count = _backed_up(center)
    ok, text = _verify_after(center, clock, lambda db: delete_audit_rows(db))
    assert not ok
    assert "留痕被删改" in text and "现在只有0条" in text


def test_a_rehashed_chain_is_named(center: Center, clock: FixedClock) -> None:
    _path, count = _backed_up(center)

    def rewrite(db: Path) -> None:
        rehash_after_edit(db, 3, "ticket.cancelled")
        assert audit_count(db) == count + 1  # nothing removed: only rewritten

    ok, text = _verify_after(center, clock, rewrite)
    assert not ok
    assert "留痕链：正常" in text  # the chain alone cannot tell ...
    assert "留痕被删改" in text  # ... the anchor can
    assert f"第{count}条" in text and "重新计算" in text


def test_rows_after_the_newest_anchor_are_all_an_anchor_cannot_vouch_for(
        center: Center, clock: FixedClock) -> None:
    path, count = _backed_up(center)
    center.tickets.issue("A")
    ok, text = _verify_after(center, clock, lambda db: delete_audit_rows(db, after=count + 1))
    assert ok, text
    assert f"与最新备份 {path.name} 一致" in text


def test_without_any_anchor_verify_says_it_cannot_compare(center: Center) -> None:
    report = center.verify()
    text = "\n".join(report.lines())
    assert report.ok
    assert "无法与上级核对" in text and "尚未与上级同步" in text
    assert "无法与备份核对" in text and "还没有备份" in text


def test_a_legitimate_restore_is_not_called_tampering(center: Center) -> None:
    first, _count = _backed_up(center)
    center.tickets.issue("A")
    center.backups.create(ADMIN)  # newer than what is restored next
    center.backups.restore(first, ADMIN)
    report = center.verify()
    assert report.ok, report.lines()
