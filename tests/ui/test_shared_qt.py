"""The shared Qt layer: background tasks, change watching, printing through QtPdf, voice."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.announce import call_text, spoken_call, spoken_digits, spoken_number
from core.center import Center
from tests.helpers import ADMIN
from tests.pdfread import MM, ReadBack
from ui_shared.printing import PrinterChoice, PrintError, print_document
from ui_shared.tasks import TaskRunner
from ui_shared.theme import INK, PAPER, PRIMARY, contrast_ratio, font_family
from ui_shared.voice import Voice
from ui_shared.watch import ChangeWatcher


def test_call_wording_reads_digits_one_by_one() -> None:
    assert call_text("A012", 3) == "请A012号到3号窗口办理"
    assert spoken_digits("A012") == "A零一二"
    assert [spoken_number(n) for n in (3, 10, 12, 20, 35)] == ["三", "十", "十二", "二十", "三十五"]
    assert spoken_call("B105", 12) == "请B一零五号到十二号窗口办理"
    assert spoken_call("B105", 2, recall=True).startswith("再次呼叫")


def test_background_task_runs_off_the_gui_thread(qtbot: QtBot, center: Center) -> None:
    runner = TaskRunner(center.data_dir.root, center.clock)
    seen: dict[str, object] = {}

    def op(c: Center) -> str:
        seen["thread"] = threading.current_thread()
        return c.tickets.issue("A").number

    with qtbot.waitCallback() as done:
        runner.run(op, done)
    done.assert_called_with("A001")
    assert seen["thread"] is not threading.main_thread()
    with qtbot.waitCallback() as failed:
        runner.run(lambda c: c.tickets.issue("Z"), None, failed)
    assert "没有字头" in str(failed.args[0])
    runner.wait()


def test_watcher_sees_another_connections_commit(qtbot: QtBot, center: Center) -> None:
    watcher = ChangeWatcher(center, interval_ms=20)
    other = center.reopen()
    with qtbot.waitSignal(watcher.changed, timeout=3000):
        other.tickets.issue("A")
    other.close()
    watcher.stop()


def test_print_to_file_keeps_page_size_and_qr(qtbot: QtBot, center: Center,
                                              tmp_path: Path) -> None:
    ticket = center.tickets.issue("A")
    stored = center.documents.ticket(ticket.id, Actor.kiosk())
    out = tmp_path / "printed.pdf"
    print_document(center, stored.id, PrinterChoice(file=out), ADMIN)
    printed = ReadBack(out.read_bytes(), tmp_path / "copy.pdf")
    width, _height = printed.page_sizes()[0]
    assert abs(width - 80 * MM) < 2
    assert printed.qr_codes() == [center.paperwork.ticket(ticket, "社保医保").qr_payload]
    assert center.documents.needing_reprint() == []


def test_missing_printer_flags_the_ticket_for_reprint(qtbot: QtBot, center: Center) -> None:
    ticket = center.tickets.issue("A")
    stored = center.documents.ticket(ticket.id, Actor.kiosk())
    with pytest.raises(PrintError, match="找不到打印机"):
        print_document(center, stored.id, PrinterChoice(name="不存在的打印机"), Actor.kiosk())
    assert center.tickets.get(ticket.id).print_failed
    assert [d.id for d in center.documents.needing_reprint()] == [stored.id]


def test_voice_queues_the_call_to_the_engine(qtbot: QtBot) -> None:
    voice = Voice("mock")
    assert voice.can_speak
    with qtbot.waitSignal(voice.announced) as shown:
        voice.call("A012", 3)
    assert shown.args == ["请A012号到3号窗口办理"]
    voice.call("A012", 3, recall=True)
    assert voice.history == ["请A零一二号到三号窗口办理", "再次呼叫，请A零一二号到三号窗口办理"]


def test_theme_font_and_contrast(qtbot: QtBot) -> None:
    assert "WenQuanYi" in font_family() or "文泉" in font_family()
    assert contrast_ratio(INK, PAPER) >= 4.5
    assert contrast_ratio(PAPER, PRIMARY) >= 4.5
