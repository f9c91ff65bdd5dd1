"""A flaky link, a hub restart and a hub killed mid-batch: nothing lost, nothing doubled.

The link is our proxy on loopback dropping, resetting, delaying and duplicating requests
and losing replies at random (seeded). Centers run their engines in threads, each on its
own database connection, while county staff decide cases through the hub's service layer.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core.center import Center
from sync.client.engine import SyncEngine
from sync.hub.service import Hub
from tests.hub.hubkit import HubProcess
from tests.sync.kit import (
    Site,
    accept_cases,
    assert_in_step,
    business_events,
    make_site,
    outbox_rows,
    queue_notices,
    syncing,
)
from tests.sync.proxy import FaultProxy, Plan, Request

pytestmark = pytest.mark.slow
MAX_ROUNDS = 400


class Chaos:
    """Per request, at random: drop, reset, lose the reply, duplicate, delay, or pass."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.on = False

    def __call__(self, request: Request) -> Plan:
        if not self.on:
            return Plan()
        with self._lock:
            roll = self._rng.random()
            delay = self._rng.uniform(0, 0.05)
        if roll < 0.12:
            return Plan(before="drop")
        if roll < 0.20:
            return Plan(before="reset")
        if roll < 0.30:
            return Plan(after="drop")
        if roll < 0.38:
            return Plan(after="reset")
        if roll < 0.50:
            return Plan(times=2)
        if roll < 0.70:
            return Plan(delay=delay)
        return Plan()


def _sync_until(engine: SyncEngine, done: Callable[[], bool], stop: threading.Event) -> int:
    rounds = 0
    while rounds < MAX_ROUNDS and not stop.is_set():
        rounds += 1
        engine.run_once()
        if done():
            return rounds
    raise AssertionError(f"did not converge in {rounds} rounds")


def _all_acked(center: Center) -> bool:
    counts = center.sync.status().counts
    return counts["acked"] > 0 and counts["pending"] == counts["in_flight"] == 0


def _everything_acked(center: Center) -> bool:
    return all(row["state"] == "acked" for row in outbox_rows(center).values())


def _state(center: Center, case_uuid: str) -> str | None:
    case = center.cases.by_uuid(case_uuid)
    return None if case is None else case.state.value


def test_a_flaky_link_delivers_every_event_once_and_every_decision_to_its_center(
        tmp_path: Path, hub: HubProcess) -> None:
    chaos = Chaos(seed=20261127)
    sites = [make_site(tmp_path, hub, name=f"第{n}村便民服务站") for n in range(3)]
    expected_events = {}
    real_cases: dict[str, list[tuple[str, str]]] = {}
    for n, site in enumerate(sites):
        with site.center() as center:
            cases = accept_cases(center, 10)
            queue_notices(center, 219 - (n == 2), per_stream=3)
            queue_notices(center, 2 * (n == 2))  # 667 + 667 + 666
            real_cases[site.code] = [(c.uuid, c.case_number or "") for c in cases]
            expected_events[site.code] = center.sync.status().counts["pending"]
    assert sum(expected_events.values()) == 2000

    decisions: dict[str, str] = {}  # case uuid -> the local state it must end in
    failures: list[BaseException] = []
    stop = threading.Event()
    decided = threading.Event()

    def center_thread(site: Site, proxy_url: str) -> None:
        try:
            with site.center() as center, syncing(center, site, proxy_url,
                                                  batch_size=100) as engine:
                logged_in.wait(timeout=60)
                _sync_until(engine, lambda: _all_acked(center), stop)
                decided.wait(timeout=120)
                mine = [u for u, _n in real_cases[site.code]]
                _sync_until(engine, lambda: all(_state(center, u) == decisions[u]
                                                for u in mine), stop)
                # the decisions moved the audit chain: its anchor goes up through the chaos too
                _sync_until(engine, lambda: _everything_acked(center), stop)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
            stop.set()

    logged_in = threading.Barrier(len(sites) + 1)
    with FaultProxy(hub.port, chaos) as proxy:
        threads = [threading.Thread(target=center_thread, args=(s, proxy.url))
                   for s in sites]
        for thread in threads:
            thread.start()
        logged_in.wait(timeout=60)  # logins pass cleanly; the chaos starts now
        chaos.on = True
        _decide_when_received(hub, real_cases, decisions, stop)
        decided.set()
        for thread in threads:
            thread.join(timeout=300)
        chaos.on = False
    assert not failures, failures[0]
    assert proxy.count("events:batch", "duplicated") > 0
    assert proxy.count("events:batch", "drop") + proxy.count("events:batch", "reset") > 0
    for site in sites:
        with site.center() as center:
            assert_in_step(center, hub.data_dir, site.code)
            assert len(business_events(hub.data_dir, site.code)) == expected_events[site.code]
            for case_uuid, _number in real_cases[site.code]:
                case = center.cases.by_uuid(case_uuid)
                assert case is not None and case.state.value == decisions[case_uuid]
            others = {u for code, cs in real_cases.items() if code != site.code
                      for u, _n in cs}
            assert all(center.cases.by_uuid(u) is None for u in others)


