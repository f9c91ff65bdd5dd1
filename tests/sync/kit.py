"""Test kit for the sync engine: center sites logged in to a real hub, quick ways to queue
events, and views of both ends' books.

Hub processes and hub CLI helpers come from :mod:`tests.hub.hubkit`; this adds the center
side. Importable as ``tests.sync.kit``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core import outbox
from core.actor import Actor
from core.cases import Applicant, Case
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import to_iso
from core.secrets import ENV_VAR as SECRET_ENV
from core.secrets import FileSecretStore, MemorySecretStore, SecretStore
from sync.client.auth import Auth
from sync.client.engine import SyncEngine, engine_for, transport_for
from tests.hub.hubkit import TOP, HubProcess, add_center, next_center_code

RESIDENT = Applicant("张三丰", "11010519491231002X", "13812345678", "良渚街道新港村3组")
DIBAO = "05-MZ-001"  # decided by the county: never completed on the spot
ADMIN = Actor.cli()


@dataclass
class Site:
    """A center's data directory whose account exists on a hub."""

    data_dir: Path
    code: str
    password: str
    secrets_file: Path

    @property
    def env(self) -> dict[str, str]:
        """What a child ``bianmin`` needs to find this site's (test) secret store."""
        return {SECRET_ENV: f"file:{self.secrets_file}"}

    def open(self) -> Center:
        return open_center(self.data_dir)

    @contextmanager
    def center(self) -> Iterator[Center]:
        center = self.open()
        try:
            yield center
        finally:
            center.close()

    def file_secrets(self) -> FileSecretStore:
        return FileSecretStore(self.secrets_file)


def make_site(root: Path, hub: HubProcess, name: str = "测试村便民服务站",
              code: str | None = None) -> Site:
    """A fresh, initialised center (a township when ``code`` ends in 000) with a clerk
    and the demo catalog."""
    code, password = add_center(hub.data_dir, code or next_center_code(), name)
    site = Site(root / code, code, password, root / f"{code}-secrets.json")
    with site.center() as center:
        center.initialize(code, name, "township" if code.endswith("000") else "village")
        center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
        center.catalog.import_text(demo_catalog_text(), ADMIN)
    return site


def clerk(center: Center) -> Actor:
    return Actor(center.staff.by_username("wang").id, "staff")


def accept_cases(center: Center, count: int) -> list[Case]:
    """``count`` cases filed and accepted at the window (one ``case_accepted`` each)."""
    who = clerk(center)
    accepted = []
    for _n in range(count):
        case = center.cases.new(who, DIBAO, RESIDENT)
        case = center.cases.receive_materials(case.id, [m.name for m in case.blocking], who)
        accepted.append(center.cases.accept(case.id, who))
    return accepted


def queue_notices(center: Center, streams: int, per_stream: int = 1) -> list[str]:
    """Quick filler: one-time-notice events on fresh streams (the hub accepts them all)."""
    ids = []
    payload = {"item": {"code": DIBAO, "name": "最低生活保障申请", "catalog_version": "1",
                        "promised_days": 20},
               "missing": ["户口簿"], "issued_at": to_iso(dt.datetime.now(dt.UTC))}
    with center.db.write():
        for _s in range(streams):
            stream = str(uuid.uuid4())
            for _e in range(per_stream):
                ids.append(outbox.append(center.db, center.clock, clerk(center), stream,
                                         outbox.EventType.NOTICE_ISSUED, payload))
    return ids


def login(center: Center, site: Site, hub_url: str,
          secrets: SecretStore | None = None) -> SecretStore:
    """What ``bianmin sync login`` does, in this process; returns the secret store used."""
    store = secrets or MemorySecretStore()
    transport = transport_for(center, hub_url)
    auth = Auth(transport, store, account=site.code, device_id=center.sync.device_id())
    pair = auth.login(site.password)
    transport.close()
    center.sync.save_login(transport.root, site.code, pair.center_name, ADMIN)
    return store


