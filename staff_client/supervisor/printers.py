"""Printer choice (roll printer for tickets and pickup slips, A4 printer for notices and
receipts), paper widths, and a test page for each, printed in the background."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from core.center import Center
from core.documents import Paper, render, samples
from core.i18n import _
from core.settings import DOCUMENT_PRINTER, RECEIPT_PAPER, TICKET_PAPER, TICKET_PRINTER
from staff_client import look
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from ui_shared.printing import PrinterChoice, available_printers, print_pdf

PAPERS = {"roll_80": _("80毫米热敏纸卷"), "roll_58": _("58毫米热敏纸卷"), "a4": _("A4纸")}


class PrintersPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        box = look.card()
        form = QFormLayout(box)
        printers = available_printers()
        self.ticket_printer = self._printer_box(printers)
        self.document_printer = self._printer_box(printers)
        self.ticket_paper = self._paper_box(TICKET_PAPER.choices)
        self.receipt_paper = self._paper_box(RECEIPT_PAPER.choices)
        form.addRow(_("排队号、取件通知打印机"), self._with_test(self.ticket_printer, "roll"))
        form.addRow(_("纸卷宽度"), self.ticket_paper)
        form.addRow(_("告知单、回执等A4文书打印机"), self._with_test(self.document_printer, "a4"))
        form.addRow(_("受理回执用纸"), self.receipt_paper)
        save = look.button(_("保存打印设置"), "primary")
        save.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(save)
        save_row.addStretch(1)
        form.addRow("", save_row)
        layout.addWidget(box)
        if not printers:
            layout.addWidget(look.muted(_("这台电脑没有找到打印机：请先在系统里安装打印机。"
                                          "没有打印机时可以用 --print-to-dir 把文书存为PDF文件。")))
        if session.printer.print_dir is not None:
            layout.addWidget(look.muted(_("本次启动把文书打印到文件夹：{path}").format(
                path=session.printer.print_dir)))
        layout.addStretch(1)
        self.refresh()

    def _printer_box(self, printers: list[str]) -> QComboBox:
        box = QComboBox()
        box.addItem(_("系统默认打印机"), "")
        for name in printers:
            box.addItem(name, name)
        return box

    def _paper_box(self, choices: tuple[str, ...]) -> QComboBox:
        box = QComboBox()
        for value in choices:
            box.addItem(PAPERS.get(value, value), value)
        return box

    def _with_test(self, combo: QComboBox, kind: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(combo, 1)
        test = look.button(_("打印测试页"))
        test.clicked.connect(lambda: self.test_print(kind))
        layout.addWidget(test)
        return row

    def refresh(self) -> None:
        settings = self._session.center.settings
        for box, setting in ((self.ticket_printer, TICKET_PRINTER),
                             (self.document_printer, DOCUMENT_PRINTER),
                             (self.ticket_paper, TICKET_PAPER),
                             (self.receipt_paper, RECEIPT_PAPER)):
            value = settings.get(setting)
            index = box.findData(value)
            if index < 0:  # a printer that is not connected right now: keep showing it
                box.addItem(_("{name}（未连接）").format(name=value), value)
                index = box.count() - 1
            box.setCurrentIndex(index)

    def save(self) -> None:
        settings, actor = self._session.center.settings, self._session.actor

        def save() -> bool:
            for box, setting in ((self.ticket_printer, TICKET_PRINTER),
                                 (self.document_printer, DOCUMENT_PRINTER),
                                 (self.ticket_paper, TICKET_PAPER),
                                 (self.receipt_paper, RECEIPT_PAPER)):
                settings.set(setting.key, str(box.currentData()), actor)
            return True

        if self.messages.attempt(save):
            self.messages.ok(_("打印设置已保存"))

    def test_print(self, kind: str) -> None:
        """Print a sample (fictitious data) without adding anything to the archive."""
        roll = kind == "roll"
        name = str((self.ticket_printer if roll else self.document_printer).currentData())
        folder = self._session.printer.print_dir
        choice = PrinterChoice(file=folder / f"test-{kind}.pdf") if folder else \
            PrinterChoice(name=name)
        paper = Paper(str(self.ticket_paper.currentData())) if roll else Paper.A4

        def op(_center: Center) -> int:
            content = samples.ticket() if roll else samples.receipt()
            return print_pdf(render(content, paper=paper).pdf, choice, _("打印测试页"))

        self.messages.show_message(_("正在打印测试页……"), "info")
        self._session.runner.run(op, lambda _n: self.messages.ok(_("测试页已送到打印机")),
                                 lambda e: self.messages.error(str(e)))
