"""Daily and monthly figures: made as PDF in the background, shown with QtPdf's viewer,
printed on the document printer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from core.center import Center
from core.i18n import _
from staff_client import look
from staff_client.message_bar import MessageBar
from staff_client.session import Session


class ReportsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.document_id: int | None = None
        self.label = ""
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        row = QHBoxLayout()
        today = session.center.tickets.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        daily = look.button(_("生成日报"))
        daily.clicked.connect(self.make_daily)
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(today.year)
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        monthly = look.button(_("生成月报"))
        monthly.clicked.connect(self.make_monthly)
        self.print_button = look.button(_("打印"), "primary")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_report)
        for widget in (self.day, daily, look.muted("  "), self.year, look.muted(_("年")),
                       self.month, look.muted(_("月")), monthly):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        self.pdf = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)

    def make_daily(self) -> None:
        date = self.day.date()
        day = dt.date(date.year(), date.month(), date.day())
        actor = self._session.actor
        self._make(lambda c: c.documents.daily_report(day, actor).id, _("日报"))

    def make_monthly(self) -> None:
        year, month, actor = self.year.value(), self.month.value(), self._session.actor
        self._make(lambda c: c.documents.monthly_report(year, month, actor).id, _("月报"))

    def _make(self, op: object, label: str) -> None:
        self.messages.show_message(_("正在生成{label}……").format(label=label), "info")
        self.label = label

        def run(center: Center) -> tuple[int, bytes]:
            document_id = op(center)  # type: ignore[operator]
            return document_id, center.documents.pdf(document_id)

        self._session.runner.run(run, self._show, lambda e: self.messages.error(str(e)))

    def _show(self, result: object) -> None:
        assert isinstance(result, tuple)
        document_id, pdf = result
        self.document_id = int(document_id)
        self.pdf.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        self.print_button.setEnabled(True)
        self.messages.ok(_("{label}已生成（已存档）").format(label=self.label))

    def print_report(self) -> None:
        if self.document_id is not None:
            self._session.printer.reprint(self.document_id, self.label)
