"""The queue column at the left of every screen: the current ticket, big, with its buttons,
and who is waiting in each group this window serves (priority marked).

It redraws from the books on every change (its own actions, or the kiosk's tickets seen
through the database's data_version), so nobody ever presses "refresh".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.clock import local
from core.i18n import _
from core.queue import Ticket, TicketState
from staff_client import look
from staff_client.queue.actions import ACTIONS, QueueActions
from staff_client.session import Session
from ui_shared import theme

PRIORITY_COLOUR = QColor("#b00020")
# The column shows who is next, not the whole hall: a long queue stays quick to redraw
# (priority tickets always show: the calling rule may take them next).
SHOWN_PER_GROUP = 20

_BUTTON_GRID = (("recall", "start"), ("no_show", "finish"), ("hold", "transfer"),
                ("call_number", "pause"))


def waited_text(minutes: int) -> str:
    if minutes < 60:
        return _("{m}分钟").format(m=minutes)
    return _("{h}小时{m}分").format(h=minutes // 60, m=minutes % 60)


class QueuePanel(QWidget):
    def __init__(self, session: Session, actions: QueueActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._actions = actions
        self.setMinimumWidth(330)
        self.setMaximumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        layout.addWidget(self._build_card())
        self.call_button = self._button("call_next", "primary big")
        layout.addWidget(self.call_button)
        grid = QGridLayout()
        grid.setSpacing(5)
        for row, names in enumerate(_BUTTON_GRID):
            for column, name in enumerate(names):
                grid.addWidget(self._button(name), row, column)
        # 请评价: the rating device at this window shows the faces for this visit only.
        grid.addWidget(self._button("rate"), len(_BUTTON_GRID), 0, 1, 2)
        layout.addLayout(grid)
        self.waiting_title = look.heading(_("等候"))
        layout.addWidget(self.waiting_title)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("号码"), _("优先"), _("已等")])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setColumnWidth(0, 120)
        self.tree.setColumnWidth(1, 80)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # It takes what height is left (its own default wish, 192 px, would make the
        # column scroll on a 1024×768 screen for nothing) and scrolls its rows itself.
        self.tree.setMinimumHeight(96)
        policy = self.tree.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.tree.setSizePolicy(policy)
        layout.addWidget(self.tree, 1)
        actions.changed.connect(self.refresh)
        self.refresh()

    def _build_card(self) -> QWidget:
        frame = look.card()
        box = QVBoxLayout(frame)
        box.setSpacing(2)
        self.window_label = look.muted()
        self.number = look.label()
        self.number.setFont(theme.font(look.TICKET_PT, bold=True))
        self.number.setStyleSheet("color: #073763;")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = look.label(wrap=True)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setFont(theme.font(look.HEADING_PT - 1, bold=True))
        self.detail = look.muted()
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intake_button = self._button("intake", "primary")
        for widget in (self.window_label, self.number, self.state, self.detail,
                       self.intake_button):
            box.addWidget(widget)
        return frame

    def _button(self, name: str, kind: str = "") -> QPushButton:
        label, keys = ACTIONS[name]
        button = look.button(label, kind, shortcut=keys)
        action = self._actions.actions[name]
        button.clicked.connect(action.trigger)
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
        self.buttons[name] = button
        return button

    # ----------------------------------------------------------------- drawing
    def refresh(self) -> None:
        self._actions.update_enabled()
        self._draw_card(self._actions.current())
        self._draw_waiting()

    def _draw_card(self, ticket: Ticket | None) -> None:
        center = self._session.center
        window = center.windows.get(self._session.window)
        self.window_label.setText(_("{window} · 当前号").format(window=window.name))
        recalls = ticket.recall_count if ticket else 0
        self.buttons["recall"].setText(
            _("重呼  F3（已{n}次）").format(n=recalls) if recalls else _("重呼  F3"))
        if window.paused:
            self.state.setText(_("暂停服务：{reason}").format(reason=window.pause_reason))
            self.state.setStyleSheet("color: #ffffff; background: #b00020; padding: 4px;")
        else:
            self.state.setStyleSheet("color: #1b5e20;")
        if ticket is None:
            self.number.setText("—")
            if not window.paused:
                held = self._actions.held()
                self.state.setText(_("挂起 {n} 个，按 F7 恢复").format(n=len(held)) if held
                                   else _("空闲，按 F2 叫下一位"))
            self.detail.setText("")
            self.intake_button.setVisible(False)
            return
        self.number.setText(ticket.number)
        if not window.paused:
            self.state.setText(ticket.state.label)
        parts = []
        if ticket.priority:
            parts.append(_("{kind}优先").format(kind=ticket.priority.label))
        parts.append(_("{time} 取号").format(time=local(ticket.issued_at,
                                                     center.timezone).strftime("%H:%M")))
        if recalls:
            parts.append(_("已重呼{n}次").format(n=recalls))
        self.detail.setText(" · ".join(parts))
        self.intake_button.setVisible(True)

    def _draw_waiting(self) -> None:
        center = self._session.center
        window = center.windows.get(self._session.window)
        groups = [g for g in center.groups.all() if not window.group_ids
                  or g.id in window.group_ids]
        shown, counts = center.tickets.waiting_head([g.id for g in groups], SHOWN_PER_GROUP)
        now = center.clock.now()
        self.tree.clear()
        self.waiting_title.setText(_("等候 {n} 人").format(n=sum(counts.values())))
        for group in groups:
            mine = [t for t in shown if t.group_id == group.id]
            waiting = counts.get(group.id, 0)
            head = QTreeWidgetItem([_("{prefix} {name} · {n}人").format(
                prefix=group.prefix, name=group.name, n=waiting)])
            head.setFont(0, theme.font(look.BODY_PT, bold=True))
            head.setBackground(0, QBrush(theme.PANEL))
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for ticket in mine:
                minutes = max(0, int((now - ticket.issued_at).total_seconds() // 60))
                mark = ticket.priority.label if ticket.priority else ""
                row = QTreeWidgetItem([ticket.number, mark, waited_text(minutes)])
                if ticket.priority:
                    row.setForeground(1, QBrush(PRIORITY_COLOUR))
                    row.setFont(0, theme.font(look.BODY_PT, bold=True))
                head.addChild(row)
            if waiting > len(mine):
                more = QTreeWidgetItem([_("……还有{n}人").format(n=waiting - len(mine))])
                more.setForeground(0, QBrush(theme.MUTED))
                head.addChild(more)
            head.setExpanded(True)

    def shown_numbers(self) -> list[str]:
        """Every ticket number the waiting lists show (tests and benchmarks read this)."""
        found = []
        for index in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(index)
            if head is None:
                continue
            for row in range(head.childCount()):
                child = head.child(row)
                if child is not None and not child.text(0).startswith("……"):
                    found.append(child.text(0))
        return found

    @property
    def serving(self) -> bool:
        current = self._actions.current()
        return current is not None and current.state is TicketState.SERVING
