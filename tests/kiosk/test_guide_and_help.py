"""办事指南 (on screen, read aloud, printed), 再听一遍, and 请工作人员帮忙 from anywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from core.center import Center
from core.flows import Step
from kiosk.app import KioskWindow
from kiosk.screens.notice import NoticeScreen
from tests.kiosk.drive import all_text, press, tap
from tests.kiosk.kit import DIBAO
from tests.pdfread import ReadBack

Make = Callable[..., KioskWindow]


def open_notice(qtbot: QtBot, window: KioskWindow) -> NoticeScreen:
    for value in ("guide", "group:B", DIBAO):
        tap(qtbot, window, value)
    screen = window.current_screen
    assert isinstance(screen, NoticeScreen)
    return screen


def test_the_notice_is_shown_read_aloud_and_printed(qtbot: QtBot, make_kiosk: Make,
                                                    desk: Center, prints: Path,
                                                    tmp_path: Path) -> None:
    window = make_kiosk()
    screen = open_notice(qtbot, window)
    item = desk.catalog.item(DIBAO)
    shown = all_text(screen)
    assert all(m.name in shown for m in item.materials)
    assert "收费：" in shown and "23个工作日" in shown
    press(qtbot, screen.read)
    assert window.voice is not None
    assert window.voice.history[-1].startswith("办理最低生活保障申请，请带好以下材料：第一，")
    with qtbot.waitSignal(window.printer.finished, timeout=30_000) as printed:
        press(qtbot, screen.print_button)
    assert printed.args is not None and printed.args[2] is True
    assert "已经打印好了" in screen.status.text()
    assert desk.documents.needing_reprint() == []
    [pdf] = sorted(prints.glob("*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    row = desk.db.one("SELECT id FROM document WHERE kind = 'guide'")
    assert row is not None
    archived = ReadBack(desk.documents.pdf(int(row["id"])), tmp_path / "guide.pdf")
    assert all(m.name.replace(" ", "") in archived.flat() for m in item.materials)


def test_a_failed_guide_printout_says_so_and_offers_help(qtbot: QtBot,
                                                         make_kiosk: Make) -> None:
    window = make_kiosk(printer="不存在的打印机")
    screen = open_notice(qtbot, window)
    with qtbot.waitSignal(window.printer.finished, timeout=30_000):
        press(qtbot, screen.print_button)
    status = screen.status.text()
    assert "没有打印出来" in status and "请工作人员帮忙" in status
    # Villager words only: the printer's name and the technical reason go to the log.
    assert "不存在的打印机" not in status and "打印机" not in status
    assert window.voice is not None and "请工作人员帮忙" in window.voice.history[-1]


def test_repeat_says_the_current_prompt_again(qtbot: QtBot, make_kiosk: Make) -> None:
    window = make_kiosk()
    tap(qtbot, window, "group:A")
    assert window.voice is not None
    said = window.voice.history[-1]
    assert "老年人、残疾人、军人和孕妇可以优先办理" in said
    press(qtbot, window.bar.repeat)
    assert window.voice.history[-2:] == [said, said]


def test_help_from_the_middle_of_a_lookup(qtbot: QtBot, make_kiosk: Make,
                                          desk: Center) -> None:
    window = make_kiosk(size=(1366, 768))
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    press(qtbot, window.bar.help)
    assert window.journey.step is Step.HELP
    press(qtbot, window.bar.help)  # pressed again while waiting: still one alert
    assert [r.place for r in desk.help.open()] == ["大厅自助机"]
    assert "已通知工作人员" in all_text(window.current_screen)
    tap(qtbot, window, "back")
    assert window.journey.step is Step.CASE_NUMBER
