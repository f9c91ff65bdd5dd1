"""Audit anchors at the hub (issue 12, finding 2) and a damaged store kept from syncing
(finding 3), with a real hub on loopback: each sync run whose books moved sends the chain's
count and head; ``verify`` compares the chain with the anchor the hub acknowledged; the hub
sees a rewritten chain as a fork; an older hub that does not know the event is safe."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.center import Center
from core.clock import SystemClock
from tests.books import corrupt_page, rehash_after_edit
from tests.hub.hubkit import HubProcess
from tests.sync.kit import (
    ADMIN,
    Site,
    accept_cases,
    hub_events,
    login,
    make_site,
    outbox_rows,
    run_bianmin,
    syncing,
)


def _anchors(center: Center) -> list[dict[str, object]]:
    return [r for r in outbox_rows(center).values() if r["type"] == "audit_anchor"]


def _sync(site: Site, hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        report = engine.run_once()
        assert report.ok, report.error


def _hub_anchors(hub: HubProcess, site: Site) -> tuple[int, str]:
    shown = hub.cli("center", "anchors", site.code)
    return shown.code, shown.out


def test_a_sync_run_sends_the_chains_head_and_the_hub_keeps_it(site: Site,
                                                                hub: HubProcess) -> None:
    with site.center() as center:
        accept_cases(center, 1)
    _sync(site, hub)
    with site.center() as center:
        (row,) = _anchors(center)
        assert row["state"] == "acked"
        payload = json.loads(center.db.scalar(
            "SELECT payload FROM outbox WHERE event_id = ?", (row["event_id"],)))
        assert center.db.scalar("SELECT hash FROM audit WHERE id = ?",
                                (payload["count"],)) == payload["head_hash"]
        text = "\n".join(center.verify().lines())
        assert f"与上级核对：与上级确认的锚点一致（第{payload['count']}条" in text
    code, shown = _hub_anchors(hub, site)
    assert code == 0
    assert payload["head_hash"][:12] in shown and f"  {payload['count']}  " in shown


def test_an_idle_run_sends_no_new_anchor_and_a_busy_one_does(site: Site,
                                                             hub: HubProcess) -> None:
    _sync(site, hub)
    _sync(site, hub)  # only the sync's own bookkeeping was added since
    with site.center() as center:
        assert len(_anchors(center)) == 1
        accept_cases(center, 1)
    _sync(site, hub)
    with site.center() as center:
        assert [r["state"] for r in _anchors(center)] == ["acked", "acked"]
    assert _hub_anchors(hub, site)[0] == 0  # the second extends the first


def test_verify_catches_a_rehashed_chain_against_the_hubs_anchor(site: Site,
                                                                  hub: HubProcess) -> None:
    _sync(site, hub)
    rehash_after_edit(site.data_dir / "center.sqlite3", 2, "staff.renamed")
    with site.center() as center:
        report = center.verify()
        text = "\n".join(report.lines())
    assert not report.ok
    assert "留痕链：正常" in text and "留痕被删改：上级确认的锚点" in text
    assert "无法与备份核对：还没有备份" in text  # the hub's anchor alone was enough


def test_the_hub_sees_a_rewritten_chain_as_a_fork(site: Site, hub: HubProcess) -> None:
    _sync(site, hub)
    rehash_after_edit(site.data_dir / "center.sqlite3", 2, "staff.renamed")
    with site.center() as center:
        accept_cases(center, 1)
    _sync(site, hub)
    code, shown = _hub_anchors(hub, site)
    assert code == 1 and "分叉：" in shown and "重新计算过哈希" in shown


def test_forgetting_the_acknowledged_anchor_is_a_fork_too(site: Site,
                                                          hub: HubProcess) -> None:
    import sqlite3

    _sync(site, hub)
    rehash_after_edit(site.data_dir / "center.sqlite3", 2, "staff.renamed")
    conn = sqlite3.connect(site.data_dir / "center.sqlite3")
    conn.execute("DELETE FROM outbox WHERE type = 'audit_anchor'")  # cover the tracks
    conn.commit()
    conn.close()
    with site.center() as center:
        accept_cases(center, 1)
    _sync(site, hub)
    code, shown = _hub_anchors(hub, site)
    assert code == 1 and "没有接上" in shown


# ------------------------------------------------------------------ an older hub


@pytest.fixture
def old_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path_factory.mktemp("oldhub"), module="tests.sync.old_hub")
    yield process.start()
    process.stop()


def test_an_older_hub_refusing_anchors_holds_nothing_back(tmp_path: Path,
                                                          old_hub: HubProcess) -> None:
    site = make_site(tmp_path, old_hub)
    with site.center() as center:
        accept_cases(center, 1)
    _sync(site, old_hub)
    with site.center() as center:
        (anchor,) = _anchors(center)
        assert anchor["state"] == "quarantined"
        events = [r for r in outbox_rows(center).values() if r["type"] == "case_accepted"]
        assert [r["state"] for r in events] == ["acked"]
        assert center.sync.status().attention == []  # nothing for the window to act on
        text = "\n".join(center.verify().lines())
        assert "上级不接收留痕锚点" in text
        accept_cases(center, 1)
    _sync(site, old_hub)  # the same day: not asked again
    with site.center() as center:
        assert len(_anchors(center)) == 1
    stored = hub_events(old_hub.data_dir, site.code)
    assert len(stored) == 2 and all(r["outcome"] == "accepted" for r in stored.values())


def test_an_older_hub_is_asked_again_a_day_later(tmp_path: Path, old_hub: HubProcess,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, old_hub)
    _sync(site, old_hub)
    with site.center() as center:
        accept_cases(center, 1)
    later = SystemClock().now() + dt.timedelta(hours=25)
    monkeypatch.setattr(SystemClock, "now", lambda self: later)
    _sync(site, old_hub)
    with site.center() as center:
        assert [r["state"] for r in _anchors(center)] == ["quarantined", "quarantined"]


# ------------------------------------------------------------------ a damaged store


def test_a_damaged_store_sends_nothing(site: Site, hub: HubProcess) -> None:
    with site.center() as center:
        accept_cases(center, 1)
        backup = center.backups.create(ADMIN)
        login(center, site, hub.base, site.file_secrets())
    corrupt_page(site.data_dir / "center.sqlite3", "case_material")
    refused = run_bianmin(site, "sync", "run")
    assert refused.returncode == 2, refused.stdout
    assert "数据库文件已损坏" in refused.stderr and f"bianmin restore {backup}" in refused.stderr
    assert hub_events(hub.data_dir, site.code) == {}
