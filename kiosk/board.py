"""The call board for a TV or second screen (``bianmin-kiosk --board``): each window's
current number, very large; the last few calls; and every new call and recall announced
once — "请A012号到3号窗口办理", digits read one by one — by voice, or chime and banner.

Numbers only; a masked name (张*三) beside a number only when ``board.show_names`` is on
and the ticket has a case filed from it.

Signals (CallAnnouncer):
    announced(object): a CallEvent just announced.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from core.announce import call_text
from core.center import Center
from core.clock import local
from core.i18n import _
from core.masking import mask_name
from core.queue import CallEvent, Ticket, TicketState
from core.settings import BOARD_RECENT_CALLS, BOARD_SHOW_NAMES
from kiosk import style as s
from kiosk.exit_dialog import ExitDialog
from kiosk.frame import Header
from kiosk.pin import ExitGuard
from kiosk.widgets import Label, set_colors, window_layout
from ui_shared.watch import ChangeWatcher

if TYPE_CHECKING:  # QtTextToSpeech loads QtMultimedia: not before the first frame
    from ui_shared.voice import Voice

CARD = QColor("#16283B")


class CallAnnouncer(QObject):
    """Announces each call event exactly once, however often the board refreshes: it keeps
    the id of the last event announced, starting from the newest one at start-up."""

    announced = Signal(object)

    def __init__(self, center: Center, voice: Voice | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._center = center
        self.voice = voice
        self._cursor = center.tickets.last_event_id()
        self._waiting: list[CallEvent] = []  # calls made before the voice was ready

    def set_voice(self, voice: Voice) -> None:
        self.voice = voice
        waiting, self._waiting = self._waiting, []
        for event in waiting:
            self._say(event)

    def refresh(self) -> list[CallEvent]:
        events = self._center.tickets.call_events_after(self._cursor)
        for event in events:
            self._cursor = event.id
            if self.voice is None:
                self._waiting.append(event)
            else:
                self._say(event)
        return events

    def _say(self, event: CallEvent) -> None:
        assert self.voice is not None
        self.voice.call(event.number, event.window_number, recall=event.recall)
        self.announced.emit(event)


class WindowCard(QWidget):
    """One window: its name, the number it is calling or serving, and what that means."""

    def __init__(self, number: int, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_colors(self, CARD, s.WHITE, fill=True)
        self._called = _("请到{n}号窗口办理").format(n=number)
        self.title = Label(_("{n}号窗口").format(n=number), m.large, bold=True, ink=s.PALE)
        self.number = Label("—", m.huge, bold=True, ink=s.GOLD)
        self.number.setProperty("kiosk_role", "heading")
        self.state = Label("", m.large, bold=True, ink=s.WHITE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(m.gap, m.gap, m.gap, m.gap)
        for label in (self.title, self.number, self.state):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)

    def show_ticket(self, ticket: Ticket | None, name: str, paused: bool) -> None:
        if ticket is None:
            self.number.setText("—")
            self.state.setText(_("暂停服务") if paused else _("等候叫号"))
            return
        self.number.setText(f"{ticket.number} {name}".strip())
        self.state.setText(self._called if ticket.state is TicketState.CALLED
                           else _("正在办理"))


class BoardWindow(QWidget):
    def __init__(self, center: Center, voice: Voice | None, *, size: QSize,
                 locked: bool = True, watch_ms: int = 300,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.center = center
        self.locked = locked
        self.m = s.Metrics.for_height(size.height())
        self.resize(size)
        set_colors(self, s.NIGHT, s.WHITE, fill=True)
        self.announcer = CallAnnouncer(center, voice, self)
        self.announcer.announced.connect(self._show_call)
        self.guard = ExitGuard(center)
        self._dialog: ExitDialog | None = None
        self._build()
        self.watcher = ChangeWatcher(center, watch_ms, self)
        self.watcher.changed.connect(self.refresh)
        self.exit_shortcut = QShortcut(QKeySequence("Ctrl+Alt+Q"), self, self.ask_to_exit)
        self.refresh()

    def _build(self) -> None:
        m = self.m
        header = Header(self.center.require_info().name + _(" · 叫号"), m,
                        lambda: local(self.center.clock.now(), self.center.timezone))
        header.knocked.connect(self.ask_to_exit)
        self.cards: dict[int, WindowCard] = {}
        grid = QGridLayout()
        grid.setSpacing(m.gap)
        windows = self.center.windows.all()
        columns = len(windows) if len(windows) <= 3 else math.ceil(len(windows) / 2)
        for index, window in enumerate(windows):
            card = WindowCard(window.number, m)
            grid.addWidget(card, index // columns, index % columns)
            self.cards[window.number] = card
        self.recent_strip = recent = QWidget()
        set_colors(recent, CARD, s.WHITE, fill=True)
        self.recent_title = Label(_("最近叫号"), m.large, bold=True, ink=s.PALE)
        self.recent_title.setWordWrap(False)
        self.recent = Label("", m.large, bold=True, ink=s.WHITE)
        strip = QHBoxLayout(recent)
        strip.setContentsMargins(m.gap * 2, m.gap // 2, m.gap * 2, m.gap // 2)
        strip.setSpacing(m.gap * 2)
        strip.addWidget(self.recent_title)
        strip.addWidget(self.recent, 1)
        self.banner = Label(_("请留意叫号，过号请重新取号"), m.heading, heading=True, ink=s.GOLD)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = window_layout(self)
        layout.setContentsMargins(0, 0, 0, m.gap)
        layout.setSpacing(m.gap)
        layout.addWidget(header)
        body = QVBoxLayout()
        body.setContentsMargins(m.gap, 0, m.gap, 0)
        body.addLayout(grid, 1)
        body.addWidget(recent)
        body.addWidget(self.banner)
        layout.addLayout(body, 1)

    def set_voice(self, voice: Voice) -> None:
        voice.setParent(self)
        self.announcer.set_voice(voice)

    def refresh(self) -> None:
        self.announcer.refresh()
        tickets = self.center.tickets
        current = {n: tickets.current(n) for n in self.cards}
        show_names = self.center.settings.get(BOARD_SHOW_NAMES)
        ids = [t.id for t in current.values() if t is not None]
        names = tickets.applicant_names(ids) if show_names else {}
        paused = {w.number: w.paused for w in self.center.windows.all()}
        for number, card in self.cards.items():
            ticket = current[number]
            name = mask_name(names[ticket.id]) if ticket is not None and ticket.id in names \
                else ""
            card.show_ticket(ticket, name, paused.get(number, False))
        self._show_recent()

    def _show_recent(self) -> None:
        limit = self.center.settings.get(BOARD_RECENT_CALLS)
        seen: list[str] = []
        for row in self.center.tickets.recent_calls(limit * 3 + 3):
            line = _("{number}→{window}号窗口").format(number=row["number"],
                                                     window=row["window_number"])
            if line not in seen:
                seen.append(line)
        self.recent.setText("　".join(seen[:limit]) if seen else _("还没有叫号"))
        self.recent_strip.setVisible(limit > 0)

    def _show_call(self, event: CallEvent) -> None:
        prefix = _("再次呼叫：") if event.recall else ""
        self.banner.setText(prefix + call_text(event.number, event.window_number))

    def ask_to_exit(self) -> None:
        if self._dialog is not None:
            return
        self._dialog = ExitDialog(self.center, self.guard, self.m, self)
        self._dialog.place_over(self)
        self._dialog.accepted.connect(self._unlock_and_close)
        self._dialog.finished.connect(self._dialog_closed)
        self._dialog.open()

    def _dialog_closed(self) -> None:
        self._dialog = None

    def _unlock_and_close(self) -> None:
        self.locked = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.locked:
            event.ignore()
            self.ask_to_exit()
            return
        self.watcher.stop()
        if self._dialog is not None:
            self._dialog.close()
        event.accept()
