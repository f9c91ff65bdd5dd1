"""Staff accounts and windows, with each window's A and B post (AB岗).

Accounts are kept by an administrator (core allows only the admin role to add or change
them); a supervisor sees them and staffs the windows.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.queue.windows import Window
from core.staff import Role, StaffMember
from staff_client import look
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from staff_client.supervisor.forms import FormDialog, fill, selected_row, table


class StaffWindowsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.dialog: FormDialog | None = None
        self.is_admin = session.member.at_least(Role.ADMIN)
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        layout.addWidget(look.heading(_("窗口和AB岗"), look.BODY_PT + 1))
        self.windows = table([_("窗口"), _("名称"), _("业务分组"), _("A岗"), _("B岗"), _("状态")])
        layout.addWidget(self.windows, 1)
        row = QHBoxLayout()
        edit = look.button(_("设置所选窗口…"), "primary")
        edit.clicked.connect(self.edit_window)
        row.addWidget(edit)
        row.addWidget(look.muted(_("B岗在A岗不在时可以代办A岗的号和办件，留痕记为“代A岗”。")), 1)
        layout.addLayout(row)
        layout.addWidget(look.heading(_("工作人员"), look.BODY_PT + 1))
        self.staff = table([_("用户名"), _("姓名"), _("角色"), _("状态")])
        layout.addWidget(self.staff, 1)
        row = QHBoxLayout()
        self.add_button = look.button(_("新增工作人员…"))
        self.password_button = look.button(_("重设密码（并解锁）…"))
        self.active_button = look.button(_("停用/启用"))
        for button in (self.add_button, self.password_button, self.active_button):
            button.setEnabled(self.is_admin)
            row.addWidget(button)
        if not self.is_admin:
            row.addWidget(look.muted(_("人员账号由管理员维护")), 1)
        self.add_button.clicked.connect(self.add_staff)
        self.password_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        layout.addLayout(row)
        self.refresh()

    # ----------------------------------------------------------------- drawing
    def _members(self) -> list[StaffMember]:
        return self._session.center.staff.all()

    def _windows(self) -> list[Window]:
        return self._session.center.windows.all()

    def refresh(self) -> None:
        center = self._session.center
        names = {m.id: m.name for m in self._members()}
        groups = {g.id: f"{g.prefix} {g.name}" for g in center.groups.all()}
        fill(self.windows, [(
            str(w.number), w.name, "、".join(groups.get(g, "?") for g in w.group_ids) or _("全部"),
            names.get(w.a_staff_id or 0, "—"), names.get(w.b_staff_id or 0, "—"),
            _("暂停：{r}").format(r=w.pause_reason) if w.paused else _("服务中"))
            for w in self._windows()])
        now = center.clock.now()
        fill(self.staff, [(
            m.username, m.name, m.role.label,
            _("已停用") if not m.active else (_("已锁定") if m.locked_until and m.locked_until > now
                                             else _("正常"))) for m in self._members()])

    # ----------------------------------------------------------------- windows
    def edit_window(self) -> None:
        row = selected_row(self.windows)
        if row is None:
            self.messages.warn(_("请先在上面的表里选一个窗口"))
            return
        window = self._windows()[row]
        center, actor = self._session.center, self._session.actor
        name = QLineEdit(window.name)
        boxes = []
        group_row = QWidget()
        group_layout = QHBoxLayout(group_row)
        group_layout.setContentsMargins(0, 0, 0, 0)
        for group in center.groups.all():
            box = QCheckBox(f"{group.prefix} {group.name}")
            box.setChecked(group.id in window.group_ids)
            boxes.append((group.id, box))
            group_layout.addWidget(box)
        a_post, b_post = self._staff_box(window.a_staff_id), self._staff_box(window.b_staff_id)

        def submit() -> None:
            chosen = [gid for gid, box in boxes if box.isChecked()]
            center.windows.save(actor, window.number, name.text(), chosen)
            center.windows.assign(actor, window.number, a_post.currentData(),
                                  b_post.currentData())

        self._open(FormDialog(self, _("设置{n}号窗口").format(n=window.number), [
            (_("名称"), name), (_("业务分组"), group_row), (_("A岗（主办）"), a_post),
            (_("B岗（替补）"), b_post)], submit))

    def _staff_box(self, current: int | None) -> QComboBox:
        box = QComboBox()
        box.addItem(_("（无）"), None)
        for member in self._members():
            if member.active:
                box.addItem(member.name, member.id)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    # ----------------------------------------------------------------- staff
    def add_staff(self) -> None:
        center, actor = self._session.center, self._session.actor
        username, name, password = QLineEdit(), QLineEdit(), QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        role = QComboBox()
        for value in Role:
            role.addItem(value.label, value.value)
        self._open(FormDialog(self, _("新增工作人员"), [
            (_("用户名"), username), (_("姓名"), name), (_("角色"), role),
            (_("初始密码"), password)], lambda: center.staff.add(
                actor, username.text(), name.text(), str(role.currentData()), password.text())))

    def _selected_member(self) -> StaffMember | None:
        row = selected_row(self.staff)
        if row is None:
            self.messages.warn(_("请先在表里选一位工作人员"))
            return None
        return self._members()[row]

    def reset_password(self) -> None:
        member = self._selected_member()
        if member is None:
            return
        center, actor = self._session.center, self._session.actor
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        self._open(FormDialog(self, _("重设{name}的密码").format(name=member.name),
                              [(_("新密码"), password)],
                              lambda: center.staff.set_password(actor, member.id,
                                                                password.text())))

    def toggle_active(self) -> None:
        member = self._selected_member()
        if member is not None:
            self.messages.attempt(lambda: self._session.center.staff.set_active(
                self._session.actor, member.id, not member.active))
            self.refresh()

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self.refresh)
        dialog.saved.connect(lambda: self.messages.ok(_("已保存")))
        dialog.open()
