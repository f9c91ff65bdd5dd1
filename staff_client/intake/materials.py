"""The item's materials as a checklist: tick what the resident handed over.

Each line shows what the catalog asks for (原件/复印件, how many copies) and whether the
material is required, may be supplied later (容缺) or depends on the case (视情况); the
summary says what still blocks acceptance.

Signals:
    toggled: a tick changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from core.catalog_model import CatalogItem, Material, Requirement
from core.i18n import _
from staff_client import look

_REQUIREMENT_STYLE = {
    Requirement.REQUIRED: "color: #b00020; font-weight: bold;",
    Requirement.DEFERRABLE: "color: #5c4400;",
    Requirement.OPTIONAL: "color: #4a4a4a;",
}


def how_to_bring(material: Material) -> str:
    parts = []
    if material.form is not None:
        parts.append(material.form.label)
    if material.copies:
        parts.append(_("{n}份").format(n=material.copies))
    text = " · ".join(parts)
    if material.note:
        text = f"{text}（{material.note}）" if text else material.note
    return text


class MaterialName(QLabel):
    """A material's name beside its check box, wrapped on a narrow screen (a check box's
    own text never wraps); a click on it ticks the box, as on the box's own text."""

    def __init__(self, box: QCheckBox, text: str) -> None:
        super().__init__(text)
        self.box = box
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setMinimumWidth(96)  # wraps rather than widening the page
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus()
        super().mouseReleaseEvent(event)


class MaterialsChecklist(QGroupBox):
    toggled = Signal()

    def __init__(self) -> None:
        super().__init__(_("③ 材料（收一项勾一项）"))
        outer = QVBoxLayout(self)
        self.summary = look.label(wrap=True)
        outer.addWidget(self.summary)
        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(2)
        self._grid.setHorizontalSpacing(6)
        self._grid.setColumnStretch(1, 1)
        outer.addWidget(self._rows)
        outer.addStretch(1)
        self.boxes: dict[str, QCheckBox] = {}
        self._item: CatalogItem | None = None
        self._draw_summary()

    def set_item(self, item: CatalogItem | None, received: list[str] | None = None) -> None:
        while self._grid.count():
            taken = self._grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop; hide it now
                widget.setParent(None)
                widget.deleteLater()
        self.boxes = {}
        self._item = item
        for row, material in enumerate(item.materials if item else ()):
            box = QCheckBox()
            box.setAccessibleName(material.name)
            box.setChecked(material.name in (received or []))
            box.toggled.connect(self._changed)
            name = MaterialName(box, material.name)
            how = look.muted(how_to_bring(material))
            how.setContentsMargins(0, 0, 0, 4)
            kind = look.label(material.requirement.label)
            kind.setStyleSheet(_REQUIREMENT_STYLE[material.requirement])
            top = Qt.AlignmentFlag.AlignTop
            self._grid.addWidget(box, row * 2, 0, top)
            self._grid.addWidget(name, row * 2, 1, top)
            self._grid.addWidget(kind, row * 2, 2, top)
            self._grid.addWidget(how, row * 2 + 1, 1, 1, 2)
            for widget in (box, name, kind, how):
                widget.show()  # at once: the layout would show them only on the next loop
            self.boxes[material.name] = box
        self._draw_summary()

    def _changed(self) -> None:
        self._draw_summary()
        self.toggled.emit()

    def received(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def missing(self) -> list[Material]:
        if self._item is None:
            return []
        got = set(self.received())
        return [m for m in self._item.materials if m.name not in got]

    def blocking(self) -> list[Material]:
        return [m for m in self.missing() if m.requirement is Requirement.REQUIRED]

    def _draw_summary(self) -> None:
        if self._item is None:
            self.summary.setText(_("选好事项后，这里列出要收的材料"))
            self.summary.setStyleSheet("color: #4a4a4a;")
            return
        total, got = len(self.boxes), len(self.received())
        blocking = self.blocking()
        if blocking:
            self.summary.setText(_("已收 {got}/{total} 项 · 还缺必需材料 {n} 项").format(
                got=got, total=total, n=len(blocking)))
            self.summary.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.summary.setText(_("已收 {got}/{total} 项 · 必需材料已齐，可以受理").format(
                got=got, total=total))
            self.summary.setStyleSheet("color: #1b5e20; font-weight: bold;")

    def set_locked(self, locked: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not locked)
