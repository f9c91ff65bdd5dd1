"""Making and printing documents off the GUI thread, and the 待补打 (reprint) path.

The op makes the document in the books (archived PDF, numbered) and prints it on the
printer the settings choose for its paper (roll → ticket printer, A4 → document printer),
or into ``--print-to-dir``. A failed print keeps the document, flagged for reprint.

Signals:
    printed(int, str): document id and a sentence saying what was printed.
    failed(str): a sentence saying what did not print and what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from core.actor import Actor
from core.archive import StoredDocument
from core.center import Center
from core.errors import UserFacingError
from core.i18n import _
from core.settings import DOCUMENT_PRINTER, TICKET_PRINTER
from ui_shared.printing import PrinterChoice, print_document
from ui_shared.tasks import TaskRunner

log = logging.getLogger(__name__)

ROLL_PAPERS = ("roll_80", "roll_58")

Make = Callable[[Center], StoredDocument]


def choice_for(center: Center, document: StoredDocument, print_dir: Path | None) -> PrinterChoice:
    if print_dir is not None:
        number = document.number or str(document.id)
        safe = "".join(c for c in number if c.isalnum()) or str(document.id)
        return PrinterChoice(file=print_dir / f"{document.kind.value}-{document.id}-{safe}.pdf")
    key = TICKET_PRINTER if document.paper in ROLL_PAPERS else DOCUMENT_PRINTER
    return PrinterChoice(name=center.settings.get(key))


class DocumentPrinter(QObject):
    printed = Signal(int, str)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, actor: Actor, print_dir: Path | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor = actor
        self.print_dir = print_dir
        if print_dir is not None:
            print_dir.mkdir(parents=True, exist_ok=True)

    def make_and_print(self, make: Make, label: str) -> None:
        """Make a document in the background, then print it; report either way."""
        actor, folder = self._actor, self.print_dir

        def op(center: Center) -> tuple[int, str]:
            document = make(center)
            try:
                print_document(center, document.id, choice_for(center, document, folder), actor)
            except UserFacingError as exc:
                raise _PrintFailed(document.id, exc.message) from exc
            return document.id, document.number or ""

        self._runner.run(op, lambda result: self._done(result, label),
                         lambda error: self._error(error, label))

    def reprint(self, document_id: int, label: str) -> None:
        actor, folder = self._actor, self.print_dir

        def op(center: Center) -> tuple[int, str]:
            document = center.documents.get(document_id)
            print_document(center, document_id, choice_for(center, document, folder), actor)
            return document_id, document.number or ""

        self._runner.run(op, lambda result: self._done(result, label),
                         lambda error: self._error(error, label))

    def _done(self, result: tuple[int, str], label: str) -> None:
        document_id, number = result
        text = _("已打印{label}").format(label=label)
        if number:
            text += _("（{number}）").format(number=number)
        self.printed.emit(document_id, text)

    def _error(self, error: BaseException, label: str) -> None:
        if isinstance(error, _PrintFailed):
            self.failed.emit(_("{label}已生成并存档，但没有打印出来：{reason}。"
                               "已放进“待补打”，打印机好了点“补打”即可。").format(
                label=label, reason=error.reason))
        elif isinstance(error, UserFacingError):
            self.failed.emit(error.message)
        else:
            log.error("document task failed", exc_info=error)
            self.failed.emit(_("生成{label}时程序出错，已记录日志。请再试一次。").format(label=label))


class _PrintFailed(Exception):
    def __init__(self, document_id: int, reason: str) -> None:
        super().__init__(reason)
        self.document_id = document_id
        self.reason = reason