@contextmanager
def syncing(center: Center, site: Site, hub_url: str, secrets: SecretStore | None = None,
            **options: Any) -> Iterator[SyncEngine]:
    """A logged-in engine for ``center`` (options override engine attributes)."""
    store = login(center, site, hub_url, secrets)
    built = engine_for(center, store, rng=random.Random(7))
    for key, value in options.items():
        setattr(built, key, value)
    try:
        yield built
    finally:
        built.transport.close()


# ------------------------------------------------------------------ the two books


def outbox_rows(center: Center) -> dict[str, dict[str, Any]]:
    return {r["event_id"]: r for r in center.db.all(
        "SELECT event_id, stream_id, stream_seq, type, state, attempts, server_seq, reason, "
        "next_attempt_at FROM outbox ORDER BY id")}


def business_rows(center: Center) -> dict[str, dict[str, Any]]:
    """:func:`outbox_rows` without the audit anchors a sync run may add (core/anchors.py)."""
    return {k: v for k, v in outbox_rows(center).items() if v["type"] != "audit_anchor"}


def states(center: Center) -> dict[str, int]:
    return center.sync.status().counts


def hub_events(hub_dir: Path, code: str) -> dict[str, dict[str, Any]]:
    """Every event the hub stored for a center: event_id → row (read-only, straight SQL)."""
    conn = sqlite3.connect(f"file:{hub_dir / 'hub.sqlite3'}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT event_id, server_seq, outcome, case_id, seq, type "
                            "FROM events WHERE center_code = ?", (code,)).fetchall()
    finally:
        conn.close()
    return {r["event_id"]: dict(r) for r in rows}


def business_events(hub_dir: Path, code: str) -> dict[str, dict[str, Any]]:
    """The hub's events of a center without the audit anchors each sync run may add."""
    return {k: v for k, v in hub_events(hub_dir, code).items() if v["type"] != "audit_anchor"}


def hub_refreshes(hub_dir: Path, code: str) -> int:
    """How many refresh tokens of this center the hub has rotated."""
    conn = sqlite3.connect(f"file:{hub_dir / 'hub.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:
        value = conn.execute("SELECT count(*) FROM tokens WHERE center_code = ? AND "
                             "kind = 'refresh' AND rotated_at IS NOT NULL", (code,)).fetchone()
    finally:
        conn.close()
    return int(value[0])


def assert_in_step(center: Center, hub_dir: Path, code: str, *, anchors: bool = True) -> None:
    """Every local event acked exactly once on the hub, with the hub's own server_seq
    (``anchors=False``: the business events only, for copies of one center that each
    sent an anchor of their own)."""
    local = outbox_rows(center) if anchors else business_rows(center)
    remote = hub_events(hub_dir, code) if anchors else business_events(hub_dir, code)
    assert set(remote) == set(local), "hub and center hold different events"
    for event_id, row in local.items():
        assert row["state"] == "acked", row
        assert remote[event_id]["outcome"] == "accepted"
        assert row["server_seq"] == remote[event_id]["server_seq"]


# ------------------------------------------------------------------ child processes


def run_bianmin(site: Site, *args: str, env: dict[str, str] | None = None,
                stdin: str | None = None, timeout: float = 120,
                ) -> subprocess.CompletedProcess[str]:
    """The real ``bianmin`` command in a child process, with the site's secret store."""
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(site.data_dir), *args],
        check=False, input=stdin, capture_output=True, text=True, cwd=TOP, timeout=timeout,
        env={**os.environ, **site.env, **(env or {})},
    )


def start_bianmin(site: Site, *args: str, env: dict[str, str] | None = None,
                  ) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", "--data-dir", str(site.data_dir), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=TOP,
        env={**os.environ, **site.env, **(env or {})},
    )


def cli_login(site: Site, hub_url: str) -> None:
    result = run_bianmin(site, "sync", "login", "--hub", hub_url, "--account", site.code,
                         "--password-stdin", stdin=site.password + "\n")
    assert result.returncode == 0, result.stderr


def copy_site(site: Site, to: Path) -> Site:
    """A byte copy of a center's data directory (another PC restored from its backup)."""
    shutil.copytree(site.data_dir, to / site.data_dir.name)
    return Site(to / site.data_dir.name, site.code, site.password,
                to / f"{site.code}-secrets.json")
