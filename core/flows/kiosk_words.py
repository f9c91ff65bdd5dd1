"""What the kiosk shows and says, in one place: short headings to read, and longer, plain
sentences to hear (numbers read the way a listener expects: digits one by one)."""

from __future__ import annotations

from core.announce import spoken_digits
from core.cases.model import CLOCK_RUNNING, CaseState
from core.cases.queries import PublicStatus
from core.catalog_model import CatalogItem, Requirement
from core.documents.formatting import date_text
from core.i18n import _
from core.text import without_research_notes

HOME = _("您好！请点您要办的事")
HOME_SAID = _("您好！要排队取号，请点您要办的业务。想知道要带什么材料，请点办事指南。"
              "查办件进度，请点查询进度。给服务打分，请点服务评价。"
              "需要人帮忙，请点右下角的请工作人员帮忙。")
HOME_SAID_MANY = _("您好！要排队取号，请点取号。想知道要带什么材料，请点办事指南。"
                   "查办件进度，请点查询进度。给服务打分，请点服务评价。"
                   "需要人帮忙，请点右下角的请工作人员帮忙。")
TAKE = _("排队取号")
GUIDE = _("办事指南")
GUIDE_DETAIL = _("要带什么材料")
PROGRESS = _("查询进度")
PROGRESS_DETAIL = _("扫回执上的二维码")
RATE = _("服务评价")
RATE_DETAIL = _("给这次服务打分")

CHOOSE_GROUP = _("请选择您要办的业务")
CHOOSE_GROUP_SAID = _("请点您要办的业务。")
PRIORITY = _("您需要优先办理吗？")
PRIORITY_SAID = _("老年人、残疾人、军人和孕妇可以优先办理，请点对应的按钮。"
                  "不需要优先的，请点最上面的普通取号。")
NORMAL_TICKET = _("普通取号（不需要优先）")
PRINTING = _("号票正在打印，请稍等。")
PRINTED = _("号票已经打印好，请从出票口取走号票，留意叫号。")

GUIDE_GROUP = _("想办哪一类事？")
GUIDE_GROUP_SAID = _("请点您要办的事属于哪一类。")
GUIDE_ITEM = _("请选择您要办的事项")
GUIDE_ITEM_SAID = _("请点您要办的事项。一页放不下时，请点下一页。")
OTHER_ITEMS = _("其他事项")
NOTICE_SAID = _("这是办理{item}要带的材料。点读给我听，我把材料念给您听；"
                "点打印这张单子，可以把单子带回家。")
PRINTING_GUIDE = _("正在打印，请稍等……")
GUIDE_PRINTED = _("已经打印好了，请从出纸口取走。")
GUIDE_EMPTY = _("还没有导入办事指南，请问窗口工作人员。")

PROGRESS_SCAN = _("请扫描受理回执上的二维码")
PROGRESS_SAID = _("请把受理回执上的二维码，对准扫码器；也可以把身份证放在读卡器上。"
                  "都没有的，请点输入办件编号。")
CASE_NUMBER = _("请输入办件编号（25位）")
CASE_NUMBER_SAID = _("请输入受理回执上的办件编号，一共二十五位，输完请点下一步。")
LAST4 = _("请输入申请人身份证号码的最后4位")
LAST4_SAID = _("请输入申请人身份证号码的最后四位，最后一位是X的请点X，输完请点查询。")
LAST4_SHAPE = _("请输入身份证号码的最后4位：前3位是数字，最后一位是数字或X")

RATE_PICK = _("请扫描号票或受理回执上的二维码")
RATE_PICK_SAID = _("请给我们的服务打分。请把号票或受理回执上的二维码，对准扫码器。"
                   "号票不在身边的，办完事时请在窗口的评价器上打分。")
WINDOW_WAIT = _("{n}号窗口 · 服务评价")
WINDOW_WAIT_SAID = _("办完事后，工作人员会请您在这里给我们的服务打分。")
FACES = _("您对这次服务满意吗？")
FACES_SAID = _("您对{label}的服务满意吗？请点一个表情："
               "非常满意、满意、基本满意、不满意、非常不满意。")
REASON = _("请告诉我们哪里不满意")
REASON_SAID = _("很抱歉让您不满意。请点选原因，可以选几个，选好后请点提交评价。")
PICK_A_REASON = _("请至少点选一个原因，再点提交评价")
THANKS = _("谢谢您的评价！")
THANKS_SAID = _("谢谢您的评价，祝您生活愉快！")
THANKS_POOR = _("谢谢您的评价。站长会查看每一条不满意的评价，我们一定认真改进。")

HELP = _("已通知工作人员，请稍等")
HELP_SAID = _("已经通知工作人员了，请在这里稍等，工作人员马上过来帮您。")

