"""Regenerate the staff client's screenshots (docs/screenshots/staff-*.png).

Plays a village center's morning through the real widgets: a clerk logs in, calls the
kiosk's tickets, files three cases on residents' behalf (one incomplete → one-time
notice, one accepted → receipt, one not accepted → rejection), hands over a result that
came back from the county, and a supervisor looks at the management pages. Earlier days'
cases and the county's feedback are put in the books first, through core and the sync book,
as the previous days' work and the sync engine would have left them.

The story is shot at 1366×700 (a 1366×768 screen less the taskbar and title bar). The
main pages — intake, cases, one case, sync, the catalog — are shot again at 1024×768,
1366×700 and 1920×1080 (``staff-<page>-<size>.png``), and the intake once more at 150 %
scaling on a 1366×768 screen (910×470 logical pixels; a child process, since Qt's scale
factor is fixed at start-up: ``staff-intake-1366x768-150pct.png``).

Runs offscreen by default (``QT_QPA_PLATFORM=offscreen``); under ``xvfb-run`` it uses the
virtual display. ``--out`` changes the folder, ``--keep DIR`` keeps the demo data there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from core.actor import Actor  # noqa: E402
from core.cases import Agent, Applicant, Case  # noqa: E402
from core.catalog import demo_catalog_text  # noqa: E402
from core.center import Center, open_center  # noqa: E402
from core.clock import FixedClock  # noqa: E402
from core.feed import FeedEntry  # noqa: E402
from core.identity import mod11_2_check  # noqa: E402
from core.outbox import ItemOutcome, ItemResult  # noqa: E402
from staff_client import look  # noqa: E402
from staff_client.first_run import FirstRunWizard  # noqa: E402
from staff_client.login import LoginDialog  # noqa: E402
from staff_client.main_window import MainWindow  # noqa: E402
from staff_client.session import Session  # noqa: E402
from ui_shared.tasks import TaskRunner  # noqa: E402

ADMIN = Actor.cli()
TZ = ZoneInfo("Asia/Shanghai")
GROUPS = (("A", "社保医保"), ("B", "民政救助"), ("C", "残疾人和老年人服务"), ("D", "综合受理"))
STORY_SIZE = (1366, 700)
SIZES = ((1024, 768), (1366, 700), (1920, 1080))
SCALED = ((910, 470), "1366x768-150pct")  # 1366×768 at 150 %, less taskbar and title bar


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def id_number(first17: str) -> str:
    return first17 + mod11_2_check(first17)


class Shots:
    """Saves grabs, waiting for background work (printing) first."""

    def __init__(self, app: QApplication, out: Path) -> None:
        self.app = app
        self.out = out
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def settle(self, window: MainWindow | None = None) -> None:
        for _ in range(5):
            self.app.processEvents()
        if window is not None:
            window.session.runner.wait()
            for _ in range(5):
                self.app.processEvents()

    def wait(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.02)

    def save(self, name: str, widget: QWidget, dialog: QWidget | None = None) -> None:
        self.settle()
        picture = widget.grab()
        if dialog is not None:
            picture = over(picture, dialog)
        path = self.out / f"staff-{name}.png"
        picture.save(str(path))
        self.saved.append(path)


def over(background: QPixmap, dialog: QWidget) -> QPixmap:
    """The dialog drawn centred over its dimmed window, as the clerk sees it."""
    dialog.adjustSize()
    front = dialog.grab()
    result = QPixmap(background)
    painter = QPainter(result)
    painter.fillRect(result.rect(), QColor(0, 0, 0, 90))
    spot = QPoint((result.width() - front.width()) // 2, (result.height() - front.height()) // 3)
    painter.fillRect(QRect(spot + QPoint(4, 4), front.size()), QColor(0, 0, 0, 60))
    painter.drawPixmap(spot, front)
    painter.setPen(QColor("#8d9cab"))
    painter.drawRect(QRect(spot, front.size()).adjusted(0, 0, -1, -1))
    painter.end()
    return result


# ------------------------------------------------------------------ the books before today

def seed(center: Center) -> None:
    center.initialize("330110101001", "良渚街道新港村便民服务站", "village")
    center.staff.add(ADMIN, "zhang", "张站长", "supervisor", "zhang-pass-1")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    center.staff.add(ADMIN, "li", "李红", "clerk", "li-pass-1")
    ids = {p: center.groups.add(ADMIN, p, n).id for p, n in GROUPS}
    center.windows.save(ADMIN, 1, "1号窗口（综合）", list(ids.values()))
    center.windows.save(ADMIN, 2, "2号窗口（民政残联）", [ids["B"], ids["C"]])
    wang, li = (center.staff.by_username(u).id for u in ("wang", "li"))
    center.windows.assign(ADMIN, 1, wang, li)
    center.windows.assign(ADMIN, 2, li, None)
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    center.settings.set("center.place", "村委会一楼便民服务站", ADMIN)
    center.settings.set("center.enquiry_phone", "0571-88880000", ADMIN)


def file_case(center: Center, clock: FixedClock, when: dt.datetime, item: str, name: str,
              first17: str) -> Case:
    clock.set(when)
    wang = center.staff.by_username("wang").id
    actor = Actor(wang, "staff")
    case = center.cases.new(actor, item, Applicant(name, id_number(first17), "13905710000"),
                            agent=Agent("村代办员", staff_id=wang))
    center.cases.receive_materials(case.id, [m.name for m in case.materials], actor)
    return center.cases.accept(case.id, actor)


def earlier_days(center: Center, clock: FixedClock) -> dict[str, Case]:
    cases = {  # in the order they were filed
        "pickup": file_case(center, clock, at(2, 10), "05-LL-002", "周福贵",
                            "33011019400214003"),
        "supplement": file_case(center, clock, at(20, 14), "07-CL-001", "吴小兵",
                                "33011019850911004"),
        "overdue": file_case(center, clock, at(23, 10), "20-YL-001", "钱德旺",
                             "33011019580312001"),
        "due_soon": file_case(center, clock, at(25, 9, 40), "20-YL-001", "孙秀珍",
                              "33011019620708002"),
        "running": file_case(center, clock, at(26, 11), "05-MZ-003", "郑桂英",
                             "33011019700101005"),
        "refused": file_case(center, clock, at(26, 15), "05-MZ-003", "冯小芳",
                             "33011019880606006"),
    }
    clock.set(at(26, 17))
    events = center.outbox.take_batch(100)
    refused = cases["refused"].uuid
    results = [ItemResult(e.event_id, ItemOutcome.ACCEPTED, i + 1) if e.stream_id != refused
               else ItemResult(e.event_id, ItemOutcome.REJECTED, None,
                               "同一申请人已在良渚街道提出临时救助申请（县级查重）")
               for i, e in enumerate(events)]
    center.sync.begin_run()
    center.outbox.apply_results("batch-1", [e.event_id for e in events], results, lambda n: 0)
    center.sync.save_login("https://zwfw.yuhang.example.cn", "330110101001",
                           "良渚街道新港村便民服务站", ADMIN)
    feed = [
        FeedEntry(1, "case_received", cases["pickup"].uuid, {"hub_case_number": "YH-2026-08811"}),
        FeedEntry(2, "case_approved", cases["pickup"].uuid,
                  {"result": "准予发放高龄津贴，每月200元"}),
        FeedEntry(3, "case_received", cases["supplement"].uuid, {}),
        FeedEntry(4, "supplement_requested", cases["supplement"].uuid,
                  {"materials": ["二级以上医院出具的残疾评定表"], "reason": "需医院评定后再审"}),
    ]
    center.feed.apply_page(feed, "cursor-4")
    center.sync.finish_run(None, 2.4)
    center.ratings.rate(Actor.kiosk(), "dissatisfied", case_id=cases["overdue"].id,
                        reasons=["办理时间太长"], comment="说好三天，到现在还没消息")
    center.calendar.set_local(dt.date(2026, 12, 31), False, "村委会换届选举", ADMIN)
    center.backups.create(ADMIN)
    return cases


def morning_tickets(center: Center, clock: FixedClock) -> None:
    arrivals = [("A", None), ("B", None), ("A", "elderly"), ("D", None), ("C", None),
                ("A", None), ("B", "disabled"), ("D", None), ("A", None)]
    clock.set(at(27, 8, 31))
    for prefix, priority in arrivals:
        clock.advance(minutes=4)
        center.tickets.issue(prefix, priority)


# ------------------------------------------------------------------ today at the window

def type_text(app: QApplication, line: QWidget, text: str) -> None:
    line.setFocus()
    line.setText(text)  # type: ignore[attr-defined]
    app.processEvents()


def fill(app: QApplication, window: MainWindow, search: str, name: str, first17: str,
         ticked: int | None) -> None:
    page = window.intake
    type_text(app, page.picker.search, search)
    page.picker.results.setCurrentRow(0)
    page.picker.select(page.picker.results.item(0).data(Qt.ItemDataRole.UserRole))
    type_text(app, page.applicant.name, name)
    type_text(app, page.applicant.id_number, id_number(first17))
    type_text(app, page.applicant.phone, "13957120000")
    boxes = list(page.materials.boxes.values())
    for box in boxes[: len(boxes) if ticked is None else ticked]:
        box.click()
    app.processEvents()


def open_window(center: Center, username: str, window: int, print_dir: Path,
                size: tuple[int, int] = STORY_SIZE) -> MainWindow:
    runner = TaskRunner(center.data_dir.root, center.clock)
    main = MainWindow(Session(center, center.staff.by_username(username), window, runner,
                              print_dir))
    main.resize(*size)
    main.show()
    return main


def play(center: Center, clock: FixedClock, shots: Shots, print_dir: Path) -> None:
    app = shots.app
    cases = earlier_days(center, clock)
    morning_tickets(center, clock)

    login = LoginDialog(center)
    login.username.setText("wang")
    login.password.setText("wang-pass-1")
    login.show()
    shots.save("login", login)
    login.password.setText("wrong-password")
    locked = LoginDialog(center)
    locked.username.setText("li")
    for attempt in range(5):
        locked.password.setText(f"guess-{attempt}")
        locked.try_login()
    locked.show()
    shots.save("login-locked", locked)
    center.staff.set_password(ADMIN, center.staff.by_username("li").id, "li-pass-2")

    clock.set(at(27, 9, 12))
    window = open_window(center, "wang", 1, print_dir)
    center.help.ask("自助服务机")
    window.refresh()
    window.queue_actions.call_next()
    shots.save("queue", window)
    window.alerts.answer_help()

    # 1) Incomplete: the one-time notice. The resident asks for 低保 (an everyday name);
    # a first try with words the catalog does not know finds nothing, and says so.
    window.queue_actions.request_intake()
    type_text(app, window.intake.picker.search, "困难救济金")
    shots.save("item-not-found", window)
    window.intake.picker.search.clear()
    fill(app, window, "低保", "陈阿婆", "33011019450520006", ticked=1)
    clock.advance(minutes=6)
    shots.save("intake", window)
    window.intake.issue_notice()
    shots.settle(window)
    shots.save("intake-notice-printed", window)

    # 2) Accepted: the receipt.
    clock.advance(minutes=3)
    window.queue_actions.call_next()
    window.queue_actions.request_intake()
    fill(app, window, "ylbx", "黄建华", "33011019670825007", ticked=None)
    shots.save("intake-ready", window)
    window.intake.accept()
    shots.settle(window)
    shots.save("intake-accepted", window)

    # 3) Not accepted: reason and competent office, or nothing happens.
    clock.advance(minutes=9)
    window.queue_actions.call_next()
    window.queue_actions.request_intake()
    fill(app, window, "jzz", "林志强", "33011019900402008", ticked=0)
    window.intake.ask_not_accept()
    dialog = window.intake.dialog
    assert dialog is not None
    dialog.reason.setPlainText("申请人户籍在本村，不需要办理居住证；如需户籍证明请到派出所。")
    dialog.confirm.click()
    shots.save("not-accept-refused", window, dialog)
    dialog.office.setCurrentText("良渚派出所户籍窗口")
    dialog.confirm.click()
    shots.settle(window)

    # The county's decisions arrive while the clerk works (the sync engine's connection).
    clock.advance(minutes=5)
    other = center.reopen()
    other.feed.apply_page([FeedEntry(5, "ready_for_pickup", cases["pickup"].uuid,
                                          {"place": "村便民服务站1号窗口"})], "cursor-5")
    other.close()
    window.refresh()
    shots.save("feedback", window)

    # The list, colours and masks; then the case whose result came back, and its pickup.
    window.tabs.setCurrentWidget(window.cases)
    window.cases.show_list()
    shots.save("cases", window)
    window.open_case(cases["pickup"].id)
    shots.save("case-view", window)
    window.cases.view._act("pickup")
    pickup = window.cases.view.dialog
    assert pickup is not None
    pickup.by.setCurrentText("本人")  # type: ignore[attr-defined]
    shots.save("pickup", window, pickup)
    pickup.confirm.click()  # type: ignore[attr-defined]
    shots.settle(window)
    window.open_case(cases["supplement"].id)
    shots.save("case-supplement", window)

    window.tabs.setCurrentWidget(window.sync)
    window.sync.refresh()
    shots.save("sync", window)
    window.close()
    window.session.runner.wait()

    supervisor(center, clock, shots, print_dir)
    cover(center, clock, shots, print_dir)


def supervisor(center: Center, clock: FixedClock, shots: Shots, print_dir: Path) -> None:
    clock.set(at(27, 11, 40))
    window = open_window(center, "zhang", 2, print_dir)
    page = window.supervisor
    assert page is not None
    window.tabs.setCurrentWidget(page)
    for key in ("staff", "queue", "catalog", "holidays", "follow_ups", "backups", "printers"):
        page.show_tab(key)  # type: ignore[attr-defined]
        if key == "catalog":
            catalog = page.pages["catalog"]  # type: ignore[attr-defined]
            catalog.items.selectRow(3)
        shots.save(f"supervisor-{key.replace('_', '-')}", window)
    page.show_tab("reports")  # type: ignore[attr-defined]
    page.pages["reports"].make_daily()  # type: ignore[attr-defined]
    shots.settle(window)
    shots.wait(1.0)  # QPdfView renders its pages on a thread
    shots.save("supervisor-reports", window)
    window.close()
    window.session.runner.wait()


def cover(center: Center, clock: FixedClock, shots: Shots, print_dir: Path) -> None:
    """Li covers window 1 (B post) while Wang is out."""
    clock.set(at(27, 14, 5))
    window = open_window(center, "li", 1, print_dir)
    window.queue_actions.call_next()
    shots.save("cover", window)
    window.close()
    window.session.runner.wait()


def first_run(shots: Shots, root: Path) -> None:
    """A new PC: the first-run setup's center step and its groups step."""
    with open_center(root / "fresh", clock=FixedClock(at(2, 8, 0))) as center:
        runner = TaskRunner(center.data_dir.root, center.clock)
        wizard = FirstRunWizard(center, runner, root / "fresh-printed")
        wizard.show()
        wizard.center_page.code.setText("330110101001")
        wizard.center_page.name.setText("良渚街道新港村便民服务站")
        shots.save("first-run-center", wizard)
        wizard.next()
        wizard.admin_page.name.setText("张站长")
        for line in (wizard.admin_page.password, wizard.admin_page.again):
            line.setText("admin-pass-1")
        wizard.next()
        shots.save("first-run-groups", wizard)
        wizard.close()
        runner.wait()


