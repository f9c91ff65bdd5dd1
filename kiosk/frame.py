"""What stays on every kiosk screen: the header (center name, time) and the bottom bar
(返回, 回首页, 再听一遍, and the permanent 请工作人员帮忙).

Signals (Header):
    knocked: the center name was tapped five times quickly (the supervisor's way out).
Signals (BottomBar):
    back_requested, home_requested, repeat_requested, help_requested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from core.i18n import _
from kiosk import style as s
from kiosk.widgets import BigButton, Label, set_colors

KNOCKS = 5
KNOCK_WINDOW_MS = 4000


class _NameLabel(Label):
    """The center's name; five taps within four seconds open the supervisor's exit."""

    knocked = Signal()

    def __init__(self, text: str, px: int) -> None:
        super().__init__(text, px, bold=True, ink=s.WHITE)
        self._taps: list[int] = []
        self._clock = QElapsedTimer()
        self._clock.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        now = self._clock.elapsed()
        self._taps = [t for t in self._taps if now - t < KNOCK_WINDOW_MS] + [now]
        if len(self._taps) >= KNOCKS:
            self._taps = []
            self.knocked.emit()
        event.accept()


class Header(QWidget):
    knocked = Signal()

    def __init__(self, center_name: str, m: s.Metrics, now: Callable[[], dt.datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        set_colors(self, s.HEADER, s.WHITE, fill=True)
        self.setFixedHeight(m.header)
        self.name = _NameLabel(center_name, m.body)
        self.name.setWordWrap(False)
        self.name.knocked.connect(self.knocked)
        self.clock = Label("", m.body, bold=True, ink=s.WHITE)
        self.clock.setWordWrap(False)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(m.gap * 2, 0, m.gap * 2, 0)
        layout.addWidget(self.name, 1)
        layout.addWidget(self.clock)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(15_000)
        self.tick()

    def tick(self) -> None:
        now = self._now()
        self.clock.setText(_("{month}月{day}日 星期{weekday} {hour:02d}:{minute:02d}").format(
            month=now.month, day=now.day, weekday="一二三四五六日"[now.weekday()],
            hour=now.hour, minute=now.minute))


class BottomBar(QWidget):
    back_requested = Signal()
    home_requested = Signal()
    repeat_requested = Signal()
    help_requested = Signal()

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_colors(self, s.PAPER.darker(108), s.INK, fill=True)
        self.setFixedHeight(m.bar)
        self.back = BigButton(_("返回"), m, icon="back")
        self.home = BigButton(_("回首页"), m, icon="home")
        self.repeat = BigButton(_("再听一遍"), m, icon="speaker", background=s.BLUE, ink=s.WHITE)
        self.help = BigButton(_("请工作人员帮忙"), m, icon="help", background=s.RED, ink=s.WHITE)
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.repeat.clicked.connect(self.repeat_requested)
        self.help.clicked.connect(self.help_requested)
        layout = QHBoxLayout(self)
        pad = max(8, (m.bar - m.key) // 2)
        layout.setContentsMargins(m.gap, pad, m.gap, pad)
        layout.setSpacing(m.gap)
        for button, stretch in ((self.back, 3), (self.home, 3), (self.repeat, 3),
                                (self.help, 5)):
            # Never narrower than its words and icon (1024×768: "再听一遍" must stay whole).
            button.setMinimumWidth(button.sizeHint().width())
            layout.addWidget(button, stretch)

    def show_navigation(self, visible: bool) -> None:
        """Home has nowhere to go back to; every other screen has both ways out."""
        self.back.setVisible(visible)
        self.home.setVisible(visible)
