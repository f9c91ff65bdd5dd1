"""The login dialog: username, password and the window the clerk sits at today.

Wrong passwords and lockouts are said plainly in red; the window defaults to the one the
staff member is A (or B) post of, so a normal morning is type, type, Enter.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout

from core.center import Center
from core.errors import AccountLocked, NotFound, UserFacingError
from core.i18n import _
from core.staff import StaffMember
from staff_client import look


class LoginDialog(QDialog):
    def __init__(self, center: Center) -> None:
        super().__init__()
        self._center = center
        self.member: StaffMember | None = None
        self.window_number = 0
        info = center.info
        self.setWindowTitle(_("便民服务 · 工作人员登录"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(look.heading(info.name if info else _("便民服务中心"), look.TITLE_PT))
        layout.addWidget(look.muted(_("窗口工作人员登录")))
        form = QFormLayout()
        form.setSpacing(10)
        self.username = QLineEdit()
        self.username.setPlaceholderText(_("如 wang"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.window_box = QComboBox()
        for window in center.windows.all():
            self.window_box.addItem(window.name, window.number)
        form.addRow(_("用户名"), self.username)
        form.addRow(_("密码"), self.password)
        form.addRow(_("今天在"), self.window_box)
        layout.addLayout(form)
        self.error = look.label(wrap=True)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.login_button = look.button(_("登录"), "primary big")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.try_login)
        layout.addWidget(self.login_button)
        self.username.editingFinished.connect(self._pick_window)
        # Enter anywhere presses the default button (登录); no second handler on the field.
        if self.window_box.count() == 0:
            self._show(_("还没有设置窗口：请管理员先运行 bianmin window add"), locked=False)
            self.login_button.setEnabled(False)

    def _pick_window(self) -> None:
        """Default to the window where this person is A post (or else B post)."""
        try:
            member = self._center.staff.by_username(self.username.text().strip())
        except NotFound:
            return
        windows = self._center.windows.all()
        mine = [w for w in windows if w.a_staff_id == member.id] or \
               [w for w in windows if w.b_staff_id == member.id]
        if mine:
            self.window_box.setCurrentIndex(self.window_box.findData(mine[0].number))

    def _show(self, text: str, *, locked: bool) -> None:
        colour = "#8a0018" if not locked else "#ffffff"
        background = "#fde0e0" if not locked else "#b00020"
        self.error.setStyleSheet(f"background: {background}; color: {colour}; padding: 8px;"
                                 " border-radius: 4px; font-weight: bold;")
        self.error.setText(text)
        self.error.show()

    def try_login(self) -> None:
        username = self.username.text().strip()
        if not username:
            self._show(_("请输入用户名"), locked=False)
            return
        try:
            member = self._center.staff.login(username, self.password.text())
            self._center.windows.actor_at(int(self.window_box.currentData()), member.id)
        except AccountLocked as exc:
            self._show(_("账号已锁定：{message}\n可以等锁定时间过去，或请管理员重设密码解锁。").format(
                message=exc.message), locked=True)
            self.password.clear()
            return
        except UserFacingError as exc:
            self._show(exc.message, locked=False)
            self.password.clear()
            self.password.setFocus()
            return
        self.member = member
        self.window_number = int(self.window_box.currentData())
        self.accept()