ID_CARD_HERE_NOT = _("刷身份证是查办件进度用的：请先回首页，点“查询进度”")
NO_CASE_FOR_CARD = _("没有查到用这张身份证办的事。请核对后再试，或请工作人员帮忙")
UNKNOWN_CODE = _("没有认出这个二维码：请扫受理回执或号票上的二维码，或请工作人员帮忙")
TICKET_NOT_RECEIPT = _("这是排队号票，不是受理回执。查进度请扫受理回执上的二维码")
OTHER_CENTER = _("这张号票不是本服务站的，请到取号的地方评价")
NOT_SERVED_YET = _("这个号还没有办理，办完事后再来评价吧")
ALREADY_RATED = _("这次办事已经评价过了，谢谢您")
NO_SUCH_GROUP = _("没有这项业务，请重新选择")
NO_SUCH_ITEM = _("没有这个事项，请重新选择")


def print_failed(number: str) -> str:
    return _("号票没有打印出来。您的号已经取好，不会丢。请记住您的号码{number}，"
             "到窗口告诉工作人员补打一张。").format(number=spoken_digits(number))


def print_failed_shown(number: str) -> str:
    return _("号票没有打印出来，但您的号 {number} 已经取好，不会丢。"
             "请记住号码，到窗口告诉工作人员补打。").format(number=number)


GUIDE_PRINT_FAILED = _("没有打印出来。请点右下角的“请工作人员帮忙”。")
GUIDE_PRINT_FAILED_SAID = _("单子没有打印出来。需要的话，请点右下角红色的请工作人员帮忙。")


def days_text(days: int | None) -> str:
    if days is None:
        return _("时限待补充，请问窗口工作人员")
    if days == 0:
        return _("材料齐全当场办结")
    return _("承诺{days}个工作日内办结").format(days=days)


def material_line(item: CatalogItem, index: int) -> tuple[str, str]:
    """(name, detail) of the ``index``-th material, in plain words."""
    material = item.materials[index]
    parts = []
    if material.form is not None:
        parts.append(material.form.label)
    if material.copies:
        parts.append(_("{n}份").format(n=material.copies))
    if material.requirement is not Requirement.REQUIRED:
        parts.append(material.requirement.label)
    if material.obtain_from:
        parts.append(_("到{place}开具").format(place=material.obtain_from))
    if material.note:
        parts.append(material.note)
    return material.name, "，".join(parts)


def notice_sections(item: CatalogItem, place: str,
                    hours: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The one-time notice on screen, as (heading, [(line, its detail)]): what to bring
    first, then who may apply, then cost, time and place."""
    materials = []
    for index in range(len(item.materials)):
        name, detail = material_line(item, index)
        materials.append((f"{index + 1}. {name}", detail))
    sections = [(_("要带的材料"), materials)]
    if item.conditions:
        sections.append((_("谁可以办"), [(c, "") for c in item.conditions]))
    sections.append((_("收费、时限和地点"), [
        (_("收费：{fee}").format(fee=fee_words(item)), ""),
        (days_text(item.promised_days), ""),
        (_("地点：{place}").format(place=item.place or place), ""),
        (_("时间：{hours}").format(hours=item.hours or hours), "")]))
    return sections


def notice_reading(item: CatalogItem) -> str:
    """The materials read aloud: '第一，…；第二，…'."""
    ordinals = "一二三四五六七八九十"
    lines = []
    for index in range(len(item.materials)):
        name, detail = material_line(item, index)
        order = ordinals[index] if index < len(ordinals) else str(index + 1)
        lines.append(_("第{n}，{name}").format(n=order, name=name)
                     + (f"，{detail}" if detail else ""))
    return _("办理{item}，请带好以下材料：{lines}。收费：{fee}。{days}。").format(
        item=item.name, lines="；".join(lines), fee=fee_words(item),
        days=days_text(item.promised_days))


def more_cases(count: int) -> str:
    return _("您还有{n}件办件，请问窗口工作人员").format(n=count)


def result_said(status: PublicStatus) -> str:
    said = _("{item}，{state}。{next}").format(item=status.item_name, state=state_words(status),
                                              next=next_words(status))
    if status.state in CLOCK_RUNNING:
        said += deadline_text(status)
    return said


def deadline_text(status: PublicStatus) -> str:
    """"承诺在…前办结。", or — while that year's holidays are not published — "预计…"
    (the calendar's 暂定 is the clerk's word, not the villager's)."""
    if status.deadline is None:
        return ""
    date = date_text(status.deadline)
    if status.deadline_provisional:
        return _("预计在{date}前办结。").format(date=date)
    return _("承诺在{date}前办结。").format(date=date)


# A case's state as a villager hears it: without the clerk's 上报/待上报.
_STATE_WORDS = {
    CaseState.NOTICE_ISSUED: _("还差材料，请补齐后再来"),
    CaseState.ACCEPTED: _("已受理，正在送交上级部门"),
    CaseState.SUBMITTED: _("已送交上级部门审核"),
    CaseState.RECEIVED: _("上级部门正在审核"),
}
_NEXT_WORDS = {
    CaseState.ACCEPTED: _("申请已受理，正在送交上级部门，请耐心等待。"),
}


def state_words(status: PublicStatus) -> str:
    return _STATE_WORDS.get(status.state, status.state_label)


def next_words(status: PublicStatus) -> str:
    return _NEXT_WORDS.get(status.state, status.next_step)


def fee_words(item: CatalogItem) -> str:
    return without_research_notes(item.fee or "") or _("不收费")
