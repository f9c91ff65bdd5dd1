"""The intake form's three parts — ① the item, ② the applicant, ③ the materials — laid out
side by side on a wide page, or in two columns (the applicant under the item) on a narrow
one, so nothing is squeezed until its text is cut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget


class IntakeForm(QWidget):
    def __init__(self, picker: QWidget, applicant: QWidget, materials: QWidget) -> None:
        super().__init__()
        self.parts = (picker, applicant, materials)
        self.columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(6)
        self.set_columns(2)

    def set_columns(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        picker, applicant, materials = self.parts
        for part in self.parts:
            self._grid.removeWidget(part)
        for column in range(3):
            self._grid.setColumnStretch(column, 0)
        top = Qt.AlignmentFlag.AlignTop
        if columns == 3:
            self._grid.addWidget(picker, 0, 0)
            self._grid.addWidget(applicant, 0, 1, top)
            self._grid.addWidget(materials, 0, 2)
            self._grid.setRowStretch(0, 1)
            self._grid.setRowStretch(2, 0)
        else:
            # The applicant right under the item (the list does not stretch), so both are
            # in view without scrolling on a 1024×768 screen.
            self._grid.addWidget(picker, 0, 0, top)
            self._grid.addWidget(applicant, 1, 0, top)
            self._grid.addWidget(materials, 0, 1, 3, 1)
            self._grid.setRowStretch(0, 0)
            self._grid.setRowStretch(2, 1)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
        picker.set_compact(columns == 2)  # type: ignore[attr-defined]
