"""The center's store: pragmas, migrations, refusal of newer databases, settings."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from core.center import Center, open_center
from core.clock import FixedClock
from core.db.migrations import known_names
from core.errors import InvalidInput, NotFound, StorageError
from core.settings import MIN_RECALLS, PRIORITY_POLICY
from tests.helpers import ADMIN


def test_database_uses_wal_full_sync_foreign_keys(bare_center: Center) -> None:
    db = bare_center.db
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.scalar("PRAGMA busy_timeout") >= 5000


def test_all_migrations_applied_on_a_new_database(bare_center: Center) -> None:
    applied = [r["name"] for r in bare_center.db.all(
        "SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == known_names()


def test_reopening_applies_nothing_and_keeps_data(center: Center, clock: FixedClock) -> None:
    center.tickets.issue("A")
    center.close()
    again = open_center(center.data_dir.root, clock=clock)
    assert again.tickets.by_number("A001").number == "A001"
    again.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_database_from_a_newer_version_is_refused_untouched(center: Center,
                                                            clock: FixedClock) -> None:
    center.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('bianmin', '9999_from_the_future', '2030-01-01')")
    path = center.db.path
    center.close()
    # Fold the WAL into the main file so the byte comparison covers everything.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(path)
    with pytest.raises(StorageError, match="更新版本"):
        open_center(center.data_dir.root, clock=clock)
    assert _digest(path) == before


def test_settings_have_typed_defaults_and_validate(center: Center) -> None:
    assert center.settings.get(MIN_RECALLS) == 2
    center.settings.set_from_text("queue.min_recalls_before_no_show", "3", ADMIN)
    assert center.settings.get(MIN_RECALLS) == 3
    with pytest.raises(InvalidInput, match="整数"):
        center.settings.set_from_text("queue.min_recalls_before_no_show", "three", ADMIN)
    with pytest.raises(InvalidInput, match="只能是"):
        center.settings.set("queue.priority_policy", "random", ADMIN)
    with pytest.raises(NotFound):
        center.settings.set("no.such.key", 1, ADMIN)
    assert center.settings.get(PRIORITY_POLICY) == "ratio"
    changes = [r for r in center.db.all("SELECT action, entity_id FROM audit")
               if r["action"] == "setting.changed"]
    assert changes == [{"action": "setting.changed",
                        "entity_id": "queue.min_recalls_before_no_show"}]


def test_every_setting_has_a_description() -> None:
    from core.settings import REGISTRY

    assert REGISTRY
    for setting in REGISTRY.values():
        assert setting.description.strip(), setting.key
        setting.validate(setting.default)


def test_a_sensitive_setting_is_audited_without_its_value(center: Center) -> None:
    digest = "scrypt$16384$8$1$c2FsdA==$aGFzaA=="
    center.settings.set("kiosk.exit_pin_hash", digest, ADMIN)
    row = center.db.one("SELECT detail FROM audit WHERE entity_id = 'kiosk.exit_pin_hash'")
    assert row is not None
    assert digest not in row["detail"]
