"""Backups: the copies kept in the data directory, "back up now" and restore, both in the
background. Restore checks the file and keeps a safety copy of the current books first
(core does that). The page says whether the backup key's recovery key was exported: without
it a new PC cannot open these encrypted backups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from core.center import Center
from core.clock import local
from core.errors import UserFacingError
from core.i18n import _
from staff_client import look
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from staff_client.supervisor.forms import ask, fill, selected_row, table


class BackupsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._paths: list[Path] = []
        self.file_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        row = QHBoxLayout()
        self.backup_button = look.button(_("立即备份"), "primary")
        self.restore_button = look.button(_("从所选备份恢复…"), "danger")
        self.file_button = look.button(_("从其他文件恢复…"))
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.choose_file)
        for button in (self.backup_button, self.restore_button, self.file_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(look.muted(_("恢复会先检查备份、自动备份当前数据，再用所选备份替换。"
                                      "恢复后请让所有窗口重新登录。")))
        self.key_state = look.muted()
        self.key_state.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.key_state)
        self.list = table([_("备份文件"), _("时间"), _("类型"), _("大小")])
        layout.addWidget(self.list, 1)
        self.refresh()

    def refresh(self) -> None:
        listing = list(reversed(self._session.center.backups.listing()))
        self._paths = [info.path for info in listing]
        rows = []
        for info in listing:
            stat = info.path.stat()
            when = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
            rows.append((info.path.name, when, info.label, f"{stat.st_size / 1024 / 1024:.1f} MB"))
        fill(self.list, rows)
        self.key_state.setText(self.key_text())

    def key_text(self) -> str:
        """Whether this center's backup key was exported for safekeeping (escrow)."""
        center = self._session.center
        try:
            info = center.info
            key = center.backup_keys().current(info.code) if info else None
        except UserFacingError as exc:
            return _("备份密钥：读不出来（{reason}）").format(reason=exc.message)
        if key is None:
            return _("备份密钥：还没有（第一次备份时生成，保存在本机的系统钥匙串里）")
        exported = center.backups.key_exported(key.key_id)
        if exported is None:
            return _("⚠ 备份密钥（编号 {key_id}）还没有导出：换电脑、重装系统或钥匙串丢失后，"
                     "这些加密备份将无法恢复。请管理员在本机运行 bianmin backup key export，"
                     "把恢复密钥抄下或存入离线U盘，妥善保管。").format(key_id=key.key_id)
        return _("备份密钥（编号 {key_id}）的恢复密钥已于 {when} 导出，请确认它仍妥善保管").format(
            key_id=key.key_id, when=local(exported).strftime("%Y-%m-%d %H:%M"))

    def _busy(self, text: str) -> None:
        for button in (self.backup_button, self.restore_button, self.file_button):
            button.setEnabled(False)
        self.messages.show_message(text, "info")

    def _idle(self) -> None:
        for button in (self.backup_button, self.restore_button, self.file_button):
            button.setEnabled(True)
        self.refresh()

    def back_up(self) -> None:
        self._busy(_("正在备份……"))
        actor = self._session.actor
        self._session.runner.run(lambda c: c.backups.create(actor), self._backed_up,
                                 self._failed)

    def _backed_up(self, path: object) -> None:
        self._idle()
        self.messages.ok(_("已备份到 {path}").format(path=path))

    def restore_selected(self) -> None:
        row = selected_row(self.list)
        if row is None:
            self.messages.warn(_("请先在表里选一份备份"))
            return
        self._confirm_restore(self._paths[row])

    def choose_file(self) -> None:
        self.file_dialog = QFileDialog(self, _("选择备份文件"), "",
                                       _("便民备份 (*.bmbak *.sqlite3)"))
        self.file_dialog.fileSelected.connect(lambda name: self._confirm_restore(Path(name)))
        self.file_dialog.open()

    def _confirm_restore(self, path: Path) -> None:
        self.question = ask(self, _("从备份恢复"), _(
            "用 {name} 替换现在的全部数据？当前数据会先自动备份。").format(name=path.name),
            lambda: self.restore(path))

    def restore(self, path: Path) -> None:
        self._busy(_("正在恢复……"))
        actor = self._session.actor

        def op(center: Center) -> Path:
            return center.backups.restore(path, actor)

        self._session.runner.run(op, self._restored, self._failed)

    def _restored(self, safety: object) -> None:
        self._idle()
        self.messages.ok(_("已恢复。恢复前的数据另存为 {name}。请所有窗口重新登录。").format(
            name=getattr(safety, "name", safety)))

    def _failed(self, error: BaseException) -> None:
        self._idle()
        self.messages.error(str(error))
