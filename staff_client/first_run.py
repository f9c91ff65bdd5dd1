"""First-run setup, shown by the staff client when its data directory holds no center:
who the center is, its first administrator, groups and windows, printers (with a test
print), and optionally the county hub account (login tested on the spot, skippable).

Signals:
    finished_setup(): the center exists; the login dialog comes next.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from core.actor import Actor
from core.center import Center
from core.errors import InvalidInput, UserFacingError
from core.i18n import _
from core.setup import SetupPlan, set_up, suggested_groups
from staff_client import look, sync_link
from staff_client.session import Session
from staff_client.supervisor.printers import PrintersPage
from ui_shared.tasks import TaskRunner


def _problem_label() -> QLabel:
    label = look.label(wrap=True)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    return label


class CenterPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("第一步：本中心"))
        self.setSubTitle(_("中心代码是本村（社区）或乡镇（街道）的12位统计用区划代码，"
                           "办件编号都以它开头，设置后不能更改。"))
        form = QFormLayout(self)
        self.code = QLineEdit()
        self.code.setPlaceholderText("330110101001")
        self.code.setMaxLength(12)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("如：良渚街道新港村便民服务站"))
        self.village = QRadioButton(_("村（社区）便民服务站"))
        self.township = QRadioButton(_("乡镇（街道）便民服务中心"))
        self.village.setChecked(True)
        form.addRow(_("中心代码"), self.code)
        form.addRow(_("中心名称"), self.name)
        form.addRow(_("级别"), self.village)
        form.addRow("", self.township)

    @property
    def level(self) -> str:
        return "township" if self.township.isChecked() else "village"


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("第二步：管理员账号"))
        self.setSubTitle(_("管理员负责添加工作人员、设置窗口和打印机。请记住密码。"))
        form = QFormLayout(self)
        self.username = QLineEdit("admin")
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.again = QLineEdit()
        for box in (self.password, self.again):
            box.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("用户名"), self.username)
        form.addRow(_("姓名"), self.name)
        form.addRow(_("密码"), self.password)
        form.addRow(_("再输一遍"), self.again)


class DeskPage(QWizardPage):
    """Groups and windows; leaving this page creates the center (a commit page)."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("第三步：业务分组和窗口"))
        self.setSubTitle(_("每个分组是取号机上的一个大按钮，号码以它的字母开头。"
                           "不需要的分组可以取消勾选，名称可以修改。"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("建立本中心"))
        layout = QVBoxLayout(self)
        self.groups = QTableWidget(0, 2)
        self.groups.setHorizontalHeaderLabels([_("字头"), _("分组名称")])
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.groups.verticalHeader().hide()
        for prefix, name in suggested_groups():
            row = self.groups.rowCount()
            self.groups.insertRow(row)
            letter = QTableWidgetItem(prefix)
            letter.setCheckState(Qt.CheckState.Checked)
            self.groups.setItem(row, 0, letter)
            self.groups.setItem(row, 1, QTableWidgetItem(name))
        layout.addWidget(self.groups)
        form = QFormLayout()
        self.windows = QSpinBox()
        self.windows.setRange(1, 20)
        self.windows.setValue(2)
        form.addRow(_("窗口个数"), self.windows)
        layout.addLayout(form)
        self.catalog = QCheckBox(_("导入随软件附带的20项常见事项（以后由县里下发的目录替换）"))
        self.catalog.setChecked(True)
        layout.addWidget(self.catalog)
        self.problem = _problem_label()
        layout.addWidget(self.problem)

    def chosen_groups(self) -> tuple[tuple[str, str], ...]:
        chosen = []
        for row in range(self.groups.rowCount()):
            letter, name = self.groups.item(row, 0), self.groups.item(row, 1)
            if letter is None or name is None:
                continue
            if letter.checkState() == Qt.CheckState.Checked:
                chosen.append((letter.text().strip(), name.text().strip()))
        return tuple(chosen)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        try:
            self._wizard.create_center(self.chosen_groups(), self.windows.value(),
                                       self.catalog.isChecked())
        except UserFacingError as exc:
            self.problem.setText(exc.message)
            return False
        return True


class HubPage(QWizardPage):
    """Optional: the county hub account, tested on the spot; skip when offline."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("第五步（可跳过）：县级上报账号"))
        self.setSubTitle(_("县里开通账号后填写。现在没有网络也没关系：点“完成”跳过，"
                           "以后在“同步”页面登录；受理的办件会先存在本机，联网后自动上报。"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.hub = QLineEdit()
        self.hub.setPlaceholderText("https://hub.example.gov.cn")
        self.account = look.label()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("上级地址"), self.hub)
        form.addRow(_("账号（本中心代码）"), self.account)
        form.addRow(_("密码"), self.password)
        layout.addLayout(form)
        self.login = look.button(_("测试并登录"), "primary")
        self.login.clicked.connect(self._log_in)
        layout.addWidget(self.login)
        self.result = look.label(wrap=True)
        self.result.setWordWrap(True)
        layout.addWidget(self.result)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        center = self._wizard.center
        self.account.setText(center.info.code if center.info else "")

    def _log_in(self) -> None:
        hub, password = self.hub.text().strip(), self.password.text()
        if not hub or not password:
            self._show(_("请填写上级地址和密码"), ok=False)
            return
        account, actor = self.account.text(), self._wizard.admin_actor()
        self.login.setEnabled(False)
        self._show(_("正在连接上级……"), ok=True)
        self._wizard.runner.run(
            lambda c: sync_link.log_in(c, hub, account, password, actor),
            lambda name: self._done(_("登录成功：{name}").format(name=name), True),
            lambda error: self._done(str(error), False))

    def _done(self, text: str, ok: bool) -> None:
        self.login.setEnabled(True)
        self._show(text, ok=ok)

    def _show(self, text: str, *, ok: bool) -> None:
        self.result.setStyleSheet(f"color: {'#1b5e20' if ok else '#b00020'}; font-weight: bold;")
        self.result.setText(text)


class FirstRunWizard(QWizard):
    finished_setup = Signal()

    def __init__(self, center: Center, runner: TaskRunner, print_dir: Path | None) -> None:
        super().__init__()
        self.center = center
        self.runner = runner
        self._print_dir = print_dir
        self._session: Session | None = None
        self.setWindowTitle(_("便民服务 · 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(900, 640)
        self.center_page = CenterPage()
        self.admin_page = AdminPage()
        self.desk_page = DeskPage(self)
        self.printers_holder = QWizardPage()
        self.printers_holder.setTitle(_("第四步：打印机"))
        self.printers_holder.setSubTitle(_("排队号用热敏小票打印机，告知单和回执用A4打印机。"
                                           "可以先打印测试页看看。"))
        QVBoxLayout(self.printers_holder)
        self.hub_page = HubPage(self)
        for page in (self.center_page, self.admin_page, self.desk_page, self.printers_holder,
                     self.hub_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, _("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("取消"))
        self.accepted.connect(self.finished_setup.emit)

    def plan(self, groups: tuple[tuple[str, str], ...], windows: int,
             catalog: bool) -> SetupPlan:
        admin = self.admin_page
        if admin.password.text() != admin.again.text():
            raise InvalidInput(_("两次输入的管理员密码不一致"))
        return SetupPlan(
            code=self.center_page.code.text().strip(), name=self.center_page.name.text(),
            level=self.center_page.level, admin_username=admin.username.text().strip(),
            admin_name=admin.name.text(), admin_password=admin.password.text(),
            groups=groups, windows=windows, import_catalog=catalog)

    def create_center(self, groups: tuple[tuple[str, str], ...], windows: int,
                      catalog: bool) -> None:
        set_up(self.center, self.plan(groups, windows, catalog))
        member = self.center.staff.by_username(self.admin_page.username.text().strip())
        session = Session(self.center, member, 1, self.runner, self._print_dir)
        layout = self.printers_holder.layout()
        assert layout is not None
        layout.addWidget(PrintersPage(session))
        self._session = session

    def admin_actor(self) -> Actor:
        assert self._session is not None
        return self._session.actor
