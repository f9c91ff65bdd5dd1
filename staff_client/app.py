"""The running application: open the center, log in, show the main window; after a logout
the next clerk logs in on the same program.

Signals:
    window_shown(object): a main window is up (benchmarks and the self-test wait for it).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from core.center import Center
from core.i18n import _
from staff_client import look
from staff_client.first_run import FirstRunWizard
from staff_client.login import LoginDialog
from staff_client.main_window import MainWindow
from staff_client.session import Session
from ui_shared.crash import install_excepthook
from ui_shared.tasks import TaskRunner

log = logging.getLogger(__name__)


class StaffApp(QObject):
    window_shown = Signal(object)

    def __init__(self, center: Center, print_dir: Path | None = None) -> None:
        super().__init__()
        self.center = center
        self.print_dir = print_dir
        self.runner = TaskRunner(center.data_dir.root, center.clock, self)
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.setup: FirstRunWizard | None = None
        self._notice: QMessageBox | None = None
        install_excepthook(self.show_problem)

    def start(self) -> None:
        if self.center.damage is not None:
            self.show_damage(self.center.damage)
            return
        if self.center.info is None:
            self.show_setup()
            return
        self.show_login()

    def show_setup(self) -> None:
        """An empty data directory: the first-run setup comes before any login."""
        self.setup = FirstRunWizard(self.center, self.runner, self.print_dir)
        self.setup.finished_setup.connect(self.show_login)
        self.setup.rejected.connect(QApplication.quit)
        look.show_on_screen(self.setup)

    def show_login(self) -> None:
        self.login = LoginDialog(self.center)
        self.login.accepted.connect(self._logged_in)
        self.login.rejected.connect(self._login_closed)
        self.login.show()

    def _logged_in(self) -> None:
        assert self.login is not None
        assert self.login.member is not None
        session = Session(self.center, self.login.member, self.login.window_number,
                          self.runner, self.print_dir)
        if self.window is not None:  # the previous clerk's window, closed at logout
            self.window.deleteLater()
        self.window = MainWindow(session)
        self.window.logout_requested.connect(self.show_login)
        look.show_on_screen(self.window)
        log.info("staff %s logged in at window %s", session.member.id, session.window)
        self.window_shown.emit(self.window)

    def _login_closed(self) -> None:
        if self.window is None or not self.window.isVisible():
            QApplication.quit()

    def close_windows(self) -> None:
        for widget in (self.window, self.login, self.setup):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        self.window = self.login = self.setup = None

    def show_damage(self, message: str) -> None:
        """The store failed its start-up check: say so and what to do, then close; nobody
        logs in to books that refuse every write."""
        self._notice = QMessageBox(QMessageBox.Icon.Critical, _("便民服务 · 数据库已损坏"),
                                   message)
        self._notice.setTextFormat(Qt.TextFormat.PlainText)
        self._notice.finished.connect(QApplication.quit)
        self._notice.open()

    @property
    def notice(self) -> QMessageBox | None:
        return self._notice

    def show_problem(self, message: str) -> None:
        """A bug or an unexpected refusal: say so plainly, keep working."""
        self._notice = QMessageBox(QMessageBox.Icon.Warning, _("便民服务"), message)
        self._notice.setTextFormat(Qt.TextFormat.PlainText)  # may quote a name
        self._notice.open()
        if self.center.info is None:
            self._notice.finished.connect(QApplication.quit)
