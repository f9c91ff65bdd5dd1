"""Freeze a small database made by the current schema under tests/fixtures/schemas/.

Run once per schema change, *before* appending the next migration, so the upgrade
from every earlier schema stays tested (tests/core/test_migrations.py). The file is
named after the newest migration it carries.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.cases import Applicant
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import FixedClock
from core.db.migrations import known_names

TOP = Path(__file__).resolve().parent.parent
TARGET = TOP / "tests" / "fixtures" / "schemas"


def populate(data_dir: Path) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 27, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    admin = Actor.cli()
    with open_center(data_dir, clock=clock) as center:
        center.initialize("330110101001", "样例村便民服务站", "village")
        center.staff.add(admin, "wang", "王小明", "clerk", "wang-pass-1")
        a = center.groups.add(admin, "A", "社保医保")
        center.windows.save(admin, 1, group_ids=[a.id])
        for _ in range(3):
            clock.advance(minutes=5)
            center.tickets.issue("A")
        clock.advance(minutes=5)
        center.tickets.call_next(1, admin)
        populate_later_schemas(center, clock)


def populate_later_schemas(center: Center, clock: FixedClock) -> None:
    """Extended as the schema grows, so each fixture holds a bit of everything."""
    admin = Actor.cli()
    clerk = Actor(center.staff.by_username("wang").id, "staff")
    center.catalog.import_text(demo_catalog_text(), admin)
    case = center.cases.new(clerk, "05-MZ-001", Applicant("张三丰", "11010519491231002X"))
    center.cases.receive_materials(case.id, [m.name for m in case.blocking], clerk)
    center.cases.accept(case.id, clerk)
    draft = center.cases.new(clerk, "20-LL-001", Applicant("李四", "11010519491231002X"))
    center.cases.issue_notice(draft.id, clerk)
    ticket = center.tickets.by_number("A001")
    center.ratings.rate(Actor.kiosk(), "dissatisfied", ticket_id=ticket.id,
                        reasons=["等候时间太长"])
    center.calendar.set_local(dt.date(2026, 12, 7), False, "台风停止办公", admin)
    center.documents.ticket(ticket.id, Actor.kiosk())
    center.documents.receipt(case.id, clerk)


def main() -> int:
    name = known_names()[-1]
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        populate(Path(tmp))
        source = Path(tmp) / "center.sqlite3"
        conn = sqlite3.connect(source)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        shutil.copy(source, TARGET / f"{name}.sqlite3")
    print(TARGET / f"{name}.sqlite3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
