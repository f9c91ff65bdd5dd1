"""Several OS processes issuing at once, and kill -9 in the middle of issuing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.center import open_center
from tests.helpers import ADMIN, CENTER_CODE, TOP

WORKER = str(Path(__file__).with_name("queue_worker.py"))
pytestmark = pytest.mark.slow


def prepare(data_dir: Path) -> None:
    with open_center(data_dir) as center:
        center.initialize(CENTER_CODE, "测试站", "village")
        center.groups.add(ADMIN, "A", "社保")


def spawn(data_dir: Path, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(TOP)}
    return subprocess.Popen([sys.executable, WORKER, str(data_dir), "A", str(count)],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=TOP)


def test_concurrent_processes_never_duplicate_or_skip(tmp_path: Path) -> None:
    prepare(tmp_path)
    workers = [spawn(tmp_path, 40) for _ in range(4)]
    printed: list[str] = []
    for worker in workers:
        out, _ = worker.communicate(timeout=180)
        assert worker.returncode == 0
        printed += [line for line in out.split() if line != "ready"]
    assert len(printed) == 160
    assert len(set(printed)) == 160
    with open_center(tmp_path) as center:
        numbers = sorted(t.number for t in center.tickets.for_day(center.tickets.today()))
        assert numbers == [f"A{n:03d}" for n in range(1, 161)]
        assert center.verify().ok


def test_kill_minus_9_while_issuing_loses_no_printed_ticket(tmp_path: Path) -> None:
    prepare(tmp_path)
    printed: list[str] = []
    rng = random.Random(11)
    for _round in range(6):
        worker = spawn(tmp_path, 0)
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.05, 0.4)
        while time.monotonic() < deadline:
            printed.append(worker.stdout.readline().strip())
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        printed += [line for line in worker.stdout.read().split() if line]
        worker.stdout.close()
    assert printed
    with open_center(tmp_path) as center:
        report = center.verify()
        assert report.ok, report
        stored = {t.number for t in center.tickets.for_day(center.tickets.today())}
        seqs = sorted(int(n[1:]) for n in stored)
    assert set(printed) <= stored
    assert seqs == list(range(1, len(seqs) + 1))
