"""The engine against a real hub process: the round trip, the idempotency matrix, per-item
acknowledgement, poison isolation, lost replies, portals and redirects, 410, auth expiry.

Faults come from a proxy of our own on loopback (tests/sync/proxy.py).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from core import outbox
from core.canonical import canonical_json, sha256_hex
from core.center import Center
from sync.client.errors import FailureKind
from sync.client.lock import SyncLock
from tests.hub.hubkit import HubProcess, run_cli
from tests.sync.kit import (
    RESIDENT,
    accept_cases,
    assert_in_step,
    business_events,
    business_rows,
    clerk,
    cli_login,
    copy_site,
    hub_events,
    hub_refreshes,
    make_site,
    outbox_rows,
    queue_notices,
    run_bianmin,
    start_bianmin,
    states,
    syncing,
)
from tests.sync.proxy import (
    Counter,
    FaultProxy,
    Plan,
    Reply,
    Request,
    html_portal,
    json_without_header,
    redirect_to,
)

PROTO = [("Content-Type", "application/json"), ("X-Bianmin-Protocol", "1")]


def protocol_error(status: int, code: str, message: str,
                   extra: list[tuple[str, str]] | None = None) -> Reply:
    body = json.dumps({"error": code, "message": message}, ensure_ascii=False).encode()
    return Reply(status, PROTO + (extra or []), body)


def only(path: str, plan: Plan) -> Any:
    """A proxy plan applying ``plan`` to requests whose path contains ``path``."""
    def decide(request: Request) -> Plan:
        return plan if path in request.path else Plan()
    return decide


def nothing_consumed(center: Center) -> None:
    rows = outbox_rows(center).values()
    assert {r["state"] for r in rows} == {"pending"}
    assert {r["attempts"] for r in rows} == {0}


# ------------------------------------------------------------------ the round trip


def test_cases_go_up_and_decisions_come_back(site: Any, hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        first, second, third = accept_cases(center, 3)
        report = engine.run_once()
        assert report.ok, report.error
        assert report.pushed.acked == 3 and report.stats_sent
        assert_in_step(center, hub.data_dir, site.code)
        assert {center.cases.get(c.id).state.value for c in (first, second, third)} == {
            "submitted"}
        assert run_cli(hub.data_dir, "case", "supplement", first.case_number,
                       "--materials", "收入证明").code == 0
        assert run_cli(hub.data_dir, "case", "deny", second.case_number,
                       "--reason", "家庭收入超过标准").code == 0
        assert run_cli(hub.data_dir, "case", "approve", third.case_number).code == 0
        assert run_cli(hub.data_dir, "case", "ready", third.case_number).code == 0
        assert engine.run_once().ok
        got = {c.id: center.cases.get(c.id) for c in (first, second, third)}
        assert got[first.id].state.value == "supplement_requested"
        assert got[first.id].hub_case_number is not None
        assert (got[second.id].state.value, got[second.id].reason) == ("denied",
                                                                        "家庭收入超过标准")
        assert got[third.id].state.value == "ready_for_pickup"
        # The resident brings the material; the hub receives the case again, which is
        # no news for the center (no "hub_ignored" line on the case).
        center.cases.supply(first.id, ["收入证明"], clerk(center))
        center.cases.pick_up(third.id, clerk(center))
        center.cases.pick_up(second.id, clerk(center))
        report = engine.run_once()
        assert report.ok and report.pushed.acked == 3 and report.feed.unchanged == 1
        assert "hub_ignored" not in {e["action"] for e in center.cases.timeline(first.id)}
        assert_in_step(center, hub.data_dir, site.code)
        status = center.sync.status()
        assert status.last_success_at is not None and status.attention == []
        assert status.skew_seconds is not None and abs(status.skew_seconds) < 60
    hub_view = run_cli(hub.data_dir, "case", "list", "--center", site.code).out
    assert hub_view.count("已取件，办结") == 2  # a denial handed over is completed too


def test_a_case_completed_on_the_spot_is_completed_on_the_hub_too(tmp_path: Path,
                                                                 hub: HubProcess) -> None:
    site = make_site(tmp_path, hub, name="良渚街道便民服务中心", code="330110104000")
    with site.center() as center, syncing(center, site, hub.base) as engine:
        who = clerk(center)
        case = center.cases.new(who, "20-RS-003", RESIDENT)  # 即办件 decided by the township
        case = center.cases.receive_materials(case.id, [m.name for m in case.blocking], who)
        case = center.cases.accept(case.id, who)
        assert case.state.value == "completed"
        assert engine.run_once().pushed.acked == 1
        assert center.cases.get(case.id).state.value == "completed"
    assert "已取件，办结" in run_cli(hub.data_dir, "case", "list", "--center", site.code).out


# ------------------------------------------------------------------ idempotency matrix


def test_resending_acknowledged_events_replays_their_outcome(site: Any,
                                                             hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        accept_cases(center, 3)
        queue_notices(center, 2)
        assert engine.run_once().ok
        first = outbox_rows(center)
        # The acknowledgements are lost (say, an old copy of the database comes back).
        center.db.execute("UPDATE outbox SET state = 'pending', server_seq = NULL")
        report = engine.run_once()
        assert report.ok and report.pushed.acked == 5
        assert outbox_rows(center) == first  # same server_seq: the stored outcome
        assert_in_step(center, hub.data_dir, site.code)


def test_same_id_with_different_content_is_quarantined_and_the_hub_keeps_the_original(
        site: Any, hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        [event_id] = queue_notices(center, 1)
        assert engine.run_once().ok
        original = hub_events(hub.data_dir, site.code)[event_id]
        payload = {"item": {"code": "X", "name": "改过的内容", "catalog_version": "1",
                            "promised_days": None}, "missing": [], "issued_at":
                   "2027-01-01T09:00:00+08:00"}
        center.db.execute("UPDATE outbox SET state = 'pending', payload = ?, "
                          "payload_sha256 = ? WHERE event_id = ?",
                          (canonical_json(payload), sha256_hex(payload), event_id))
        report = engine.run_once()
        assert report.pushed.quarantined == 1
        row = outbox_rows(center)[event_id]
        assert row["state"] == "quarantined" and "不同的内容" in row["reason"]
        assert hub_events(hub.data_dir, site.code)[event_id] == original
        [attention] = center.sync.status().attention
        assert attention.event_id == event_id and "已隔离" in attention.reason


@pytest.mark.slow
def test_several_processes_pushing_the_same_events_store_one_row_each(
        site: Any, hub: HubProcess, tmp_path: Path) -> None:
    with site.center() as center:
        accept_cases(center, 30)
        queue_notices(center, 40, per_stream=3)
    copies = [copy_site(site, tmp_path / f"pc{n}") for n in range(3)]
    for copy in copies:
        cli_login(copy, hub.base)
    children = [start_bianmin(copy, "sync", "run", "--once") for copy in copies]
    for child in children:
        _out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    remote = business_events(hub.data_dir, site.code)
    assert len(remote) == 150
    for copy in copies:
        with copy.center() as center:  # each copy also anchored the same chain itself
            assert_in_step(center, hub.data_dir, site.code, anchors=False)


def test_an_older_copy_reissuing_a_case_number_gets_an_explicit_refusal(
        site: Any, hub: HubProcess, tmp_path: Path) -> None:
    """A center restored from yesterday's backup numbers a new case with a number the hub
    already holds for another case: the hub says so (rejected, with a reason), the case
    waits with its later events, and every other case still goes up."""
    old = copy_site(site, tmp_path / "backup")
    with site.center() as center, syncing(center, site, hub.base) as engine:
        [kept] = accept_cases(center, 1)
        assert engine.run_once().ok
    with old.center() as center, syncing(center, old, hub.base) as engine:
        clash, other = accept_cases(center, 2)
        assert clash.case_number == kept.case_number
        report = engine.run_once()
        assert (report.pushed.rejected, report.pushed.acked) == (1, 1)
        center.cases.withdraw(clash.id, "群众申请撤回", clerk(center))
        rows = {(r["stream_id"], r["type"]): r for r in outbox_rows(center).values()}
        refused = rows[(clash.uuid, "case_accepted")]
        assert refused["state"] == "rejected" and "已被另一个办件使用" in refused["reason"]
        assert rows[(clash.uuid, "case_withdrawn")]["state"] == "pending"
        assert rows[(other.uuid, "case_accepted")]["state"] == "acked"
        assert center.cases.get(other.id).state.value == "submitted"
        reasons = [a.reason for a in center.sync.status().attention]
        assert len(reasons) == 2 and "上级退回" in reasons[0] and "前一条" in reasons[1]
        assert engine.run_once().pushed.acked == 0  # the held event stays held


def test_one_malformed_event_is_quarantined_and_the_rest_are_sent(site: Any,
                                                                  hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        accept_cases(center, 2)
        with center.db.write():
            bad = outbox.append(center.db, center.clock, clerk(center),
                                "0b0f3c2e-0000-4000-8000-00000000abcd",
                                outbox.EventType.CASE_ACCEPTED, {"case_number": "nonsense"})
        queue_notices(center, 3)
        report = engine.run_once()
        assert (report.pushed.quarantined, report.pushed.acked) == (1, 5)
        rows = outbox_rows(center)
        assert rows[bad]["state"] == "quarantined" and "事件内容不正确" in rows[bad]["reason"]
        assert bad not in hub_events(hub.data_dir, site.code)
        assert sum(r["state"] == "acked" for r in business_rows(center).values()) == 5


# ------------------------------------------------------------------ per-item acknowledgement


def test_an_event_missing_from_the_reply_stays_pending(site: Any, hub: HubProcess) -> None:
    def drop_first_result(reply: Reply) -> Reply:
        body = json.loads(reply.body)
        body["results"] = [r for r in body["results"] if r["event_id"] != ids[0]]
        return Reply(reply.status, reply.headers, json.dumps(body).encode())

    with site.center() as center, FaultProxy(hub.port, only("events:batch", Plan(
            edit=drop_first_result))) as proxy, syncing(center, site, proxy.url,
                                                        batch_size=4) as engine:
        ids = queue_notices(center, 4)
        report = engine.run_once()
        assert (report.pushed.acked, report.pushed.missing) == (3, 1)
        row = outbox_rows(center)[ids[0]]
        assert (row["state"], row["attempts"]) == ("pending", 0)
        assert set(business_events(hub.data_dir, site.code)) == set(ids)  # the hub has it
        proxy.plan = lambda request: Plan()
        center.outbox.retry_now(clerk(center))
        assert engine.run_once().pushed.acked == 1
        assert_in_step(center, hub.data_dir, site.code)


@pytest.mark.parametrize("how", ["drop", "reset"])
def test_a_lost_reply_is_resent_and_acked_once(site: Any, hub: HubProcess, how: str) -> None:
    with site.center() as center, FaultProxy(hub.port, only("events:batch", Plan(
            after=how))) as proxy, syncing(center, site, proxy.url) as engine:
        accept_cases(center, 2)
        queue_notices(center, 3)
        report = engine.run_once()
        assert report.failure is FailureKind.NETWORK and not report.ok
        nothing_consumed(center)
        assert len(business_events(hub.data_dir, site.code)) == 5  # committed on the hub
        proxy.plan = lambda request: Plan()
        report = engine.run_once()
        assert report.ok and report.pushed.acked == 5
        assert_in_step(center, hub.data_dir, site.code)
        assert {center.cases.get(c).state.value for c in (1, 2)} == {"submitted"}


@pytest.mark.parametrize("reply", [
    html_portal(),
    redirect_to("http://portal.example.net/login?from=hub"),
    json_without_header(b'{"batch_id": "x", "results": []}'),
    Reply(200, PROTO, b"<html>not json</html>"),
    Reply(200, PROTO, b'{"batch_id": "x", "results": "all good"}'),
], ids=["html-200", "redirect", "no-protocol-header", "unparseable", "wrong-shape"])
def test_replies_that_are_not_the_protocol_consume_nothing(site: Any, hub: HubProcess,
                                                           reply: Reply) -> None:
    with site.center() as center, FaultProxy(hub.port) as proxy, \
            syncing(center, site, proxy.url) as engine:
        queue_notices(center, 3)
        proxy.plan = lambda request: Plan(canned=reply)
        report = engine.run_once()
        assert report.failure is FailureKind.NETWORK, report.error
        nothing_consumed(center)
        assert hub_events(hub.data_dir, site.code) == {}
        assert center.feed.cursor() is None
        assert center.sync.status().last_error == report.error
        assert center.sync.paused_reason() is None


def test_a_redirect_is_never_followed(site: Any, hub: HubProcess) -> None:
    with site.center() as center, FaultProxy(hub.port) as other_host, \
            FaultProxy(hub.port) as proxy, syncing(center, site, proxy.url) as engine:
        queue_notices(center, 2)
        proxy.plan = only("events:batch", Plan(canned=redirect_to(
            other_host.url + "/sync/v1/events:batch")))
        report = engine.run_once()
        assert "重定向" in (report.error or "")
        assert other_host.count("events:batch") == 0
        nothing_consumed(center)


def test_a_struggling_hub_costs_attempts_and_its_retry_after_is_honoured(
        site: Any, hub: HubProcess) -> None:
    busy = protocol_error(503, "unavailable", "上级数据库暂时无法使用", [("Retry-After", "120")])
    with site.center() as center, FaultProxy(hub.port, only("events:batch", Plan(
            canned=busy))) as proxy, syncing(center, site, proxy.url) as engine:
        [case] = accept_cases(center, 1)
        report = engine.run_once()
        assert (report.failure, report.retry_after) == (FailureKind.SERVER, 120.0)
        [row] = business_rows(center).values()
        assert (row["state"], row["attempts"]) == ("pending", 1)
        assert center.outbox.due_count() == 0  # waits out Retry-After
        assert proxy.count("/feed") >= 1  # decisions still come down meanwhile
        assert center.cases.get(case.id).state.value == "accepted"


def test_an_unsupported_protocol_pauses_until_upgraded(site: Any, hub: HubProcess) -> None:
    old = protocol_error(400, "unsupported_protocol", "不支持的协议版本1，请升级软件")
    with site.center() as center, FaultProxy(hub.port, only("events:batch", Plan(
            canned=old))) as proxy, syncing(center, site, proxy.url) as engine:
        queue_notices(center, 2)
        report = engine.run_once()
        assert report.paused is not None and "需要升级软件" in report.paused
        nothing_consumed(center)
        assert engine.run_once().paused == report.paused
        assert proxy.count("events:batch") == 1  # a paused queue does not knock again


# ------------------------------------------------------------------ 410


def test_an_expired_cursor_rebaselines_without_losing_unsent_events(
        site: Any, hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        first, second = accept_cases(center, 2)
        assert engine.run_once().ok
        assert run_cli(hub.data_dir, "case", "approve", first.case_number,
                       "--result", "准予").code == 0
        assert run_cli(hub.data_dir, "feed", "reset", site.code).code == 0
        third = accept_cases(center, 1)[0]
        queue_notices(center, 2)
        unsent = {k: v for k, v in outbox_rows(center).items() if v["state"] == "pending"}
        assert len(unsent) == 3
        tally, rebaselined = engine.pull()
        assert rebaselined and tally.applied >= 1
        assert {k: outbox_rows(center)[k] for k in unsent} == unsent
        got = center.cases.get(first.id)
        assert (got.state.value, got.result) == ("approved", "准予")
        assert center.feed.cursor() is not None
        assert center.feed.cursor().startswith("2:")
        report = engine.run_once()
        assert report.ok and report.pushed.acked == 3 and not report.rebaselined
        assert_in_step(center, hub.data_dir, site.code)
        assert center.cases.get(third.id).state.value == "submitted"
        assert center.cases.get(second.id).state.value == "submitted"


# ------------------------------------------------------------------ auth


@pytest.fixture(scope="module")
def short_hub(tmp_path_factory: pytest.TempPathFactory) -> Any:
    process = HubProcess(tmp_path_factory.mktemp("shorthub"), "--access-ttl", "1").start()
    yield process
    process.stop()


@pytest.mark.slow
def test_token_expiry_mid_drain_refreshes_once_per_expiry_and_consumes_nothing(
        short_hub: HubProcess, tmp_path: Path) -> None:
    site = make_site(tmp_path, short_hub)
    expired = Counter()

    def slow(request: Request) -> Plan:
        def note(reply: Reply) -> Reply:
            if reply.status == 401:
                expired.next()
            return reply
        return Plan(delay=0.3 if "events:batch" in request.path else 0.0, edit=note)

    with site.center() as center, FaultProxy(short_hub.port, slow) as proxy, \
            syncing(center, site, proxy.url, batch_size=2) as engine:
        queue_notices(center, 16)
        engine.auth.access_token()  # a new process starts by refreshing once
        before = hub_refreshes(short_hub.data_dir, site.code)
        report = engine.run_once()
        assert report.ok, report.error
        assert report.pushed.acked == 16
        # Each expiry: exactly one refresh (no storm), and nothing was consumed by it.
        assert expired.value >= 1
        assert engine.auth.refreshes == expired.value + 1
        assert hub_refreshes(short_hub.data_dir, site.code) - before == expired.value
        assert {r["attempts"] for r in outbox_rows(center).values()} == {0}
        assert_in_step(center, short_hub.data_dir, site.code)


def test_a_refresh_is_single_flight_across_threads(short_hub: HubProcess,
                                                   tmp_path: Path) -> None:
    site = make_site(tmp_path, short_hub)
    with site.center() as center, syncing(center, site, short_hub.base) as engine:
        stale = engine.auth.access_token()
        before = hub_refreshes(short_hub.data_dir, site.code)
        start = threading.Barrier(8)
        got: list[str] = []

        def worker() -> None:
            start.wait()
            got.append(engine.auth.refresh(stale=stale))

        threads = [threading.Thread(target=worker) for _n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert len(got) == 8 and len(set(got)) == 1 and stale not in got
        assert hub_refreshes(short_hub.data_dir, site.code) - before == 1


def test_a_failed_refresh_pauses_with_the_queue_intact(site: Any, hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        accept_cases(center, 2)
        queue_notices(center, 2)
        result = run_cli(hub.data_dir, "center", "passwd", site.code)  # every token revoked
        assert result.code == 0
        site.password = result.out.split("新密码：")[1].split()[0]
        report = engine.run_once()
        assert report.paused is not None and "需要重新登录" in report.paused
        nothing_consumed(center)
        assert center.sync.status().paused_reason == report.paused
        assert engine.run_once().paused == report.paused  # stays paused, asks nothing
    with site.center() as center, syncing(center, site, hub.base) as engine:
        assert center.sync.paused_reason() is None  # logging in again lifts the pause
        report = engine.run_once()
        assert report.ok and report.pushed.acked == 4
        assert_in_step(center, hub.data_dir, site.code)


def test_a_revoked_center_pauses_and_keeps_its_queue(tmp_path: Path, hub: HubProcess) -> None:
    site = make_site(tmp_path, hub)
    with site.center() as center, syncing(center, site, hub.base) as engine:
        queue_notices(center, 3)
        assert run_cli(hub.data_dir, "center", "revoke", site.code).code == 0
        report = engine.run_once()
        assert report.failure is FailureKind.REVOKED
        assert report.paused is not None and "停用" in report.paused
        nothing_consumed(center)


# ------------------------------------------------------------------ one at a time


def test_one_sync_at_a_time_per_data_directory(site: Any, hub: HubProcess) -> None:
    with site.center() as center, syncing(center, site, hub.base) as engine:
        queue_notices(center, 2)
        with SyncLock(center.data_dir.sync_lock).held():
            assert engine.run_once().busy
            child = run_bianmin(site, "sync", "run", "--once")
            assert child.returncode == 2 and "另一个同步正在进行" in child.stderr
            nothing_consumed(center)
        assert engine.run_once().pushed.acked == 2
        assert states(center)["acked"] == 2


# ------------------------------------------------------------------ the loop


class RecordingWake:
    """Stands in for the loop's wake-up event: records each wait instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def wait(self, timeout: float) -> bool:
        self.waits.append(timeout)
        return False

    def set(self) -> None:
        return None

    def clear(self) -> None:
        return None


def test_the_loop_backs_off_honours_retry_after_and_survives_a_bug(
        site: Any, hub: HubProcess) -> None:
    busy = protocol_error(503, "unavailable", "上级数据库暂时无法使用", [("Retry-After", "120")])
    with site.center() as center, FaultProxy(hub.port, only("events:batch", Plan(
            canned=busy))) as proxy, syncing(center, site, proxy.url, interval=60.0) as engine:
        wake = RecordingWake()
        engine._wake = wake  # type: ignore[assignment]
        queue_notices(center, 2)
        engine.run_forever(max_runs=2)  # a busy hub, then a run with nothing due yet
        proxy.plan = lambda request: Plan()
        center.outbox.retry_now(clerk(center))
        real = engine.run_once
        calls: list[int] = []

        def buggy_then_fine() -> Any:
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("a bug")
            return real()

        engine.run_once = buggy_then_fine  # type: ignore[method-assign]
        engine.run_forever(max_runs=3)
        assert len(calls) == 3
        assert wake.waits[0] >= 120  # Retry-After, not the 60 s interval
        assert 1.0 <= wake.waits[1] <= 60  # after the bug: sooner than the interval
        assert wake.waits[2] == 60  # after a good run: the interval
        assert states(center)["acked"] == 2
