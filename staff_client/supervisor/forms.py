"""Small building blocks of the supervisor's pages: a form dialog that shows core's
refusal inside itself, a yes/no question that does not block, and a plain table.

Signals (FormDialog):
    saved: the submit function ran without a UserFacingError.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import UserFacingError
from core.i18n import _
from staff_client import look


class FormDialog(QDialog):
    saved = Signal()

    def __init__(self, parent: QWidget | None, title: str, rows: Sequence[tuple[str, QWidget]],
                 submit: Callable[[], object], confirm: str = "", explain: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._submit = submit
        layout = QVBoxLayout(self)
        layout.addWidget(look.heading(title))
        if explain:
            layout.addWidget(look.muted(explain))
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        layout.addLayout(form)
        self.problem = look.label(wrap=True)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = look.button(_("取消"))
        cancel.clicked.connect(self.reject)
        self.confirm = look.button(confirm or _("保存"), "primary")
        self.confirm.clicked.connect(self._confirm)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm)
        layout.addLayout(buttons)

    def _confirm(self) -> None:
        try:
            self._submit()
        except UserFacingError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        self.accept()
        self.saved.emit()


def ask(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A yes/no question opened without blocking; ``on_yes`` runs if confirmed."""
    return look.ask(parent, title, text, _("确定"), on_yes)


def table(headers: Sequence[str]) -> QTableWidget:
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(list(headers))
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setTabKeyNavigation(False)  # read-only rows: Tab moves on, arrows move inside
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return widget


def fill(widget: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    widget.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            widget.setItem(row, column, QTableWidgetItem(text))


def selected_row(widget: QTableWidget) -> int | None:
    rows = widget.selectionModel().selectedRows()
    return rows[0].row() if rows else None
