"""Printing the archived PDFs through Qt: QtPdf rasterises each page, QPrinter prints it.

The PDF is the one source of truth; the page size comes from the document (a 80 mm roll
or A4), the resolution from the printer (capped, so an A4 page never needs gigabytes).
A missing or failing printer raises :class:`PrintError` with a message a clerk can act on;
callers then flag the document for reprint instead of losing the ticket or the case.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from core.actor import Actor
from core.center import Center
from core.errors import UserFacingError
from core.i18n import _

log = logging.getLogger(__name__)

MAX_DPI = 600


class PrintError(UserFacingError):
    """The document could not be printed; it is kept and flagged for reprint."""


@dataclass(frozen=True)
class PrinterChoice:
    """Where to print: a system printer by name ('' = the default), or a PDF file (tests,
    "print to file" on machines without a printer)."""

    name: str = ""
    file: Path | None = None


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str | None:
    info = QPrinterInfo.defaultPrinter()
    return None if info.isNull() else info.printerName()


def _printer(choice: PrinterChoice) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if choice.file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(choice.file))
        printer.setResolution(300)
        return printer
    names = available_printers()
    if choice.name:
        if choice.name not in names:
            raise PrintError(_("找不到打印机“{name}”：请检查打印机是否开机、连好线，"
                               "或在设置里重新选择打印机").format(name=choice.name))
        printer.setPrinterName(choice.name)
    elif default_printer() is None:
        raise PrintError(_("这台电脑没有可用的打印机：请连接打印机，或在设置里选择打印机"))
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    if printer.resolution() > MAX_DPI:
        printer.setResolution(MAX_DPI)
    return printer


def _load(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError(_("文书文件无法读取，请重新生成后再打印"))
    return document, buffer


def print_pdf(pdf: bytes, choice: PrinterChoice, title: str = "") -> int:
    """Print every page of ``pdf``; return the number of pages printed.

    Safe to call on a worker thread: it paints on a QPrinter and QImages only.
    """
    document, _buffer = _load(pdf)
    printer = _printer(choice)
    printer.setDocName(title or "bianmin")
    printer.setFullPage(True)
    painter = QPainter()
    pages = document.pageCount()
    for index in range(pages):
        size = document.pagePointSize(index)
        layout = QPageLayout(QPageSize(QSizeF(size.width(), size.height()),
                                       QPageSize.Unit.Point),
                             QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        printer.setPageLayout(layout)
        if index == 0:
            if not painter.begin(printer):
                raise PrintError(_("打印机没有响应：请检查是否缺纸、卡纸或未开机"))
        elif not printer.newPage():
            painter.end()
            raise PrintError(_("打印到第{n}页时出错，请检查打印机").format(n=index + 1))
        target = painter.viewport()
        image = document.render(index, QSize(target.width(), target.height()))
        painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
    if not painter.end():
        raise PrintError(_("打印机报告出错，请检查打印机"))
    log.info("printed %d page(s) of %s", pages, title or "document")
    return pages


def print_document(center: Center, document_id: int, choice: PrinterChoice,
                   actor: Actor) -> None:
    """Print an archived document; record success, or flag it for reprint and re-raise."""
    stored = center.documents.get(document_id)
    try:
        print_pdf(center.documents.pdf(document_id), choice, stored.kind.label)
    except UserFacingError as exc:
        center.documents.mark_print_failed(document_id, exc.message, actor)
        raise
    center.documents.mark_printed(document_id, actor)
