"""Issue-a-ticket latency against a bare INSERT+COMMIT, and call-next as the day fills up.

Targets (DESIGN.md §7): issue ≤ 5 ms median and ≤ 3x the bare baseline with the same
pragmas (WAL, synchronous=FULL); call-next latency flat from 100 to 10,000 tickets a day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, median, report
from core.actor import Actor
from core.center import open_center
from core.clock import FixedClock

ADMIN = Actor.cli()


def bare_insert(path: Path, repeat: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, number TEXT, at TEXT)")
    counter = iter(range(10**9))

    def insert() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (number, at) VALUES (?, ?)", (f"A{next(counter)}", "x"))
        conn.execute("COMMIT")

    samples = measure(insert, repeat)
    conn.close()
    return samples


def new_center(root: Path) -> tuple[object, FixedClock]:
    clock = FixedClock(dt.datetime(2026, 11, 27, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    center = open_center(root, clock=clock)
    center.initialize("330110101001", "基准测试站", "village")
    groups = [center.groups.add(ADMIN, p, f"分组{p}") for p in "ABCD"]
    center.windows.save(ADMIN, 1, group_ids=[g.id for g in groups])
    return center, clock


def issue_latency(root: Path, repeat: int) -> list[float]:
    center, clock = new_center(root)

    def issue() -> None:
        clock.advance(seconds=1)
        center.tickets.issue("A")  # type: ignore[attr-defined]

    samples = measure(issue, repeat)
    center.close()  # type: ignore[attr-defined]
    return samples


def call_next_growth(root: Path) -> list[tuple[int, float]]:
    center, clock = new_center(root)
    tickets = center.tickets  # type: ignore[attr-defined]
    points = []
    issued = 0
    for target in (100, 1000, 5000, 10000):
        while issued < target:
            clock.advance(seconds=1)
            tickets.issue("ABCD"[issued % 4], "elderly" if issued % 7 == 0 else None)
            issued += 1

        def cycle() -> None:
            clock.advance(seconds=1)
            ticket = tickets.call_next(1, ADMIN)
            tickets.start(ticket.id, ADMIN)

        points.append((target, median(measure(cycle, 50))))
    center.close()  # type: ignore[attr-defined]
    return points


def main() -> int:
    repeat = 400
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bare = bare_insert(root / "bare.sqlite3", repeat)
        ours = issue_latency(root / "center", repeat)
        growth = call_next_growth(root / "growth")
    print(report("bare INSERT+COMMIT (WAL, synchronous=FULL)", bare))
    print(report("issue a ticket (number, expiry check, event, audit)", ours))
    print(f"ratio issue/bare (medians): {median(ours) / median(bare):.2f}x")
    for count, latency in growth:
        print(f"call next + start with {count:>5} tickets issued today: median {latency:.3f} ms")
    flat = growth[-1][1] / growth[0][1]
    print(f"call-next growth 100 -> 10,000 tickets: {flat:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
