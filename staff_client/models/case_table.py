"""The cases list as a table model: masked applicant, state, deadline and its colour.

Rows are computed once per search (``set_entries``) into plain strings, so painting a
long list never goes back to the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from core.cases import DueEntry, DueLevel, IdType
from core.i18n import _
from core.masking import MaskPolicy, mask_credit_code, mask_id_number, mask_name
from ui_shared import theme

HEADERS = (_("办件编号"), _("事项"), _("申请人"), _("证件号码"), _("状态"), _("办结期限"),
           _("剩余"))
RED_TEXT = QColor("#8a0018")


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    cells: tuple[str, ...]
    level: DueLevel


def remaining_text(entry: DueEntry) -> str:
    case = entry.case
    if entry.level is DueLevel.PREREVIEW_OVERDUE:
        return _("预审超期（收材料已满5个工作日）")
    if case.clock_stopped_on is not None:
        return _("补正中，暂停计时")
    left = entry.working_days_left
    if left is None:
        return ""
    if left < 0:
        return _("超期{n}个工作日").format(n=-left)
    if left == 0:
        return _("今天到期")
    return _("剩{n}个工作日").format(n=left)


def deadline_text(entry: DueEntry) -> str:
    case = entry.case
    if case.deadline is None:
        return ""
    text = case.deadline.isoformat()
    return text + _("（暂定）") if case.deadline_provisional else text


def make_row(entry: DueEntry, policy: MaskPolicy) -> CaseRow:
    case = entry.case
    masked_id = (mask_credit_code if case.applicant_id_type is IdType.CREDIT_CODE
                 else mask_id_number)(case.applicant_id_number, policy)
    cells = (case.case_number or _("（未受理）{day}").format(day=case.created_at.date()),
             case.item.name, mask_name(case.applicant_name, policy), masked_id,
             case.state.label, deadline_text(entry), remaining_text(entry))
    return CaseRow(case.id, cells, entry.level)


class CaseTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseRow] = []

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row.level)
        if role == Qt.ItemDataRole.ForegroundRole and row.level in (
                DueLevel.OVERDUE, DueLevel.PREREVIEW_OVERDUE):
            return QBrush(RED_TEXT)
        if role == Qt.ItemDataRole.UserRole:
            return row.case_id
        return None

    @staticmethod
    def _background(level: DueLevel) -> QBrush | None:
        if level is DueLevel.DUE_SOON:
            return QBrush(theme.WARN_BG)
        if level in (DueLevel.OVERDUE, DueLevel.PREREVIEW_OVERDUE):
            return QBrush(theme.DANGER_BG)
        return None
