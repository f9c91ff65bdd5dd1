"""Kiosk speed: tap to ticket on screen, and cold start to the first frame.

Targets (issue 7, DESIGN.md §7): the tap on the last button to the ticket number painted
≤ 150 ms median (printing excluded: it runs on a worker thread after the ticket is shown,
so the benchmark's printer does nothing); ``bianmin-kiosk`` from process start to its
first painted frame ≤ 1.5 s (a subprocess; the speech engine starts after that frame).
Baselines in the same run: a tap on a bare QPushButton that sets a QLabel's text and
repaints, and a bare QLabel window's cold start.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from bench.common import report
from core.actor import Actor
from core.center import Center, open_center
from core.clock import FixedClock
from kiosk.app import KioskWindow
from kiosk.printer import KioskPrinter
from ui_shared.tasks import TaskRunner
from ui_shared.voice import Voice

TOP = Path(__file__).resolve().parent.parent
ADMIN = Actor.cli()
TAPS = 60
STARTS = 7

FIRST_FRAME = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

class FirstFrame(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"FIRST {time.time()!r}", flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
spy = FirstFrame()
app.installEventFilter(spy)
if sys.argv[1] == "bare":
    label = QLabel("便民")
    label.resize(1366, 768)
    label.show()
    app.exec()
else:
    from kiosk.__main__ import main
    main(sys.argv[2:])
"""


class NoPrinter(KioskPrinter):
    def print_ticket(self, center: Center, ticket_id: int) -> None:
        """Printing is excluded from the measurement (it runs after the ticket shows)."""


def new_center(root: Path, clock: FixedClock | None = None) -> Center:
    center = open_center(root, clock=clock)
    center.initialize("330110101001", "基准测试站", "village")
    groups = [center.groups.add(ADMIN, p, n) for p, n in (("A", "社保医保"), ("B", "民政救助"))]
    center.windows.save(ADMIN, 1, group_ids=[g.id for g in groups])
    return center


def tap_to_ticket(app: QApplication, root: Path) -> list[float]:
    clock = FixedClock(dt.datetime(2026, 11, 27, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    center = new_center(root, clock)
    window = KioskWindow(center, NoPrinter(TaskRunner(root, clock)), size=QSize(1366, 768),
                         voice=Voice("mock"), locked=False)
    window.show()
    app.processEvents()
    samples = []
    for _ in range(TAPS):
        window.go_home()
        window.tap("group:A")
        app.processEvents()
        clock.advance(seconds=30)
        while window.tap_guard.armed:  # a person's next tap comes after the screen settles
            app.processEvents()
            time.sleep(0.01)
        button = window.current_screen.button_for("normal")
        started = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        window.current_screen.repaint()  # the ticket's number painted, not just set
        samples.append((time.perf_counter() - started) * 1000)
        if window.journey.visit.ticket is None:
            raise RuntimeError("the measured tap took no ticket")
    window.close()
    window.deleteLater()
    app.processEvents()
    center.close()
    return samples


def bare_tap(app: QApplication) -> list[float]:
    window = QWidget()
    window.setMinimumSize(1, 1)  # WORKAROUND: no layout min-size hint → no offscreen warning
    label = QLabel("—")
    button = QPushButton("取号")
    layout = QVBoxLayout(window)
    layout.addWidget(label)
    layout.addWidget(button)
    counter = iter(range(10**6))
    button.clicked.connect(lambda: label.setText(f"A{next(counter):03d}"))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    samples = []
    for _ in range(TAPS):
        started = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        window.repaint()
        samples.append((time.perf_counter() - started) * 1000)
    window.close()
    window.deleteLater()
    app.processEvents()
    return samples


def cold_start(mode: str, args: list[str]) -> list[float]:
    samples = []
    for _ in range(STARTS):
        started = time.time()
        done = subprocess.run([sys.executable, "-c", FIRST_FRAME, mode, *args], cwd=TOP,
                              capture_output=True, text=True, timeout=60, check=False)
        line = next((x for x in done.stdout.splitlines() if x.startswith("FIRST ")), None)
        if line is None:
            raise RuntimeError(f"no first frame from {mode}: {done.stderr[-2000:]}")
        samples.append((float(line.split()[1]) - started) * 1000)
    return samples


def main() -> int:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        kiosk = tap_to_ticket(app, root / "taps")
        bare = bare_tap(app)
        print(report("tap to ticket on screen (printing excluded)", kiosk))
        print(report("  baseline: bare button → label text", bare))
        print(f"  ratio {statistics.median(kiosk) / statistics.median(bare):.1f}x; "
              f"target ≤ 150 ms median: {'ok' if statistics.median(kiosk) <= 150 else 'MISSED'}")
        new_center(root / "start").close()
        kiosk_start = cold_start("kiosk", ["--data-dir", str(root / "start"), "--windowed",
                                           "--size", "1366x768", "--voice", "mock",
                                           "--print-to-dir", str(root / "prints")])
        bare_start = cold_start("bare", [])
        print(report("cold start to first frame (bianmin-kiosk, subprocess)", kiosk_start))
        print(report("  baseline: bare QLabel window", bare_start))
        print(f"  ratio {statistics.median(kiosk_start) / statistics.median(bare_start):.1f}x; "
              f"target ≤ 1500 ms: "
              f"{'ok' if statistics.median(kiosk_start) <= 1500 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
