"""The staff client's responsiveness, each beside a bare baseline measured in the same run.

Targets (issue 6, DESIGN.md §7): cold start to the first frame ≤ 1.5 s (a fresh process,
timed from spawn to the login dialog's first paint); a ticket call to the screen update
≤ 100 ms (the F2 action, the queue column redrawn and painted); a case search over
1,000,000 cases stays interactive, ≤ 100 ms from the query to the list's rows (the rows
come from bench_cases.bulk_cases; ``--rows`` changes how many).

Baselines: a bare PySide6 process showing one QLabel; a bare ``call_next`` with a QLabel
set and repainted; the core search alone and a bare primary-key SELECT on the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_cases import bare_lookup, bulk_cases
from bench.common import measure, median, p99, report
from core.actor import Actor
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import FixedClock

ADMIN = Actor.cli()
TOP = Path(__file__).resolve().parent.parent
FRAME = "FIRST-FRAME"


# ------------------------------------------------------------------ setup

def new_center(root: Path) -> tuple[Center, FixedClock]:
    clock = FixedClock(dt.datetime(2026, 11, 27, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    center = open_center(root, clock=clock)
    center.initialize("330110101001", "基准测试站", "village")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    group = center.groups.add(ADMIN, "A", "社保医保")
    center.windows.save(ADMIN, 1, group_ids=[group.id])
    center.windows.assign(ADMIN, 1, center.staff.by_username("wang").id, None)
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    return center, clock


# ------------------------------------------------------------------ cold start

def child_first_frame(data_dir: str | None) -> int:
    """Run in a fresh process: start the real client (or a bare label), report first paint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    app = QApplication([])

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                sys.stdout.write(f"{FRAME}\n")
                sys.stdout.flush()
                os._exit(0)
            return False

    watcher = FirstPaint()
    shown: QWidget
    if data_dir is None:
        shown = QLabel("便民")
    else:
        from staff_client import look
        from staff_client.app import StaffApp

        look.apply(app)
        staff = StaffApp(open_center(data_dir))
        staff.start()
        assert staff.login is not None
        shown = staff.login
    shown.installEventFilter(watcher)
    shown.show()
    return app.exec()


def cold_start(data_dir: Path | None, repeat: int) -> list[float]:
    args = [sys.executable, str(Path(__file__).resolve()), "--child-first-frame",
            str(data_dir) if data_dir else "-"]
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        child = subprocess.Popen(args, cwd=TOP, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        line = child.stdout.readline()
        samples.append((time.perf_counter() - started) * 1000)
        child.wait(timeout=60)
        assert line.strip() == FRAME, line
    return samples


# ------------------------------------------------------------------ ticket call

def call_latency(root: Path, repeat: int) -> tuple[list[float], list[float]]:
    from PySide6.QtWidgets import QApplication, QLabel

    from staff_client import look
    from staff_client.main_window import MainWindow
    from staff_client.session import Session
    from ui_shared.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    look.apply(app)
    center, clock = new_center(root)
    for n in range(2 * repeat + 2):
        clock.advance(seconds=5)
        center.tickets.issue("A", "elderly" if n % 5 == 0 else None)
    wang = center.staff.by_username("wang").id
    window = MainWindow(Session(center, center.staff.by_username("wang"), 1,
                                TaskRunner(root, clock, app)))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    actions, panel = window.queue_actions, window.queue

    def gui_call() -> None:
        clock.advance(seconds=30)
        actions.actions["call_next"].trigger()  # what F2 does
        panel.repaint()  # the redraw the clerk sees, painted now rather than later

    def start() -> None:
        actions.actions["start"].trigger()

    gui = []
    for _ in range(repeat):
        gui += measure(gui_call, 1)
        start()
    window.close()
    window.session.runner.wait()

    actor = center.windows.actor_at(1, wang)
    label = QLabel("—")
    label.show()

    def bare_call() -> None:
        clock.advance(seconds=30)
        ticket = center.tickets.call_next(1, actor)
        assert ticket is not None
        label.setText(ticket.number)
        label.repaint()
        center.tickets.start(ticket.id, actor)

    bare = measure(bare_call, repeat)
    center.close()
    return gui, bare


# ------------------------------------------------------------------ case search

def search_latency(root: Path, rows: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from staff_client.cases.list_view import CaseListView
    from staff_client.session import Session
    from ui_shared.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    center, clock = new_center(root)
    started = time.perf_counter()
    keys = bulk_cases(center, rows, random.Random(7))
    sys.stdout.write(f"generated {rows:,} cases in {time.perf_counter() - started:.0f} s\n")
    view = CaseListView(Session(center, center.staff.by_username("wang"), 1,
                                TaskRunner(root, clock, app)))
    view.resize(1000, 600)
    view.show()
    sample = random.Random(11).sample(keys, min(200, len(keys)))
    results: dict[str, list[float]] = {"case number": [], "ID number": [], "name prefix": [],
                                       "core find (name prefix)": []}

    def through_the_list(query: str) -> None:
        view.search.setText(query)
        view.reload()  # what Enter (or the end of typing) does
        assert view.model.rowCount() > 0
        view.table.viewport().repaint()

    for number, id_number, prefix in sample:
        results["case number"] += measure(partial(through_the_list, number), 1)
        results["ID number"] += measure(partial(through_the_list, id_number), 1)
        results["name prefix"] += measure(partial(through_the_list, prefix), 1)
        results["core find (name prefix)"] += measure(
            partial(center.case_queries.find, prefix, limit=100), 1)
    opened = measure(lambda: through_the_list(""), 20)
    results["open the list (newest 300)"] = opened
    view.close()
    view.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    center.close()
    return results


# ------------------------------------------------------------------ main

def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--child-first-frame", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_first_frame:
        return child_first_frame(None if args.child_first_frame == "-" else
                                 args.child_first_frame)
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
        root = Path(tmp)
        center, _clock = new_center(root / "start")
        center.close()
        bare_start = cold_start(None, args.starts)
        staff_start = cold_start(root / "start", args.starts)
        print(report("bare PySide6 process to a label's first paint (baseline)", bare_start))
        print(report("staff client cold start to the login's first paint", staff_start)
              + f"  ratio {median(staff_start) / median(bare_start):.2f}x")
        gui, bare = call_latency(root / "calls", args.calls)
        print(report("bare call_next + QLabel repaint (baseline)", bare))
        print(report("F2: call next to the queue column repainted", gui)
              + f"  ratio {median(gui) / median(bare):.2f}x")
        searches = search_latency(root / "search", args.rows)
        bare_select = bare_lookup(root / "search", 300)
        print(report("bare SELECT by primary key (baseline)", bare_select))
        for label, samples in searches.items():
            print(report(f"cases list: {label} among {args.rows:,}", samples)
                  + f"  p99 {p99(samples):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
