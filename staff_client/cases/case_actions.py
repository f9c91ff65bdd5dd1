"""Dialogs for a case's later steps: materials supplied, result handed over, withdrawal.

Opened with ``open()``; each reports its value through ``confirmed``.

Signals:
    confirmed(object): the dialog's value (list of names, or a text).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from staff_client import look


class CaseDialog(QDialog):
    confirmed = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, explain: str, confirm: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(500)
        self.body = QVBoxLayout(self)
        self.body.addWidget(look.heading(title))
        self.body.addWidget(look.muted(explain))
        self.problem = look.label(wrap=True)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.problem.hide()
        self.confirm = look.button(confirm, "primary")
        self.cancel = look.button(_("返回"))
        self.confirm.clicked.connect(self._confirm)
        self.cancel.clicked.connect(self.reject)

    def finish_layout(self) -> None:
        self.body.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel)
        row.addWidget(self.confirm)
        self.body.addLayout(row)

    def value(self) -> object:
        raise NotImplementedError

    def refuse(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _confirm(self) -> None:
        value = self.value()
        if not value:
            return
        self.accept()
        self.confirmed.emit(value)


class SupplyDialog(CaseDialog):
    """Record what the resident brought for the county's supplement request."""

    def __init__(self, parent: QWidget | None, requested: list[str]) -> None:
        super().__init__(parent, _("登记补交材料"),
                         _("勾选群众这次带来的材料；县级要求之外的材料写在下面。"
                           "登记后办件恢复计时并上报。"), _("登记补交"))
        self.boxes = [QCheckBox(name) for name in requested]
        for box in self.boxes:
            box.setChecked(True)
            self.body.addWidget(box)
        self.other = QLineEdit()
        self.other.setPlaceholderText(_("其他材料（可不填）"))
        self.body.addWidget(self.other)
        self.finish_layout()

    def value(self) -> object:
        names = [b.text() for b in self.boxes if b.isChecked()]
        if self.other.text().strip():
            names.append(self.other.text().strip())
        if not names:
            self.refuse(_("请至少勾选或填写一项补交的材料"))
        return names


class PickupDialog(CaseDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, _("交付结果（取件）"),
                         _("核对领取人身份后交付，会打印取件通知留存。"), _("交付并打印取件通知"))
        self.by = QComboBox()
        self.by.setEditable(True)
        self.by.addItems([_("本人"), _("代领人：")])
        self.body.addWidget(look.label(_("领取人")))
        self.body.addWidget(self.by)
        self.finish_layout()

    def value(self) -> object:
        text = self.by.currentText().strip()
        if not text or text.endswith("："):
            self.refuse(_("请写明领取人（本人，或代领人姓名）"))
            return ""
        return text


class WithdrawDialog(CaseDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, _("撤回申请"), _("群众要求撤回时使用；已上报的会通知县级。"
                                               "原因必填并留痕。"), _("确认撤回"))
        self.confirm.setProperty("kind", "danger")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("撤回原因（必填）"))
        self.body.addWidget(self.reason)
        self.finish_layout()

    def value(self) -> object:
        text = self.reason.text().strip()
        if not text:
            self.refuse(_("请填写撤回原因"))
        return text
