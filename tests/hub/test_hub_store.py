"""The hub's own store: migrations run by a real statement runner, the upgrade from every
released hub schema (tests/fixtures/hub_schemas, made by scripts/make_hub_schema_fixture.py)
and a database from a newer hub refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from core.errors import StorageError
from sync.hub import store as hub_store
from sync.hub.service import Hub
from sync.hub.store import Store
from sync.protocol import Batch, EventType, make_event

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hub_schemas"
RELEASED = sorted(FIXTURES.glob("hub-v*.sqlite3"))


def test_every_released_schema_has_a_fixture() -> None:
    versions = sorted(int(p.stem.removeprefix("hub-v")) for p in RELEASED)
    assert versions == list(range(1, len(hub_store.MIGRATIONS) + 1))


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_a_hub_database_from_every_released_schema_upgrades(fixture: Path,
                                                            tmp_path: Path) -> None:
    shutil.copy(fixture, tmp_path / hub_store.FILE_NAME)
    with Hub.open(tmp_path) as hub:
        with hub.store.read() as tx:
            assert tx.user_version() == len(hub_store.MIGRATIONS)
            assert tx.integrity_check() == "ok"
        assert [c.code for c in hub.centers()] == ["330110101001"]
        (case,) = hub.cases(center_code="330110101001")
        assert case.state == "supplement_requested"
        detail = hub.case_detail(str(case.case_number))
        assert [e.type for e in detail.events] == ["case_accepted"]
        assert [f.type for f in detail.feed] == ["case_received", "supplement_requested"]
        # and it keeps working: the village supplies, the county approves the old case
        supplied = make_event(case_id=case.case_id, seq=2, type=EventType.MATERIALS_SUPPLIED,
                              occurred_at="2026-12-01T09:00:00+08:00", payload={
                                  "case_number": case.case_number, "materials": ["收入证明"],
                                  "supplied_at": "2026-12-01T09:00:00+08:00"})
        (result,) = hub.ingest("330110101001", Batch("after-upgrade", (supplied,))).results
        assert str(result.outcome) == "accepted"
        hub.approve(str(case.case_number), "准予享受最低生活保障")
        assert hub.case_detail(str(case.case_number)).case.state == "approved"
        # and it keeps the center's audit anchors (schema 3), extending the one it had
        kept = hub.anchors("330110101001")
        previous = {"count": kept[-1].count, "hash": kept[-1].head_hash} if kept else None
        anchor = make_event(case_id="3f0c6d1e-8a6b-4c1f-9a52-2d7f1b1c0a14", seq=1,
                            type=EventType.AUDIT_ANCHOR, occurred_at="2026-12-01T09:00:00+08:00",
                            payload={"count": 50, "head_hash": "cd" * 32, "previous": previous,
                                     "anchored_at": "2026-12-01T09:00:00+08:00"})
        hub.ingest("330110101001", Batch("anchor-after-upgrade", (anchor,)))
        assert [(a.count, a.fork) for a in hub.anchors("330110101001")][-1] == (50, None)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_from_a_newer_hub_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / hub_store.FILE_NAME
    shutil.copy(RELEASED[-1], path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={len(hub_store.MIGRATIONS) + 1}")
    conn.close()
    before = _digest(path)
    with pytest.raises(StorageError) as refused:
        Store(path)
    assert "比本程序新" in refused.value.message and "升级" in refused.value.message
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [hub_store.FILE_NAME]


def test_migrations_run_statement_by_statement_inside_one_transaction(
        tmp_path: Path) -> None:
    store = Store(tmp_path / hub_store.FILE_NAME)
    try:
        with store.write() as tx:
            tx.run_script("""
                CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
                -- a trigger has semicolons inside BEGIN … END; so may a string
                CREATE TRIGGER note_frozen BEFORE UPDATE ON note
                BEGIN
                    SELECT RAISE(ABORT, 'notes are final; never changed');
                END;
                INSERT INTO note (text) VALUES ('a; b');
            """)
        with store.write() as tx, pytest.raises(sqlite3.IntegrityError, match="final; never"):
            tx.run_script("UPDATE note SET text = 'x'")
    finally:
        store.close()
    conn = sqlite3.connect(tmp_path / hub_store.FILE_NAME)
    assert conn.execute("SELECT text FROM note").fetchall() == [("a; b",)]
    conn.close()
