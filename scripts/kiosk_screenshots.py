"""Screenshots of every kiosk screen, the window's rating device and the call board, at
1024×768, 1366×768 and 1920×1080.

Drives the real windows as a villager would (taps on the real buttons, a scanned receipt,
an ID card read, a ticket printed to a file) on a throwaway demo center, and the board
while the windows call tickets through ``center.tickets.call_next`` — the demo hall's three
windows, and halls of 1, 2, 4, 6 and 8 windows. Writes
``docs/screenshots/kiosk-<screen>-<w>x<h>.png``, ``docs/screenshots/board-<w>x<h>.png`` and
``docs/screenshots/board-<n>win-<w>x<h>.png``.

Usage: ``.venv/bin/python scripts/kiosk_screenshots.py [output dir]`` (offscreen by default;
under ``xvfb-run`` with QT_QPA_PLATFORM=xcb it works the same).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from core.actor import Actor  # noqa: E402
from core.cases import Applicant  # noqa: E402
from core.catalog import demo_catalog_text  # noqa: E402
from core.center import Center, open_center  # noqa: E402
from core.clock import FixedClock  # noqa: E402
from core.flows import Step  # noqa: E402
from core.settings import PLACE  # noqa: E402
from kiosk.app import KioskWindow  # noqa: E402
from kiosk.board import BoardWindow  # noqa: E402
from kiosk.pin import set_exit_pin  # noqa: E402
from kiosk.printer import KioskPrinter  # noqa: E402
from kiosk.setup_screen import SetupNeededWindow, setup_problem  # noqa: E402
from ui_shared.tasks import TaskRunner  # noqa: E402
from ui_shared.voice import Voice  # noqa: E402

SIZES = [(1920, 1080), (1366, 768), (1024, 768)]
BOARD_WINDOWS = [1, 2, 4, 6, 8]
ADMIN = Actor.cli()
GROUPS = [("A", "社保医保"), ("B", "民政救助"), ("C", "残疾人和老年人"), ("D", "综合受理")]
DIBAO = "05-MZ-001"


def demo_center(root: Path, windows: int = 3) -> tuple[Center, str]:
    import datetime as dt
    from zoneinfo import ZoneInfo

    clock = FixedClock(dt.datetime(2026, 11, 27, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    center = open_center(root, clock=clock)
    center.initialize("330110101001", "良渚街道新港村便民服务站", "village")
    center.settings.set(PLACE.key, "新港村村委会一楼便民服务站", ADMIN)
    center.staff.add(ADMIN, "zhang", "张站长", "supervisor", "zhang-pass-1")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    ids = [center.groups.add(ADMIN, prefix, name).id for prefix, name in GROUPS]
    center.windows.save(ADMIN, 1, group_ids=ids)
    for number in range(2, windows + 1):
        center.windows.save(ADMIN, number, group_ids=ids[1:] if number == 2 else ids)
    center.windows.assign(ADMIN, 1, center.staff.by_username("wang").id, None)
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    clerk = Actor(center.staff.by_username("wang").id, "staff")
    case = center.cases.new(clerk, DIBAO, Applicant("张三丰", "11010519491231002X",
                                                     "13812345678", "新港村3组"))
    center.cases.receive_materials(case.id, [m.name for m in case.blocking], ADMIN)
    accepted = center.cases.accept(case.id, clerk)
    for prefix in "AABAC":
        clock.advance(minutes=2)
        center.tickets.issue(prefix)
    served = center.tickets.call_next(1, clerk)
    assert served is not None
    assert accepted.tracking_code is not None
    center.tickets.start(served.id, clerk)
    center.tickets.finish(served.id, clerk)
    return center, accepted.tracking_code


class Shooter:
    def __init__(self, app: QApplication, out: Path, size: tuple[int, int]) -> None:
        self.app, self.out, self.size = app, out, size

    def shot(self, widget: QWidget, name: str) -> None:
        for _ in range(3):
            self.app.processEvents()
        path = self.out / f"{name}-{self.size[0]}x{self.size[1]}.png"
        widget.grab().save(str(path))
        shrink(path)
        print(path.relative_to(TOP) if path.is_relative_to(TOP) else path)


def shrink(path: Path) -> None:
    """A 128-colour palette: a third of the bytes, no visible difference on flat screens."""
    try:
        from PIL import Image
    except ImportError:  # Pillow comes with the test extras; without it keep full colour
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def wait_for(app: QApplication, done: Callable[[], bool], runner: TaskRunner) -> None:
    runner.wait()
    for _ in range(200):
        app.processEvents()
        if done():
            return


def kiosk_shots(app: QApplication, shooter: Shooter, work: Path) -> None:
    center, tracking = demo_center(work / "center")
    runner = TaskRunner(center.data_dir.root, center.clock)
    printer = KioskPrinter(runner, directory=work / "prints")
    window = KioskWindow(center, printer, size=QSize(*shooter.size), voice=Voice("mock"),
                         locked=False)
    window.show()
    shot = shooter.shot
    printed: list[bool] = []
    printer.finished.connect(lambda _k, _t, ok, _m: printed.append(ok))

    shot(window, "kiosk-home")
    window.tap("group:A")
    shot(window, "kiosk-priority")
    window.tap("elderly")
    shot(window, "kiosk-ticket-printing")
    wait_for(app, lambda: bool(printed), runner)
    shot(window, "kiosk-ticket")
    window.go_home()
    window.printer = KioskPrinter(runner, printer="没有这台打印机")
    window.printer.finished.connect(window._printed)
    window.tap("group:B")
    window.tap("normal")
    wait_for(app, lambda: window.journey.visit.print_failed is not None, runner)
    shot(window, "kiosk-ticket-print-failed")
    window.printer = printer

    window.go_home()
    window.tap("guide")
    shot(window, "kiosk-guide-groups")
    window.tap("group:B")
    shot(window, "kiosk-guide-items")
    window.tap(DIBAO)
    shot(window, "kiosk-notice")
    printed.clear()
    screen = window.screens[Step.NOTICE]
    screen.print_requested.emit(DIBAO)  # type: ignore[attr-defined]
    wait_for(app, lambda: bool(printed), runner)
    shot(window, "kiosk-notice-printed")

    window.go_home()
    window.tap("progress")
    shot(window, "kiosk-progress-scan")
    window.tap("type")
    keypad = window.current_screen
    for key in tracking[:25]:
        keypad.press(key)  # type: ignore[attr-defined]
    shot(window, "kiosk-case-number")
    window.choose(tracking[:25])
    for key in "002X":
        window.current_screen.press(key)  # type: ignore[attr-defined]
    shot(window, "kiosk-id-last4")
    window.go_home()
    window.scan(tracking)
    shot(window, "kiosk-result")
    window.go_home()
    window.tap("progress")
    window.scan("11010519491231002X")  # an ID-card reader types the number, like a keyboard
    shot(window, "kiosk-result-id-card")

    window.go_home()
    window.tap("rate")
    shot(window, "kiosk-rate-pick")
    finished = center.tickets.by_number("A001")
    window.scan(center.paperwork.ticket(finished, "").qr_payload)  # the ticket's own QR
    shot(window, "kiosk-rate-faces")
    window.tap("dissatisfied")
    window.current_screen.button_for("等候时间太长").click()
    shot(window, "kiosk-rate-reasons")
    window.tap("submit")
    shot(window, "kiosk-thanks")

    window.go_home()
    window.ask_for_help()
    shot(window, "kiosk-help")
    window.go_home()
    exit_shots(window, shooter)

    center.groups.add(ADMIN, "E", "农业农村")
    center.groups.add(ADMIN, "F", "法律服务")
    window.go_home()
    shot(window, "kiosk-home-many-groups")
    window.tap("take")
    shot(window, "kiosk-choose-group")
    window.go_home()

    board_shots(app, shooter, center)
    window_device_shots(shooter, center, runner, work)
    window.close()
    runner.wait()
    center.close()


def exit_shots(window: KioskWindow, shooter: Shooter) -> None:
    """The supervisor's exit: a login while no PIN is set, then the PIN keypad."""
    window.ask_to_exit()
    assert window.exit_dialog is not None
    window.exit_dialog.choose("zhang")
    window.exit_dialog.keyboard.type_text("zhang")
    shooter.shot(window.exit_dialog, "kiosk-exit-login")
    window.exit_dialog.reject()
    shooter.app.processEvents()
    set_exit_pin(window.center, "258036", ADMIN)
    window.ask_to_exit()
    assert window.exit_dialog is not None
    for key in "258":
        window.exit_dialog.press(key)
    shooter.shot(window.exit_dialog, "kiosk-exit-pin")
    window.exit_dialog.reject()


