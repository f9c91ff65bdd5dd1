"""``bianmin id | workdays | case | rate | followup``: the case desk from a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from cli.common import CommandError, open_from, out
from core.actor import Actor
from core.case_numbers import split_tracking_code
from core.cases import Agent, Applicant, Case
from core.center import Center
from core.clock import local
from core.i18n import _
from core.identity import check_credit_code, check_id_number
from core.masking import mask_id_number, mask_name, mask_phone


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("id", help=_("证件号码")).add_subparsers(dest="action")
    p.required = True
    q = p.add_parser("check", parents=[parent], help=_("检查身份证号码或统一社会信用代码"))
    q.add_argument("number")
    q.set_defaults(handler=id_check)

    w = sub.add_parser("workdays", help=_("工作日")).add_subparsers(dest="action")
    w.required = True
    q = w.add_parser("add", parents=[parent], help=_("某日起加N个工作日（起始日不计）"))
    q.add_argument("date", type=_date)
    q.add_argument("n", type=int)
    q.set_defaults(handler=workdays_add)
    q = w.add_parser("set", parents=[parent], help=_("本地设置某日上班或休息（站长）"))
    q.add_argument("date", type=_date)
    kind = q.add_mutually_exclusive_group(required=True)
    kind.add_argument("--rest", action="store_true", help=_("这天休息（如台风停止办公）"))
    kind.add_argument("--work", action="store_true", help=_("这天上班"))
    q.add_argument("--note", default="")
    q.set_defaults(handler=workdays_set)

    _register_case(sub, parent)

    q = sub.add_parser("rate", parents=[parent], help=_("好差评"))
    subject = q.add_mutually_exclusive_group(required=True)
    subject.add_argument("--case", help=_("办件（编号或内部号）"))
    subject.add_argument("--ticket", help=_("当天的号，如 A001"))
    q.add_argument("--level", required=True,
                   help="very_satisfied | satisfied | basic | dissatisfied | very_dissatisfied")
    q.add_argument("--reason", action="append", default=[], help=_("差评原因，可多次给出"))
    q.set_defaults(handler=rate)

    f = sub.add_parser("followup", help=_("差评回访")).add_subparsers(dest="action")
    f.required = True
    q = f.add_parser("list", parents=[parent], help=_("待回访"))
    q.add_argument("--all", action="store_true")
    q.set_defaults(handler=followup_list)
    q = f.add_parser("close", parents=[parent], help=_("回访办结（站长）"))
    q.add_argument("id", type=int)
    q.add_argument("--result", required=True)
    q.set_defaults(handler=followup_close)


def _register_case(sub: Any, parent: argparse.ArgumentParser) -> None:
    c = sub.add_parser("case", help=_("办件")).add_subparsers(dest="action")
    c.required = True
    q = c.add_parser("new", parents=[parent], help=_("为群众新建申请（打印内部号）"))
    q.add_argument("--item", required=True, help=_("事项编码"))
    q.add_argument("--name", required=True, help=_("申请人姓名或单位名称"))
    q.add_argument("--id-number", required=True)
    q.add_argument("--phone")
    q.add_argument("--address")
    q.add_argument("--agent", help=_("代办员用户名"))
    q.add_argument("--agent-name", help=_("代办人姓名（不是工作人员时）"))
    q.add_argument("--relation", help=_("代办关系，如 村代办员、子女"))
    q.add_argument("--ticket", help=_("来自当天的哪个号，如 A001"))
    q.add_argument("--staff", help=_("受理人（首问责任人）用户名"))
    q.set_defaults(handler=case_new)
    q = c.add_parser("materials", parents=[parent], help=_("登记收到的材料"))
    q.add_argument("case")
    q.add_argument("--received", nargs="+", required=True, metavar="NAME")
    q.set_defaults(handler=case_materials)
    q = c.add_parser("notice", parents=[parent], help=_("一次性告知（列出缺的材料）"))
    q.add_argument("case")
    q.set_defaults(handler=case_notice)
    q = c.add_parser("accept", parents=[parent], help=_("受理（打印办件编号和查询码）"))
    q.add_argument("case")
    q.set_defaults(handler=case_accept)
    q = c.add_parser("reject", parents=[parent], help=_("不予受理"))
    q.add_argument("case")
    q.add_argument("--reason", required=True)
    q.add_argument("--competent-office", required=True)
    q.set_defaults(handler=case_reject)
    q = c.add_parser("withdraw", parents=[parent], help=_("撤回"))
    q.add_argument("case")
    q.add_argument("--reason", required=True)
    q.set_defaults(handler=case_withdraw)
    q = c.add_parser("supply", parents=[parent], help=_("补交县级要求的补正材料"))
    q.add_argument("case")
    q.add_argument("--materials", nargs="+", required=True)
    q.set_defaults(handler=case_supply)
    q = c.add_parser("pickup", parents=[parent], help=_("领取结果"))
    q.add_argument("case")
    q.add_argument("--by", default="本人")
    q.set_defaults(handler=case_pickup)
    q = c.add_parser("show", parents=[parent], help=_("查看办件（内部号、办件编号或查询码）"))
    q.add_argument("case")
    q.set_defaults(handler=case_show)
    q = c.add_parser("find", parents=[parent], help=_("按编号、身份证号或姓名查找"))
    q.add_argument("query")
    q.set_defaults(handler=case_find)
    q = c.add_parser("due", parents=[parent], help=_("即将到期和已超期的办件"))
    q.add_argument("--date", type=_date)
    q.set_defaults(handler=case_due)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("日期格式应为 YYYY-MM-DD")) from None


def _actor(center: Center, username: str | None) -> Actor:
    if username is None:
        return Actor.cli()
    return Actor.cli(center.staff.by_username(username).id)


def resolve_case(center: Center, text: str) -> Case:
    """A case from its internal id, its 25-character number, or its tracking code."""
    text = text.strip()
    if text.isdigit() and len(text) < 12:
        return center.cases.get(int(text))
    tracking = split_tracking_code(text)
    if tracking is not None:
        found = center.case_queries.find(text)
        if not found:
            raise CommandError(_("没有查到这个查询码对应的办件"))
        return found[0]
    return center.case_queries.by_number(text)


# ---------------------------------------------------------------- handlers

def id_check(args: argparse.Namespace) -> int:
    number = args.number.strip().upper()
    credit = check_credit_code(number)
    if credit.valid:
        out(_("有效：统一社会信用代码"))
        return 0
    result = check_id_number(number)
    if result.valid:
        detail = _("有效：居民身份证号码，出生日期 {birth}，性别 {sex}").format(
            birth=result.birth_date, sex=result.sex.label if result.sex else "")
        if result.legacy:
            detail += _("（15位旧号码，建议核对新证）")
        out(detail)
        return 0
    out(_("无效：{reason}").format(reason=result.reason))
    return 1


def workdays_add(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        deadline = center.calendar.work.add_working_days(args.date, args.n)
    out(deadline.date.isoformat() + (" provisional" if deadline.provisional else ""))
    return 0


def workdays_set(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.calendar.set_local(args.date, bool(args.work), args.note, Actor.cli())
    out(_("已保存"))
    return 0


def case_new(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        actor = _actor(center, args.staff)
        agent = None
        if args.agent or args.agent_name or args.relation:
            if not args.relation:
                raise CommandError(_("代办时请用 --relation 说明代办关系"))
            staff_id = center.staff.by_username(args.agent).id if args.agent else None
            agent = Agent(args.relation, staff_id, args.agent_name)
        ticket_id = center.tickets.by_number(args.ticket).id if args.ticket else None
        contact = actor.staff_id or (agent.staff_id if agent else None)
        case = center.cases.new(actor, args.item, Applicant(args.name, args.id_number,
                                                            args.phone, args.address),
                                agent=agent, ticket_id=ticket_id, first_contact_staff_id=contact)
        out(_("已新建：{item}，申请人 {name}").format(item=case.item.name,
                                                    name=mask_name(case.applicant_name)))
        out(str(case.id))
    return 0


def case_materials(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        case = center.cases.receive_materials(resolve_case(center, args.case).id,
                                              args.received, Actor.cli())
        _print_materials(case)
    return 0


def _print_materials(case: Case) -> None:
    for m in case.materials:
        mark = "✓" if m.received else "✗"
        out(f"  {mark} {m.name}（{m.requirement.label}）")


def case_notice(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        case = center.cases.issue_notice(resolve_case(center, args.case).id, Actor.cli())
        out(_("已一次性告知。还缺："))
        for m in case.missing:
            out(f"  ✗ {m.name}（{m.requirement.label}）")
        if not case.missing:
            out(_("  （材料已齐，可以受理）"))
    return 0


def case_accept(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        case = center.cases.accept(resolve_case(center, args.case).id, Actor.cli())
        out(_("已受理：{item}").format(item=case.item.name))
        out(_("办结时限：{deadline}").format(deadline=_deadline_text(case)))
        out(case.case_number or "")
        out(case.tracking_code or "")
    return 0


def _deadline_text(case: Case) -> str:
    if case.state.value == "completed" and case.item.on_the_spot:
        return _("即办，已当场办结")
    if case.deadline is None:
        return _("承诺时限待补充")
    text = case.deadline.isoformat()
    if case.deadline_provisional:
        text += _("（暂定：该年度节假日尚未公布）")
    return text


def case_reject(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.cases.not_accept(resolve_case(center, args.case).id, args.reason,
                                args.competent_office, Actor.cli())
    out(_("已作不予受理，并将报备上级"))
    return 0


def case_withdraw(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.cases.withdraw(resolve_case(center, args.case).id, args.reason, Actor.cli())
    out(_("已撤回"))
    return 0


def case_supply(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        case = center.cases.supply(resolve_case(center, args.case).id, args.materials,
                                   Actor.cli())
        out(_("已登记补交材料；办结时限：{deadline}").format(deadline=_deadline_text(case)))
    return 0


def case_pickup(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.cases.pick_up(resolve_case(center, args.case).id, Actor.cli(), args.by)
    out(_("已办结取件"))
    return 0


def case_show(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        case = resolve_case(center, args.case)
        out(_("内部号：{id}    状态：{state}").format(id=case.id, state=case.state.label))
        out(_("事项：{name}（{code}，目录版本 {v}）").format(
            name=case.item.name, code=case.item.code, v=case.catalog_version))
        out(_("申请人：{name}  {id}  {phone}").format(
            name=mask_name(case.applicant_name), id=mask_id_number(case.applicant_id_number),
            phone=mask_phone(case.applicant_phone) if case.applicant_phone else ""))
        if case.agent_relation:
            out(_("代办：{name}（{relation}）").format(name=case.agent_name,
                                                  relation=case.agent_relation))
        if case.case_number:
            out(_("办件编号：{n}").format(n=case.case_number))
            out(_("办结时限：{d}").format(d=_deadline_text(case)))
        if case.reason:
            out(_("原因：{r}").format(r=case.reason))
        out(_("材料："))
        _print_materials(case)
        out(_("经过："))
        for event in center.cases.timeline(case.id):
            at = local(dt.datetime.fromisoformat(event["at"]), center.timezone)
            out(f"  {at:%Y-%m-%d %H:%M}  {event['action']}  → {event['to_state']}")
    return 0


def case_find(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        found = center.case_queries.find(args.query)
        if not found:
            raise CommandError(_("没有找到"))
        for case in found:
            out(f"{case.id}\t{case.case_number or '-'}\t{mask_name(case.applicant_name)}\t"
                f"{case.item.name}\t{case.state.label}")
    return 0


def case_due(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        entries = center.case_queries.due(args.date)
        if not entries:
            out(_("没有即将到期或超期的办件"))
            return 0
        labels = {"due_soon": _("即将到期"), "overdue": _("已超期"),
                  "prereview_overdue": _("预审超5个工作日")}
        for entry in entries:
            case = entry.case
            out(f"{labels[entry.level.value]}\t{case.case_number or case.id}\t"
                f"{case.item.name}\t{_deadline_text(case) if case.case_number else '-'}")
    return 0


def rate(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        if args.case:
            rating = center.ratings.rate(Actor.cli(), args.level,
                                         case_id=resolve_case(center, args.case).id,
                                         reasons=args.reason, channel="cli")
        else:
            ticket = center.tickets.by_number(args.ticket)
            rating = center.ratings.rate(Actor.cli(), args.level, ticket_id=ticket.id,
                                         reasons=args.reason, channel="cli")
        out(_("已记录评价：{level}").format(level=rating.level.label))
        if rating.level.is_poor:
            out(_("已生成差评回访，5个工作日内办结"))
    return 0


def followup_list(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        for f in center.ratings.follow_ups(None if args.all else "open"):
            out(f"{f.id}\t{f.level.label}\t{'、'.join(f.reasons) or f.comment or ''}\t"
                f"{_('期限')} {f.due_date}\t{f.state}")
    return 0


def followup_close(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.ratings.close_follow_up(args.id, args.result, Actor.cli())
    out(_("回访已办结"))
    return 0
