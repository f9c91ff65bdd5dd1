"""The staff client on a database that failed its start-up check (issue 12, finding 3):
nobody logs in; a message says what is wrong and how to restore, and the program ends."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.center import Center, open_center
from core.clock import FixedClock
from staff_client.app import StaffApp
from tests.books import corrupt_page, digest
from tests.helpers import ADMIN


def test_a_damaged_store_is_refused_with_what_to_do(qtbot: QtBot, center: Center,
                                                    clock: FixedClock) -> None:
    backup = center.backups.create(ADMIN)
    root = center.data_dir.root
    center.close()
    corrupt_page(root / "center.sqlite3", "case_file")
    before = digest(root / "center.sqlite3")
    with open_center(root, clock=clock) as damaged:
        app = StaffApp(damaged)
        app.start()
        assert app.login is None and app.setup is None and app.window is None
        notice = app.notice
        assert notice is not None
        qtbot.waitUntil(notice.isVisible)
        assert "数据库文件已损坏" in notice.text()
        assert f"bianmin restore {backup}" in notice.text()
        notice.close()
        app.runner.wait()
        app.close_windows()
    assert digest(root / "center.sqlite3") == before
