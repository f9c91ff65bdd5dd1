"""Every printed document, rendered once, numbered, and kept under the data directory.

A document is rendered from the books, written to ``documents/YYYY/MM/``, and recorded
with its hash and what it belongs to (a ticket, a case, a report period), so it can be
printed again exactly as it was. A failed print leaves the document flagged for reprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from core.actor import Actor
from core.audit import record
from core.cases import Case, CaseService, CaseState
from core.catalog import CatalogService
from core.clock import Clock, business_date, from_iso, local, to_iso
from core.db import Database, Row
from core.db import documents as store
from core.db import tickets as ticket_store
from core.documents import Paper, render
from core.documents.content import Document
from core.errors import Conflict, NotFound, StorageError
from core.i18n import _
from core.paperwork import Paperwork
from core.paths import DataDir
from core.private_files import write_private_atomically
from core.queue import TicketService
from core.reports import ReportService
from core.settings import (
    ABBREVIATION,
    RECEIPT_PAPER,
    SUPPLEMENT_DAYS,
    TICKET_PAPER,
    Settings,
)


class DocumentKind(StrEnum):
    TICKET = "ticket"
    PICKUP = "pickup"
    NOTICE = "notice"
    GUIDE = "guide"
    RECEIPT = "receipt"
    REJECTION = "rejection"
    SUPPLEMENT = "supplement"
    DAILY_REPORT = "daily_report"
    MONTHLY_REPORT = "monthly_report"

    @property
    def label(self) -> str:
        return {"ticket": _("排队号"), "pickup": _("取件通知"), "notice": _("一次性告知单"),
                "guide": _("办事指南"), "receipt": _("受理回执"), "rejection": _("不予受理通知书"),
                "supplement": _("补正材料通知书"), "daily_report": _("日报"),
                "monthly_report": _("月报")}[self.value]


# The "nature word" of a document number: <abbreviation><word>〔<year>〕<serial>号.
NUMBER_WORDS = {DocumentKind.NOTICE: "告", DocumentKind.GUIDE: "告",
                DocumentKind.RECEIPT: "受", DocumentKind.REJECTION: "不受",
                DocumentKind.SUPPLEMENT: "补"}
_SUFFIXES = ("便民服务中心", "便民服务站", "党群服务中心", "服务中心", "服务站")


@dataclass(frozen=True)
class StoredDocument:
    id: int
    kind: DocumentKind
    number: str | None
    path: Path
    paper: str
    pages: int
    sha256: str
    missing_chars: str
    print_failed: bool
    ticket_id: int | None
    case_id: int | None

    @property
    def label(self) -> str:
        return self.kind.label


class DocumentService:
    def __init__(self, db: Database, clock: Clock, data_dir: DataDir, settings: Settings,
                 paperwork: Paperwork, tickets: TicketService, cases: CaseService,
                 catalog: CatalogService, reports: ReportService,
                 center_name: Callable[[], str], timezone: str) -> None:
        self._db = db
        self._clock = clock
        self._dir = data_dir
        self._settings = settings
        self._paper = paperwork
        self._tickets = tickets
        self._cases = cases
        self._catalog = catalog
        self._reports = reports
        self._center_name = center_name
        self._tz = timezone

    # ------------------------------------------------------------------ numbering
    def abbreviation(self) -> str:
        chosen = self._settings.get(ABBREVIATION).strip()
        if chosen:
            return chosen
        name = self._center_name()
        for suffix in _SUFFIXES:
            name = name.removesuffix(suffix)
        # "良渚街道新港村" → "新港村": the part after the township, at most four characters.
        village = re.split(r"街道|镇|乡", name)[-1] or name
        return village[-4:] + "便民"

    def _number(self, kind: DocumentKind) -> str | None:
        word = NUMBER_WORDS.get(kind)
        if word is None:
            return None
        year = business_date(self._clock.now(), self._tz).year
        serial = store.next_serial(self._db, word, year)
        return f"{self.abbreviation()}{word}〔{year}〕{serial:04d}号"

    # ------------------------------------------------------------------ storing
    def _store(self, kind: DocumentKind, content: Document, paper: Paper, actor: Actor, *,
               number: str | None, ticket_id: int | None = None, case_id: int | None = None,
               item_code: str | None = None, period: str | None = None) -> StoredDocument:
        result = render(content, paper=paper)
        now = self._clock.now()
        folder = self._dir.documents / f"{local(now, self._tz):%Y/%m}"
        name = f"{local(now, self._tz):%Y%m%d-%H%M%S}-{kind.value}-{uuid.uuid4().hex[:8]}.pdf"
        write_private_atomically(folder / name, result.pdf)  # 0600 in 0700 folders
        document_id = store.insert(self._db, {
            "kind": kind.value, "number": number, "ticket_id": ticket_id, "case_id": case_id,
            "item_code": item_code, "period": period, "paper": paper.value,
            "path": str((folder / name).relative_to(self._dir.root)),
            "sha256": hashlib.sha256(result.pdf).hexdigest(), "pages": result.pages,
            "missing_chars": "".join(result.missing_chars), "created_at": to_iso(now)})
        record(self._db, self._clock, actor, "document.rendered", "document", document_id,
               {"kind": kind.value, "number": number, "ticket_id": ticket_id,
                "case_id": case_id, "missing_chars": len(result.missing_chars)})
        return self.get(document_id)

    def _make(self, kind: DocumentKind, build: Callable[[str], Document], paper: Paper,
              actor: Actor, *, ticket_id: int | None = None, case_id: int | None = None,
              item_code: str | None = None, period: str | None = None) -> StoredDocument:
        with self._db.write():
            number = self._number(kind)
            content = build(number or "")
            return self._store(kind, content, paper, actor, number=number, ticket_id=ticket_id,
                               case_id=case_id, item_code=item_code, period=period)

    # ------------------------------------------------------------------ documents
    def ticket(self, ticket_id: int, actor: Actor) -> StoredDocument:
        ticket = self._tickets.get(ticket_id)
        group = ticket_store.group_by_id(self._db, ticket.group_id)
        name = str(group["name"]) if group else ""
        paper = Paper(self._settings.get(TICKET_PAPER))
        return self._make(DocumentKind.TICKET, lambda _n: self._paper.ticket(ticket, name),
                          paper, actor, ticket_id=ticket_id)

    def notice(self, case_id: int, actor: Actor) -> StoredDocument:
        case = self._cases.get(case_id)
        return self._make(DocumentKind.NOTICE, lambda n: self._paper.notice(case, n),
                          Paper.A4, actor, case_id=case_id, item_code=case.item.code)

    def guide(self, item_code: str, actor: Actor) -> StoredDocument:
        item = self._catalog.item(item_code)
        return self._make(DocumentKind.GUIDE, lambda n: self._paper.guide(item, n), Paper.A4,
                          actor, item_code=item.code)

    def receipt(self, case_id: int, actor: Actor, paper: Paper | None = None) -> StoredDocument:
        case = self._require(case_id, lambda c: c.case_number is not None,
                             _("办件尚未受理，没有受理回执"))
        chosen = paper or Paper(self._settings.get(RECEIPT_PAPER))
        return self._make(DocumentKind.RECEIPT, lambda n: self._paper.receipt(case, n), chosen,
                          actor, case_id=case_id, item_code=case.item.code)

    def rejection(self, case_id: int, actor: Actor) -> StoredDocument:
        case = self._require(case_id, lambda c: c.state is CaseState.NOT_ACCEPTED,
                             _("办件不是“不予受理”，不能出具不予受理通知书"))
        return self._make(DocumentKind.REJECTION, lambda n: self._paper.rejection(case, n),
                          Paper.A4, actor, case_id=case_id, item_code=case.item.code)

    def supplement(self, case_id: int, actor: Actor,
                   materials: list[tuple[str, str]] | None = None) -> StoredDocument:
        """补正材料通知书 for what the county asked, with a date to supply it by."""
        case = self._require(case_id, lambda c: c.state is CaseState.SUPPLEMENT_REQUESTED,
                             _("县级没有要求补正这个办件"))
        wanted = materials or self._requested_materials(case)
        due = self._cases.calendar_deadline(self._settings.get(SUPPLEMENT_DAYS))
        return self._make(DocumentKind.SUPPLEMENT,
                          lambda n: self._paper.supplement(case, n, wanted, due.date,
                                                           due.provisional),
                          Paper.A4, actor, case_id=case_id, item_code=case.item.code)

    def _requested_materials(self, case: Case) -> list[tuple[str, str]]:
        for event in reversed(self._cases.timeline(case.id)):
            if event["action"] == "hub_supplement":
                reason = str(event["detail"].get("reason") or _("按县级审核意见补正"))
                return [(str(m), reason) for m in event["detail"].get("materials", [])]
        return []

    def pickup(self, case_id: int, actor: Actor) -> StoredDocument:
        case = self._require(case_id, lambda c: c.state in (
            CaseState.READY_FOR_PICKUP, CaseState.DENIED, CaseState.COMPLETED)
            and c.case_number is not None, _("结果还没到，不能打印取件通知"))
        paper = Paper(self._settings.get(TICKET_PAPER))
        return self._make(DocumentKind.PICKUP, lambda _n: self._paper.pickup(case), paper,
                          actor, case_id=case_id, item_code=case.item.code)

    def daily_report(self, day: dt.date, actor: Actor) -> StoredDocument:
        report = self._reports.daily(day)
        return self._make(DocumentKind.DAILY_REPORT, lambda _n: report, Paper.A4, actor,
                          period=day.isoformat())

    def monthly_report(self, year: int, month: int, actor: Actor) -> StoredDocument:
        report = self._reports.monthly(year, month)
        return self._make(DocumentKind.MONTHLY_REPORT, lambda _n: report, Paper.A4, actor,
                          period=f"{year:04d}-{month:02d}")

    def _require(self, case_id: int, ok: Callable[[Case], bool], message: str) -> Case:
        case = self._cases.get(case_id)
        if not ok(case):
            raise Conflict(message)
        return case

    # ------------------------------------------------------------------ archive
    def get(self, document_id: int) -> StoredDocument:
        row = store.get(self._db, document_id)
        if row is None:
            raise NotFound(_("没有编号为 {id} 的文书").format(id=document_id))
        return self._from_row(row)

    def _from_row(self, row: Row) -> StoredDocument:
        return StoredDocument(
            int(row["id"]), DocumentKind(row["kind"]), row["number"],
            self._dir.root / row["path"], row["paper"], int(row["pages"]), row["sha256"],
            row["missing_chars"], bool(row["print_failed"]), row["ticket_id"], row["case_id"])

    def for_case(self, case_id: int) -> list[StoredDocument]:
        return [self._from_row(r) for r in store.for_case(self._db, case_id)]

    def for_ticket(self, ticket_id: int) -> list[StoredDocument]:
        return [self._from_row(r) for r in store.for_ticket(self._db, ticket_id)]

    def pdf(self, document_id: int) -> bytes:
        """The archived bytes, checked against the hash recorded when it was made."""
        stored = self.get(document_id)
        try:
            data = stored.path.read_bytes()
        except OSError as exc:
            raise StorageError(_("存档文件丢失：{path}").format(path=stored.path)) from exc
        if hashlib.sha256(data).hexdigest() != stored.sha256:
            raise StorageError(_("存档文件已被改动：{path}").format(path=stored.path))
        return data

    def mark_printed(self, document_id: int, actor: Actor) -> None:
        with self._db.write():
            stored = self.get(document_id)
            store.set_printed(self._db, document_id, to_iso(self._clock.now()))
            record(self._db, self._clock, actor, "document.printed", "document", document_id)
            if stored.ticket_id is not None:
                self._tickets.mark_printed(stored.ticket_id, actor)

    def mark_print_failed(self, document_id: int, error: str, actor: Actor) -> None:
        with self._db.write():
            stored = self.get(document_id)
            store.set_print_failed(self._db, document_id, error[:300])
            record(self._db, self._clock, actor, "document.print_failed", "document",
                   document_id, {"error": error[:200]})
            if stored.ticket_id is not None:
                self._tickets.mark_print_failed(stored.ticket_id, actor, error)

    def needing_reprint(self) -> list[StoredDocument]:
        return [self._from_row(r) for r in store.needing_reprint(self._db)]

    def papers_for_case(self, case_id: int) -> list[CasePaper]:
        """The case's documents with when each was made and printed (staff client timeline)."""
        return [CasePaper(int(r["id"]), DocumentKind(r["kind"]), r["number"],
                          from_iso(r["created_at"]),
                          from_iso(r["printed_at"]) if r["printed_at"] else None,
                          bool(r["print_failed"]), r["print_error"])
                for r in store.for_case_with_times(self._db, case_id)]


@dataclass(frozen=True)
class CasePaper:
    """A document of a case as its timeline shows it."""

    id: int
    kind: DocumentKind
    number: str | None
    created_at: dt.datetime
    printed_at: dt.datetime | None
    print_failed: bool
    print_error: str | None

