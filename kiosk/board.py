"""The call board for a TV or second screen (``bianmin-kiosk --board``): each window's
current number, as large as its card allows; 请准备 (who is called next, by the priority
policy); how many wait in each group; the last few calls; and every new call and recall
announced once — "请A012号到3号窗口办理", digits read one by one — by voice, or by chime.
A window that calls flashes and turns gold for a few seconds, and the banner shows the
call; otherwise the banner says what to do after missing a call (it can be put back the
same day).

Numbers only; a masked name (张*三) under a number only when ``board.show_names`` is on
and the ticket has a case filed from it.

Signals (CallAnnouncer):
    announced(object): a CallEvent just announced.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from core.announce import call_text
from core.center import Center
from core.clock import local
from core.i18n import _
from core.masking import mask_name
from core.queue import CallEvent
from core.settings import BOARD_RECENT_CALLS, BOARD_SHOW_NAMES
from kiosk import style as s
from kiosk.board_parts import CARD, NextUp, Waiting, WindowCard
from kiosk.fit_text import FitText
from kiosk.frame import Header
from kiosk.lockdown import LockDown
from kiosk.widgets import set_colors, window_layout
from ui_shared.watch import ChangeWatcher

if TYPE_CHECKING:  # QtTextToSpeech loads QtMultimedia: not before the first frame
    from ui_shared.voice import Voice

HOLD_MS = 8000  # a new call stays lit (card and banner) this long
MISSED = _("过号了请找工作人员，当天可以恢复排队")


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


def grid_columns(windows: int) -> int:
    """1–3 windows side by side; more in two rows."""
    return windows if windows <= 3 else math.ceil(windows / 2)


class BoardWindow(QWidget):
    def __init__(self, center: Center, voice: Voice | None, *, size: QSize,
                 locked: bool = True, watch_ms: int = 300, hold_ms: int = HOLD_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.center = center
        self.hold_ms = hold_ms
        self.m = s.Metrics.for_height(size.height())
        self.resize(size)
        set_colors(self, s.NIGHT, s.WHITE, fill=True)
        self.lockdown = LockDown(self, center, self.m, locked=locked)
        self.announcer = CallAnnouncer(center, voice, self)
        self.announcer.announced.connect(self._show_call)
        self._build(size)
        self._banner_hold = QTimer(self)
        self._banner_hold.setSingleShot(True)
        self._banner_hold.timeout.connect(self._settle_banner)
        if voice is not None:
            voice.unspoken.connect(self._flash_banner)
        self.watcher = ChangeWatcher(center, watch_ms, self)
        self.watcher.changed.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ building
    @property
    def locked(self) -> bool:
        return self.lockdown.locked

    @locked.setter
    def locked(self, value: bool) -> None:
        self.lockdown.locked = value

    def _build(self, size: QSize) -> None:
        m = self.m
        header = Header(self.center.require_info().name + _(" · 叫号"), m,
                        lambda: local(self.center.clock.now(), self.center.timezone))
        header.knocked.connect(self.ask_to_exit)
        body = QHBoxLayout()
        body.setContentsMargins(m.gap, 0, m.gap, 0)
        body.setSpacing(m.gap)
        body.addLayout(self._cards(), 3)
        body.addLayout(self._side(size), 1)
        self.recent_strip = QWidget()
        set_colors(self.recent_strip, CARD, s.WHITE, fill=True)
        self.recent = FitText(m.body, s.BODY_MIN_PX, ink=s.WHITE)
        strip = QHBoxLayout(self.recent_strip)
        strip.setContentsMargins(m.gap, 0, m.gap, 0)
        strip.addWidget(self.recent)
        self.recent_strip.setFixedHeight(m.body * 2)
        self.banner = FitText(m.heading, s.BODY_MIN_PX, ink=s.GOLD, heading=False)
        self.banner.set_text(MISSED)
        self.banner.setFixedHeight(int(m.heading * 1.6))
        self.banner_box = QWidget()
        set_colors(self.banner_box, s.NIGHT, s.GOLD, fill=True)
        box = QHBoxLayout(self.banner_box)
        box.setContentsMargins(m.gap, 0, m.gap, 0)
        box.addWidget(self.banner)
        layout = window_layout(self)
        layout.setContentsMargins(0, 0, 0, m.gap // 2)
        layout.setSpacing(m.gap // 2)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        outer = QVBoxLayout()
        outer.setContentsMargins(m.gap, 0, m.gap, 0)
        outer.setSpacing(m.gap // 2)
        outer.addWidget(self.recent_strip)
        outer.addWidget(self.banner_box)
        layout.addLayout(outer)

    def _cards(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(self.m.gap)
        windows = self.center.windows.all()
        columns = grid_columns(len(windows))
        self.cards: dict[int, WindowCard] = {}
        for index, window in enumerate(windows):
            card = WindowCard(window.number, window.name, self.m)
            grid.addWidget(card, index // columns, index % columns)
            self.cards[window.number] = card
        for row in range(math.ceil(len(windows) / max(1, columns))):
            grid.setRowStretch(row, 1)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        return grid

    def _side(self, size: QSize) -> QVBoxLayout:
        groups = [(g.prefix, g.name) for g in self.center.groups.all()]
        rows = 3 if size.height() >= 1000 else 2
        self.next_up = NextUp(self.m, rows)
        self.waiting = Waiting(self.m, groups)
        side = QVBoxLayout()
        side.setSpacing(self.m.gap)
        side.addWidget(self.next_up, rows + 1)
        side.addWidget(self.waiting, max(2, len(groups) // (1 if len(groups) <= 4 else 2) + 1))
        return side

    # ------------------------------------------------------------------ showing
    def set_voice(self, voice: Voice) -> None:
        voice.setParent(self)
        voice.unspoken.connect(self._flash_banner)
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
        self.next_up.show_numbers([t.number for t in tickets.upcoming(len(self.next_up.slots))])
        groups = self.center.groups.all()
        _shown, counts = tickets.waiting_head([g.id for g in groups], 0)
        self.waiting.show_counts({g.prefix: counts.get(g.id, 0) for g in groups})
        self._show_recent()

    def _show_recent(self) -> None:
        limit = self.center.settings.get(BOARD_RECENT_CALLS)
        seen: list[str] = []
        for row in self.center.tickets.recent_calls(limit * 3 + 3):
            line = _("{number}→{window}号窗口").format(number=row["number"],
                                                     window=row["window_number"])
            if line not in seen:
                seen.append(line)
        seen = seen[:limit]
        lead = _("最近叫号：")
        # As many as fit on one line: the newest first, older ones dropped, never cut.
        wordings = [lead + "　".join(seen[:n]) for n in range(len(seen), 0, -1)]
        self.recent.set_text(*(wordings or [lead + _("还没有叫号")]))
        self.recent_strip.setVisible(limit > 0)

    def _show_call(self, event: CallEvent) -> None:
        prefix = _("再次呼叫：") if event.recall else ""
        self.banner.set_text(prefix + call_text(event.number, event.window_number),
                             call_text(event.number, event.window_number),
                             _("请{number}号到{window}号窗口").format(
                                 number=event.number, window=event.window_number))
        self._flash_banner()
        card = self.cards.get(event.window_number)
        if card is not None:
            card.flash(self.hold_ms)

    def _flash_banner(self, _words: str = "") -> None:
        set_colors(self.banner_box, s.GOLD, s.NIGHT, fill=True)
        self.banner.set_ink(s.NIGHT)
        self._banner_hold.start(self.hold_ms)

    def _settle_banner(self) -> None:
        set_colors(self.banner_box, s.NIGHT, s.GOLD, fill=True)
        self.banner.set_ink(s.GOLD)
        self.banner.set_text(MISSED)

    @property
    def banner_lit(self) -> bool:
        return self._banner_hold.isActive()

    # ------------------------------------------------------------------ lock-down
    def ask_to_exit(self) -> None:
        self.lockdown.ask()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.lockdown.may_close(event):
            return
        self.watcher.stop()
        event.accept()
