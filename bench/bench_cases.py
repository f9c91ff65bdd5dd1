"""Accept-a-case latency, and finding a case among 1,000,000.

Targets (DESIGN.md §7): accept (validation, numbering, deadline, audit, outbox in one
transaction) p99 ≤ 30 ms; find by case number, ID number or name prefix among 1,000,000
cases p99 ≤ 20 ms. The million rows are generated here (run with --rows to change).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, median, p99, report
from core.actor import Actor
from core.case_numbers import make_case_number
from core.cases import Applicant
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import FixedClock
from core.identity import mod11_2_check

ADMIN = Actor.cli()
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅小红志强春花德福"


def new_center(root: Path) -> tuple[Center, FixedClock, Actor]:
    clock = FixedClock(dt.datetime(2026, 3, 2, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    center = open_center(root, clock=clock)
    center.initialize("330110101001", "基准测试站", "village")
    clerk = Actor(center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1"), "staff")
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    return center, clock, clerk


def accept_latency(root: Path, repeat: int) -> list[float]:
    center, clock, clerk = new_center(root)
    drafts = []
    for _ in range(repeat):
        case = center.cases.new(clerk, "05-MZ-001", Applicant("张三丰", "11010519491231002X"))
        center.cases.receive_materials(case.id, [m.name for m in case.blocking], clerk)
        drafts.append(case.id)
    samples = []
    for case_id in drafts:
        clock.advance(seconds=20)
        started = time.perf_counter()
        center.cases.accept(case_id, clerk)
        samples.append((time.perf_counter() - started) * 1000)
    center.close()
    return samples


def fake_id(rng: random.Random) -> str:
    birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(30000))
    body = f"330110{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + mod11_2_check(body)


def bulk_cases(center: Center, rows: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """Insert ``rows`` accepted cases straight through SQL; return a sample of keys."""
    version = center.catalog.active()
    assert version is not None
    conn = sqlite3.connect(center.db.path)
    conn.execute("PRAGMA synchronous=OFF")
    start = dt.date(2020, 1, 1)
    keys = []
    batch = []
    for n in range(rows):
        day = start + dt.timedelta(days=n // 500)
        number = make_case_number("330110101001", day, n % 500 + 1)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        id_number = fake_id(rng)
        at = f"{day.isoformat()}T01:00:00.000000+00:00"
        batch.append((str(uuid.UUID(int=rng.getrandbits(128))), version.id, name, id_number,
                      id_number[-4:], number, day.isoformat(), n % 500 + 1, at))
        if n % 997 == 0:
            keys.append((number, id_number, name[:2]))
        if len(batch) == 20000:
            _flush(conn, batch)
            batch = []
    _flush(conn, batch)
    conn.close()
    return keys


def _flush(conn: sqlite3.Connection, batch: Sequence[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO case_file (uuid, state, catalog_version_id, item_code, item_name, "
        "applicant_name, applicant_id_type, applicant_id_number, applicant_id_last4, "
        "case_number, tracking_token, accept_date, serial, created_at, updated_at, "
        "state_since, accepted_at) VALUES (?, 'completed', ?, '05-MZ-001', '最低生活保障申请', "
        "?, 'resident_id', ?, ?, ?, 'ABCDEF', ?, ?, ?, ?, ?, ?)",
        [(u, v, name, idn, last4, number, day, serial, at, at, at, at)
         for (u, v, name, idn, last4, number, day, serial, at) in batch])
    conn.commit()


def search_latency(root: Path, rows: int) -> dict[str, list[float]]:
    center, _clock, _clerk = new_center(root)
    rng = random.Random(7)
    started = time.perf_counter()
    keys = bulk_cases(center, rows, rng)
    print(f"generated {rows:,} cases in {time.perf_counter() - started:.0f} s")
    results: dict[str, list[float]] = {"case number": [], "ID number": [], "name prefix": []}
    sample = rng.sample(keys, min(300, len(keys)))
    for number, id_number, prefix in sample:
        for label, query in (("case number", number), ("ID number", id_number),
                             ("name prefix", prefix)):
            results[label] += measure(partial(center.case_queries.find, query, limit=20), 1)
    center.close()
    return results


def bare_lookup(root: Path, repeat: int) -> list[float]:
    """Baseline: a bare indexed SELECT by primary key on the same kind of file."""
    conn = sqlite3.connect(root / "center.sqlite3")
    ids = [r[0] for r in conn.execute("SELECT id FROM case_file ORDER BY random() LIMIT ?",
                                      (repeat,))]
    samples = []
    for case_id in ids:
        started = time.perf_counter()
        conn.execute("SELECT * FROM case_file WHERE id = ?", (case_id,)).fetchone()
        samples.append((time.perf_counter() - started) * 1000)
    conn.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--accepts", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
        accepts = accept_latency(Path(tmp) / "accept", args.accepts)
        print(report("accept a case", accepts))
        searches = search_latency(Path(tmp) / "search", args.rows)
        bare = bare_lookup(Path(tmp) / "search", 300)
    print(report("bare SELECT by primary key (baseline)", bare))
    for label, samples in searches.items():
        print(report(f"find by {label} among {args.rows:,}", samples)
              + f"  ratio p99/bare median {p99(samples) / median(bare):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
