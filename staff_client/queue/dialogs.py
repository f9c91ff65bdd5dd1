"""Small dialogs of the queue: pause with a reason, transfer to a group, call a number.

They are opened with ``open()`` (not ``exec()``) and report through ``chosen``, so the
main window keeps running (the kiosk keeps issuing) while one is up.

Signals:
    chosen(str): the reason, the group prefix, or the ticket number picked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.queue import Ticket, TicketState
from core.queue.groups import Group
from staff_client import look

PAUSE_REASONS = (_("午休"), _("临时离开"), _("外出代办"), _("开会"), _("电脑或网络故障"))


class _ChoiceDialog(QDialog):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, prompt: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.body = QVBoxLayout(self)
        self.body.addWidget(look.heading(title))
        self.body.addWidget(look.muted(prompt))
        self.problem = look.label(wrap=True)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.body.addWidget(self.problem)
        self.body.addWidget(self.buttons)

    def value(self) -> str:
        raise NotImplementedError

    def _confirm(self) -> None:
        value = self.value().strip()
        if not value:
            self.problem.setText(_("请先填写或选择"))
            self.problem.show()
            return
        self.accept()
        self.chosen.emit(value)


class PauseDialog(_ChoiceDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, _("暂停服务"), _("暂停期间本窗口不叫号。请写明原因（会留痕）。"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(PAUSE_REASONS)
        self.body.addWidget(self.reason)
        self.finish_layout()

    def value(self) -> str:
        return self.reason.currentText()


class TransferDialog(_ChoiceDialog):
    def __init__(self, parent: QWidget | None, ticket: Ticket, groups: list[Group]) -> None:
        super().__init__(parent, _("转到其他分组"),
                         _("{number}号保留号码和取号时间，排到所选分组的队里。").format(
                             number=ticket.number))
        self.group = QComboBox()
        for group in groups:
            if group.id != ticket.group_id:
                self.group.addItem(f"{group.prefix}  {group.name}", group.prefix)
        self.body.addWidget(self.group)
        self.finish_layout()

    def value(self) -> str:
        return str(self.group.currentData() or "")


class CallTicketDialog(_ChoiceDialog):
    """Call one ticket out of turn (audited), or put a no-show back in the queue."""

    def __init__(self, parent: QWidget | None, tickets: list[Ticket]) -> None:
        super().__init__(parent, _("叫指定号"),
                         _("不按顺序叫号会留痕。过号的号选中后会先恢复排队再叫。"))
        self.list = QListWidget()
        for ticket in tickets:
            mark = _("（过号）") if ticket.state is TicketState.NO_SHOW else ""
            extra = _("  {kind}优先").format(kind=ticket.priority.label) \
                if ticket.priority is not None else ""
            item = QListWidgetItem(f"{ticket.number}{mark}{extra}")
            item.setData(Qt.ItemDataRole.UserRole, ticket.number)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self._confirm())
        self.body.addWidget(self.list)
        self.finish_layout()

    def value(self) -> str:
        if self.list.currentRow() < 0:
            return ""
        return str(self.list.currentItem().data(Qt.ItemDataRole.UserRole))