def sizes_tour(center: Center, clock: FixedClock, shots: Shots, print_dir: Path,
               sizes: tuple[tuple[int, int], ...], tag: str | None = None) -> None:
    """The main pages again at each size: nothing cut, the decisions in view."""
    clock.set(at(27, 15, 20))
    center.tickets.issue("C", "elderly")
    for size in sizes:
        name = tag or f"{size[0]}x{size[1]}"
        window = open_window(center, "wang", 1, print_dir, size=size)
        window.queue_actions.call_next()
        window.queue_actions.request_intake()
        fill(shots.app, window, "gljt", "何金根", "33011019380117009", ticked=2)
        shots.save(f"intake-{name}", window)
        window.intake.keeper.discard()
        if tag is None:
            window.tabs.setCurrentWidget(window.cases)
            window.cases.show_list()
            shots.save(f"cases-{name}", window)
            supplement = center.case_queries.find("吴小兵")[0]
            window.open_case(supplement.id)
            shots.save(f"case-view-{name}", window)
            window.tabs.setCurrentWidget(window.sync)
            window.sync.refresh()
            shots.save(f"sync-{name}", window)
        window.close()
        window.session.runner.wait()


def shoot_scaled(out: Path) -> list[Path]:
    """The intake at 150 % scaling, in a child process (Qt fixes the factor at start)."""
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5"}
    done = subprocess.run([sys.executable, __file__, "--out", str(out), "--scaled-only"],
                          env=env, capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit("the 150 % screenshot failed")
    return [Path(line) for line in done.stdout.splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=TOP / "docs" / "screenshots")
    parser.add_argument("--keep", type=Path, help="keep the demo data directory here")
    parser.add_argument("--scaled-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    look.apply(app)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bianmin-staff-shots-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    # the demo's backup key goes into a throwaway file, never this machine's keyring
    os.environ["BIANMIN_SECRET_STORE"] = f"file:{root / 'secrets.json'}"
    clock = FixedClock(at(2, 8, 30))
    shots = Shots(app, args.out)
    with open_center(root / "center", clock=clock) as center:
        seed(center)
        if args.scaled_only:
            earlier_days(center, clock)
            morning_tickets(center, clock)
            sizes_tour(center, clock, shots, root / "printed", (SCALED[0],), SCALED[1])
        else:
            play(center, clock, shots, root / "printed")
            sizes_tour(center, clock, shots, root / "printed", SIZES)
        if not args.scaled_only:
            first_run(shots, root)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    if args.scaled_only:
        for path in shots.saved:
            sys.stdout.write(f"{path}\n")
        return 0
    shots.saved += shoot_scaled(args.out)
    for path in shots.saved:
        sys.stdout.write(f"{path.relative_to(TOP) if path.is_relative_to(TOP) else path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
