"""The A4 一次性告知单: an item's conditions, materials (marked ✔/✘), procedure, limits,
fee, place and contacts on one form, with the one-time promise and signature lines.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from core.documents import blocks
from core.documents.content import MaterialStatus, NoticeDoc, NoticeMaterial
from core.documents.flowables import HeavyText
from core.documents.fonts import GlyphCheck
from core.documents.formatting import datetime_text, working_days_text
from core.documents.styles import Styles, styles
from core.documents.wording import (
    MISSING_MARK,
    NOT_APPLICABLE_MARK,
    SUBMITTED_MARK,
    form_text,
    requirement_text,
    staff_text,
    status_text,
)
from core.i18n import _

BASE = 10.0  # about 五号 (10.5 pt), the usual size of a printed government form
# 序号 名称 要求 形式 份数 获取途径 备注 提交情况 — 170 mm, the A4 text width.
MATERIAL_COLUMNS = (9, 46, 13, 23, 10, 26, 26, 17)
GRID_COLUMNS = (26, 59, 26, 59)


def notice(doc: NoticeDoc, width: float, g: GlyphCheck) -> list[Flowable]:
    st = styles(BASE)
    story: list[Flowable] = [
        blocks.document_number(doc.notice_number, st, g),
        blocks.title(_("一次性告知单"), 21, g, space_after=1),
        blocks.para(doc.center_name, st.big_center, g),
        *blocks.double_rule(before=4),
        blocks.form_grid(_header_rows(doc), st, g, [w * mm for w in GRID_COLUMNS]),
        blocks.heading(_("一、受理条件"), st, g),
        *blocks.numbered(doc.conditions or (_("无特别条件"),), st, g),
        blocks.heading(_("二、申请材料"), st, g),
        _materials_table(doc.materials, st, g),
        blocks.gap(2),
        blocks.para(_legend(), st.small, g),
        *_missing_summary(doc.materials, st, g, width),
        blocks.heading(_("三、办理流程"), st, g),
        *blocks.numbered(doc.steps or (_("待补充"),), st, g),
        blocks.para(_("审批（决定）机关：{who}").format(who=doc.decided_by), st.body, g),
        blocks.heading(_("四、时限、收费、地点和联系方式"), st, g),
        blocks.form_grid(_handling_rows(doc), st, g, [w * mm for w in GRID_COLUMNS]),
        blocks.para(
            _(
                "时限自受理次日起按工作日计算，不含法定节假日；"
                "听证、检验检测、专家评审等时间不计入，需要时另行书面告知。"
            ),
            st.small,
            g,
        ),
        blocks.gap(st.base * 0.5),
        KeepTogether(_promise_and_signatures(doc, st, g, width)),
    ]
    return story


def _header_rows(doc: NoticeDoc) -> list[tuple[str, str] | tuple[str, str, str, str]]:
    return [
        (_("事项名称"), doc.item_name),
        (_("事项编码"), doc.item_code, _("告知时间"), datetime_text(doc.issued_at, doc.tz)),
        (
            _("首问责任人"),
            staff_text(doc.staff_name, doc.staff_id),
            _("申请人"),
            doc.applicant_masked or "",
        ),
        (_("设定依据"), doc.legal_basis),
    ]


def _materials_table(materials: tuple[NoticeMaterial, ...], st: Styles, g: GlyphCheck) -> Flowable:
    header = [
        _("序号"),
        _("材料名称"),
        _("要求"),
        _("形式"),
        _("份数"),
        _("获取途径"),
        _("备注"),
        _("提交情况"),
    ]
    rows = [
        [
            str(i),
            m.name,
            requirement_text(m.requirement),
            form_text(m.form) if m.form is not None else NOT_APPLICABLE_MARK,
            str(m.copies) if m.copies is not None else NOT_APPLICABLE_MARK,
            m.source,
            m.note,
            status_text(m.status),
        ]
        for i, m in enumerate(materials, start=1)
    ]
    if not rows:
        rows = [["", _("本事项无需提交材料"), "", "", "", "", "", ""]]
    widths = [w * mm for w in MATERIAL_COLUMNS]
    return blocks.ruled_table(header, rows, widths, st, g, centered=(0, 2, 3, 4, 7))


def _legend() -> str:
    return _(
        "提交情况：{ok} 已交；{missing} 缺，请补齐；{na} 不适用；空白为未核对。"
        "“容缺”材料可先受理、后补交。"
    ).format(ok=SUBMITTED_MARK, missing=MISSING_MARK, na=NOT_APPLICABLE_MARK)


def _missing_summary(
    materials: tuple[NoticeMaterial, ...], st: Styles, g: GlyphCheck, width: float
) -> list[Flowable]:
    missing = [m.name for m in materials if m.status is MaterialStatus.MISSING]
    if not missing:
        return []
    line = _("尚缺材料（共 {count} 项）：{names}").format(
        count=len(missing), names="；".join(missing)
    )
    text = HeavyText(g.text(line), st.base * 1.15, align="LEFT")
    return [blocks.gap(4), blocks.boxed([text], width, thickness=1.2)]


def _handling_rows(doc: NoticeDoc) -> list[tuple[str, str] | tuple[str, str, str, str]]:
    rows: list[tuple[str, str] | tuple[str, str, str, str]] = [
        (
            _("承诺时限"),
            working_days_text(doc.promised_days, _("待补充")),
            _("法定时限"),
            working_days_text(doc.statutory_days, _("未公布")),
        ),
        (_("收费标准"), doc.fee),
        (_("办理地点"), doc.place),
        (_("办理时间"), doc.hours),
    ]
    if doc.result_delivery:
        rows.append((_("结果领取"), doc.result_delivery))
    rows.append(
        (
            _("咨询电话"),
            doc.enquiry_phone or _("待补充"),
            _("监督投诉电话"),
            doc.complaint_phone or _("待补充"),
        )
    )
    return rows


def _promise_and_signatures(
    doc: NoticeDoc, st: Styles, g: GlyphCheck, width: float
) -> list[Flowable]:
    promise = [
        blocks.para(_("【一次性告知承诺】{text}").format(text=doc.promise_text), st.body_tight, g)
    ]
    return [
        blocks.boxed(promise, width),
        blocks.gap(st.base * 0.5),
        blocks.signature_grid([_("申请人（签字）"), _("首问责任人（签字）")], st, g, width),
        blocks.gap(2),
        blocks.para(_("本告知单一式两份，申请人和本中心各执一份。"), st.small, g),
    ]
