"""The staff client's main pages, each shown at a given window size and checked with
:mod:`tests.ui.fit`: login, queue and intake (blank and filled), the cases list, one case
with the county's feedback, sync, every supervisor tab and every first-run step.

Run as a module (``python -m tests.staff_client.fit_pages 910x470``) it checks one size in
its own process — the way the fit test runs the 150 % case, since Qt's scale factor is
fixed when the application starts — and prints one problem per line.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from core.actor import Actor
from core.cases import Agent, Applicant, Case
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.clock import FixedClock
from core.feed import FeedEntry
from staff_client import look
from staff_client.first_run import FirstRunWizard
from staff_client.login import LoginDialog
from staff_client.main_window import MainWindow
from staff_client.session import Session
from tests.helpers import ADMIN, CENTER_CODE, shanghai, valid_id
from tests.ui.fit import Problem, problems, settle
from ui_shared.tasks import TaskRunner

LOW_INCOME = "05-MZ-001"


def build_center(root: Path) -> Center:
    """A village center in the middle of a morning: tickets waiting, cases with feedback."""
    center = open_center(root, clock=FixedClock(shanghai(2026, 11, 27)))
    center.initialize(CENTER_CODE, "良渚街道新港村便民服务站", "village")
    center.staff.add(ADMIN, "zhang", "张站长", "supervisor", "zhang-pass-1")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    groups = [center.groups.add(ADMIN, p, n) for p, n in
              (("A", "社保医保"), ("B", "民政救助"), ("C", "残疾人和老年人服务"))]
    center.windows.save(ADMIN, 1, "1号窗口（综合）", [g.id for g in groups])
    center.windows.assign(ADMIN, 1, center.staff.by_username("zhang").id, None)
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    for prefix, priority in (("A", None), ("B", "elderly"), ("C", None), ("A", None)):
        center.tickets.issue(prefix, priority)
    case = _accepted(center, "欧阳秀英")
    center.feed.apply_page([
        FeedEntry(1, "case_received", case.uuid, {"hub_case_number": "YH-2026-08811"}),
        FeedEntry(2, "supplement_requested", case.uuid,
                  {"materials": ["共同生活家庭成员收入证明"],
                   "reason": "收入证明需由村委会盖章，并写明近12个月的家庭收入情况"}),
    ], "cursor-2")
    return center


def _accepted(center: Center, name: str) -> Case:
    staff = center.staff.by_username("zhang").id
    actor = Actor(staff, "staff")
    case = center.cases.new(actor, LOW_INCOME, Applicant(name, valid_id("33011019490615002"),
                                                         "13900001111", "新港村3组18号"),
                            agent=Agent("村代办员", staff_id=staff))
    center.cases.receive_materials(case.id, [m.name for m in case.blocking], actor)
    return center.cases.accept(case.id, actor)


def fill_intake(window: MainWindow) -> None:
    page = window.intake
    page.picker.search.setText("zdsh")
    page.picker.select(LOW_INCOME)
    page.applicant.name.setText("欧阳秀英")
    page.applicant.id_number.setText(valid_id("33011019490615002"))
    page.applicant.phone.setText("13900001111")
    for box in list(page.materials.boxes.values())[:2]:
        box.setChecked(True)


def main_window(center: Center, size: QSize, print_dir: Path) -> MainWindow:
    runner = TaskRunner(center.data_dir.root, center.clock)
    session = Session(center, center.staff.by_username("zhang"), 1, runner, print_dir)
    window = MainWindow(session, watch_interval_ms=60_000)
    window.resize(size)
    window.show()
    settle(window)
    return window


def _tag(name: str, found: list[Problem]) -> list[str]:
    return [f"[{name}] {p}" for p in found]


def check_main_window(center: Center, size: QSize, print_dir: Path) -> list[str]:
    window = main_window(center, size, print_dir)
    found: list[str] = []
    try:
        window.queue_actions.call_next()
        found += _tag("queue + blank intake", problems(window, size))
        window.queue_actions.request_intake()
        fill_intake(window)
        found += _tag("queue + filled intake", problems(window, size))
        window.tabs.setCurrentWidget(window.cases)
        window.cases.show_list()
        found += _tag("cases", problems(window, size))
        case_id = window.cases.list.case_ids()[0]
        window.open_case(case_id)
        found += _tag("case view", problems(window, size))
        window.tabs.setCurrentWidget(window.sync)
        found += _tag("sync", problems(window, size))
        supervisor = window.supervisor
        assert supervisor is not None
        window.tabs.setCurrentWidget(supervisor)
        for key in supervisor.pages:  # type: ignore[attr-defined]
            supervisor.show_tab(key)  # type: ignore[attr-defined]
            found += _tag(f"supervisor {key}", problems(window, size))
    finally:
        window.close()
        window.session.runner.wait()
    return found


def check_login(center: Center, size: QSize) -> list[str]:
    dialog = LoginDialog(center)
    dialog.show()
    try:
        found = _tag("login", problems(dialog, size))
        dialog.try_login()  # no user name: the red line appears
        found += _tag("login refused", problems(dialog, size))
    finally:
        dialog.close()
    return found


def check_first_run(root: Path, size: QSize) -> list[str]:
    center = open_center(root, clock=FixedClock(shanghai(2026, 11, 27)))
    runner = TaskRunner(center.data_dir.root, center.clock)
    wizard = FirstRunWizard(center, runner, root / "printed")
    wizard.resize(wizard.size().boundedTo(size))
    wizard.show()
    found: list[str] = []
    try:
        found += _tag("first run: center", problems(wizard, size))
        wizard.center_page.code.setText(CENTER_CODE)
        wizard.center_page.name.setText("良渚街道新港村便民服务站")
        wizard.next()
        found += _tag("first run: admin", problems(wizard, size))
        for line in (wizard.admin_page.password, wizard.admin_page.again):
            line.setText("admin-pass-1")
        wizard.admin_page.name.setText("张站长")
        wizard.next()
        found += _tag("first run: groups", problems(wizard, size))
        wizard.next()
        found += _tag("first run: printers", problems(wizard, size))
        wizard.next()
        found += _tag("first run: hub", problems(wizard, size))
    finally:
        wizard.close()
        runner.wait()
        center.close()
    return found


def check_all(root: Path, size: QSize) -> list[str]:
    center = build_center(root / "center")
    try:
        found = check_login(center, size)
        found += check_main_window(center, size, root / "printed")
    finally:
        center.close()
    return found + check_first_run(root / "fresh", size)


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="bianmin-fit-") as folder:
        yield Path(folder)


def main(argv: list[str]) -> int:
    width, height = (int(n) for n in argv[0].split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    look.apply(app)
    with _scratch() as root:
        found = check_all(root, QSize(width, height))
    for line in found:
        sys.stdout.write(line + "\n")
    sys.stdout.write(f"checked at {width}x{height}, scale {os.environ.get('QT_SCALE_FACTOR', '1')}:"
                     f" {len(found)} problems\n")
    return 1 if found else 0


def visible_in_window(widget: QWidget) -> bool:
    """Every pixel of ``widget`` is on screen (not cut by a parent or a scroll area)."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