def board_shots(app: QApplication, shooter: Shooter, center: Center) -> None:
    board = BoardWindow(center, Voice("mock"), size=QSize(*shooter.size), locked=False)
    board.show()
    clerk = Actor(center.staff.by_username("wang").id, "staff")
    for window in (2, 3, 1):
        center.clock.advance(minutes=1)  # type: ignore[attr-defined]
        center.tickets.call_next(window, clerk)
        board.refresh()
    called = center.tickets.current(3)
    if called is not None:
        center.tickets.recall(called.id, clerk)
    board.refresh()
    shooter.shot(board, "board")
    print("  board said:", " / ".join(board.announcer.voice.history))  # type: ignore[union-attr]
    board.close()


def window_device_shots(shooter: Shooter, center: Center, runner: TaskRunner,
                        work: Path) -> None:
    """``bianmin-kiosk --window 1``: waiting, then the faces after the clerk's 请评价."""
    device = KioskWindow(center, KioskPrinter(runner, directory=work / "prints"),
                         size=QSize(*shooter.size), voice=Voice("mock"), locked=False, window=1)
    device.show()
    shooter.shot(device, "kiosk-window-wait")
    clerk = Actor(center.staff.by_username("wang").id, "staff")
    called = center.tickets.current(1)  # the board's shots left window 1 calling
    assert called is not None
    center.tickets.start(called.id, clerk)
    center.ratings.ask_at_window(clerk, 1, called.id)
    device.check_window_request()
    shooter.shot(device, "kiosk-window-faces")
    device.close()


