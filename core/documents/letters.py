"""A4 documents handed over at acceptance or refusal: the 受理回执, the 不予受理通知书
and the 补正材料通知书 — numbered, titled, addressed, dated and sealed like a county form.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from core.documents import blocks
from core.documents.content import ReceiptDoc, RejectionDoc, SupplementDoc
from core.documents.flowables import HeavyText
from core.documents.fonts import GlyphCheck
from core.documents.formatting import date_text, local_date_text
from core.documents.qr import QRFlowable
from core.documents.roll import receipt_rows
from core.documents.styles import Styles, styles
from core.documents.wording import (
    NOT_APPLICABLE_MARK,
    form_text,
    progress_methods,
    provisional_deadline_note,
    provisional_note_line,
    remedies_clause,
)
from core.i18n import _

BASE = 11.0
QR_SIZE = 36 * mm


def receipt(doc: ReceiptDoc, width: float, g: GlyphCheck) -> list[Flowable]:
    st = styles(BASE)
    story: list[Flowable] = []
    if doc.document_number:
        story.append(blocks.document_number(doc.document_number, st, g))
    story += [
        blocks.title(_("受理回执"), 22, g, space_after=2),
        blocks.para(doc.center_name, st.big_center, g),
        *blocks.double_rule(before=4),
        _receipt_top(doc, st, g, width),
    ]
    if doc.deadline_provisional:
        note = HeavyText(g.text(provisional_note_line()), st.base, align="LEFT")
        story += [blocks.gap(4), blocks.boxed([note], width)]
    rows = [
        [
            str(i),
            m.name,
            form_text(m.form) if m.form is not None else NOT_APPLICABLE_MARK,
            str(m.copies) if m.copies is not None else NOT_APPLICABLE_MARK,
        ]
        for i, m in enumerate(doc.materials_received, start=1)
    ]
    story += [
        blocks.heading(_("已收材料清单（共 {count} 项）").format(count=len(rows)), st, g),
        blocks.ruled_table(
            [_("序号"), _("材料名称"), _("形式"), _("份数")],
            rows,
            [14 * mm, width - 64 * mm, 32 * mm, 18 * mm],
            st,
            g,
            centered=(0, 2, 3),
        ),
        blocks.heading(_("查询办理进度"), st, g),
        *blocks.numbered(progress_methods(doc.qr_payload, doc.enquiry_phone), st, g),
        blocks.heading(_("结果领取方式"), st, g),
        blocks.para(doc.result_delivery, st.body, g),
        blocks.para(_("请妥善保管本回执，查询进度和领取结果时请出示。"), st.small, g),
        KeepTogether(
            [
                blocks.gap(st.base),
                blocks.signature_lines([_("申请人（代办人）签收：")], st, g, width),
                *blocks.closing(doc.center_name, local_date_text(doc.accepted_at, doc.tz), st, g),
            ]
        ),
    ]
    return story


def _receipt_top(doc: ReceiptDoc, st: Styles, g: GlyphCheck, width: float) -> Table:
    """The case's fields on the left, its tracking QR with the code on the right."""
    qr_column = QR_SIZE + 6 * mm
    grid = blocks.fields(receipt_rows(doc), st, g, width - qr_column, grid=True)
    qr_cell = [
        QRFlowable(doc.qr_payload, QR_SIZE),
        blocks.para(_("扫码查询办理进度"), st.small_center, g),
        blocks.para(_("查询码"), st.small_center, g),
        blocks.para(doc.tracking_code, st.small_center, g),
    ]
    table = Table([[grid, qr_cell]], colWidths=[width - qr_column, qr_column])
    table.setStyle(
        blocks.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
            ]
        )
    )
    return table


def _addressee(name: str, id_masked: str | None) -> str:
    if id_masked:
        return _("{name}（证件号码：{id}）：").format(name=name, id=id_masked)
    return _("{name}：").format(name=name)


def rejection(doc: RejectionDoc, width: float, g: GlyphCheck) -> list[Flowable]:
    st = styles(BASE * 1.1)
    body = _(
        "你于{date}提出的“{item}”申请，经审查，{reason}。根据{basis}的规定，决定不予受理。"
    ).format(
        date=date_text(doc.applied_on),
        item=doc.item_name,
        reason=doc.reason.rstrip("。"),
        basis=doc.legal_basis,
    )
    story: list[Flowable] = [
        blocks.document_number(doc.document_number, st, g),
        blocks.title(_("不予受理通知书"), 22, g, space_after=4),
        *blocks.double_rule(before=0, after=10),
        blocks.para(_addressee(doc.applicant_masked, doc.applicant_id_masked), st.body, g),
        blocks.para(body, st.indented, g),
    ]
    if doc.competent_office:
        redirect = _("请向{office}提出申请。").format(office=doc.competent_office)
        story.append(blocks.para(redirect, st.indented, g))
    story += [
        blocks.para(remedies_clause(doc.reconsideration_body, doc.court), st.indented, g),
        *blocks.closing(doc.center_name, date_text(doc.issued_on), st, g),
        *_served(st, g, width),
    ]
    return story


def supplement(doc: SupplementDoc, width: float, g: GlyphCheck) -> list[Flowable]:
    st = styles(BASE * 1.1)
    intro = _(
        "你于{date}提出的“{item}”申请，经审查，申请材料不齐全或者不符合法定形式。"
        "根据{basis}的规定，现一次性告知你需要补正的全部内容（共 {count} 项）如下："
    ).format(
        date=date_text(doc.applied_on),
        item=doc.item_name,
        basis=doc.legal_basis,
        count=len(doc.materials),
    )
    rows = [[str(i), m.name, m.standard] for i, m in enumerate(doc.materials, start=1)]
    deadline = date_text(doc.supply_by)
    if doc.supply_by_provisional:
        deadline += provisional_deadline_note()
    cols = [12 * mm, 60 * mm, width - 72 * mm]
    story: list[Flowable] = [
        blocks.document_number(doc.document_number, st, g),
        blocks.title(_("补正材料通知书"), 22, g, space_after=4),
        *blocks.double_rule(before=0, after=10),
        blocks.para(_addressee(doc.applicant_masked, doc.applicant_id_masked), st.body, g),
        blocks.para(intro, st.indented, g),
        blocks.ruled_table(
            [_("序号"), _("需补正的材料"), _("补正标准和要求")], rows, cols, st, g, centered=(0,)
        ),
        blocks.gap(st.base * 0.6),
        blocks.para(
            _("请于{deadline}前将上述材料补正后提交本中心。").format(deadline=deadline),
            st.indented,
            g,
        ),
        blocks.para(_("经办人：{name}").format(name=doc.officer_name), st.indented, g),
        blocks.para(_("联系电话：{phone}").format(phone=doc.officer_phone), st.indented, g),
        *blocks.closing(doc.center_name, date_text(doc.issued_on), st, g),
        *_served(st, g, width),
    ]
    return story


def _served(st: Styles, g: GlyphCheck, width: float) -> list[Flowable]:
    """Proof of service: the applicant signs for the notice; copies and where they go."""
    return [
        KeepTogether(
            [
                blocks.gap(st.base * 1.2),
                blocks.rule(0.5, before=0, after=2),
                blocks.signature_lines([_("申请人签收：")], st, g, width),
                blocks.gap(st.base * 0.6),
                blocks.para(_("本通知书一式两份，一份送达申请人，一份由本中心存档。"), st.small, g),
            ]
        )
    ]
