"""From the center's books to printable content: tickets, notices, receipts, letters.

Personal data is masked here, by the privacy settings, before it reaches a renderer.
QR codes hold a tracking code or a ticket reference, never anything personal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.cases import Case
from core.catalog_model import LEVEL_LABELS, CatalogItem, Form, Material, Requirement
from core.center_info import CenterInfo
from core.clock import Clock, business_date
from core.db import Database
from core.db import staff as staff_store
from core.documents import content as doc
from core.documents import tracking_payload
from core.i18n import _
from core.masking import MaskPolicy, mask_id_number, mask_name
from core.queue import Ticket
from core.settings import (
    COMPLAINT_PHONE,
    ENQUIRY_PHONE,
    HOURS,
    MASK_IDS,
    MASK_NAMES,
    MASK_PHONES,
    PLACE,
    PUBLIC_STATUS_URL,
    Settings,
)
from core.text import without_research_notes

TICKET_QR_PREFIX = "BMT"


def ticket_payload(center_code: str, ticket: Ticket) -> str:
    """The ticket's QR: enough for the kiosk to find the visit to rate, nothing personal."""
    return f"{TICKET_QR_PREFIX}:{center_code}:{ticket.business_date:%Y%m%d}:{ticket.number}"


def parse_ticket_payload(text: str) -> tuple[str, dt.date, str] | None:
    parts = text.strip().split(":")
    if len(parts) != 4 or parts[0] != TICKET_QR_PREFIX:
        return None
    try:
        day = dt.datetime.strptime(parts[2], "%Y%m%d").date()
    except ValueError:
        return None
    return parts[1], day, parts[3]


_REQUIREMENT = {Requirement.REQUIRED: doc.Requirement.REQUIRED,
                Requirement.OPTIONAL: doc.Requirement.OPTIONAL,
                Requirement.DEFERRABLE: doc.Requirement.DEFERRABLE}
_FORM = {Form.ORIGINAL: doc.MaterialForm.ORIGINAL, Form.COPY: doc.MaterialForm.COPY,
         Form.ORIGINAL_AND_COPY: doc.MaterialForm.ORIGINAL_AND_COPY}


