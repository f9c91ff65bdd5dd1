"""``bianmin-staff --self-test``: prove an installation works without touching its books.

Opens the real store (migrating it if needed, as a normal start would), then builds every
page — supervisor pages included — offscreen against a throwaway demo center, files one
case there and renders its receipt. Exit 0 when all of that worked.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from core.actor import Actor
from core.cases import Agent, Applicant
from core.catalog import demo_catalog_text
from core.center import Center, open_center
from core.errors import UserFacingError

SELF_TEST_ID = "11010519491231002X"  # the GB 11643 standard's own example number


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def seed_demo(center: Center) -> None:
    admin = Actor.cli()
    center.initialize("330110101001", "自检演示村便民服务站", "village")
    center.staff.add(admin, "zhang", "张站长", "supervisor", "selftest-1")
    groups = [center.groups.add(admin, "A", "社保医保"), center.groups.add(admin, "B", "民政救助")]
    center.windows.save(admin, 1, group_ids=[g.id for g in groups])
    center.catalog.import_text(demo_catalog_text(), admin)


def self_test(data_dir: str | None) -> int:
    started = time.perf_counter()
    try:
        with open_center(data_dir) as center:
            info = center.info
            _say(f"store: {center.data_dir.database} "
                 f"({'initialised' if info else 'not initialised yet'})")
    except UserFacingError as exc:
        _say(f"store: FAILED {exc.message}")
        return 1
    with tempfile.TemporaryDirectory(prefix="bianmin-selftest-") as tmp:
        code = _pages_and_receipt(Path(tmp))
    outcome = "passed" if code == 0 else "FAILED"
    _say(f"self-test {outcome} in {time.perf_counter() - started:.1f} s")
    return code


def _pages_and_receipt(root: Path) -> int:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from staff_client import look
    from staff_client.main_window import MainWindow
    from staff_client.session import Session
    from staff_client.supervisor.page import SupervisorPage
    from ui_shared.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    look.apply(app)
    with open_center(root / "center") as center:
        seed_demo(center)
        member = center.staff.by_username("zhang")
        runner = TaskRunner(center.data_dir.root, center.clock)
        window = MainWindow(Session(center, member, 1, runner, root / "printed"))
        pages: list[QWidget] = [w for i in range(window.tabs.count())
                                if (w := window.tabs.widget(i)) is not None]
        if isinstance(window.supervisor, SupervisorPage):
            pages += list(window.supervisor.pages.values())
        for page in pages:
            if window.tabs.indexOf(page) >= 0:
                window.tabs.setCurrentWidget(page)
            if page.grab().isNull():
                _say(f"page {type(page).__name__}: FAILED to render")
                return 1
        _say(f"pages: {len(pages)} built and rendered offscreen")
        pdf = _receipt(center, member.id)
        window.close()
        runner.wait()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    if not pdf.startswith(b"%PDF"):
        _say("receipt: FAILED (not a PDF)")
        return 1
    _say(f"receipt: {len(pdf)} bytes of PDF")
    return 0


def _receipt(center: Center, staff_id: int) -> bytes:
    actor = center.windows.actor_at(1, staff_id)
    case = center.cases.new(actor, "20-YL-001", Applicant("自检", SELF_TEST_ID),
                            agent=Agent("村代办员", staff_id=staff_id))
    center.cases.receive_materials(case.id, [m.name for m in case.materials], actor)
    center.cases.accept(case.id, actor)
    return center.documents.pdf(center.documents.receipt(case.id, actor).id)
