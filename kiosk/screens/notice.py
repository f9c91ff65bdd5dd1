"""办事指南 for one item: what to bring (and who may apply, fee, time, place) on a sheet
that pages up and down with big buttons; read aloud or printed on request.

Signals:
    read_requested: read the materials aloud.
    print_requested(str): print this item's guide (its code).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QScroller, QVBoxLayout, QWidget

from core.flows import Journey
from core.flows.kiosk_words import notice_sections
from core.i18n import _
from core.settings import HOURS, PLACE
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton, Label, MessageBox, discard, set_colors


class NoticeScreen(Screen):
    read_requested = Signal()
    print_requested = Signal(str)

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self._code = ""
        self.sheet = QWidget()
        set_colors(self.sheet, s.WHITE, s.INK, fill=True)
        self.lines = QVBoxLayout(self.sheet)
        self.lines.setContentsMargins(m.gap * 2, m.gap, m.gap * 2, m.gap)
        self.lines.setSpacing(m.gap // 2)
        self.view = QScrollArea()
        self.view.setWidget(self.sheet)
        self.view.setWidgetResizable(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.read = BigButton(_("读给我听"), m, icon="speaker", background=s.BLUE, ink=s.WHITE)
        self.print_button = BigButton(_("打印这张单子"), m, icon="print", background=s.GREEN,
                               ink=s.WHITE)
        self.up = BigButton(_("往上翻"), m)
        self.down = BigButton(_("往下翻"), m)
        self.status = MessageBox(m)
        self.read.clicked.connect(self.read_requested)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self._code))
        self.up.clicked.connect(lambda: self._page(-1))
        self.down.clicked.connect(lambda: self._page(1))
        side = QVBoxLayout()
        side.setSpacing(m.gap)
        for button in (self.read, self.print_button):
            side.addWidget(button, 1)
        pages = QHBoxLayout()
        pages.setSpacing(m.gap)
        pages.addWidget(self.up)
        pages.addWidget(self.down)
        side.addLayout(pages, 1)
        # Room for the longest status ("没有打印出来。请点右下角的“请工作人员帮忙”。") kept
        # whether or not one shows, so the buttons above never move.
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3
                                     + 2 * self.status.margin())
        policy = self.status.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.status.setSizePolicy(policy)
        side.addWidget(self.status)
        row = QHBoxLayout()
        row.setSpacing(m.gap * 2)
        row.addWidget(self.view, 2)
        row.addLayout(side, 1)
        self.body.addLayout(row, 1)
        self._code = ""

    def refresh(self, journey: Journey) -> None:
        item = journey.item()
        if item.code == self._code:
            return
        self._clear_sheet()
        self._code = item.code
        place = journey.center.settings.get(PLACE) or journey.center.require_info().name
        for title, lines in notice_sections(item, place, journey.center.settings.get(HOURS)):
            self._add(Label(title, self.m.large, bold=True, ink=s.GREEN))
            for line, detail in lines:
                self._add(self._line(line, detail))
        self.lines.addStretch(1)
        self.view.verticalScrollBar().setValue(0)

    def _line(self, line: str, detail: str) -> Label:
        """A line in bold with its detail under it, 1.35× line spacing (适老化 ≥ 1.3×)."""
        text = f"<b>{escape(line)}</b>" + (f"<br>{escape(detail)}" if detail else "")
        label = Label(f'<p style="line-height:135%">{text}</p>', self.m.body)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def _add(self, label: Label) -> None:
        self.lines.addWidget(label)
        label.show()

    def _page(self, direction: int) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + direction * int(self.view.viewport().height() * 0.8))

    def show_print_state(self, text: str | None, tone: str = "info") -> None:
        self.status.show_message(text, tone)

    def forget(self) -> None:
        super().forget()
        self._clear_sheet()

    def _clear_sheet(self) -> None:
        self._code = ""
        self.status.show_message(None)
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                discard(widget)
