"""Test kit for the hub: a real hub process, a center client over HTTP, event builders.

Importable as ``tests.hub.hubkit`` (also from the worker processes the tests start).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from core.case_numbers import make_case_number
from sync.hub.cli import main as hub_main
from sync.hub.records import Case
from sync.hub.store import Store
from sync.protocol import PREFIX, EventType, Operator, make_event

TOP = Path(__file__).resolve().parents[2]
TZ = dt.timezone(dt.timedelta(hours=8))
DAY = dt.date(2027, 3, 1)
APPLICANT_NAME = "欧阳小红"
ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"
ADDRESS = "浙江省杭州市余杭区良渚街道某村12号"
_codes = itertools.count(1)


def next_center_code() -> str:
    """A valid village code, different for every call in this process."""
    return f"330110102{next(_codes):03d}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ------------------------------------------------------------------ the CLI


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(data_dir: Path, *args: str) -> CliResult:
    """``bianmin-hub ARGS --data-dir DIR`` in this process (fast); logging is put back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = hub_main([*args, "--data-dir", str(data_dir)])
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real console command in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "sync.hub.cli", *args, "--data-dir", str(data_dir)],
        check=False, capture_output=True, text=True, cwd=TOP, timeout=60,
    )


def add_center(data_dir: Path, code: str | None = None, name: str = "测试村便民服务站",
               ) -> tuple[str, str]:
    code = code or next_center_code()
    result = run_cli(data_dir, "center", "add", code, "--name", name)
    assert result.code == 0, result.err
    match = re.search(r"初始密码：(\S+)", result.out)
    assert match, result.out
    return code, match[1]


# ------------------------------------------------------------------ the hub process


# Every test talks to its hub from 127.0.0.1, so the per-address limits (tested on their
# own in test_hub_limits.py with the shipped numbers) are lifted for the other tests.
RELAXED_LIMITS = ("--status-per-minute", "100000", "--login-per-minute", "100000")


