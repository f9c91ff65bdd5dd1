"""``bianmin-kiosk --self-test``: does this installation work? On a throwaway center (the
real books are never touched) it builds the kiosk, takes a ticket with the real buttons,
prints it to a PDF file, lets the board announce a call with this PC's real voice, and
reports each check.

The voice is reported as it is: "✓" only for a real engine with a Mandarin voice that
took the call; without one the line starts with "！" and says that calls only chime and
flash, and how to install a voice. A missing voice does not fail the self-test (a hall
can run on the chime), but the last line says so."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from core.actor import Actor
from core.center import Center, open_center
from core.i18n import _

if TYPE_CHECKING:
    from ui_shared.voice import Voice

TIMEOUT_MS = 30_000
SPEAKING_MS = 15_000


def _center(root: Path) -> Center:
    center = open_center(root)
    center.initialize("330110101001", "自检服务站", "village")
    group = center.groups.add(Actor.cli(), "A", "自检业务")
    center.windows.save(Actor.cli(), 1, group_ids=[group.id])
    return center


def self_test(out: TextIO) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bianmin-selftest-") as tmp:
        root = Path(tmp)
        center = _center(root / "center")
        try:
            failed, speaks = _run_checks(center, root, out)
        finally:
            center.close()
            app.processEvents()  # deliver the deferred deletes before the folder goes
    if failed:
        out.write(_("自检失败：{n}项").format(n=failed) + "\n")
        return 1
    out.write((_("自检通过") if speaks else _("自检通过，但叫号没有语音（见上）")) + "\n")
    return 0


def _run_checks(center: Center, root: Path, out: TextIO) -> tuple[int, bool]:
    from PySide6.QtCore import QEventLoop, QSize, QTimer

    from kiosk.app import KioskWindow
    from kiosk.board import BoardWindow
    from kiosk.printer import KioskPrinter
    from ui_shared import theme
    from ui_shared.tasks import TaskRunner
    from ui_shared.voice import Voice

    runner = TaskRunner(center.data_dir.root)
    printer = KioskPrinter(runner, directory=root / "prints")
    kiosk = KioskWindow(center, printer, size=QSize(1366, 768), voice=Voice("mock"),
                        locked=False)
    kiosk.show()
    done: list[bool] = []
    printer.finished.connect(lambda _k, _t, ok, _m: done.append(ok))
    kiosk.tap("group:A")
    kiosk.tap("normal")
    loop = QEventLoop()
    printer.finished.connect(lambda *_a: loop.quit())
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    if not done:
        loop.exec()
    runner.wait()
    pdfs = sorted((root / "prints").glob("*.pdf")) if (root / "prints").exists() else []
    voice = Voice()  # this PC's real voice, as the board gets it
    board = BoardWindow(center, voice, size=QSize(1366, 768), locked=False)
    center.tickets.call_next(1, Actor.cli())
    board.refresh()
    checks: list[tuple[str, Callable[[], bool]]] = [
        (_("字体"), lambda: "WenQuanYi" in theme.font_family() or "文泉" in theme.font_family()),
        (_("取号"), lambda: [t.number for t in center.tickets.for_day(center.tickets.today())]
         == ["A001"]),
        (_("打印号票到文件"), lambda: done == [True] and len(pdfs) == 1
         and pdfs[0].read_bytes().startswith(b"%PDF")),
    ]
    failed = 0
    for name, check in checks:
        ok = check()
        failed += not ok
        out.write(f"{'✓' if ok else '✗'} {name}\n")
    speaks = voice.status.speaks and voice.history == ["请A零零一号到一号窗口办理"]
    out.write(f"{'✓' if speaks else '！'} {_('叫号播报')}：{voice.status.text}\n")
    _let_it_finish(voice)
    board.close()
    kiosk.close()
    return failed, speaks


def _let_it_finish(voice: Voice) -> None:
    """The call is heard through to its end (a supervisor running the self-test listens)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if not voice.can_speak:
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: None if voice.speaking else loop.quit())
    poll.start(200)
    QTimer.singleShot(SPEAKING_MS, loop.quit)
    loop.exec()
    poll.stop()
