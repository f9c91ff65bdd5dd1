"""The supervisor's (站长) page: one tab per area. Clerks never get this page."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from core.i18n import _
from staff_client.session import Session
from staff_client.supervisor.backups import BackupsPage
from staff_client.supervisor.catalog_page import CatalogPage
from staff_client.supervisor.follow_ups import FollowUpsPage
from staff_client.supervisor.holidays import HolidaysPage
from staff_client.supervisor.printers import PrintersPage
from staff_client.supervisor.queue_rules import QueueRulesPage
from staff_client.supervisor.reports_page import ReportsPage
from staff_client.supervisor.staff_windows import StaffWindowsPage


class SupervisorPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.pages: dict[str, QWidget] = {
            "staff": StaffWindowsPage(session), "queue": QueueRulesPage(session),
            "catalog": CatalogPage(session), "holidays": HolidaysPage(session),
            "follow_ups": FollowUpsPage(session), "reports": ReportsPage(session),
            "backups": BackupsPage(session), "printers": PrintersPage(session),
        }
        labels = {"staff": _("人员和窗口"), "queue": _("分组和叫号"), "catalog": _("事项目录"),
                  "holidays": _("节假日调整"), "follow_ups": _("差评回访"),
                  "reports": _("统计报表"), "backups": _("备份恢复"), "printers": _("打印机")}
        for key, page in self.pages.items():
            self.tabs.addTab(page, labels[key])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.pages[key])
