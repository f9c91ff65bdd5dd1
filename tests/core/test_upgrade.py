"""Installing a newer version over an older one: backup, migrate, verify, or restore."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.center import open_center
from core.clock import FixedClock
from core.db import migrations as registry
from core.errors import StorageError

FIRST = Path(__file__).parents[1] / "fixtures" / "schemas" / "0001_foundation.sqlite3"


@pytest.fixture
def old_install(tmp_path: Path) -> Path:
    """A data directory as the first released schema left it."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIRST, data / "center.sqlite3")
    return data


def tickets(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT number FROM ticket ORDER BY id")]
    finally:
        conn.close()


def test_first_start_backs_up_then_migrates(old_install: Path, clock: FixedClock) -> None:
    before = tickets(old_install / "center.sqlite3")
    with open_center(old_install, clock=clock) as center:
        assert center.verify().ok
        assert [t.number for t in center.tickets.for_day(center.tickets.today())] == before
    [backup] = (old_install / "backups").glob("bianmin-pre-upgrade-0001_foundation-*.sqlite3")
    assert tickets(backup) == before
    # A second start has nothing to migrate and takes no further copy.
    open_center(old_install, clock=clock).close()
    assert len(list((old_install / "backups").glob("bianmin-pre-upgrade-*"))) == 1


@pytest.fixture
def broken_migration() -> Iterator[None]:
    def explode(db: object) -> None:
        raise RuntimeError("simulated failure in a new migration")

    registry.migrations(name="9000_broken_for_test")(explode)
    yield
    registry.migrations._migrations.pop()


def test_failed_upgrade_restores_and_says_so(old_install: Path, clock: FixedClock,
                                             broken_migration: None) -> None:
    before = tickets(old_install / "center.sqlite3")
    with pytest.raises(StorageError, match="已恢复到升级前的数据"):
        open_center(old_install, clock=clock)
    conn = sqlite3.connect(old_install / "center.sqlite3")
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert applied == ["0001_foundation"]
    assert tickets(old_install / "center.sqlite3") == before
