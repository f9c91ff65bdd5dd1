"""The cases list: search by case number, tracking code, ID number or name, filter by
state and by deadline, and see at a glance what is due (yellow) or overdue (red).

Names and ID numbers are masked here; the full values are only in the case view.

Signals:
    case_opened(int): the clerk opened a case (double click or Enter).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.cases import Case, CaseState, DueEntry, DueLevel
from core.i18n import _
from staff_client import look
from staff_client.models.case_table import CaseTableModel, make_row
from staff_client.session import Session

SEARCH_DELAY_MS = 250
ALL, DUE_SOON, OVERDUE, ATTENTION = "", "due_soon", "overdue", "attention"
SCOPES = ((ALL, _("全部期限")), (ATTENTION, _("需要处理")), (DUE_SOON, _("即将到期（黄）")),
          (OVERDUE, _("已超期（红）")))
# Upstream feedback the window has to act on: bring materials, hand over the result.
ACTIONABLE = (CaseState.SUPPLEMENT_REQUESTED, CaseState.READY_FOR_PICKUP, CaseState.DENIED)
RED_LEVELS = (DueLevel.OVERDUE, DueLevel.PREREVIEW_OVERDUE)


class CaseListView(QWidget):
    case_opened = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        top.addWidget(look.heading(_("办件")))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("办件编号、回执上的查询码、身份证号或姓名"))
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        layout.addLayout(top)
        self.state_box = QComboBox()
        self.state_box.addItem(_("全部状态"), "")
        for state in CaseState:
            self.state_box.addItem(state.label, state.value)
        self.scope_box = QComboBox()
        for key, label in SCOPES:
            self.scope_box.addItem(label, key)
        filters = QHBoxLayout()
        filters.addWidget(self.state_box)
        filters.addWidget(self.scope_box)
        filters.addStretch(1)
        layout.addLayout(filters)
        legend = QHBoxLayout()
        self.count = look.muted()
        legend.addWidget(self.count, 1)
        legend.addWidget(_swatch(_(" 黄：只剩1个工作日 "), "#fff2b3", "#5c4400"))
        legend.addWidget(_swatch(_(" 红：已超期 "), "#fde0e0", "#8a0018"))
        layout.addLayout(legend)
        self.model = CaseTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.open_found)
        self.state_box.currentIndexChanged.connect(self.reload)
        self.scope_box.currentIndexChanged.connect(self.reload)
        self.reload()

    def show_scope(self, scope: str) -> None:
        self.search.clear()
        self.state_box.setCurrentIndex(0)
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope))
        self.reload()

    # ----------------------------------------------------------------- loading
    def reload(self) -> None:
        self._timer.stop()
        entries = self._entries()
        policy = self._session.center.paperwork.policy()
        self.model.set_rows([make_row(e, policy) for e in entries])
        red = sum(1 for e in entries if e.level in RED_LEVELS)
        yellow = sum(1 for e in entries if e.level is DueLevel.DUE_SOON)
        self.count.setText(_("共 {n} 件（超期 {red} 件，即将到期 {yellow} 件）").format(
            n=len(entries), red=red, yellow=yellow))

    def _entries(self) -> list[DueEntry]:
        queries = self._session.center.case_queries
        text = self.search.text().strip()
        state = self.state_box.currentData()
        scope = self.scope_box.currentData()
        if text:
            entries = [queries.due_level(c) for c in queries.find(text, limit=100)]
        elif scope in (DUE_SOON, OVERDUE, ATTENTION):
            entries = queries.due()
            if scope == ATTENTION:
                entries += [queries.due_level(c) for c in self._actionable(entries)]
        else:
            states = (CaseState(state),) if state else ()
            entries = [queries.due_level(c) for c in queries.recent(states, limit=300)]
        return [e for e in entries if _matches(e, state, scope)]

    def _actionable(self, already: list[DueEntry]) -> list[Case]:
        seen = {e.case.id for e in already}
        found = self._session.center.case_queries.recent(ACTIONABLE, limit=300)
        return [c for c in found if c.id not in seen]

    def open_found(self) -> None:
        """Enter in the search: one case found opens at once; several, the list takes the
        keyboard (arrows to choose, Enter to open)."""
        self.reload()
        count = self.model.rowCount()
        if count == 1:
            self.case_opened.emit(self.case_ids()[0])
        elif count > 1:
            self.table.setFocus()
            self.table.selectRow(0)

    def _open(self, index: QModelIndex) -> None:
        case_id = self.model.data(self.model.index(index.row(), 0), Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.case_opened.emit(int(case_id))

    def case_ids(self) -> list[int]:
        return [row.case_id for row in self.model.rows]


def _matches(entry: DueEntry, state: str, scope: str) -> bool:
    if state and entry.case.state.value != state:
        return False
    if scope == DUE_SOON:
        return entry.level is DueLevel.DUE_SOON
    if scope == OVERDUE:
        return entry.level in RED_LEVELS
    if scope == ATTENTION:
        return entry.level is not DueLevel.OK or entry.case.state in ACTIONABLE
    return True


def _swatch(text: str, background: str, colour: str) -> QLabel:
    label = look.label(text)
    label.setStyleSheet(f"background: {background}; color: {colour}; border-radius: 3px;"
                        " padding: 2px 6px;")
    return label
