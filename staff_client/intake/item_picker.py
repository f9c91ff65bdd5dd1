"""Finding the item (事项): type part of its name, an everyday name (低保, 残疾证, 新农合),
its code, or pinyin initials (最低生活保障 → zdsh) and pick it from the list, best match
first (:mod:`core.catalog_search`). When nothing matches, the picker says so, with what to
try and the nearest items.

Signals:
    item_chosen(str): the chosen item's code ("" when the choice was cleared).
    query_edited: the search text changed (the draft keeper saves).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from core.catalog import CatalogService
from core.catalog_model import CatalogItem
from core.catalog_search import nothing_found
from core.errors import NotFound
from core.i18n import _
from staff_client import look

CODE_ROLE = Qt.ItemDataRole.UserRole


def item_summary(item: CatalogItem) -> str:
    days = _("承诺{n}个工作日").format(n=item.promised_days) \
        if item.promised_days is not None else _("时限待补充")
    if item.on_the_spot:
        days = _("即办件")
    parts = [item.code, days]
    if item.fee:
        parts.append(item.fee if len(item.fee) <= 12 else item.fee[:12] + "…")
    return " · ".join(parts)


class ItemPicker(QGroupBox):
    item_chosen = Signal(str)
    query_edited = Signal()

    def __init__(self, catalog: CatalogService) -> None:
        super().__init__(_("① 办理事项"))
        self._catalog = catalog
        self._code = ""
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.setContentsMargins(6, 4, 6, 4)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        look.hint(self.search, _("如：低保、zdsh、05-MZ"))
        self.results = QListWidget()
        self.results.setMinimumHeight(84)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)  # the name first
        self.nothing = look.label(wrap=True)
        self.nothing.setStyleSheet("color: #8a0018;")
        self.nothing.hide()
        self.chosen_label = look.muted(_("还没有选择事项"))
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.nothing)
        layout.addWidget(self.chosen_label)
        self.search.textChanged.connect(self._filter)
        self.search.textChanged.connect(self.query_edited)
        self.search.returnPressed.connect(self._choose_first)
        self.results.itemClicked.connect(self._clicked)
        self.results.itemActivated.connect(self._clicked)
        self._filter()

    @property
    def code(self) -> str:
        return self._code

    def item(self) -> CatalogItem | None:
        if not self._code:
            return None
        try:
            return self._catalog.item(self._code)
        except NotFound:
            return None

    def _filter(self) -> None:
        self.results.clear()
        query = self.search.text()
        found = self._catalog.find(query)
        for match in found:
            item = match.item
            # Why 低保 found 最低生活保障申请; nothing when the name itself matched.
            said = _("（{alias}）").format(alias=match.alias) if match.alias else ""
            row = QListWidgetItem(f"{item.name}{said}    {item.code}")
            row.setData(CODE_ROLE, item.code)
            self.results.addItem(row)
            if item.code == self._code:
                row.setSelected(True)
        if found or not query.strip():
            self.nothing.hide()
        else:
            self.nothing.setText(nothing_found(query, self._catalog.suggestions(query)))
            self.nothing.show()

    def _clicked(self, row: QListWidgetItem) -> None:
        self.select(str(row.data(CODE_ROLE)))

    def _choose_first(self) -> None:
        if self.results.count():
            self._clicked(self.results.item(0))

    def select(self, code: str, *, announce: bool = True) -> None:
        self._code = code
        item = self.item()
        if item is None:
            self._code = ""
            self.chosen_label.setText(_("还没有选择事项"))
            self.chosen_label.setStyleSheet("")
        else:
            self.chosen_label.setText(_("已选：{name}\n{summary}").format(
                name=item.name, summary=item_summary(item)))
            self.chosen_label.setStyleSheet("color: #073763; font-weight: bold;")
        for index in range(self.results.count()):
            row = self.results.item(index)
            row.setSelected(row.data(CODE_ROLE) == self._code)
        if announce:
            self.item_chosen.emit(self._code)

    def load(self, query: str, code: str) -> None:
        self.search.blockSignals(True)
        self.search.setText(query)
        self.search.blockSignals(False)
        self._filter()
        self.select(code, announce=False)

    def set_compact(self, compact: bool) -> None:
        """A short list (five rows, then it scrolls) when the applicant sits below it."""
        rows = self.results.sizeHintForRow(0) if self.results.count() else 24
        frame = 2 * self.results.frameWidth()
        self.results.setMaximumHeight(max(rows, 24) * 5 + frame if compact else 16_777_215)

    def set_locked(self, locked: bool) -> None:
        self.search.setEnabled(not locked)
        self.results.setEnabled(not locked)
