"""不予受理: the reason and the competent office are both required; the dialog refuses to
close without them, and core checks them again.

Signals:
    decided(str, str): the reason and the office to go to.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from staff_client import look

COMMON_REASONS = (
    _("申请事项不属于本中心受理范围"),
    _("申请人不符合申请条件"),
    _("依法不需要取得行政许可"),
)
COMMON_OFFICES = (
    _("乡镇（街道）便民服务中心"), _("县（区）政务服务中心"), _("县（区）民政局"),
    _("县（区）人力资源和社会保障局"), _("县（区）医疗保障局"), _("辖区派出所"),
)


class NotAcceptDialog(QDialog):
    decided = Signal(str, str)

    def __init__(self, parent: QWidget | None, item_name: str, suggested_office: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("不予受理"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(look.heading(_("不予受理：{item}").format(item=item_name)))
        layout.addWidget(look.muted(_("会打印《不予受理通知书》交给群众，并向上级报备。"
                                      "理由和应去的部门都必须写清楚。")))
        form = QFormLayout()
        self.common = QComboBox()
        self.common.addItem(_("（选常用理由，或直接在下面写）"))
        self.common.addItems(COMMON_REASONS)
        self.common.currentIndexChanged.connect(self._use_common)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("不予受理的理由（必填）"))
        self.reason.setFixedHeight(90)
        self.office = QComboBox()
        self.office.setEditable(True)
        self.office.addItems(COMMON_OFFICES)
        self.office.setCurrentIndex(-1)
        self.office.setCurrentText(suggested_office)
        self.office.setPlaceholderText(_("应当向哪个部门申请（必填）"))
        form.addRow(_("常用理由"), self.common)
        form.addRow(_("理由"), self.reason)
        form.addRow(_("应去部门"), self.office)
        layout.addLayout(form)
        self.problem = look.label(wrap=True)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.confirm = look.button(_("确认不予受理并打印通知书"), "danger")
        self.cancel = look.button(_("返回"))
        self.confirm.clicked.connect(self._confirm)
        self.cancel.clicked.connect(self.reject)
        layout.addWidget(self.confirm)
        layout.addWidget(self.cancel)

    def _use_common(self, index: int) -> None:
        if index > 0:
            self.reason.setPlainText(self.common.currentText())

    def _confirm(self) -> None:
        reason = self.reason.toPlainText().strip()
        office = self.office.currentText().strip()
        missing = [label for label, value in ((_("理由"), reason), (_("应去部门"), office))
                   if not value]
        if missing:
            self.problem.setText(_("请填写{fields}后再确认").format(fields="和".join(missing)))
            self.problem.show()
            return
        self.accept()
        self.decided.emit(reason, office)
