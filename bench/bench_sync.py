"""Sync engine throughput: 10,000 queued events pushed to a local hub, 10,000 feed items
pulled and applied, and the client's peak memory, against bare HTTP baselines.

Run on demand: ``.venv/bin/python bench/bench_sync.py [--cases N] [--events N]``.
The center is real (cases accepted through ``core``; the rest of the queue is one-time
notices); the hub is a real ``bianmin-hub serve`` process. Push and pull each run in a
child process (so ``ru_maxrss`` is the client's own peak). Baselines, measured in the same
run: the same batch bodies POSTed with plain ``requests`` to a second, fresh hub (no
client bookkeeping), and the same feed pages fetched with plain ``requests`` (not applied).
DESIGN §7 targets: push ≤ 20 s, pull ≤ 10 s, client memory ≤ 250 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
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

from bench.bench_hub_ingest import free_port  # noqa: E402
from core import outbox  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.cases import Applicant  # noqa: E402
from core.catalog import demo_catalog_text  # noqa: E402
from core.center import open_center  # noqa: E402
from core.clock import FixedClock, to_iso  # noqa: E402
from core.secrets import FileSecretStore  # noqa: E402
from sync.client.auth import Auth  # noqa: E402
from sync.client.engine import engine_for, transport_for  # noqa: E402
from sync.hub import cases as hub_cases  # noqa: E402
from sync.hub.service import Hub  # noqa: E402
from sync.protocol import PREFIX  # noqa: E402

CENTER = "330110101001"
DIBAO = "05-MZ-001"
RESIDENT = Applicant("张三丰", "11010519491231002X", "13812345678", "良渚街道新港村3组")
ADMIN = Actor.cli()


# ------------------------------------------------------------------ set-up


def start_hub(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.hub.cli", "serve", "--data-dir", str(data_dir),
         "--port", str(port)], cwd=TOP, stdout=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    for _attempt in range(400):
        try:
            if requests.get(root + PREFIX + "/ping", timeout=1).ok:
                return proc, root
        except requests.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("hub did not start")


def build_center(data_dir: Path, cases: int, events: int) -> None:
    """A center with ``cases`` accepted cases and one-time notices up to ``events``."""
    clock = FixedClock(dt.datetime(2027, 3, 1, 1, 0, tzinfo=dt.UTC))
    center = open_center(data_dir, clock=clock)
    center.initialize(CENTER, "基准测试村便民服务站", "village")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    clerk = Actor(center.staff.by_username("wang").id, "staff")
    for n in range(cases):
        if n and n % 5000 == 0:
            clock.advance(days=1)  # at most 9,999 case numbers a day
        case = center.cases.new(clerk, DIBAO, RESIDENT)
        case = center.cases.receive_materials(case.id, [m.name for m in case.blocking], clerk)
        center.cases.accept(case.id, clerk)
    payload = {"item": {"code": DIBAO, "name": "最低生活保障申请", "catalog_version": "1",
                        "promised_days": 20},
               "missing": ["户口簿"], "issued_at": to_iso(clock.now())}
    with center.db.write():
        for _n in range(events - cases):
            outbox.append(center.db, clock, clerk, str(uuid.uuid4()),
                          outbox.EventType.NOTICE_ISSUED, payload)
    center.close()


def login(data_dir: Path, hub_root: str, password: str, secrets: Path) -> None:
    center = open_center(data_dir)
    transport = transport_for(center, hub_root)
    auth = Auth(transport, FileSecretStore(secrets), account=CENTER,
                device_id=center.sync.device_id())
    pair = auth.login(password)
    transport.close()
    center.sync.save_login(transport.root, CENTER, pair.center_name, ADMIN)
    center.close()


def decide_everything(hub_dir: Path) -> int:
    """County staff approve every case and mark it ready: 3 feed items per case."""
    with Hub.open(hub_dir) as hub, hub.store.write() as tx:
        found = tx.cases(center_code=CENTER)
        for case in found:
            hub_cases.approve(tx, case, "准予", hub.now())
            updated = tx.case_by_id(case.case_id)
            assert updated is not None
            hub_cases.ready(tx, updated, "村便民服务站", None, hub.now())
        return tx.feed_max(CENTER)


# ------------------------------------------------------------------ the child


def child(mode: str, data_dir: Path, secrets: Path) -> None:
    """Runs in its own process: push or pull once, report timings and peak memory."""
    center = open_center(data_dir)
    engine = engine_for(center, FileSecretStore(secrets))
    engine.batch_size = 200
    laps: list[float] = []
    if mode == "push":
        real = engine._push_batch

        def timed(batch: Any) -> Any:
            began = time.perf_counter()
            try:
                return real(batch)
            finally:
                laps.append(time.perf_counter() - began)

        engine._push_batch = timed  # type: ignore[method-assign]
        engine.auth.access_token()
        began = time.perf_counter()
        tally, failure = engine.push()
        took = time.perf_counter() - began
        done = tally.acked
        assert failure is None, failure
    else:
        real_apply = center.feed.apply_page

        def timed_apply(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return real_apply(*args, **kwargs)
            finally:
                laps.append(time.perf_counter() - began)

        center.feed.apply_page = timed_apply  # type: ignore[method-assign]
        engine.auth.access_token()
        began = time.perf_counter()
        feed, _rebaselined = engine.pull()
        took = time.perf_counter() - began
        done = feed.items
    engine.transport.close()
    center.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": took, "items": done, "laps": laps, "peak_mb": peak_mb}))


def run_child(mode: str, data_dir: Path, secrets: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(data_dir),
                          str(secrets)], cwd=TOP, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ------------------------------------------------------------------ baselines


def wire_batches(data_dir: Path, size: int) -> list[bytes]:
    center = open_center(data_dir)
    rows = center.db.all("SELECT * FROM outbox ORDER BY id")
    center.close()
    events = [{"event_id": r["event_id"], "case_id": r["stream_id"], "seq": r["stream_seq"],
               "type": r["type"], "occurred_at": r["occurred_at"],
               "operator": json.loads(r["operator"]), "payload": json.loads(r["payload"]),
               "payload_sha256": r["payload_sha256"]} for r in rows]
    return [json.dumps({"protocol": 1, "batch_id": str(uuid.uuid4()),
                        "events": events[i:i + size]}, ensure_ascii=False).encode()
            for i in range(0, len(events), size)]


def bare_push(root: str, password: str, bodies: list[bytes]) -> tuple[float, list[float]]:
    session = requests.Session()
    token = session.post(root + PREFIX + "/auth/login", json={
        "account": CENTER, "password": password, "device_id": "bare"},
        timeout=30).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    laps = []
    began = time.perf_counter()
    for body in bodies:
        start = time.perf_counter()
        r = session.post(root + PREFIX + "/events:batch", data=body, headers=headers,
                         timeout=120)
        r.raise_for_status()
        laps.append(time.perf_counter() - start)
    took = time.perf_counter() - began
    session.close()
    return took, laps


def bare_pull(root: str, password: str) -> tuple[float, list[float], int]:
    session = requests.Session()
    token = session.post(root + PREFIX + "/auth/login", json={
        "account": CENTER, "password": password, "device_id": "bare-pull"},
        timeout=30).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    laps, items, cursor = [], 0, None
    began = time.perf_counter()
    while True:
        params: dict[str, Any] = {"limit": 500}
        if cursor:
            params["after"] = cursor
        start = time.perf_counter()
        page = session.get(root + PREFIX + "/feed", params=params, headers=headers,
                           timeout=120).json()
        laps.append(time.perf_counter() - start)
        items += len(page["items"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    took = time.perf_counter() - began
    session.close()
    return took, laps, items


# ------------------------------------------------------------------ main


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms" if values else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3334,
                        help="accepted cases (3 feed items each)")
    parser.add_argument("--events", type=int, default=10_000, help="queued events in all")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "DATA_DIR", "SECRETS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        print(f"setting up {args.cases} cases and {args.events} queued events …", flush=True)
        build_center(base / "center", args.cases, args.events)
        passwords = {}
        for name in ("hub", "bare"):
            with Hub.open(base / name) as hub:
                passwords[name] = hub.add_center(CENTER, "基准测试村便民服务站")
        hub_proc, hub_root = start_hub(base / "hub")
        bare_proc, bare_root = start_hub(base / "bare")
        try:
            login(base / "center", hub_root, passwords["hub"], base / "secrets.json")
            push = run_child("push", base / "center", base / "secrets.json")
            bodies = wire_batches(base / "center", 200)
            bare_seconds, bare_laps = bare_push(bare_root, passwords["bare"], bodies)
            items = decide_everything(base / "hub")
            pull = run_child("pull", base / "center", base / "secrets.json")
            bare_pull_seconds, pull_laps, bare_items = bare_pull(hub_root, passwords["hub"])
        finally:
            for proc in (hub_proc, bare_proc):
                proc.terminate()
                proc.wait(timeout=10)
    print(f"push: {push['items']} events in {push['seconds']:.2f} s "
          f"({push['items'] / push['seconds']:.0f} events/s hub ingest through the engine); "
          f"batch median {ms(push['laps'])}")
    print(f"  bare requests POSTs of the same batches to a fresh hub: {bare_seconds:.2f} s "
          f"({len(bodies) * 200 / bare_seconds:.0f} events/s); batch median {ms(bare_laps)}; "
          f"engine/bare = {push['seconds'] / bare_seconds:.2f}x")
    print(f"pull: {pull['items']} feed items (hub feed: {items}) applied in "
          f"{pull['seconds']:.2f} s; page (500) apply median {ms(pull['laps'])}")
    print(f"  bare requests GETs of the same pages ({bare_items} items, not applied): "
          f"{bare_pull_seconds:.2f} s; page median {ms(pull_laps)}; "
          f"engine/bare = {pull['seconds'] / bare_pull_seconds:.2f}x")
    print(f"client peak memory: push {push['peak_mb']:.0f} MB, pull {pull['peak_mb']:.0f} MB")
    print("targets (DESIGN §7): push ≤ 20 s:", "met" if push["seconds"] <= 20 else "NOT met",
          "| pull ≤ 10 s:", "met" if pull["seconds"] <= 10 else "NOT met",
          "| memory ≤ 250 MB:",
          "met" if max(push["peak_mb"], pull["peak_mb"]) <= 250 else "NOT met")


if __name__ == "__main__":
    main()
