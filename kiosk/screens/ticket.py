"""The ticket just taken: the number very large, how many are ahead, and what the printer
did — with plain words and the number to remember when it failed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from core.flows import Journey
from core.flows import kiosk_words as words
from core.i18n import _
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton, Label, MessageBox, Picture, set_colors


class TicketScreen(Screen):
    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        card = QWidget()
        set_colors(card, s.WHITE, s.INK, fill=True)
        self.group = Label("", m.large, bold=True)
        self.number = Label("", m.huge, bold=True, ink=s.BLUE)
        self.number.setProperty("kiosk_role", "heading")
        self.priority = Label("", m.body, bold=True, ink=s.TEAL)
        self.ahead = Label("", m.large, bold=True)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(m.gap * 2, m.gap, m.gap * 2, m.gap)
        for label in (self.group, self.number, self.priority, self.ahead):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(label)
        self.printing = MessageBox(m)
        self.done = BigButton(_("好的，回首页"), m, icon="check", background=s.GREEN,
                              ink=s.WHITE, px=m.large)
        self.done.setProperty("value", "done")
        self.done.clicked.connect(lambda: self.chosen.emit("done"))
        side = QVBoxLayout()
        side.setSpacing(m.gap)
        side.addWidget(self.printing)
        self.slip = Picture("take_ticket", m.icon * 2, s.MUTED)  # a slip coming out
        self.ask_staff = Picture("help", m.icon * 2, s.RED)  # no slip: ask at a window
        self.ask_staff.hide()
        side.addWidget(self.slip, 1)
        side.addWidget(self.ask_staff, 1)
        side.addWidget(self.done)
        row = QHBoxLayout()
        row.setSpacing(m.gap * 2)
        row.addWidget(card, 3)
        row.addLayout(side, 2)
        self.body.addLayout(row, 1)

    def refresh(self, journey: Journey) -> None:
        ticket = journey.visit.ticket
        if ticket is None:
            return
        self.heading.setText(_("取号成功"))
        self.group.setText(journey.group_name(ticket.prefix))
        self.number.setText(ticket.number)
        self.priority.setText(_("{kind}优先").format(kind=ticket.priority.label)
                              if ticket.priority else "")
        self.priority.setVisible(ticket.priority is not None)
        self.ahead.setText(_("前面还有 {n} 人等候").format(n=ticket.waiting_ahead)
                           if ticket.waiting_ahead else _("前面没有人等候"))
        failed = journey.visit.print_failed
        self.slip.setVisible(not failed)
        self.ask_staff.setVisible(bool(failed))
        if failed is None:
            self.printing.show_message(_("正在打印号票，请稍等……"), "info")
        elif failed:
            self.printing.show_message(words.print_failed_shown(ticket.number))
        else:
            self.printing.show_message(_("号票已打印，请从出票口取走，留意叫号。"), "good")

    def forget(self) -> None:
        super().forget()
        for label in (self.group, self.number, self.priority, self.ahead):
            label.clear()
        self.printing.show_message(None)
