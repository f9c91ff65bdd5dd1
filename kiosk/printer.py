"""Where and how the kiosk prints: a ticket after it is shown, a guide on request — both
on a worker thread (rendering and printing are slow), never losing the ticket.

The destination is ``--print-to-dir`` (a PDF per printout, for a machine without a
printer), else ``--printer``, else the printing.* settings ('' = the system default).

Signals:
    finished(str, int, bool, str): kind ("ticket"/"guide"), ticket id or 0, ok, message.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from core.actor import Actor
from core.center import Center
from core.errors import UserFacingError
from core.i18n import _
from core.settings import DOCUMENT_PRINTER, TICKET_PRINTER
from ui_shared.tasks import TaskRunner

if TYPE_CHECKING:
    from ui_shared.printing import PrinterChoice

log = logging.getLogger(__name__)


class KioskPrinter(QObject):
    finished = Signal(str, int, bool, str)

    def __init__(self, runner: TaskRunner, *, printer: str | None = None,
                 directory: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._printer = printer
        self._directory = directory
        self._serial = 0

    def _choice(self, center: Center, kind: str) -> PrinterChoice:
        # Imported late: QtPdf and QtPrintSupport are not needed for the first frame.
        from ui_shared.printing import PrinterChoice

        if self._directory is not None:
            self._directory.mkdir(parents=True, exist_ok=True)
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._serial += 1
            return PrinterChoice(file=self._directory / f"{stamp}-{self._serial:03d}-{kind}.pdf")
        if self._printer is not None:
            return PrinterChoice(name=self._printer)
        setting = TICKET_PRINTER if kind == "ticket" else DOCUMENT_PRINTER
        return PrinterChoice(name=center.settings.get(setting))

    def print_ticket(self, center: Center, ticket_id: int) -> None:
        """Render and print the ticket; on any failure the ticket is flagged for reprint."""
        choice = self._choice(center, "ticket")

        def op(worker: Center) -> None:
            from ui_shared.printing import print_document

            stored = worker.documents.ticket(ticket_id, Actor.kiosk())
            print_document(worker, stored.id, choice, Actor.kiosk())

        def failed(error: BaseException) -> None:
            message = _message(error)
            if not center.tickets.get(ticket_id).print_failed:
                # print_document flags its own failures; anything before it (rendering, a
                # full disk) is flagged here, so the staff client lists the reprint.
                center.tickets.mark_print_failed(ticket_id, Actor.kiosk(), message)
            self.finished.emit("ticket", ticket_id, False, message)

        self._runner.run(op, lambda _r: self.finished.emit("ticket", ticket_id, True, ""),
                         failed)

    def print_guide(self, center: Center, item_code: str) -> None:
        choice = self._choice(center, "guide")

        def op(worker: Center) -> None:
            from ui_shared.printing import print_document

            stored = worker.documents.guide(item_code, Actor.kiosk())
            print_document(worker, stored.id, choice, Actor.kiosk())

        self._runner.run(op, lambda _r: self.finished.emit("guide", 0, True, ""),
                         lambda e: self.finished.emit("guide", 0, False, _message(e)))


def _message(error: BaseException) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    log.error("printing failed", exc_info=error)
    return _("打印出了问题")
