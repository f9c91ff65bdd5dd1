"""Freeze small hub databases made by each released hub schema under
tests/fixtures/hub_schemas/ (``hub-v<N>.sqlite3``), so the upgrade from each stays tested
(tests/hub/test_hub_store.py).

Run before appending the next hub migration: it writes the file for the newest schema
(and, with ``--all``, for every earlier one, built by applying only that many
migrations). Each holds one center, its token, a case with a decision on its feed, a
rating, a catalog, a calendar and a stats report (from schema 4 on, an audit anchor).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))

from core.clock import FixedClock  # noqa: E402
from core.events import EventType  # noqa: E402
from sync.hub import store as hub_store  # noqa: E402
from sync.hub.service import Hub  # noqa: E402
from sync.protocol import (  # noqa: E402
    Batch,
    Event,
    LoginRequest,
    Operator,
    StatsReport,
    make_event,
)

TARGET = TOP / "tests" / "fixtures" / "hub_schemas"
CENTER = "330110101001"
TZ = ZoneInfo("Asia/Shanghai")


def _case_number() -> str:
    from core.case_numbers import make_case_number

    return make_case_number(CENTER, dt.date(2026, 11, 27), 1)


def populate(hub: Hub) -> None:
    password = hub.add_center(CENTER, "新港村便民服务站")
    hub.login(LoginRequest(CENTER, password, "fixture-device"))
    case_id = "3f0c6d1e-8a6b-4c1f-9a52-2d7f1b1c0a11"
    at = dt.datetime(2026, 11, 27, 9, 30, tzinfo=TZ).isoformat()
    number = _case_number()
    accepted = make_event(case_id=case_id, seq=1, type=EventType.CASE_ACCEPTED,
                          occurred_at=at, operator=Operator(2, "王小明", None),
                          event_id="9b1d7a52-3f0e-4b8e-8d4f-0c6a1e2b3c41", payload={
        "case_number": number, "tracking_token": "K7Q2MX",
        "item": {"code": "05-MZ-001", "name": "最低生活保障", "catalog_version": "1",
                 "promised_days": 20},
        "applicant": {"name": "张三丰", "id_type": "resident_id",
                      "id_number": "11010519491231002X", "phone": "13812345678",
                      "address": "新港村3组"},
        "agent": None, "materials": [{"name": "户口簿（首页及本人页）", "received": True}],
        "accepted_at": at, "deadline": "2026-12-25", "deadline_provisional": False,
        "first_contact_staff": "王小明", "ticket_number": "B001"})
    rating = make_event(case_id=str(uuid.UUID(int=7)), seq=1, type=EventType.RATING_GIVEN,
                        occurred_at=at, event_id="9b1d7a52-3f0e-4b8e-8d4f-0c6a1e2b3c42",
                        payload={"level": "satisfied", "reason": None, "case_number": None,
                                 "ticket_number": "A001", "rated_at": at})
    events: tuple[Event, ...] = (accepted, rating)
    if len(hub_store.MIGRATIONS) >= 4:  # schema 4 keeps audit anchors
        events += (make_event(
            case_id="3f0c6d1e-8a6b-4c1f-9a52-2d7f1b1c0a13", seq=1,
            type=EventType.AUDIT_ANCHOR, occurred_at=at,
            event_id="9b1d7a52-3f0e-4b8e-8d4f-0c6a1e2b3c43", payload={
                "count": 42, "head_hash": "ab" * 32, "previous": None, "anchored_at": at}),)
    hub.ingest(CENTER, Batch("fixture-batch", events))
    hub.receive(number)
    hub.request_supplement(number, ["收入证明"], "请补交近三个月收入证明")
    hub.publish_catalog([{"code": "05-MZ-001", "name": "最低生活保障", "materials": []}])
    hub.record_stats(CENTER, StatsReport(at, {"waiting": 1}, {"open": 1}))


def make(version: int, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        migrations = hub_store.MIGRATIONS
        hub_store.MIGRATIONS = migrations[:version]
        try:
            clock = FixedClock(dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ))
            with Hub.open(Path(tmp), clock=clock) as hub:
                populate(hub)
        finally:
            hub_store.MIGRATIONS = migrations
        source = sqlite3.connect(Path(tmp) / hub_store.FILE_NAME)
        target.unlink(missing_ok=True)
        copy = sqlite3.connect(target)
        source.backup(copy)  # one self-contained file, WAL folded in
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.close()
        source.close()


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    newest = len(hub_store.MIGRATIONS)
    versions = range(1, newest + 1) if "--all" in sys.argv else [newest]
    for version in versions:
        target = TARGET / f"hub-v{version}.sqlite3"
        make(version, target)
        print(f"wrote {target.relative_to(TOP)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
