"""The supervisor's (站长) page: a list of areas on the left, the chosen area beside it.
Clerks never get this page.

A list rather than a row of tabs: eight areas do not fit side by side on a 1024×768 screen
or at 150 % scaling, and a tab scrolled out of sight is a page nobody finds.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from core.i18n import _
from staff_client import look
from staff_client.session import Session
from staff_client.supervisor.backups import BackupsPage
from staff_client.supervisor.catalog_page import CatalogPage
from staff_client.supervisor.follow_ups import FollowUpsPage
from staff_client.supervisor.holidays import HolidaysPage
from staff_client.supervisor.printers import PrintersPage
from staff_client.supervisor.queue_rules import QueueRulesPage
from staff_client.supervisor.reports_page import ReportsPage
from staff_client.supervisor.staff_windows import StaffWindowsPage

LABELS = {"staff": _("人员和窗口"), "queue": _("分组和叫号"), "catalog": _("事项目录"),
          "holidays": _("节假日调整"), "follow_ups": _("差评回访"), "reports": _("统计报表"),
          "backups": _("备份恢复"), "printers": _("打印机")}


class SupervisorPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: dict[str, QWidget] = {
            "staff": StaffWindowsPage(session), "queue": QueueRulesPage(session),
            "catalog": CatalogPage(session), "holidays": HolidaysPage(session),
            "follow_ups": FollowUpsPage(session), "reports": ReportsPage(session),
            "backups": BackupsPage(session), "printers": PrintersPage(session),
        }
        self.areas = QListWidget()
        self.areas.setObjectName("areas")
        self.stack = QStackedWidget()
        for key, page in self.pages.items():
            self.areas.addItem(LABELS[key])
            self.stack.addWidget(look.scrolling(page))
        self.areas.setFixedWidth(self.areas.sizeHintForColumn(0) + 24)
        self.areas.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.areas.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.areas)
        layout.addWidget(self.stack, 1)

    def show_tab(self, key: str) -> None:
        self.areas.setCurrentRow(list(self.pages).index(key))

    def current_key(self) -> str:
        return list(self.pages)[self.areas.currentRow()]