def _decide_when_received(hub: HubProcess, real_cases: dict[str, list[tuple[str, str]]],
                          decisions: dict[str, str], stop: threading.Event) -> None:
    """County staff decide every real case as soon as it has reached the hub."""
    verdicts = ["approve", "ready", "deny", "supplement"]
    pending = [(code, uuid, number, verdicts[n % 4])
               for code, cases in real_cases.items()
               for n, (uuid, number) in enumerate(cases)]
    with Hub.open(hub.data_dir) as county:
        deadline = time.monotonic() + 120
        while pending and not stop.is_set():
            assert time.monotonic() < deadline, "cases never reached the hub"
            present = {c.case_number for c in county.cases()}
            for entry in list(pending):
                _code, case_uuid, number, verdict = entry
                if number not in present:
                    continue
                if verdict == "approve":
                    county.approve(number, "准予")
                    decisions[case_uuid] = "approved"
                elif verdict == "ready":
                    county.approve(number, "准予")
                    county.ready(number, "村便民服务站", None)
                    decisions[case_uuid] = "ready_for_pickup"
                elif verdict == "deny":
                    county.deny(number, "不符合条件")
                    decisions[case_uuid] = "denied"
                else:
                    county.request_supplement(number, ["收入证明"], None)
                    decisions[case_uuid] = "supplement_requested"
                pending.remove(entry)
            time.sleep(0.05)


# ------------------------------------------------------------------ the hub goes away


@pytest.fixture
def own_hub(tmp_path: Path) -> HubProcess:
    process = HubProcess(tmp_path / "ownhub").start()
    yield process  # type: ignore[misc]
    process.stop()


def _restart(hub: HubProcess, proxy: FaultProxy) -> None:
    hub.start()  # a new port; the center keeps talking to the proxy
    proxy.upstream_port = hub.port


def test_a_hub_restart_and_a_hub_killed_mid_batch_lose_and_double_nothing(
        tmp_path: Path, own_hub: HubProcess) -> None:
    site = make_site(tmp_path, own_hub)
    killed = threading.Event()

    def kill_mid_batch(request: Request) -> Plan:
        if "events:batch" in request.path and not killed.is_set():
            killed.set()
            pid = own_hub.proc.pid if own_hub.proc else 0

            def kill_soon() -> None:
                time.sleep(random.uniform(0.0, 0.08))  # while the hub ingests 500 events
                os.kill(pid, signal.SIGKILL)

            threading.Thread(target=kill_soon, daemon=True).start()
        return Plan()

    with FaultProxy(own_hub.port) as proxy, site.center() as center, \
            syncing(center, site, proxy.url, batch_size=500) as engine:
        accept_cases(center, 20)
        queue_notices(center, 300, per_stream=3)
        # 1. The hub stops and comes back between runs.
        own_hub.stop()
        report = engine.run_once()
        assert report.error is not None
        assert center.sync.status().counts["pending"] == 920
        _restart(own_hub, proxy)
        # 2. The hub is SIGKILLed while it takes in a batch of 500.
        proxy.plan = kill_mid_batch
        report = engine.run_once()
        assert killed.is_set()
        own_hub.proc.wait(timeout=10)  # type: ignore[union-attr]
        _restart(own_hub, proxy)
        proxy.plan = lambda request: Plan()
        for _round in range(20):
            if engine.run_once().ok and _all_acked(center):
                break
        assert_in_step(center, own_hub.data_dir, site.code)
        assert len(business_events(own_hub.data_dir, site.code)) == 920
    conn = sqlite3.connect(own_hub.data_dir / "hub.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
