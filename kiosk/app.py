"""The kiosk's window: it shows the journey's current step, speaks its prompt, prints what
must be printed, captures the QR scanner, resets when idle or after a crash, and does
not close without the supervisor's PIN.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from core.center import Center
from core.clock import local
from core.errors import UserFacingError
from core.flows import Journey, Step
from core.flows import kiosk_words as words
from core.settings import KIOSK_IDLE_SECONDS
from kiosk import style as s
from kiosk.exit_dialog import ExitDialog
from kiosk.frame import BottomBar, Header
from kiosk.idle import IdleWatcher
from kiosk.lockdown import LockDown
from kiosk.printer import KioskPrinter
from kiosk.scanner import ScannerCapture
from kiosk.screens import choices, done, home, notice, priority, progress, rating, ticket
from kiosk.screens.base import Screen
from kiosk.tap_guard import TapGuard
from kiosk.widgets import Label, set_colors, window_layout
from ui_shared.watch import ChangeWatcher

if TYPE_CHECKING:  # QtTextToSpeech loads QtMultimedia: not before the first frame
    from ui_shared.voice import Voice

log = logging.getLogger(__name__)

SETTLED_SECONDS = 30  # a ticket shown or a rating thanked: home again soon after
FLASH_MS = 2000  # a prompt nobody could say stays lit this long
WINDOW_SETTLED_SECONDS = 8  # the window's rating device: ready for the next visit soon


def build_screens(m: s.Metrics, window: int | None = None) -> dict[Step, Screen]:
    first = home.HomeScreen(m) if window is None else done.window_wait_screen(m)
    return {
        Step.HOME: first, Step.CHOOSE_GROUP: choices.GroupScreen(m),
        Step.PRIORITY: priority.PriorityScreen(m), Step.TICKET: ticket.TicketScreen(m),
        Step.GUIDE_GROUP: choices.GroupScreen(m), Step.GUIDE_ITEM: choices.ItemScreen(m),
        Step.NOTICE: notice.NoticeScreen(m), Step.PROGRESS: progress.ScanScreen(m),
        Step.CASE_NUMBER: progress.case_number_screen(m),
        Step.ID_LAST4: progress.last4_screen(m), Step.RESULT: progress.ResultScreen(m),
        Step.RATE_PICK: choices.RatePickScreen(m), Step.RATE_FACES: rating.FacesScreen(m),
        Step.RATE_REASON: rating.ReasonsScreen(m), Step.THANKS: done.thanks_screen(m),
        Step.HELP: done.help_screen(m),
    }


class KioskWindow(QWidget):
    def __init__(self, center: Center, printer: KioskPrinter, *, size: QSize,
                 voice: Voice | Callable[[], Voice], locked: bool = True,
                 window: int | None = None, watch_ms: int = 300,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.center = center
        self.printer = printer
        self.window_number = window
        self.m = s.Metrics.for_height(size.height())
        self.journey = Journey(center, window)
        self.lockdown = LockDown(self, center, self.m, locked=locked)
        # A Voice is a QObject; anything else is the factory to call after the first frame.
        self.voice: Voice | None = voice if isinstance(voice, QObject) else None
        self._make_voice = None if isinstance(voice, QObject) else voice
        self._pending: tuple[str, str] | None = None
        self._build(size)
        self._flashed: Label | None = None
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.timeout.connect(self._unflash)
        if self.voice is not None:
            self.voice.unspoken.connect(self.flash_prompt)
        # Installed first, so the idle watcher (installed after it) sees every touch first.
        self.tap_guard = TapGuard([self.stack, self.bar], parent=self)
        self.tap_guard.install()
        self.idle = IdleWatcher(self)
        self.idle.idled.connect(self.go_home)
        self.idle.install()
        self.scanner = ScannerCapture(self)
        self.scanner.scanned.connect(self.scan)
        self.scanner.install()
        self.printer.finished.connect(self._printed)
        self.watcher: ChangeWatcher | None = None
        if window is not None:
            self.watcher = ChangeWatcher(center, watch_ms, self)
            self.watcher.changed.connect(self.check_window_request)
        self.show_step()

    # ------------------------------------------------------------------ building
    def _build(self, size: QSize) -> None:
        self.resize(size)
        set_colors(self, s.PAPER, s.INK, fill=True)
        info = self.center.require_info()
        self.header = Header(info.name, self.m,
                             lambda: local(self.center.clock.now(), self.center.timezone))
        self.header.knocked.connect(self.ask_to_exit)
        self.bar = BottomBar(self.m)
        self.bar.back_requested.connect(self.back)
        self.bar.home_requested.connect(self.go_home)
        self.bar.repeat_requested.connect(self.repeat)
        self.bar.help_requested.connect(self.ask_for_help)
        self.stack = QStackedWidget()
        self.screens = build_screens(self.m, self.window_number)
        if self.window_number is not None:  # the clerk is right there
            self.bar.help.hide()
            self.bar.help.setEnabled(False)
        for screen in self.screens.values():
            self.stack.addWidget(screen)
            screen.chosen.connect(self.choose)
        notice_screen = self.screens[Step.NOTICE]
        assert isinstance(notice_screen, notice.NoticeScreen)
        notice_screen.read_requested.connect(self.read_notice)
        notice_screen.print_requested.connect(self.print_guide)
        layout = window_layout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bar)

    def start_voice(self) -> None:
        """Create the speech engine (slow: seconds for speech-dispatcher) after the first
        frame, then say whatever was waiting."""
        if self.voice is None and self._make_voice is not None:
            self.voice = self._make_voice()
            self.voice.setParent(self)
            self.voice.unspoken.connect(self.flash_prompt)
        if self._pending is not None and self.voice is not None:
            shown, spoken = self._pending
            self._pending = None
            self.voice.say(shown, spoken)

    # ------------------------------------------------------------------ the journey
    @property
    def current_screen(self) -> Screen:
        return self.screens[self.journey.step]

    def show_step(self) -> None:
        screen = self.current_screen
        screen.present(self.journey)
        self.stack.setCurrentWidget(screen)
        self.tap_guard.arm()
        self.bar.show_navigation(self.journey.can_go_back)
        self.speak()
        if self.journey.step is Step.HOME:
            self.idle.stop()
        else:
            seconds = self.center.settings.get(KIOSK_IDLE_SECONDS)
            if self.journey.spec.settles:
                settled = SETTLED_SECONDS if self.window_number is None \
                    else WINDOW_SETTLED_SECONDS
                seconds = min(seconds, settled)
            self.idle.start(seconds * 1000)

    def choose(self, value: object) -> None:
        if value == "done":
            self.go_home()
            return
        if value == "back":
            self.back()
            return
        assert isinstance(value, str | tuple)
        before = self.journey.step
        self.journey.choose(value)
        self.show_step()
        ticket_ = self.journey.visit.ticket
        if self.journey.step is Step.TICKET and before is not Step.TICKET and ticket_:
            self.printer.print_ticket(self.center, ticket_.id)

    def check_window_request(self) -> None:
        """The window's rating device: a clerk's 请评价 opens the faces for that visit."""
        if self.journey.take_window_request():
            self.show_step()

    def tap(self, value: str) -> None:
        """Press the current screen's button for ``value``, as a finger would."""
        self.current_screen.button_for(value).click()

    def back(self) -> None:
        self.journey.back()
        if self.journey.step is Step.HOME:
            self.go_home()
        else:
            self.show_step()

    def go_home(self) -> None:
        """Home, with nothing of the last villager left on any screen."""
        self.journey.home()
        for screen in self.screens.values():
            screen.forget()
        self.show_step()
        if self.window_number is not None:
            self.check_window_request()  # asked for while the last visit was thanked

    def scan(self, text: str) -> None:
        if self.exit_dialog is not None:  # the supervisor is at the keyboard
            return
        self.journey.scan(text)
        self.show_step()

    def ask_for_help(self) -> None:
        try:
            self.journey.help()
        except UserFacingError as exc:
            self.journey.error = exc.message
        self.show_step()

    def recover(self, message: str) -> None:
        """After an unexpected error: home, with an apology on screen and aloud."""
        self.go_home()
        self.journey.error = message
        self.show_step()

    # ------------------------------------------------------------------ voice
    def speak(self, *, chime: bool = False) -> None:
        prompt = self.journey.prompt()
        error = self.journey.error
        shown = error or prompt.shown
        spoken = f"{error}。{prompt.spoken}" if error else prompt.spoken
        self.say(shown, spoken, interrupt=True, chime=chime)

    def repeat(self) -> None:
        """再听一遍: the prompt again — with no voice, a chime and the words flashing."""
        self.speak(chime=True)

    def say(self, shown: str, spoken: str, *, interrupt: bool = False,
            chime: bool = False) -> None:
        if self.voice is None:
            self._pending = (shown, spoken)
            return
        if interrupt:
            self.voice.stop()
        self.voice.say(shown, spoken, chime=chime)

    @property
    def flashing(self) -> bool:
        return self._flash.isActive()

    def flash_prompt(self, _words: str = "") -> None:
        """No voice said it: the screen's heading lights up gold for a moment instead."""
        self._unflash()
        heading = self.current_screen.heading
        set_colors(heading, s.GOLD, s.INK, fill=True)
        self._flashed = heading
        self._flash.start(FLASH_MS)

    def _unflash(self) -> None:
        if self._flashed is not None:
            self._flashed.setAutoFillBackground(False)
            self._flashed = None

    # ------------------------------------------------------------------ printing
    def read_notice(self) -> None:
        if self.journey.step is Step.NOTICE:
            item = self.journey.item()
            self.say(item.name, words.notice_reading(item), interrupt=True)

    def print_guide(self, item_code: str) -> None:
        screen = self.screens[Step.NOTICE]
        assert isinstance(screen, notice.NoticeScreen)
        screen.show_print_state(words.PRINTING_GUIDE, "info")
        self.printer.print_guide(self.center, item_code)

    def _printed(self, kind: str, ticket_id: int, ok: bool, message: str) -> None:
        if kind == "ticket":
            if self.journey.printed(ticket_id, ok):
                self.current_screen.present(self.journey)
                number = self.journey.visit.ticket.number if self.journey.visit.ticket else ""
                if ok:
                    self.say(words.PRINTED, words.PRINTED)
                else:
                    self.say(words.print_failed_shown(number), words.print_failed(number))
            return
        if self.journey.step is not Step.NOTICE:
            return
        screen = self.screens[Step.NOTICE]
        assert isinstance(screen, notice.NoticeScreen)
        if not ok:
            log.warning("guide not printed: %s", message)  # the reason, for staff
        shown = words.GUIDE_PRINTED if ok else words.GUIDE_PRINT_FAILED
        screen.show_print_state(shown, "good" if ok else "error")
        self.say(shown, words.GUIDE_PRINTED if ok else words.GUIDE_PRINT_FAILED_SAID)

    # ------------------------------------------------------------------ lock-down
    @property
    def locked(self) -> bool:
        return self.lockdown.locked

    @locked.setter
    def locked(self, value: bool) -> None:
        self.lockdown.locked = value

    @property
    def exit_dialog(self) -> ExitDialog | None:
        return self.lockdown.dialog

    def ask_to_exit(self) -> None:
        self.lockdown.ask()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.lockdown.may_close(event):
            return
        self.idle.remove()
        self.scanner.remove()
        if self.watcher is not None:
            self.watcher.stop()
        self.tap_guard.remove()
        if self.voice is not None:
            self.voice.stop()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Stay in front: a switched-away kiosk window comes back (task switching is the
        # session's job to forbid; this is the second line).
        if (event.type() == QEvent.Type.ActivationChange and self.locked
                and self.isFullScreen() and not self.isActiveWindow()
                and self.exit_dialog is None):
            QTimer.singleShot(500, self._reclaim)
        super().changeEvent(event)

    def _reclaim(self) -> None:
        if self.locked and self.exit_dialog is None:
            self.raise_()
            self.activateWindow()

    def frameless_full_screen(self) -> None:
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.showFullScreen()
