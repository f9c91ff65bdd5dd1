"""The sync page (与县级同步): what is waiting to go up, when it last worked, the clock
skew, the records that need a person (with the reason), and "sync now" in the background.

Decisions coming back from the county are announced by the main window's banner; this page
says how the link itself is doing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.clock import local
from core.i18n import _
from core.sync_link import SyncStatus
from staff_client import look, sync_link
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from staff_client.sync_login import SyncLoginDialog

SKEW_WARN_SECONDS = 300


def age_text(delta: dt.timedelta | None) -> str:
    if delta is None:
        return _("无")
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return _("{n}分钟前").format(n=minutes)
    if minutes < 48 * 60:
        return _("{h}小时前").format(h=minutes // 60)
    return _("{d}天前").format(d=minutes // (24 * 60))


def skew_text(seconds: float | None) -> tuple[str, bool]:
    if seconds is None:
        return _("尚未测量"), False
    bad = abs(seconds) > SKEW_WARN_SECONDS
    text = _("本机比上级{dir}{n}秒").format(dir=_("慢") if seconds > 0 else _("快"),
                                        n=abs(int(seconds)))
    return (text + _("，请校准电脑时间") if bad else text), bad


class SyncPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.running = False
        self.dialog: SyncLoginDialog | None = None
        layout = look.page_in_scroll_area(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        top.addWidget(look.heading(_("与县级同步")))
        self.pill = look.label()
        top.addWidget(self.pill)
        top.addStretch(1)
        self.sync_button = look.button(_("立即同步"), "primary")
        self.retry_button = look.button(_("全部立即重试"),
                                        tip=_("不等退避时间，把待上报的记录马上再送一次"))
        self.login_button = look.button(_("登录上级账号…"))
        self.login_button.setVisible(session.is_supervisor)
        for button in (self.sync_button, self.retry_button, self.login_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFormat(_("正在同步……"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        self.figures = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for index, (key, label) in enumerate((
                ("unsent", _("待上报")), ("oldest", _("最早一条")), ("success", _("上次成功")),
                ("skew", _("时钟偏差")), ("hub", _("上级")), ("error", _("上次错误")))):
            box = look.card()
            inner = QVBoxLayout(box)
            inner.addWidget(look.muted(label))
            value = look.label()
            value.setWordWrap(True)
            value.setFont(look.heading("").font())
            inner.addWidget(value)
            self.values[key] = value
            self.figures.addWidget(box, index // 3, index % 3)
        layout.addLayout(self.figures)
        layout.addWidget(look.heading(_("需要人工处理的记录"), look.BODY_PT + 1))
        self.attention = QTableWidget(0, 5)
        self.attention.setHorizontalHeaderLabels(
            [_("办件编号"), _("内容"), _("状态"), _("已试次数"), _("原因")])
        self.attention.verticalHeader().hide()
        self.attention.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.attention.setTabKeyNavigation(False)
        self.attention.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.attention.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.attention, 1)
        self.sync_button.clicked.connect(lambda: self.sync_now(False))
        self.retry_button.clicked.connect(lambda: self.sync_now(True))
        self.login_button.clicked.connect(self.ask_login)
        self.refresh()

    # ----------------------------------------------------------------- status
    def refresh(self) -> None:
        state = sync_link.status(self._session.center)
        self._draw_pill(state)
        self._draw_figures(state)
        self._draw_attention(state)

    def _draw_pill(self, state: SyncStatus) -> None:
        if not state.hub_url:
            text, style = _("未登录上级"), "background: #eeeeee; color: #4a4a4a;"
        elif state.paused_reason:
            text = _("已暂停：{reason}").format(reason=state.paused_reason)
            style = "background: #b00020; color: #ffffff;"
        elif state.attention:
            text = _("有{n}条需要处理").format(n=len(state.attention))
            style = "background: #fff2b3; color: #5c4400;"
        else:
            text, style = _("正常"), "background: #e3f1e4; color: #1b5e20;"
        self.pill.setText(text)
        self.pill.setStyleSheet(style + " padding: 3px 10px; border-radius: 4px;"
                                " font-weight: bold;")
        self.sync_button.setEnabled(bool(state.hub_url) and not self.running)
        self.retry_button.setEnabled(bool(state.hub_url) and not self.running)

    def _draw_figures(self, state: SyncStatus) -> None:
        tz = self._session.center.timezone
        values = self.values
        values["unsent"].setText(_("{n} 条").format(n=state.unsent))
        values["oldest"].setText(age_text(state.oldest_pending_age))
        values["success"].setText(local(state.last_success_at, tz).strftime("%m-%d %H:%M")
                                  if state.last_success_at else _("还没有成功过"))
        skew, bad = skew_text(state.skew_seconds)
        values["skew"].setText(skew)
        values["skew"].setStyleSheet("color: #b00020;" if bad else "")
        values["hub"].setText(f"{state.center_name or ''} {state.hub_url or _('（未登录）')}")
        values["error"].setText(state.last_error or state.feed_problem or _("无"))
        values["error"].setStyleSheet("color: #b00020;" if state.last_error else "")

    def _draw_attention(self, state: SyncStatus) -> None:
        self.attention.setRowCount(len(state.attention))
        for row, item in enumerate(state.attention):
            cells = (item.case_number or "—", item.type_label, item.state.label,
                     str(item.attempts), item.reason)
            for column, text in enumerate(cells):
                self.attention.setItem(row, column, QTableWidgetItem(text))

    # ----------------------------------------------------------------- actions
    def sync_now(self, retry_all: bool) -> None:
        if self.running:
            return
        self.running = True
        self.progress.show()
        self.sync_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        actor = self._session.actor
        self._session.runner.run(lambda c: sync_link.run_now(c, retry_all, actor),
                                 self._done, self._failed)

    def _done(self, summary: object) -> None:
        self._stop()
        assert isinstance(summary, sync_link.RunSummary)
        if summary.ok:
            self.messages.ok(summary.text)
        else:
            self.messages.error(summary.text)

    def _failed(self, error: BaseException) -> None:
        self._stop()
        self.messages.error(str(error) if isinstance(error, Exception) else _("同步失败"))

    def _stop(self) -> None:
        self.running = False
        self.progress.hide()
        self.refresh()

    def ask_login(self) -> None:
        state = sync_link.status(self._session.center)
        info = self._session.center.info
        self.dialog = SyncLoginDialog(self, state.hub_url, info.code if info else "")
        self.dialog.submitted.connect(self._log_in)
        self.dialog.open()

    def _log_in(self, hub: str, account: str, password: str) -> None:
        actor = self._session.actor
        self.progress.show()
        self._session.runner.run(lambda c: sync_link.log_in(c, hub, account, password, actor),
                                 lambda name: self._logged_in(str(name)), self._failed)

    def _logged_in(self, name: str) -> None:
        self.progress.hide()
        self.messages.ok(_("已登录上级：{name}").format(name=name))
        self.refresh()

