"""The local holiday override table: a closure on a working day, or a make-up working day.

Deadlines count working days through these entries (after the official calendar and the
hub's published years), so a change here moves every open deadline that crosses the day.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from staff_client import look
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from staff_client.supervisor.forms import ask, fill, selected_row, table


class HolidaysPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        layout.addWidget(look.muted(_("国家法定节假日已内置；上级发布的日历会自动同步。"
                                      "这里只登记本地的特殊安排。")))
        self.warning = look.label(wrap=True)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff2b3; color: #5c4400; padding: 6px;"
                                   " border-radius: 4px;")
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = session.center.tickets.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.kind = QComboBox()
        self.kind.addItem(_("休息（不算工作日）"), False)
        self.kind.addItem(_("上班（算工作日）"), True)
        self.note = QLineEdit()
        look.hint(self.note, _("说明，如：村委换届选举"))
        add = look.button(_("登记"), "primary")
        add.clicked.connect(self.add)
        for widget in (self.day, self.kind, self.note, add):
            row.addWidget(widget)
        layout.addLayout(row)
        self.entries = table([_("日期"), _("安排"), _("说明")])
        layout.addWidget(self.entries, 1)
        remove = look.button(_("删除所选"), "danger")
        remove.clicked.connect(self.remove)
        bottom = QHBoxLayout()
        bottom.addWidget(remove)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        calendar = self._session.center.calendar
        self._entries = calendar.local_entries()
        fill(self.entries, [(e.day.isoformat(), _("上班") if e.working else _("休息"),
                             e.note or "") for e in self._entries])
        warning = calendar.work.next_year_warning(self._session.center.tickets.today())
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))

    def add(self) -> None:
        date = self.day.date()
        day = dt.date(date.year(), date.month(), date.day())
        working = bool(self.kind.currentData())
        calendar, actor = self._session.center.calendar, self._session.actor
        if self.messages.succeeded(lambda: calendar.set_local(day, working, self.note.text(),
                                                              actor)):
            self.messages.ok(_("已登记 {day}").format(day=day.isoformat()))
            self.note.clear()
        self.refresh()

    def remove(self) -> None:
        row = selected_row(self.entries)
        if row is None:
            self.messages.warn(_("请先在表里选一天"))
            return
        day = self._entries[row].day
        calendar, actor = self._session.center.calendar, self._session.actor

        def confirmed() -> None:
            self.messages.attempt(lambda: calendar.remove_local(day, actor))
            self.refresh()

        self.question = ask(self, _("删除本地安排"), _("删除 {day} 的本地安排？").format(
            day=day.isoformat()), confirmed)
