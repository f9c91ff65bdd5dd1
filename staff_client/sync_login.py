"""Logging the center in to its county hub (the supervisor does this once).

Signals:
    submitted(str, str, str): hub address, account, password (checked in the background).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from core.i18n import _
from staff_client import look


class SyncLoginDialog(QDialog):
    submitted = Signal(str, str, str)

    def __init__(self, parent: QWidget | None, hub: str, account: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("登录上级账号"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(look.heading(_("登录上级（县级）账号")))
        layout.addWidget(look.muted(_("账号是本中心的12位代码，由县里开通。密码只用来换取令牌，"
                                      "令牌保存在系统的密钥库里。")))
        form = QFormLayout()
        self.hub = QLineEdit(hub)
        self.hub.setPlaceholderText("https://hub.example.gov.cn")
        self.account = QLineEdit(account)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("上级地址"), self.hub)
        form.addRow(_("账号"), self.account)
        form.addRow(_("密码"), self.password)
        layout.addLayout(form)
        self.problem = look.label(wrap=True)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.problem.hide()
        layout.addWidget(self.problem)
        confirm = look.button(_("登录"), "primary")
        confirm.clicked.connect(self._confirm)
        layout.addWidget(confirm)

    def _confirm(self) -> None:
        values = (self.hub.text().strip(), self.account.text().strip(), self.password.text())
        if not all(values):
            self.problem.setText(_("请填写上级地址、账号和密码"))
            self.problem.show()
            return
        self.accept()
        self.submitted.emit(*values)
