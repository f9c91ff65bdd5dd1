"""Hub ingest rate: 10,000 synthetic ``case_accepted`` events in batches of 200, pushed over
real HTTP to a real ``bianmin-hub serve`` process on this machine.

Run on demand: ``.venv/bin/python bench/bench_hub_ingest.py [--events N] [--batch N]``.
Prints the median and p95 batch latency, events/s, and for scale a plain-sqlite3 baseline
(the same JSON rows inserted with the same pragmas, one transaction per batch). DESIGN §7
target: 10,000 events pushed to a local hub in ≤ 20 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))

from core.case_numbers import make_case_number  # noqa: E402
from sync.hub.service import Hub  # noqa: E402
from sync.protocol import PREFIX, EventType, Operator, make_event  # noqa: E402

CENTER = "330110101001"
TZ = dt.timezone(dt.timedelta(hours=8))


def synthetic_events(count: int) -> list[dict[str, Any]]:
    start = dt.date(2027, 1, 1)
    at = dt.datetime(2027, 1, 1, 9, tzinfo=TZ).isoformat()
    events = []
    for n in range(count):
        day = start + dt.timedelta(days=n // 9999)
        payload = {
            "case_number": make_case_number(CENTER, day, n % 9999 + 1),
            "tracking_token": "K7Q2MX",
            "item": {"code": "20-YL-001", "name": "城乡居民基本养老保险参保登记",
                     "catalog_version": "1", "promised_days": 3},
            "applicant": {"name": "欧阳小红", "id_type": "resident_id",
                          "id_number": "11010519491231002X", "phone": "13800138000",
                          "address": "浙江省杭州市余杭区良渚街道某村12号"},
            "agent": None,
            "materials": [{"name": "申请人居民身份证", "received": True},
                          {"name": "户口簿（首页及本人页）", "received": True}],
            "accepted_at": at, "deadline": "2027-01-06", "deadline_provisional": False,
            "first_contact_staff": "王小明", "ticket_number": f"A{n % 999 + 1:03d}",
        }
        events.append(make_event(case_id=str(uuid.uuid4()), seq=1,
                                 type=EventType.CASE_ACCEPTED, occurred_at=at,
                                 payload=payload, operator=Operator(2, "王小明")).to_wire())
    return events


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_hub(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.hub.cli", "serve", "--data-dir", str(data_dir),
         "--port", str(port)], cwd=TOP, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}{PREFIX}"
    for _attempt in range(400):
        try:
            if requests.get(base + "/ping", timeout=1).ok:
                return proc, base
        except requests.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("hub did not start")


def push_all(base: str, token: str, events: list[dict[str, Any]], size: int) -> list[float]:
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}"}
    latencies = []
    for start in range(0, len(events), size):
        body = {"protocol": 1, "batch_id": str(uuid.uuid4()),
                "events": events[start:start + size]}
        began = time.perf_counter()
        r = session.post(base + "/events:batch", json=body, headers=headers, timeout=120)
        latencies.append(time.perf_counter() - began)
        r.raise_for_status()
        outcomes = {result["outcome"] for result in r.json()["results"]}
        if outcomes != {"accepted"}:
            raise SystemExit(f"unexpected outcomes {outcomes}")
    return latencies


def baseline(path: Path, events: list[dict[str, Any]], size: int) -> float:
    """Plain sqlite3: the same rows, same pragmas, one transaction per batch."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, event_id TEXT UNIQUE, "
                 "payload TEXT)")
    began = time.perf_counter()
    for start in range(0, len(events), size):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO events (event_id, payload) VALUES (?, ?)",
                         [(e["event_id"], json.dumps(e, ensure_ascii=False))
                          for e in events[start:start + size]])
        conn.execute("COMMIT")
    took = time.perf_counter() - began
    conn.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    events = synthetic_events(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "hub"
        with Hub.open(data_dir) as hub:
            password = hub.add_center(CENTER, "基准测试村便民服务站")
        proc, base = start_hub(data_dir)
        try:
            login = requests.post(base + "/auth/login", json={
                "account": CENTER, "password": password, "device_id": "bench"}, timeout=30)
            login.raise_for_status()
            began = time.perf_counter()
            latencies = push_all(base, login.json()["access_token"], events, args.batch)
            total = time.perf_counter() - began
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        plain = baseline(Path(tmp) / "plain.sqlite3", events, args.batch)
    ordered = sorted(latencies)
    print(f"events: {args.events} in {len(latencies)} batches of {args.batch}")
    print(f"batch latency: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"p95 {ordered[int(len(ordered) * 0.95) - 1] * 1000:.1f} ms")
    print(f"hub ingest: {total:.2f} s total, {args.events / total:.0f} events/s")
    print(f"plain sqlite3 baseline: {plain:.2f} s ({args.events / plain:.0f} rows/s); "
          f"hub/baseline = {total / plain:.1f}x")
    print("target (DESIGN §7): 10,000 events ≤ 20 s:",
          "met" if total * 10_000 / args.events <= 20 else "NOT met")


if __name__ == "__main__":
    main()