class Paperwork:
    def __init__(self, db: Database, clock: Clock, settings: Settings,
                 info: Callable[[], CenterInfo], timezone: str) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._info = info
        self._tz = timezone

    # ------------------------------------------------------------------ helpers
    def policy(self) -> MaskPolicy:
        s = self._settings
        return MaskPolicy(mask_name=s.get(MASK_NAMES), mask_id=s.get(MASK_IDS),
                          mask_phone=s.get(MASK_PHONES))

    def _staff(self, staff_id: int | None) -> tuple[str, str | None]:
        row = staff_store.by_id(self._db, staff_id) if staff_id else None
        if row is None:
            return _("（未指定）"), None
        return str(row["name"]), f"{int(row['id']):04d}"

    def _phone(self, item: CatalogItem | None) -> str | None:
        return (item.enquiry_phone if item else None) or self._settings.get(ENQUIRY_PHONE) or None

    def _place(self) -> str:
        return self._settings.get(PLACE) or self._info().name

    def tracking(self, case: Case) -> str:
        assert case.tracking_code is not None
        return tracking_payload(case.tracking_code, self._settings.get(PUBLIC_STATUS_URL) or None)

    # ------------------------------------------------------------------ documents
    def ticket(self, ticket: Ticket, group_name: str) -> doc.TicketDoc:
        info = self._info()
        return doc.TicketDoc(
            center_name=info.name, group_name=group_name, number=ticket.number,
            waiting_ahead=ticket.waiting_ahead, issued_at=ticket.issued_at,
            qr_payload=ticket_payload(info.code, ticket),
            priority_label=_("{kind}优先").format(kind=ticket.priority.label)
            if ticket.priority else None, tz=self._tz)

    def notice(self, case: Case, number: str) -> doc.NoticeDoc:
        """一次性告知单 for a case: every material, marked submitted or missing."""
        received = {m.name: m.received for m in case.materials}
        staff_name, staff_id = self._staff(case.first_contact_staff_id)
        return self._notice_doc(case.item, number, staff_name, staff_id or "—",
                                mask_name(case.applicant_name, self.policy()),
                                lambda m: self._status(m, received.get(m.name, False)))

    def guide(self, item: CatalogItem, number: str) -> doc.NoticeDoc:
        """The same list printed at the kiosk (办事指南) before anything is checked."""
        return self._notice_doc(item, number, _("自助服务终端"), "—", None,
                                lambda m: doc.MaterialStatus.UNCHECKED)

    @staticmethod
    def _status(material: Material, received: bool) -> doc.MaterialStatus:
        if received:
            return doc.MaterialStatus.SUBMITTED
        if material.requirement is Requirement.OPTIONAL:
            return doc.MaterialStatus.NOT_APPLICABLE
        return doc.MaterialStatus.MISSING

    def _notice_doc(self, item: CatalogItem, number: str, staff_name: str, staff_id: str,
                    applicant: str | None,
                    status: Callable[[Material], doc.MaterialStatus]) -> doc.NoticeDoc:
        materials = tuple(doc.NoticeMaterial(
            name=m.name, requirement=_REQUIREMENT[m.requirement],
            form=_FORM[m.form] if m.form else None, copies=m.copies,
            source=m.obtain_from or "", note=m.note or "", status=status(m))
            for m in item.materials)
        decided = LEVEL_LABELS.get(item.decided_at or "", item.decided_at or _("待补充"))
        return doc.NoticeDoc(
            notice_number=number, center_name=self._info().name, issued_at=self._clock.now(),
            staff_name=staff_name, staff_id=staff_id, item_name=item.name,
            # A resident reads this sheet: the catalog compiler's "（未核实）" stays out.
            item_code=item.code,
            legal_basis=without_research_notes(item.legal_basis or "") or _("待补充"),
            conditions=item.conditions, materials=materials, steps=item.steps,
            decided_by=_("{level}主管部门").format(level=decided),
            promised_days=item.promised_days, statutory_days=item.statutory_days,
            fee=without_research_notes(item.fee or "") or _("不收费"),
            place=item.place or self._place(),
            hours=item.hours or self._settings.get(HOURS), enquiry_phone=self._phone(item),
            complaint_phone=item.complaint_phone or self._settings.get(COMPLAINT_PHONE) or None,
            applicant_masked=applicant, tz=self._tz)

    def receipt(self, case: Case, number: str) -> doc.ReceiptDoc:
        assert case.case_number is not None
        assert case.accepted_at is not None
        policy = self.policy()
        staff_name, staff_id = self._staff(case.first_contact_staff_id)
        forms = {m.name: m for m in case.item.materials}
        received = tuple(doc.ReceivedMaterial(
            m.name, _FORM[f.form] if (f := forms.get(m.name)) and f.form else None,
            f.copies if f else None) for m in case.materials if m.received)
        return doc.ReceiptDoc(
            center_name=self._info().name, case_number=case.case_number,
            tracking_code=case.tracking_code or "", qr_payload=self.tracking(case),
            item_name=case.item.name,
            applicant_masked=mask_name(case.applicant_name, policy),
            applicant_id_masked=mask_id_number(case.applicant_id_number, policy),
            agent_name=case.agent_name, agent_relation=case.agent_relation,
            materials_received=received, accepted_at=case.accepted_at,
            deadline=case.deadline, deadline_provisional=case.deadline_provisional,
            promised_days=case.item.promised_days,
            result_delivery=_("办结后到本中心窗口凭本回执领取，也可由代办员送达"),
            staff_name=staff_name, staff_id=staff_id, enquiry_phone=self._phone(case.item),
            document_number=number, tz=self._tz)

    def rejection(self, case: Case, number: str) -> doc.RejectionDoc:
        policy = self.policy()
        today = business_date(self._clock.now(), self._tz)
        return doc.RejectionDoc(
            document_number=number, center_name=self._info().name,
            applicant_masked=mask_name(case.applicant_name, policy),
            applicant_id_masked=mask_id_number(case.applicant_id_number, policy),
            item_name=case.item.name, applied_on=case.created_at.date(),
            reason=case.reason or "", competent_office=case.competent_office, issued_on=today)

    def supplement(self, case: Case, number: str, materials: list[tuple[str, str]],
                   supply_by: dt.date, provisional: bool) -> doc.SupplementDoc:
        policy = self.policy()
        staff_name, _staff_id = self._staff(case.first_contact_staff_id)
        return doc.SupplementDoc(
            document_number=number, center_name=self._info().name,
            applicant_masked=mask_name(case.applicant_name, policy),
            applicant_id_masked=mask_id_number(case.applicant_id_number, policy),
            item_name=case.item.name, applied_on=(case.accept_date or case.created_at.date()),
            materials=tuple(doc.SupplementMaterial(n, s) for n, s in materials),
            supply_by=supply_by, supply_by_provisional=provisional, officer_name=staff_name,
            officer_phone=self._phone(case.item) or "—",
            issued_on=business_date(self._clock.now(), self._tz))

    def pickup(self, case: Case) -> doc.PickupDoc:
        assert case.case_number is not None
        return doc.PickupDoc(
            center_name=self._info().name, case_number=case.case_number,
            item_name=case.item.name, result_text=case.result or case.state.label,
            pickup_place=case.pickup_place or self._place(),
            pickup_hours=self._settings.get(HOURS), qr_payload=self.tracking(case),
            notified_at=self._clock.now(),
            applicant_masked=mask_name(case.applicant_name, self.policy()),
            bring=(_("受理回执"), _("申请人身份证（代领请带委托书和代领人身份证）")),
            phone=self._phone(case.item), tz=self._tz)
