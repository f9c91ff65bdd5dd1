"""The service catalog (事项目录): the active version's items and their materials, the
versions imported so far, and importing a new file (in the background)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.center import Center
from core.i18n import _
from staff_client import look
from staff_client.intake.materials import how_to_bring
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from staff_client.supervisor.forms import fill, selected_row, table

SOURCES = {"import": _("本地导入"), "hub": _("上级发布"), "seed": _("内置示例")}


def promised_text(days: int | None) -> str:
    if days is None:
        return _("待补充")
    return _("即办件") if days == 0 else _("{n}个工作日").format(n=days)


class CatalogPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.file_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        top = QHBoxLayout()
        self.version = look.heading("", look.BODY_PT + 1)
        top.addWidget(self.version, 1)
        self.import_button = look.button(_("导入目录文件…"))
        self.import_button.clicked.connect(self.choose_file)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        split = QSplitter()
        self.items = table([_("编码"), _("事项名称"), _("类别"), _("承诺时限"), _("材料")])
        header = self.items.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.items.itemSelectionChanged.connect(self._show_item)
        self.detail_title = look.heading("", look.BODY_PT + 1, wrap=True)
        self.detail = look.label(wrap=True)  # the county's texts: shown as text, never markup
        self.detail.setMinimumWidth(300)
        detail_box = look.card()
        inner = QVBoxLayout(detail_box)
        inner.addWidget(self.detail_title)
        inner.addWidget(self.detail)
        inner.addStretch(1)
        split.addWidget(self.items)
        split.addWidget(detail_box)
        split.setSizes([620, 380])
        layout.addWidget(split, 1)
        self.versions = look.muted()
        layout.addWidget(self.versions)
        self.refresh()

    def refresh(self) -> None:
        catalog = self._session.center.catalog
        active = catalog.active()
        self.version.setText(_("正在使用：{version}（{n}个事项，{source}）").format(
            version=active.version, n=active.item_count,
            source=SOURCES.get(active.source, active.source))
            if active else _("还没有导入事项目录"))
        self._items = sorted(catalog.items(), key=lambda i: i.code)
        fill(self.items, [(i.code, i.name, i.category,
                           promised_text(i.promised_days),
                           str(len(i.materials))) for i in self._items])
        self.versions.setText(_("已导入的版本：") + "；".join(
            f"{v.version}（{v.imported_at[:10]}）" for v in catalog.versions()[-5:]))

    def _show_item(self) -> None:
        row = selected_row(self.items)
        if row is None:
            return
        item = self._items[row]
        lines = [item.code]
        if item.aliases:
            lines.append(_("常用叫法：{names}").format(names="、".join(item.aliases)))
        if item.legal_basis:
            lines.append(_("依据：{basis}").format(basis=item.legal_basis))
        lines.append(_("材料："))
        lines += [f"· {m.name}（{m.requirement.label}）{how_to_bring(m)}" for m in item.materials]
        self.detail_title.setText(item.name)
        self.detail.setText("\n".join(lines))

    def choose_file(self) -> None:
        self.file_dialog = QFileDialog(self, _("选择事项目录文件"), "",
                                       _("目录文件 (*.json)"))
        self.file_dialog.fileSelected.connect(self.import_file)
        self.file_dialog.open()

    def import_file(self, name: str) -> None:
        if not name:
            return
        actor = self._session.actor
        self.import_button.setEnabled(False)
        self.messages.show_message(_("正在导入……"), "info")

        def op(center: Center) -> str:
            version = center.catalog.import_file(Path(name), actor)
            return version.version

        self._session.runner.run(op, self._imported, self._failed)

    def _imported(self, version: object) -> None:
        self.import_button.setEnabled(True)
        self.messages.ok(_("已导入并启用目录版本 {v}").format(v=version))
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.messages.error(str(error))