class HubProcess:
    """``python -m sync.hub.cli serve`` (or another ``module``) on a free local port."""

    def __init__(self, data_dir: Path, *extra: str, relaxed: bool = True,
                 module: str = "sync.hub.cli") -> None:
        self.data_dir = data_dir
        self.extra = (*RELAXED_LIMITS, *extra) if relaxed else extra
        self.module = module
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + (path if path.startswith("/t/") or path.startswith("/openapi")
                            else PREFIX + path)

    def start(self) -> HubProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        log = (self.data_dir / "serve.out").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", self.module, "serve", "--data-dir", str(self.data_dir),
             "--host", "127.0.0.1", "--port", str(self.port), *self.extra],
            cwd=TOP, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError((self.data_dir / "serve.out").read_text())
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(self.url("/ping"), timeout=1).status_code == 200:
                    return
            time.sleep(0.05)
        raise RuntimeError("hub did not answer /ping in time")

    def kill9(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill9()

    def cli(self, *args: str) -> CliResult:
        return run_cli(self.data_dir, *args)

    def new_center(self, name: str = "测试村便民服务站") -> CenterClient:
        code, password = add_center(self.data_dir, name=name)
        return CenterClient(self, code, password).login()


# ------------------------------------------------------------------ a center over HTTP


@dataclass
class CenterClient:
    hub: HubProcess
    code: str
    password: str
    access: str = ""
    refresh: str = ""
    session: requests.Session = field(default_factory=requests.Session)
    serials: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def login(self, device_id: str = "pc-1") -> CenterClient:
        r = self.post("/auth/login", {"account": self.code, "password": self.password,
                                      "device_id": device_id}, auth=False)
        assert r.status_code == 200, r.text
        self.access, self.refresh = r.json()["access_token"], r.json()["refresh_token"]
        return self

    def _headers(self, auth: bool) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access}"} if auth else {}

    def post(self, path: str, body: Any, *, auth: bool = True) -> requests.Response:
        return self.session.post(self.hub.url(path), json=body, headers=self._headers(auth),
                                 timeout=30)

    def post_raw(self, path: str, data: bytes) -> requests.Response:
        headers = {**self._headers(True), "Content-Type": "application/json"}
        return self.session.post(self.hub.url(path), data=data, headers=headers, timeout=30)

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(self.hub.url(path), params=params, headers=self._headers(True),
                                timeout=30)

    def push(self, events: list[dict[str, Any]], batch_id: str | None = None,
             ) -> requests.Response:
        return self.post("/events:batch", batch(events, batch_id))

    def push_ok(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        r = self.push(events)
        assert r.status_code == 200, r.text
        results: list[dict[str, Any]] = r.json()["results"]
        return results

    def feed_all(self) -> list[dict[str, Any]]:
        r = self.get("/feed")
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items

    def case_number(self, serial: int | None = None) -> str:
        return make_case_number(self.code, DAY, serial or next(self.serials))


# ------------------------------------------------------------------ events


def batch(events: list[dict[str, Any]], batch_id: str | None = None) -> dict[str, Any]:
    return {"protocol": 1, "batch_id": batch_id or str(uuid.uuid4()), "events": events}


def stamp(minute: int = 0) -> str:
    return dt.datetime(2027, 3, 1, 9, minute, tzinfo=TZ).isoformat()


def event(kind: EventType, case_id: str, seq: int, payload: dict[str, Any],
          event_id: str | None = None) -> dict[str, Any]:
    return make_event(case_id=case_id, seq=seq, type=kind, occurred_at=stamp(), payload=payload,
                      operator=Operator(staff_id=2, name="王小明", on_behalf_of=None),
                      event_id=event_id).to_wire()


def item(name: str = "城乡居民基本养老保险参保登记") -> dict[str, Any]:
    return {"code": "20-YL-001", "name": name, "catalog_version": "1", "promised_days": 3}


def applicant() -> dict[str, Any]:
    return {"name": APPLICANT_NAME, "id_type": "resident_id", "id_number": ID_NUMBER,
            "phone": PHONE, "address": ADDRESS}


def accepted(case_number: str, *, case_id: str | None = None, token: str = "K7Q2MX",
             deadline: str | None = "2027-03-04", event_id: str | None = None,
             ) -> dict[str, Any]:
    """A ``case_accepted`` event (seq 1) for a new case."""
    return event(EventType.CASE_ACCEPTED, case_id or str(uuid.uuid4()), 1, {
        "case_number": case_number, "tracking_token": token, "item": item(),
        "applicant": applicant(), "agent": {"name": "李代办", "relation": "代办员"},
        "materials": [{"name": "申请人居民身份证", "received": True}],
        "accepted_at": stamp(), "deadline": deadline, "deadline_provisional": False,
        "first_contact_staff": "王小明", "ticket_number": "A001",
    }, event_id)


def picked_up(case_number: str, case_id: str, seq: int) -> dict[str, Any]:
    return event(EventType.CASE_PICKED_UP, case_id, seq,
                 {"case_number": case_number, "picked_up_at": stamp(30)})


def supplied(case_number: str, case_id: str, seq: int) -> dict[str, Any]:
    return event(EventType.MATERIALS_SUPPLIED, case_id, seq, {
        "case_number": case_number, "materials": ["户口簿"], "supplied_at": stamp(20)})


def rating(case_id: str, seq: int, level: str = "satisfied", reason: str | None = None,
           case_number: str | None = None) -> dict[str, Any]:
    return event(EventType.RATING_GIVEN, case_id, seq, {
        "level": level, "reason": reason, "case_number": case_number,
        "ticket_number": None if case_number else "A001", "rated_at": stamp(10)})


def outcomes(results: list[dict[str, Any]]) -> list[str]:
    return [r["outcome"] for r in results]


# ------------------------------------------------------------------ looking inside the store


def event_counts(data_dir: Path, center_code: str) -> dict[str, int]:
    """Stored events of one center by outcome, read straight from the hub's file."""
    store = Store.in_dir(data_dir)
    try:
        with store.read() as tx:
            return tx.event_counts(center_code)
    finally:
        store.close()


def hub_case(data_dir: Path, case_number: str) -> Case | None:
    store = Store.in_dir(data_dir)
    try:
        with store.read() as tx:
            return tx.case_by_number(case_number)
    finally:
        store.close()


def peak_rss_mb(pid: int) -> float:
    """The highest resident memory a process has had so far (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


# ------------------------------------------------------------------ raw HTTP


def raw_connection(port: int, path: str, *, token: str, length: int | None,
                   ) -> socket.socket:
    """A socket on which the request line and headers have been sent, body still to come.

    ``length`` None sends the body chunked (no Content-Length at all).
    """
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    framing = (f"Content-Length: {length}\r\n" if length is not None
               else "Transfer-Encoding: chunked\r\n")
    sock.sendall((f"POST {PREFIX}{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                  f"{framing}\r\n").encode("ascii"))
    return sock


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-cased) and body of one response (Content-Length framed)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _sep, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    headers = {k.lower(): v for k, v in headers.items()}
    while len(body) < int(headers.get("content-length", "0")):
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body