def hall_board_shots(app: QApplication, shooter: Shooter, work: Path) -> None:
    """The board of a hall with 1, 2, 4, 6 and 8 windows, every window calling."""
    for count in BOARD_WINDOWS:
        center, _tracking = demo_center(work / f"hall-{count}", windows=count)
        clerk = Actor(center.staff.by_username("wang").id, "staff")
        for index in range(count + 10):
            center.tickets.issue("ABCD"[index % 4], "elderly" if index % 5 == 4 else None)
        board = BoardWindow(center, Voice("mock"), size=QSize(*shooter.size), locked=False)
        board.show()
        for number in range(1, count + 1):
            center.clock.advance(minutes=1)  # type: ignore[attr-defined]
            called = center.tickets.call_next(number, clerk)
            if called is not None and number % 2 == 0:
                center.tickets.start(called.id, clerk)
        board.refresh()
        for number, card in board.cards.items():  # only the latest call still lit
            if number != count:
                card.settle()
        shooter.shot(board, f"board-{count}win")
        board.close()
        center.close()


def setup_shot(shooter: Shooter, work: Path) -> None:
    with open_center(work / "empty") as center:
        problem = setup_problem(center)
        assert problem is not None
        window = SetupNeededWindow(problem, size=QSize(*shooter.size))
        window.show()
        shooter.shot(window, "kiosk-setup-needed")
        window.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else TOP / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    for size in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            shooter = Shooter(app, out, size)
            kiosk_shots(app, shooter, Path(tmp))
            setup_shot(shooter, Path(tmp))
            hall_board_shots(app, shooter, Path(tmp))
            app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
