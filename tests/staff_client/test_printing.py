"""A printer that is missing never loses the case: the receipt is kept and flagged, the
banner says so, and 补打 prints it once the printer is back. And the installer's
``--self-test`` works on a fresh machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from core.cases import CaseState
from core.center import Center
from core.settings import DOCUMENT_PRINTER
from tests.helpers import ADMIN, TOP
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import click, fill_intake, printed_files


def test_missing_printer_flags_the_receipt_for_reprint(qtbot: QtBot, desk: Center,
                                                       open_window: OpenWindow,
                                                       print_dir: Path) -> None:
    desk.settings.set(DOCUMENT_PRINTER.key, "不存在的打印机", ADMIN)
    window = open_window(desk)
    window.session.printer.print_dir = None  # a real printer, which is not there
    page = window.intake
    fill_intake(qtbot, page)
    with qtbot.waitSignal(window.session.printer.failed, timeout=20_000) as failed:
        click(qtbot, page.accept_button)
    assert "找不到打印机" in failed.args[0] and "待补打" in failed.args[0]
    (case,) = desk.case_queries.find("张秀英")
    assert case.state is CaseState.ACCEPTED  # the case is filed whatever the printer does
    (waiting,) = desk.documents.needing_reprint()
    assert waiting.case_id == case.id
    qtbot.waitUntil(lambda: window.alerts.reprint.isVisible(), timeout=5000)
    assert "1 份文书没有打印出来（受理回执）" in window.alerts.reprint.text.text()

    window.session.printer.print_dir = print_dir  # the printer is back
    with qtbot.waitSignal(window.session.printer.printed, timeout=20_000):
        click(qtbot, window.alerts.reprint_button)
    assert desk.documents.needing_reprint() == []
    assert printed_files(print_dir, "receipt")[0].name.startswith(f"receipt-{waiting.id}-")
    assert window.alerts.reprint.isHidden()


def test_self_test_builds_every_page_and_a_receipt(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "staff_client", "--self-test", "--data-dir",
         str(tmp_path / "fresh")], cwd=TOP, capture_output=True, text=True, timeout=120,
        check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pages: 12 built" in done.stdout
    assert "receipt:" in done.stdout and "self-test passed" in done.stdout
    assert (tmp_path / "fresh" / "center.sqlite3").exists()  # the store was opened
