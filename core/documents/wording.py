"""Standard wording printed on several documents: material forms and marks, the
provisional-deadline note, how to check progress, the remedies clause.
"""

from __future__ import annotations

import datetime as dt

from core.documents.content import MaterialForm, MaterialStatus, ReceivedMaterial, Requirement
from core.documents.formatting import date_text
from core.i18n import _

SUBMITTED_MARK = "✔"  # the font has ✔ (U+2714) and ✘ (U+2718) but not ✓/✗
MISSING_MARK = "✘"
NOT_APPLICABLE_MARK = "—"


def form_text(form: MaterialForm) -> str:
    return {
        MaterialForm.ORIGINAL: _("原件"),
        MaterialForm.COPY: _("复印件"),
        MaterialForm.ORIGINAL_AND_COPY: _("原件及复印件"),
    }[form]


def requirement_text(requirement: Requirement) -> str:
    return {
        Requirement.REQUIRED: _("必须"),
        Requirement.OPTIONAL: _("视情形"),
        Requirement.DEFERRABLE: _("容缺"),
    }[requirement]


def status_text(status: MaterialStatus) -> str:
    return {
        MaterialStatus.SUBMITTED: _("{mark} 已交").format(mark=SUBMITTED_MARK),
        MaterialStatus.MISSING: _("{mark} 缺").format(mark=MISSING_MARK),
        MaterialStatus.NOT_APPLICABLE: _("{mark} 不适用").format(mark=NOT_APPLICABLE_MARK),
        MaterialStatus.UNCHECKED: "",
    }[status]


def provisional_deadline_note() -> str:
    return _("（暂定：该年度法定节假日尚未公布，以实际公布为准）")


def provisional_note_line() -> str:
    """The note printed under a provisional deadline."""
    return _("注：办结期限{note}").format(note=provisional_deadline_note())


def deadline_text(day: dt.date | None, *, provisional: bool) -> str:
    if day is None:
        return _("待补充（以审批部门的时限为准）")
    text = date_text(day)
    return _("{date}（暂定）").format(date=text) if provisional else text


def received_line(material: ReceivedMaterial) -> str:
    detail = []
    if material.form is not None:
        detail.append(form_text(material.form))
    if material.copies is not None:
        detail.append(_("{copies}份").format(copies=material.copies))
    if not detail:
        return material.name
    return _("{name}（{detail}）").format(name=material.name, detail="，".join(detail))


def staff_text(name: str, staff_id: str | None) -> str:
    if not staff_id:
        return name
    return _("{name}（工号 {id}）").format(name=name, id=staff_id)


def progress_methods(qr_payload: str, phone: str | None) -> list[str]:
    """How a resident follows the case; a phone scan only works when the QR holds a link."""
    methods = [_("到本中心自助服务机扫描本回执二维码查询")]
    if qr_payload.startswith(("https://", "http://")):
        methods.append(_("用手机扫描本回执二维码查询"))
    if phone:
        methods.append(
            _("拨打电话 {phone}，报办件编号和申请人身份证号码后4位查询").format(phone=phone)
        )
    methods.append(_("到本中心窗口凭本回执查询"))
    return methods


def remedies_clause(reconsideration_body: str | None, court: str | None) -> str:
    """行政复议法 (2023) allows 60 days; 行政诉讼法 art. 46 allows six months."""
    body = reconsideration_body or _("有管辖权的行政机关")
    where = court or _("有管辖权的人民法院")
    return _(
        "如对本决定不服，可以自收到本通知书之日起六十日内向{body}申请行政复议，"
        "或者自收到本通知书之日起六个月内向{court}提起行政诉讼。"
    ).format(body=body, court=where)
