"""The cases page: the list, and one case's full view in its place when opened.

Signals:
    resume_requested(int): continue this case's intake on the intake page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from staff_client.cases.case_view import CaseView
from staff_client.cases.list_view import CaseListView
from staff_client.session import Session


class CasesPage(QWidget):
    resume_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stack = QStackedWidget()
        self.list = CaseListView(session)
        self.view = CaseView(session)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list.case_opened.connect(self.open_case)
        self.view.back_requested.connect(self.show_list)
        self.view.resume_requested.connect(self.resume_requested)
        self.view.changed.connect(self.list.reload)

    def open_case(self, case_id: int) -> None:
        self.view.show_case(case_id)
        self.stack.setCurrentWidget(self.view)

    def show_list(self) -> None:
        self.list.reload()
        self.stack.setCurrentWidget(self.list)

    def focus_first(self) -> None:
        if self.stack.currentWidget() is self.view:
            self.view.back_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        """Another process changed the books (sync applied feedback, another window)."""
        if self.stack.currentWidget() is self.view:
            self.view.reload()
        else:
            self.list.reload()
