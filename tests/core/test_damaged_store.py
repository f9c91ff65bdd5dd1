"""A database with a corrupted page (issue 12, finding 3): the start-up quick check keeps
every write out and says what to do; ``verify`` names the problem and the newest good
backup; restoring that backup mends the books. Real files, real garbage in a real page."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.center import Center, open_center
from core.clock import FixedClock
from core.health import StoreDamaged
from tests.books import corrupt_page, digest
from tests.helpers import ADMIN


def _damaged(center: Center, clock: FixedClock, *, torn: bool = False) -> Center:
    """Close ``center``, write garbage into one page of its file, open it again."""
    root = center.data_dir.root
    center.close()
    if torn:  # part of a page with rows on it: SQLite can still walk it and list problems
        corrupt_page(root / "center.sqlite3", "audit", start=3000, length=800)
    else:  # a whole page: SQLite cannot even read it
        corrupt_page(root / "center.sqlite3", "case_file")
    return open_center(root, clock=clock)


@pytest.mark.parametrize("torn", [False, True], ids=["whole page", "torn page"])
def test_a_damaged_store_refuses_every_write_with_what_to_do(center: Center,
                                                             clock: FixedClock,
                                                             torn: bool) -> None:
    for _ in range(3):
        center.tickets.issue("A")
    backup = center.backups.create(ADMIN)
    damaged = _damaged(center, clock, torn=torn)
    try:
        assert damaged.damage is not None
        assert "数据库文件已损坏" in damaged.damage
        assert f"bianmin restore {backup}" in damaged.damage
        before = digest(damaged.data_dir.database)
        with pytest.raises(StoreDamaged) as refused:
            damaged.tickets.issue("A")
        assert refused.value.message == damaged.damage
        with pytest.raises(StoreDamaged):
            damaged.settings.set("backup.keep", 3, ADMIN)
        with pytest.raises(StoreDamaged):  # its copy would be named as the one to restore
            damaged.backups.create(ADMIN)
        assert damaged.backups.all() == [backup]
        assert digest(damaged.data_dir.database) == before
    finally:
        damaged.close()


def test_verify_names_the_problem_and_the_newest_good_backup(center: Center,
                                                             clock: FixedClock) -> None:
    good = center.backups.create(ADMIN)
    clock.advance(hours=1)
    bad = center.backups.create(ADMIN)
    with open(bad, "r+b") as handle:  # the newest backup is itself cut short
        handle.truncate(bad.stat().st_size // 2)
    damaged = _damaged(center, clock)
    try:
        report = damaged.verify()
    finally:
        damaged.close()
    text = "\n".join(report.lines())
    assert not report.ok
    assert "数据库文件已损坏" in text
    assert f"bianmin restore {good}" in text and str(bad) not in text


def test_restoring_the_backup_mends_a_damaged_store(center: Center, clock: FixedClock) -> None:
    center.tickets.issue("A")
    backup = center.backups.create(ADMIN)
    damaged = _damaged(center, clock)
    try:
        safety = damaged.backups.restore(backup, ADMIN)
        assert damaged.damage is None
        assert damaged.verify().ok
        assert damaged.tickets.issue("A").number == "A002"
        assert safety.exists()  # the damaged file, kept as it was
    finally:
        damaged.close()
    with open_center(center.data_dir.root, clock=clock) as again:
        assert again.damage is None


def test_without_any_backup_the_message_says_to_stop_and_call(center: Center,
                                                               clock: FixedClock) -> None:
    damaged = _damaged(center, clock)
    try:
        assert damaged.damage is not None and "没有找到备份" in damaged.damage
    finally:
        damaged.close()


def test_a_sound_store_is_checked_once_per_process(center: Center, clock: FixedClock,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from core.db import Database

    calls: list[Path] = []
    original = Database.quick_problems

    def counted(self: Database) -> list[str]:
        calls.append(self.path)
        return original(self)

    monkeypatch.setattr(Database, "quick_problems", counted)
    for _ in range(3):
        center.reopen().close()
    assert len(calls) <= 1


@pytest.mark.parametrize("where", ["the settings' index", "the file header"])
def test_books_too_damaged_to_open_are_set_aside_for_a_restore(center: Center,
                                                                clock: FixedClock,
                                                                where: str) -> None:
    from core.center import open_for_restore

    center.tickets.issue("A")
    backup = center.backups.create(ADMIN)
    root = center.data_dir.root
    center.close()
    if where == "the file header":
        corrupt_page(root / "center.sqlite3", "sqlite_master", length=100)
    else:
        corrupt_page(root / "center.sqlite3", "sqlite_autoindex_setting_1")
    before = digest(root / "center.sqlite3")
    with pytest.raises(StoreDamaged) as refused:
        open_center(root, clock=clock)
    assert f"bianmin restore {backup}" in refused.value.message
    fresh, aside = open_for_restore(root, clock=clock)
    with fresh:
        assert aside is not None and digest(aside) == before  # kept exactly as it was
        fresh.backups.restore(backup, ADMIN)
        assert fresh.verify().ok
        assert fresh.tickets.issue("A").number == "A002"
