"""Thermal-roll layouts (58/80 mm): the queue ticket, the pickup notice and the short receipt.

Read by elderly villagers at arm's length: the ticket number is as large as the paper
allows, and every line is short and centered or label-aligned.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from core.documents import blocks
from core.documents.content import PickupDoc, ReceiptDoc, TicketDoc
from core.documents.flowables import HeavyText, InverseMark
from core.documents.fonts import GlyphCheck, register_font
from core.documents.formatting import (
    date_text,
    datetime_text,
    short_time_text,
    working_days_text,
)
from core.documents.qr import QRFlowable
from core.documents.styles import Styles, styles
from core.documents.wording import (
    deadline_text,
    progress_methods,
    provisional_note_line,
    received_line,
    staff_text,
)
from core.i18n import _


def roll_styles(printable: float) -> Styles:
    # 10 pt on an 80 mm roll, 9 pt on 58 mm: the smallest a thermal head prints crisply
    # for a reader with weak eyes.
    return styles(10.0 if printable > 60 * mm else 9.0)


def _number_size(number: str, printable: float) -> float:
    """As large as fits the width, capped so a short number does not become a poster."""
    per_point: float = stringWidth(number, register_font(), 1)
    return min(printable * 0.94 / per_point, printable * 0.42)


def _one_line_style(text: str, st: Styles, printable: float) -> ParagraphStyle:
    """The large style if ``text`` fits one line in it, else the body style (wraps)."""
    fits = stringWidth(text, register_font(), st.big_center.fontSize) <= printable
    return st.big_center if fits else st.center


def _qr(payload: str, printable: float) -> QRFlowable:
    return QRFlowable(payload, min(printable * 0.55, 36 * mm))


def ticket(doc: TicketDoc, printable: float, g: GlyphCheck) -> list[Flowable]:
    st = roll_styles(printable)
    number_size = _number_size(g.text(doc.number), printable)
    story: list[Flowable] = [
        blocks.para(doc.center_name, _one_line_style(g.text(doc.center_name), st, printable), g),
        blocks.rule(0.8, before=3, after=5),
        HeavyText(g.text(doc.group_name), st.base * 1.7),
        HeavyText(g.text(doc.number), number_size, leading=number_size * 1.08),
    ]
    if doc.priority_label:
        story.append(InverseMark(g.text(doc.priority_label), st.base * 1.5, space_before=2))
    ahead = _("您前面还有 {count} 人等候").format(count=doc.waiting_ahead)
    story += [
        HeavyText(g.text(ahead), st.base * 1.3, space_before=st.base * 0.6),
        blocks.para(
            _("取号时间：{time}").format(time=short_time_text(doc.issued_at, doc.tz)),
            st.center,
            g,
        ),
    ]
    if doc.name_masked:
        story.append(blocks.para(_("取号人：{name}").format(name=doc.name_masked), st.center, g))
    story += [
        blocks.rule(0.5, before=4, after=3),
        # One clause a line: "过号了请找工作人员 / 当天可以恢复排队", never broken mid-word.
        HeavyText(g.text(doc.overdue_line).replace("，", "\n"), st.base * 1.4, space_after=4),
        _qr(doc.qr_payload, printable),
        blocks.para(_("扫码评价服务、查询办理进度"), st.small_center, g),
    ]
    return story


def pickup(doc: PickupDoc, printable: float, g: GlyphCheck) -> list[Flowable]:
    st = roll_styles(printable)
    rows = [(_("办件编号"), doc.case_number), (_("事项"), doc.item_name)]
    if doc.applicant_masked:
        rows.append((_("申请人"), doc.applicant_masked))
    rows += [
        (_("办理结果"), doc.result_text),
        (_("领取地点"), doc.pickup_place),
        (_("领取时间"), doc.pickup_hours),
    ]
    if doc.collect_by is not None:
        rows.append((_("领取期限"), _("{date}前").format(date=date_text(doc.collect_by))))
    if doc.phone:
        rows.append((_("联系电话"), doc.phone))
    story: list[Flowable] = [
        blocks.title(_("取件通知"), st.base * 1.8, g),
        blocks.para(doc.center_name, st.center, g),
        blocks.rule(0.8, before=3, after=4),
        blocks.fields(rows, st, g, printable),
    ]
    if doc.bring:
        story += [
            blocks.heading(_("领取时请携带"), st, g, paged=False),
            *blocks.numbered(doc.bring, st, g),
        ]
    story += [
        blocks.para(
            _("通知时间：{time}").format(time=datetime_text(doc.notified_at, doc.tz)), st.small, g
        ),
        blocks.rule(0.5, before=4, after=4),
        _qr(doc.qr_payload, printable),
        blocks.para(_("扫码查询办理进度"), st.small_center, g),
    ]
    return story


def receipt(doc: ReceiptDoc, printable: float, g: GlyphCheck) -> list[Flowable]:
    """The short form: what the resident needs at the counter and to follow the case."""
    st = roll_styles(printable)
    story: list[Flowable] = [
        blocks.title(_("受理回执"), st.base * 1.8, g),
        blocks.para(doc.center_name, st.center, g),
        blocks.rule(0.8, before=3, after=4),
        blocks.fields(receipt_rows(doc), st, g, printable),
    ]
    if doc.deadline_provisional:
        note = HeavyText(g.text(provisional_note_line()), st.base, align="LEFT", space_before=3)
        story.append(note)
    story += [
        blocks.heading(
            _("已收材料（共 {count} 项）").format(count=len(doc.materials_received)),
            st,
            g,
            paged=False,
        ),
        *blocks.numbered([received_line(m) for m in doc.materials_received], st, g),
        blocks.heading(_("查询进度"), st, g, paged=False),
        *blocks.numbered(progress_methods(doc.qr_payload, doc.enquiry_phone), st, g),
        blocks.heading(_("结果领取"), st, g, paged=False),
        blocks.para(doc.result_delivery, st.body, g),
        blocks.rule(0.5, before=4, after=4),
        _qr(doc.qr_payload, printable),
        blocks.para(_("查询码：{code}").format(code=doc.tracking_code), st.small_center, g),
    ]
    return story


def receipt_rows(doc: ReceiptDoc) -> list[tuple[str, str]]:
    """The receipt's label/value block, shared by the roll and A4 layouts."""
    rows = [
        (_("办件编号"), doc.case_number),
        (_("事项"), doc.item_name),
        (_("申请人"), doc.applicant_masked),
    ]
    if doc.applicant_id_masked:
        rows.append((_("证件号码"), doc.applicant_id_masked))
    if doc.agent_name:
        relation = doc.agent_relation or _("代办")
        agent = _("{name}（{relation}）").format(name=doc.agent_name, relation=relation)
        rows.append((_("代办人"), agent))
    rows += [
        (_("受理时间"), datetime_text(doc.accepted_at, doc.tz)),
        (_("承诺时限"), working_days_text(doc.promised_days, _("待补充"))),
        (_("办结期限"), deadline_text(doc.deadline, provisional=doc.deadline_provisional)),
    ]
    rows.append((_("受理人"), staff_text(doc.staff_name, doc.staff_id)))
    if doc.staff_phone:
        rows.append((_("联系电话"), doc.staff_phone))
    return rows
