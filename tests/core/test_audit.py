"""The audit chain: every change leaves a hash-chained row; tampering is found."""

from __future__ import annotations

import itertools
import json

import pytest

from core.audit import GENESIS, record, verify
from core.center import Center
from core.errors import BugError
from tests.helpers import ADMIN


def _unlock(center: Center) -> None:
    """What a tamperer with the sqlite3 shell would do first."""
    center.db.execute("DROP TRIGGER audit_append_only_update")
    center.db.execute("DROP TRIGGER audit_append_only_delete")


def test_each_change_appends_a_chained_row(center: Center) -> None:
    before = center.db.scalar("SELECT count(*) FROM audit")
    center.tickets.issue("A")
    rows = center.db.all("SELECT * FROM audit ORDER BY id")
    assert len(rows) == before + 1
    assert rows[0]["prev_hash"] == GENESIS
    for previous, row in itertools.pairwise(rows):
        assert row["prev_hash"] == previous["hash"]
    assert rows[-1]["action"] == "ticket.issued"
    assert verify(center.db).ok


def test_audit_rows_cannot_be_changed_through_sql(center: Center) -> None:
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        center.db.execute("UPDATE audit SET action = 'x' WHERE id = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        center.db.execute("DELETE FROM audit WHERE id = 1")


def test_tampered_detail_is_named(center: Center) -> None:
    for _ in range(3):
        center.tickets.issue("A")
    target = center.db.scalar("SELECT id FROM audit WHERE action = 'ticket.issued' LIMIT 1 "
                              "OFFSET 1")
    _unlock(center)
    detail = json.loads(center.db.scalar("SELECT detail FROM audit WHERE id = ?", (target,)))
    detail["number"] = "A099"
    center.db.execute("UPDATE audit SET detail = ? WHERE id = ?",
                      (json.dumps(detail, ensure_ascii=False), target))
    report = verify(center.db)
    assert not report.ok
    assert report.first_broken_id == target
    assert "hash" in (report.reason or "")


def test_rehashed_row_breaks_the_next_link(center: Center) -> None:
    """Recomputing a tampered row's own hash still breaks the following row."""
    import hashlib

    from core.canonical import canonical_json

    for _ in range(3):
        center.tickets.issue("A")
    rows = center.db.all("SELECT * FROM audit ORDER BY id")
    victim = rows[-2]
    _unlock(center)
    body = {k: victim[k] for k in ("id", "at", "actor_id", "on_behalf_of", "device", "action",
                                   "entity", "entity_id")}
    body["action"] = "ticket.cancel"
    body["detail"] = json.loads(victim["detail"])
    new_hash = hashlib.sha256((victim["prev_hash"] + canonical_json(body)).encode()).hexdigest()
    center.db.execute("UPDATE audit SET action = 'ticket.cancel', hash = ? WHERE id = ?",
                      (new_hash, victim["id"]))
    report = verify(center.db)
    assert report.first_broken_id == rows[-1]["id"]


def test_deleted_row_is_found(center: Center) -> None:
    center.tickets.issue("A")
    center.tickets.issue("A")
    _unlock(center)
    center.db.execute("DELETE FROM audit WHERE id = 3")
    report = verify(center.db)
    assert report.first_broken_id == 3
    assert "missing" in (report.reason or "")


def test_audit_refuses_id_numbers(center: Center) -> None:
    before = center.db.scalar("SELECT count(*) FROM audit")
    with pytest.raises(BugError), center.db.write():
        record(center.db, center.clock, ADMIN, "case.note", "case", 1,
               {"text": "applicant 11010519491231002X"})
    assert center.db.scalar("SELECT count(*) FROM audit") == before


def test_record_outside_a_transaction_is_a_bug(center: Center) -> None:
    with pytest.raises(BugError):
        record(center.db, center.clock, ADMIN, "x", "y", None)
