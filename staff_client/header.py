"""The dark strip at the top: center, window, who is logged in (and for whom they cover),
today's date, and the way out.

Signals:
    logout_requested: the clerk wants to log out (the next person logs in).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from core.clock import local
from core.i18n import _
from staff_client import look
from staff_client.session import Session
from ui_shared import theme

WEEKDAYS = (_("星期一"), _("星期二"), _("星期三"), _("星期四"), _("星期五"), _("星期六"),
            _("星期日"))


class HeaderBar(QFrame):
    logout_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        center = session.center
        info = center.info
        name = look.label(info.name if info else _("便民服务中心"))
        name.setFont(theme.font(look.HEADING_PT, bold=True))
        row.addWidget(name)
        where = look.label(_("{window}  ·  {name}（{role}）").format(
            window=session.window_label(), name=session.member.name,
            role=session.member.role.label))
        where.setFont(theme.font(look.BODY_PT + 1))
        row.addWidget(where)
        covered = session.covering_for
        self.cover = look.label(_("代A岗 {name}").format(name=covered.name) if covered else "")
        self.cover.setObjectName("coverBadge")
        self.cover.setVisible(covered is not None)
        self.cover.setToolTip(_("您是本窗口的B岗，正在代A岗办理；留痕里会记为代办"))
        row.addWidget(self.cover)
        row.addStretch(1)
        today = local(center.clock.now(), center.timezone)
        row.addWidget(look.label(_("{m}月{d}日 {weekday}").format(
            m=today.month, d=today.day, weekday=WEEKDAYS[today.weekday()])))
        self.logout_button = look.button(_("退出登录"))
        # Mouse only: Tab must never land here, where a Space meant for a check box would
        # log the clerk out in the middle of an intake.
        self.logout_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.logout_button.clicked.connect(self.logout_requested)
        row.addWidget(self.logout_button)
