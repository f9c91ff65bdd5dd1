"""Half-sent and abandoned uploads: the token is checked before the body is read, a body
must arrive within the read deadline, and a client that goes away is one INFO line.

Raw sockets against a real ``bianmin-hub serve``; memory is the child's peak RSS.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.protocol import MAX_BATCH_BYTES
from tests.hub.hubkit import (
    HubProcess,
    accepted,
    batch,
    peak_rss_mb,
    raw_connection,
    read_response,
)

pytestmark = pytest.mark.slow

PIECE = b" " * 65536


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub", "--body-timeout", "10").start()
    yield process
    process.stop()


def _log(hub: HubProcess) -> str:
    path = hub.data_dir / "logs" / "bianmin-hub.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _send_some(sock: socket.socket, size: int) -> None:
    """Send up to ``size`` bytes of body; stop quietly when the hub stops listening."""
    sock.settimeout(2)
    sent = 0
    with contextlib.suppress(OSError):
        while sent < size:
            sock.sendall(PIECE)
            sent += len(PIECE)


def test_a_hundred_half_sent_bodies_with_a_bad_token_cost_no_memory(hub: HubProcess) -> None:
    assert hub.proc is not None
    hub.new_center()  # warm the app up before the baseline
    before = peak_rss_mb(hub.proc.pid)
    sockets = []
    for _ in range(100):
        sock = raw_connection(hub.port, "/events:batch", token="stolen-or-guessed",
                              length=MAX_BATCH_BYTES)
        _send_some(sock, MAX_BATCH_BYTES * 3 // 4)
        sockets.append(sock)
    statuses = []
    for sock in sockets:
        sock.settimeout(30)
        with sock:
            status, headers, body = read_response(sock)
        statuses.append(status)
        assert headers.get("connection") == "close"
        assert json.loads(body)["error"] == "unauthorized"
    assert set(statuses) == {401}
    assert peak_rss_mb(hub.proc.pid) - before < 60
    assert "Traceback" not in _log(hub)


def test_half_sent_bodies_with_a_valid_token_are_bounded_per_center(hub: HubProcess) -> None:
    village = hub.new_center()
    assert hub.proc is not None
    before = peak_rss_mb(hub.proc.pid)
    sockets = []
    for _ in range(60):
        sock = raw_connection(hub.port, "/events:batch", token=village.access,
                              length=MAX_BATCH_BYTES)
        _send_some(sock, MAX_BATCH_BYTES * 3 // 4)
        sockets.append(sock)
    statuses = []
    for sock in sockets:
        sock.settimeout(60)
        with sock:
            status, headers, _body = read_response(sock)
        statuses.append(status)
        if status == 429:
            assert int(headers["retry-after"]) >= 1
    # A few uploads of one center are read (and time out: the rest never came); the
    # others are turned away at once instead of each holding up to 2 MiB.
    assert set(statuses) == {408, 429}
    assert statuses.count(408) <= 8
    assert peak_rss_mb(hub.proc.pid) - before < 40
    # The center's next honest batch goes through.
    assert village.push_ok([accepted(village.case_number())])[0]["outcome"] == "accepted"


def test_a_body_that_stops_arriving_is_answered_408_and_the_connection_closed(
        hub: HubProcess) -> None:
    village = hub.new_center()
    with raw_connection(hub.port, "/events:batch", token=village.access, length=1000) as sock:
        sock.sendall(b'{"protocol": 1, ')
        sock.settimeout(60)
        status, headers, body = read_response(sock)
        assert status == 408
        assert headers["connection"] == "close"
        assert json.loads(body)["error"] == "request_timeout"
        assert sock.recv(1) == b""  # closed by the hub
    assert "Traceback" not in _log(hub)


def test_a_client_that_goes_away_mid_body_is_one_info_line(hub: HubProcess) -> None:
    village = hub.new_center()
    data = json.dumps(batch([accepted(village.case_number())])).encode()
    with raw_connection(hub.port, "/events:batch", token=village.access,
                        length=len(data)) as sock:
        sock.sendall(data[: len(data) // 2])
    deadline = time.monotonic() + 30
    while "events:batch 499" not in _log(hub) and time.monotonic() < deadline:
        time.sleep(0.1)
    log = _log(hub)
    [line] = [line for line in log.splitlines() if "events:batch 499" in line]
    assert " INFO " in line
    assert "Traceback" not in log
    assert " ERROR " not in log
