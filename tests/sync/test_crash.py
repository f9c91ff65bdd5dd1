"""kill -9 of the sync process at every step (reference/sync.md §4.2 P0 #2 and #8).

``bianmin sync run --once`` runs as a child process and is SIGKILLed at a crash point
(``BIANMIN_SYNC_CRASH_AT``, see sync/client/crash.py) or, for "the hub committed but the
reply never arrived", by our proxy the moment it holds the hub's reply. After a restart
every event is acked exactly once on the hub, nothing is left in flight, and the feed
cursor never runs ahead of the data it covers.
"""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest

from sync.client.crash import ENV_VAR as CRASH_ENV
from tests.hub.hubkit import HubProcess, run_cli
from tests.sync.kit import (
    Site,
    accept_cases,
    assert_in_step,
    cli_login,
    hub_events,
    outbox_rows,
    queue_notices,
    run_bianmin,
    start_bianmin,
)
from tests.sync.proxy import FaultProxy, Plan, Request

pytestmark = pytest.mark.slow
KILLED = -signal.SIGKILL


def _prepare(site: Site, hub_url: str, cases: int = 6, notices: int = 30) -> None:
    with site.center() as center:
        accept_cases(center, cases)
        queue_notices(center, notices // 3, per_stream=3)
    cli_login(site, hub_url)
    assert run_bianmin(site, "settings", "sync.batch_size", "10").returncode == 0


def _finish(site: Site, hub: HubProcess) -> None:
    again = run_bianmin(site, "sync", "run", "--once")
    assert again.returncode == 0, again.stderr
    with site.center() as center:
        assert_in_step(center, hub.data_dir, site.code)
        assert center.sync.status().counts["in_flight"] == 0
        assert {c["state"] for c in center.db.all("SELECT state FROM case_file")} == {
            "submitted"}


@pytest.mark.parametrize("point", ["before_send", "after_reply", "after_commit"])
def test_a_kill_while_pushing_loses_nothing_and_doubles_nothing(site: Site, hub: HubProcess,
                                                                point: str) -> None:
    _prepare(site, hub.base)
    crashed = run_bianmin(site, "sync", "run", "--once", env={CRASH_ENV: point})
    assert crashed.returncode == KILLED, crashed.stderr
    with site.center() as center:
        rows = outbox_rows(center)
    on_hub = hub_events(hub.data_dir, site.code)
    in_flight = {e for e, r in rows.items() if r["state"] == "in_flight"}
    acked = {e for e, r in rows.items() if r["state"] == "acked"}
    if point == "before_send":
        assert len(in_flight) == 10 and on_hub == {}
    elif point == "after_reply":  # the hub has the batch, the center does not know yet
        assert len(in_flight) == 10 and set(on_hub) == in_flight
    else:  # the first batch's acks are committed, with the hub's server_seq
        assert len(acked) == 10 and not in_flight and set(on_hub) == acked
    _finish(site, hub)


def test_a_kill_after_the_hub_commits_but_before_the_reply_arrives(site: Site,
                                                                    hub: HubProcess) -> None:
    victim: dict[str, Any] = {}

    def kill_the_center() -> None:
        os.kill(victim["pid"], signal.SIGKILL)

    def plan(request: Request) -> Plan:
        if "events:batch" in request.path and "pid" in victim:
            return Plan(on_reply=kill_the_center, after="drop")
        return Plan()

    with FaultProxy(hub.port, plan) as proxy:
        _prepare(site, proxy.url)
        child = start_bianmin(site, "sync", "run", "--once")
        victim["pid"] = child.pid
        child.communicate(timeout=120)
        assert child.returncode == KILLED
        with site.center() as center:
            rows = outbox_rows(center)
        in_flight = {e for e, r in rows.items() if r["state"] == "in_flight"}
        assert len(in_flight) == 10
        assert set(hub_events(hub.data_dir, site.code)) == in_flight  # committed up there
        victim.clear()
        _finish(site, hub)


@pytest.mark.parametrize("point", ["mid_feed_page", "after_feed_page"])
def test_a_kill_while_applying_the_feed_never_moves_the_cursor_past_the_data(
        site: Site, hub: HubProcess, point: str) -> None:
    _prepare(site, hub.base, cases=6, notices=0)
    assert run_bianmin(site, "sync", "run", "--once").returncode == 0
    with site.center() as center:
        cursor_before = center.feed.cursor()
        numbers = [r["case_number"] for r in center.db.all(
            "SELECT case_number FROM case_file ORDER BY id")]
    for number in numbers[:3]:
        assert run_cli(hub.data_dir, "case", "approve", number).code == 0
    for number in numbers[3:]:
        assert run_cli(hub.data_dir, "case", "deny", number, "--reason", "不符合条件").code == 0

    crashed = run_bianmin(site, "sync", "run", "--once", env={CRASH_ENV: point})
    assert crashed.returncode == KILLED
    with site.center() as center:
        got = [r["state"] for r in center.db.all("SELECT state FROM case_file ORDER BY id")]
        cursor = center.feed.cursor()
    if point == "mid_feed_page":
        # The page's first item was applied inside the transaction that died with the
        # process: neither it nor the cursor survived.
        assert cursor == cursor_before
        assert set(got) == {"submitted"}
    else:
        assert cursor != cursor_before
        assert got == ["approved"] * 3 + ["denied"] * 3

    assert run_bianmin(site, "sync", "run", "--once").returncode == 0
    with site.center() as center:
        got = [r["state"] for r in center.db.all("SELECT state FROM case_file ORDER BY id")]
        timeline = center.db.all("SELECT action FROM case_event WHERE action LIKE 'hub_%'")
        assert got == ["approved"] * 3 + ["denied"] * 3
        # each decision applied exactly once: received + decision per case
        assert len(timeline) == 12
        assert center.feed.cursor() != cursor_before

