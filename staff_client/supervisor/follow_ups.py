"""Poor-rating follow-ups (差评回访): who rated what, why, by when to call back, and
closing one with what was found and done."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from core.i18n import _
from core.ratings import FollowUp
from staff_client import look
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from staff_client.supervisor.forms import fill, selected_row, table


class FollowUpsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._open: list[FollowUp] = []
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        self.title = look.heading("", look.BODY_PT + 1)
        layout.addWidget(self.title)
        self.table = table([_("评价"), _("原因"), _("群众意见"), _("回访期限"), _("涉及")])
        layout.addWidget(self.table, 1)
        self.result = QPlainTextEdit()
        self.result.setPlaceholderText(_("回访结果：联系了谁、群众怎么说、做了哪些整改（必填）"))
        self.result.setFixedHeight(80)
        layout.addWidget(self.result)
        row = QHBoxLayout()
        close = look.button(_("办结所选回访"), "primary")
        close.clicked.connect(self.close_selected)
        row.addWidget(close)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        center = self._session.center
        self._open = center.ratings.follow_ups()
        today = center.tickets.today()
        overdue = sum(1 for f in self._open if f.due_date < today)
        self.title.setText(_("待回访 {n} 条（已超期 {m} 条）").format(n=len(self._open),
                                                                 m=overdue))
        fill(self.table, [(f.level.label, "、".join(f.reasons), f.comment or "",
                           f.due_date.isoformat() + (_("（已超期）") if f.due_date < today else ""),
                           _("办件") if f.case_id else _("排队办事"))
                          for f in self._open])

    def close_selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            self.messages.warn(_("请先在表里选一条回访"))
            return
        follow_up = self._open[row]
        ratings, actor = self._session.center.ratings, self._session.actor
        if self.messages.attempt(lambda: ratings.close_follow_up(
                follow_up.id, self.result.toPlainText(), actor)):
            self.messages.ok(_("回访已办结并上报"))
            self.result.clear()
        self.refresh()
