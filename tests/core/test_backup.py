"""Online backup, retention, and restore that checks the file before touching anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.center import Center, open_center
from core.clock import FixedClock
from core.errors import InvalidInput
from tests.books import decrypted
from tests.helpers import ADMIN


def test_backup_then_restore_round_trip(center: Center, clock: FixedClock) -> None:
    for _ in range(3):
        center.tickets.issue("A")
    backup = center.backups.create(ADMIN)
    for _ in range(2):
        center.tickets.issue("B")
    assert len(center.tickets.for_day(center.tickets.today())) == 5

    safety = center.backups.restore(backup, ADMIN)

    numbers = [t.number for t in center.tickets.for_day(center.tickets.today())]
    assert numbers == ["A001", "A002", "A003"]
    assert center.verify().ok
    # The state before the restore is kept, complete, in the safety copy.
    with open_center(safety.parent.parent / "restored-check", clock=clock) as other:
        other.backups.restore(safety, ADMIN)
        assert len(other.tickets.for_day(other.tickets.today())) == 5


def test_backup_is_usable_while_another_connection_writes(center: Center) -> None:
    other = center.reopen()
    other.tickets.issue("A")
    path = center.backups.create(ADMIN)
    other.tickets.issue("A")
    other.close()
    import sqlite3

    plain = decrypted(center, path)
    conn = sqlite3.connect(plain)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 1
    conn.close()


def test_retention_keeps_the_newest(center: Center, clock: FixedClock) -> None:
    center.settings.set("backup.keep", 3, ADMIN)
    made = []
    for _ in range(5):
        clock.advance(hours=1)
        made.append(center.backups.create(ADMIN))
    assert center.backups.all() == made[-3:]


def test_backup_to_another_directory_is_not_pruned(center: Center, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    path = center.backups.create(ADMIN, to_dir=usb)
    assert path.parent == usb and path.exists()


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_restore_refuses_a_bad_file_and_changes_nothing(center: Center, tmp_path: Path,
                                                        content: bytes) -> None:
    center.tickets.issue("A")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(InvalidInput):
        center.backups.restore(bad, ADMIN)
    assert len(center.tickets.for_day(center.tickets.today())) == 1


def test_restore_refuses_a_backup_from_a_newer_version(center: Center) -> None:
    path = decrypted(center, center.backups.create(ADMIN))
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('bianmin', '9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(InvalidInput, match="更新版本"):
        center.backups.restore(path, ADMIN)


def test_restore_refuses_a_foreign_sqlite_file(center: Center, tmp_path: Path) -> None:
    import sqlite3

    foreign = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(InvalidInput, match="不是便民服务中心"):
        center.backups.restore(foreign, ADMIN)
