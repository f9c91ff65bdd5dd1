"""The main window: header, banners, the queue column on the left, and the pages
(受理, 办件, 同步, and 站长管理 for supervisors) on the right.

It watches the database (``PRAGMA data_version``) so tickets from the kiosk, decisions
applied by sync and other windows' work show up without anyone pressing refresh.

Signals:
    logout_requested: the clerk logged out; the app shows the login dialog again.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QScrollArea,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from staff_client import look
from staff_client.alerts import AlertsBar
from staff_client.cases.page import CasesPage
from staff_client.header import HeaderBar
from staff_client.intake.page import IntakePage
from staff_client.message_bar import MessageBar
from staff_client.queue.actions import QueueActions
from staff_client.queue.panel import QueuePanel
from staff_client.session import Session
from staff_client.sync_panel import SyncPanel
from ui_shared.watch import ChangeWatcher

WATCH_INTERVAL_MS = 300
# The size a clerk PC usually has (1366×768 less the taskbar and the title bar); a smaller
# screen gets the window maximised, and the pages scroll inside it.
PREFERRED_SIZE = QSize(1366, 700)


class MainWindow(QMainWindow):
    logout_requested = Signal()

    def __init__(self, session: Session, *, watch_interval_ms: int = WATCH_INTERVAL_MS) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(_("便民服务 · 窗口工作台 — {title}").format(title=session.title()))
        self.resize(PREFERRED_SIZE)
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = HeaderBar(session)
        self.alerts = AlertsBar(session)
        self.messages = MessageBar(idle_text=_(
            "F2 叫下一位 · F3 重呼 · F4 到窗办理 · F5 办结 · Ctrl+N 为当前号受理 · Ctrl+F 查办件"))
        self.queue_actions = QueueActions(session, self.messages, self)
        self.queue = QueuePanel(session, self.queue_actions)
        self.tabs = QTabWidget()
        self.intake = IntakePage(session, self.messages)
        self.cases = CasesPage(session)
        self.sync = SyncPanel(session)
        self.tabs.addTab(self.intake, _("受理  Ctrl+1"))
        self.tabs.addTab(self.cases, _("办件  Ctrl+2"))
        self.tabs.addTab(self.sync, _("同步  Ctrl+3"))
        self.supervisor: QWidget | None = None
        if session.is_supervisor:
            from staff_client.supervisor.page import SupervisorPage

            self.supervisor = SupervisorPage(session)
            self.tabs.addTab(self.supervisor, _("站长管理  Ctrl+4"))
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 4, 0)
        body.addWidget(self._queue_column())
        body.addWidget(self.tabs, 1)
        layout.addWidget(self.header)
        layout.addWidget(self.alerts)
        layout.addLayout(body, 1)
        self.setCentralWidget(root)
        self.statusBar().addWidget(self.messages, 1)
        self.statusBar().setSizeGripEnabled(False)
        self._wire()
        self._page_shortcuts()
        self.watcher = ChangeWatcher(session.center, watch_interval_ms, self)
        self.watcher.changed.connect(self.refresh)

    def _queue_column(self) -> QScrollArea:
        """The queue column scrolls on a short screen; its width never changes."""
        area = look.scrolling(self.queue)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        area.setFixedWidth(self.queue.minimumWidth() + bar)
        return area

    def _wire(self) -> None:
        self.header.logout_requested.connect(self.logout)
        self.queue_actions.intake_requested.connect(self.start_intake)
        self.cases.resume_requested.connect(self.resume_case)
        self.alerts.case_requested.connect(self.open_case)
        self.alerts.attention_requested.connect(self.show_attention)
        self.intake.case_filed.connect(lambda _id: self.cases.list.reload())
        printer = self.session.printer
        printer.printed.connect(lambda _id, text: self._printed(text))
        printer.failed.connect(self._print_failed)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_page())

    def _page_shortcuts(self) -> None:
        for index in range(self.tabs.count()):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _c=False, i=index: self.show_page(i))
            self.addAction(action)
        find = QAction(self)
        find.setShortcut(QKeySequence("Ctrl+F"))
        find.triggered.connect(self.find_case)
        self.addAction(find)

    # ----------------------------------------------------------------- navigation
    def show_page(self, index: int) -> None:
        """Ctrl+1…4: the page, with the keyboard where its work starts."""
        self.tabs.setCurrentIndex(index)
        page = self.tabs.currentWidget()
        first = getattr(page, "focus_first", None)
        if callable(first):
            first()
        else:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def start_intake(self, ticket_id: int) -> None:
        self.intake.start_from_ticket(ticket_id)
        self.tabs.setCurrentWidget(self.intake)

    def resume_case(self, case_id: int) -> None:
        self.intake.resume_case(self.session.center.cases.get(case_id))
        self.tabs.setCurrentWidget(self.intake)

    def open_case(self, case_id: int) -> None:
        self.cases.open_case(case_id)
        self.tabs.setCurrentWidget(self.cases)

    def show_attention(self) -> None:
        self.cases.show_list()
        self.cases.list.show_scope("attention")
        self.tabs.setCurrentWidget(self.cases)

    def find_case(self) -> None:
        self.cases.show_list()
        self.tabs.setCurrentWidget(self.cases)
        self.cases.list.search.setFocus()
        self.cases.list.search.selectAll()

    # ----------------------------------------------------------------- refreshing
    def refresh(self) -> None:
        """Another process committed: redraw what shows the books."""
        self.queue.refresh()
        self.alerts.refresh()
        self._refresh_page()

    def _refresh_page(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.cases:
            self.cases.refresh()
        elif page is self.sync and not self.sync.running:
            self.sync.refresh()

    def _printed(self, text: str) -> None:
        self.messages.ok(text)
        self.alerts.refresh()

    def _print_failed(self, text: str) -> None:
        self.messages.error(text)
        self.alerts.refresh()

    # ----------------------------------------------------------------- leaving
    def logout(self) -> None:
        self.close()
        self.logout_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.intake.flush()
        self.watcher.stop()
        self.session.runner.wait()
        super().closeEvent(event)
