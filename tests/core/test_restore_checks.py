"""Restore checks before it replaces anything (issue 12, finding 4): another center's
books, a broken chain, a chain that contradicts an anchor the hub acknowledged; the
deliberate exceptions recorded in the restored books."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from core.audit import history
from core.center import Center, open_center
from core.clock import FixedClock
from core.errors import Conflict
from core.outbox import ItemOutcome, ItemResult
from tests.books import digest, rehash_after_edit
from tests.helpers import ADMIN

OTHER = "330110101002"


def _other_centers_backup(tmp_path: Path, clock: FixedClock) -> Path:
    with open_center(tmp_path / "other", clock=clock) as other:
        other.initialize(OTHER, "另一个村便民服务站", "village")
        return other.backups.create(ADMIN, to_dir=tmp_path / "usb")


def test_another_centers_backup_is_refused_unless_forced_and_then_audited(
        center: Center, clock: FixedClock, tmp_path: Path) -> None:
    foreign = _other_centers_backup(tmp_path, clock)
    center.tickets.issue("A")
    before = digest(center.data_dir.database)
    with pytest.raises(Conflict) as refused:
        center.backups.restore(foreign, ADMIN)
    assert OTHER in refused.value.message and "--force-other-center" in refused.value.message
    assert digest(center.data_dir.database) == before
    assert not [p for p in center.backups.all() if "pre-restore" in p.name]

    center.backups.restore(foreign, ADMIN, other_center=True)
    assert center.require_info().code == OTHER
    (row,) = history(center.db, "backup", foreign.name)
    assert row["action"] == "backup.restored"
    assert row["detail"]["forced_other_center"] == f"{OTHER} -> 330110101001"


def test_an_empty_data_directory_takes_any_centers_backup(tmp_path: Path,
                                                          clock: FixedClock) -> None:
    foreign = _other_centers_backup(tmp_path, clock)
    with open_center(tmp_path / "new-pc", clock=clock) as fresh:
        fresh.backups.restore(foreign, ADMIN)
        assert fresh.require_info().code == OTHER
        (row,) = history(fresh.db, "backup", foreign.name)
        assert "forced_other_center" not in row["detail"]


def _acknowledge_an_anchor(center: Center) -> int:
    """What a sync run does with the hub's answer: an anchor queued and acknowledged."""
    center.settings.set("sync.account", center.require_info().code, ADMIN)
    event_id = center.anchors.queue_for_hub()
    assert event_id is not None
    batch = center.outbox.take_batch(10)
    center.outbox.apply_results("b1", [e.event_id for e in batch],
                                [ItemResult(e.event_id, ItemOutcome.ACCEPTED, 1) for e in batch],
                                lambda n: 0)
    payload = json.loads(center.db.scalar("SELECT payload FROM outbox WHERE event_id = ?",
                                          (event_id,)))
    return int(payload["count"])


def test_a_backup_that_contradicts_an_acknowledged_anchor_is_refused(
        center: Center, clock: FixedClock, tmp_path: Path) -> None:
    for _ in range(3):
        center.tickets.issue("A")
    _acknowledge_an_anchor(center)
    root = center.data_dir.root
    center.close()
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)
    rehash_after_edit(twin / "center.sqlite3", 3, "ticket.cancelled")  # consistent, rewritten
    conn = sqlite3.connect(twin / "center.sqlite3")  # and its own record of the anchor gone:
    conn.execute("DELETE FROM outbox WHERE type = 'audit_anchor'")  # only ours can tell
    conn.commit()
    conn.close()
    with open_center(twin, clock=clock) as rewritten:
        assert rewritten.verify().chain is not None
        forged = rewritten.backups.create(ADMIN, to_dir=tmp_path / "usb")
    with open_center(root, clock=clock) as again:
        before = digest(again.data_dir.database)
        with pytest.raises(Conflict) as refused:
            again.backups.restore(forged, ADMIN)
        assert "留痕被删改" in refused.value.message
        assert "--accept-broken-chain" in refused.value.message
        assert digest(again.data_dir.database) == before
        again.backups.restore(forged, ADMIN, broken_chain=True)
        (row,) = history(again.db, "backup", forged.name)
        assert "留痕被删改" in row["detail"]["accepted_broken_chain"]
        # (its next anchor shows as a fork at the hub: tests/sync/test_anchors.py)
