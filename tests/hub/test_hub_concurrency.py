"""Several processes sending the same events at the same moment: each is stored once."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from sync.protocol import PREFIX
from tests.hub.hubkit import TOP, CenterClient, HubProcess, accepted, event_counts

WORKER = str(Path(__file__).with_name("push_worker.py"))
pytestmark = pytest.mark.slow


def test_four_processes_pushing_the_same_50_events_store_each_exactly_once(
        hub: HubProcess, village: CenterClient, tmp_path: Path) -> None:
    events = [accepted(village.case_number()) for _ in range(50)]
    events_file, go_file = tmp_path / "events.json", tmp_path / "go"
    events_file.write_text(json.dumps(events), encoding="utf-8")
    workers = [
        subprocess.Popen([sys.executable, WORKER, hub.base + PREFIX, village.access,
                          str(events_file), str(go_file), str(seed)],
                         cwd=TOP, stdout=subprocess.PIPE, text=True)
        for seed in range(4)
    ]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline() == "ready\n"
    go_file.touch()
    results = []
    for worker in workers:
        out, _err = worker.communicate(timeout=120)
        assert worker.returncode == 0
        results += [json.loads(line) for line in out.splitlines()]

    assert len(results) == 4 * 2 * 50
    by_event = defaultdict(list)
    for result in results:
        by_event[result["event_id"]].append(result)
    assert set(by_event) == {e["event_id"] for e in events}
    for answers in by_event.values():
        assert sorted(a["outcome"] for a in answers) == ["accepted"] + ["duplicate"] * 7
        assert len({a["server_seq"] for a in answers}) == 1
    assert event_counts(hub.data_dir, village.code) == {"accepted": 50}
