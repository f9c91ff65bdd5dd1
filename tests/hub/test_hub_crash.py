"""kill -9 of the hub in the middle of big batches: nothing committed is lost, and the
client's resend of every unanswered batch ends with each event stored exactly once."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.hub.store import Store
from tests.hub.hubkit import (
    CenterClient,
    HubProcess,
    accepted,
    add_center,
    batch,
    event_counts,
    raw_connection,
)

pytestmark = pytest.mark.slow


def _batches(client: CenterClient, count: int, size: int) -> list[dict[str, Any]]:
    return [batch([accepted(client.case_number()) for _ in range(size)]) for _ in range(count)]


def _wait_for(condition: Any, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def _restart(hub: HubProcess, client: CenterClient) -> None:
    hub.start()
    client.hub = hub
    client.session = requests.Session()  # the old keep-alive connection died with the hub
    client.login()


def _integrity(data_dir: Path) -> str:
    store = Store.in_dir(data_dir)
    try:
        with store.read() as tx:
            return tx.integrity_check()
    finally:
        store.close()


def test_kill_during_an_upload_and_after_an_unanswered_commit_loses_and_doubles_nothing(
        tmp_path: Path) -> None:
    hub = HubProcess(tmp_path / "hub").start()
    try:
        code, password = add_center(hub.data_dir)
        client = CenterClient(hub, code, password).login()
        acked, unanswered, half_sent = _batches(client, 3, 500)

        first = client.push_ok(acked["events"])
        assert {r["outcome"] for r in first} == {"accepted"}
        # Committed but the reply never read: the client cannot know it arrived.
        body = json.dumps(unanswered).encode()
        lost_reply = raw_connection(hub.port, "/events:batch", token=client.access,
                                    length=len(body))
        lost_reply.sendall(body)
        _wait_for(lambda: event_counts(hub.data_dir, code).get("accepted") == 1000)
        # Still uploading when the hub dies.
        body = json.dumps(half_sent).encode()
        uploading = raw_connection(hub.port, "/events:batch", token=client.access,
                                   length=len(body))
        uploading.sendall(body[: len(body) // 2])
        time.sleep(0.2)
        hub.kill9()
        lost_reply.close()
        uploading.close()

        assert event_counts(hub.data_dir, code) == {"accepted": 1000}
        assert _integrity(hub.data_dir) == "ok"
        _restart(hub, client)
        replay = client.push_ok(acked["events"])
        assert [(r["outcome"], r["server_seq"]) for r in replay] == [
            ("duplicate", r["server_seq"]) for r in first]
        assert {r["outcome"] for r in client.push_ok(unanswered["events"])} == {"duplicate"}
        assert {r["outcome"] for r in client.push_ok(half_sent["events"])} == {"accepted"}
        assert event_counts(hub.data_dir, code) == {"accepted": 1500}
    finally:
        hub.stop()


def test_kill_at_a_random_moment_of_a_stream_of_batches_then_resend_is_exactly_once(
        tmp_path: Path) -> None:
    hub = HubProcess(tmp_path / "hub").start()
    try:
        code, password = add_center(hub.data_dir)
        client = CenterClient(hub, code, password).login()
        batches = _batches(client, 12, 300)
        answered: dict[str, int] = {}

        def pusher() -> None:
            for b in batches:
                try:
                    results = client.push(b["events"], b["batch_id"]).json()["results"]
                except (requests.RequestException, ValueError):
                    return  # the hub died under this batch: no answer for it
                for result in results:
                    answered[result["event_id"]] = result["server_seq"]

        thread = threading.Thread(target=pusher)
        thread.start()
        _wait_for(lambda: event_counts(hub.data_dir, code).get("accepted", 0) >= 600)
        hub.kill9()
        thread.join(timeout=30)
        committed = event_counts(hub.data_dir, code).get("accepted", 0)
        assert committed >= len(answered) > 0
        assert _integrity(hub.data_dir) == "ok"

        _restart(hub, client)
        resent = [r for b in batches for r in client.push_ok(b["events"])]
        assert len(resent) == 12 * 300
        for result in resent:
            if result["event_id"] in answered:
                assert result == {"event_id": result["event_id"], "outcome": "duplicate",
                                  "server_seq": answered[result["event_id"]], "reason": None}
            else:
                assert result["outcome"] in ("accepted", "duplicate")
        assert sum(r["outcome"] == "accepted" for r in resent) == 12 * 300 - committed
        assert event_counts(hub.data_dir, code) == {"accepted": 12 * 300}
    finally:
        hub.stop()
