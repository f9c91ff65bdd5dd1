"""The supervisor's backup page (issue 12, finding 5): whether the backup key's recovery
key was exported, and which backups are encrypted and which are old, unencrypted ones."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from core.center import Center
from core.db import backup as files
from staff_client.session import Session
from staff_client.supervisor.backups import BackupsPage
from tests.helpers import ADMIN
from ui_shared.tasks import TaskRunner


def _page(qtbot: QtBot, center: Center, print_dir: Path) -> BackupsPage:
    runner = TaskRunner(center.data_dir.root, center.clock)
    session = Session(center, center.staff.by_username("zhang"), 1, runner, print_dir)
    page = BackupsPage(session)
    qtbot.addWidget(page)
    return page


def _column(page: BackupsPage, column: int) -> list[str]:
    return [page.list.item(row, column).text() for row in range(page.list.rowCount())]


def test_the_page_says_whether_the_recovery_key_was_exported(qtbot: QtBot, center: Center,
                                                             print_dir: Path) -> None:
    page = _page(qtbot, center, print_dir)
    assert "还没有" in page.key_state.text() and "第一次备份时生成" in page.key_state.text()
    center.backups.create(ADMIN)
    page.refresh()
    key = center.backups.current_key(ADMIN)
    assert "还没有导出" in page.key_state.text()
    assert "bianmin backup key export" in page.key_state.text()
    assert key.key_id in page.key_state.text()
    center.backups.record_key_event("backup.key_exported", key, ADMIN, {"to": "screen"})
    page.refresh()
    assert "已于" in page.key_state.text() and "导出" in page.key_state.text()
    assert "还没有导出" not in page.key_state.text()


def test_old_unencrypted_backups_are_marked(qtbot: QtBot, center: Center,
                                            print_dir: Path) -> None:
    files.copy_to(center.db, center.data_dir.backups / "bianmin-20261120-180000-000000.sqlite3")
    center.backups.create(ADMIN)
    page = _page(qtbot, center, print_dir)
    assert _column(page, 2) == ["加密备份", "旧格式，未加密"]
