"""What the kiosk shows on a center that is not set up yet, or whose database failed its
start-up check: a plain message for staff, and nothing a villager could use (a kiosk
without groups cannot take a ticket; a damaged store takes no ticket either)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

from core.center import Center
from core.i18n import _
from kiosk import style as s
from kiosk.widgets import BigButton, Label, set_colors, window_layout


def setup_problem(center: Center, board: bool = False,
                  window: int | None = None) -> str | None:
    """Why this center cannot run the kiosk (or board, or window N's rating device) yet;
    None when it can."""
    if center.info is None:
        return _("本服务站还没有完成首次设置。")
    if board and not center.windows.all():
        return _("本服务站还没有设置窗口。")
    if window is not None:
        if window not in {w.number for w in center.windows.all()}:
            return _("本服务站没有{n}号窗口：请在工作人员端设置窗口，或改用存在的窗口号。").format(
                n=window)
        return None
    if not board and not center.groups.all():
        return _("本服务站还没有设置业务分组（取号的类别）。")
    return None


SETUP_ADVICE = _("请工作人员打开工作人员端，按提示完成首次设置（中心信息、业务分组和窗口），"
                 "然后重新启动自助服务机。")
DAMAGE_ADVICE = _("请工作人员按上面的提示从备份恢复数据（恢复前会自动另存当前文件），"
                  "然后重新启动。")


class SetupNeededWindow(QWidget):
    def __init__(self, problem: str, *, size: QSize, advice: str = SETUP_ADVICE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        m = s.Metrics.for_height(size.height())
        self.resize(size)
        set_colors(self, s.PAPER, s.INK, fill=True)
        layout = window_layout(self)
        layout.setContentsMargins(m.gap * 4, m.gap * 3, m.gap * 4, m.gap * 3)
        layout.setSpacing(m.gap * 2)
        layout.addWidget(Label(_("自助服务机暂时不能使用"), m.heading, heading=True))
        self.problem = Label(problem, m.large, bold=True, ink=s.ERROR_INK)
        layout.addWidget(self.problem)
        layout.addWidget(Label(advice, m.body))
        layout.addWidget(Label(_("群众办事请直接到窗口，工作人员会为您办理。"), m.body,
                               ink=s.MUTED))
        layout.addStretch(1)
        close = BigButton(_("关闭"), m, icon="back")
        close.setMaximumWidth(m.key * 4)
        close.clicked.connect(self.close)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
