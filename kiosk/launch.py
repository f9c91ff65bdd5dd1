"""Start the kiosk or the board on a real data directory: Qt application, logging, the
window for this center's state, full screen and frameless unless ``--windowed``, and the
speech engine after the first frame (it can take seconds to start)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from core.center import Center, open_center
from core.logs import configure_logging
from kiosk import style as s
from kiosk.setup_screen import DAMAGE_ADVICE, SetupNeededWindow, setup_problem
from ui_shared import theme
from ui_shared.crash import install_excepthook
from ui_shared.tasks import TaskRunner

if TYPE_CHECKING:
    from ui_shared.voice import Voice

log = logging.getLogger(__name__)

VOICE_DELAY_MS = 300


def present(window: QWidget, windowed: bool) -> None:
    if windowed:
        window.show()
        return
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.showFullScreen()


def run(args: argparse.Namespace, size: tuple[int, int]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(program_name(args))
    app.setFont(theme.pixel_font(s.BODY_MIN_PX))
    center = open_center(args.data_dir)
    configure_logging(center.data_dir.logs, program=device_name(args), verbose=args.verbose)
    screen = QSize(*size) if args.windowed else app.primaryScreen().size()
    runner = TaskRunner(center.data_dir.root)
    window = _window(args, center, runner, screen)
    present(window, args.windowed)
    log.info("%s started", device_name(args))
    code = app.exec()
    runner.wait()
    center.close()
    return int(code)


def device_name(args: argparse.Namespace) -> str:
    """"board", "window-3" or "kiosk": the log's name and the voice status's device."""
    if args.board:
        return "board"
    return f"window-{args.window}" if args.window is not None else "kiosk"


def program_name(args: argparse.Namespace) -> str:
    return "bianmin-board" if args.board else "bianmin-kiosk"


def make_voice(engine: str | None, center: Center | None = None,
               device: str = "kiosk") -> Voice:
    """Imported and built only after the first frame: QtTextToSpeech brings QtMultimedia,
    and speech-dispatcher can take seconds to answer. With ``center``, the device says in
    the books whether it can speak (the staff client shows a silent one)."""
    from ui_shared.voice import Voice

    voice = Voice(engine)
    if center is not None and voice.status.engine != "mock":
        center.devices.report_voice(device, voice.status.speaks, voice.status.text)
    return voice


def _window(args: argparse.Namespace, center: Center, runner: TaskRunner,
            screen: QSize) -> QWidget:
    if center.damage is not None:
        log.warning("the store failed its start-up check: refusing to start")
        return SetupNeededWindow(center.damage, size=screen, advice=DAMAGE_ADVICE)
    problem = setup_problem(center, board=args.board, window=args.window)
    if problem is not None:
        log.warning("center not set up: %s", problem)
        return SetupNeededWindow(problem, size=screen)
    engine = args.voice or None
    if args.board:
        from kiosk.board import BoardWindow

        board = BoardWindow(center, None, size=screen, locked=not args.windowed)
        install_excepthook(lambda _message: board.refresh())
        QTimer.singleShot(VOICE_DELAY_MS, lambda: board.set_voice(
            make_voice(engine, center, device_name(args))))
        return board
    from kiosk.app import KioskWindow
    from kiosk.printer import KioskPrinter

    printer = KioskPrinter(runner, printer=args.printer, directory=args.print_to_dir)
    kiosk = KioskWindow(center, printer, size=screen,
                        voice=lambda: make_voice(engine, center, device_name(args)),
                        locked=not args.windowed, window=args.window)
    install_excepthook(kiosk.recover)
    QTimer.singleShot(VOICE_DELAY_MS, kiosk.start_voice)
    return kiosk
