"""``bianmin ticket ...``: issue, call and move tickets through the queue."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from cli.common import CommandError, open_from, out
from core.actor import Actor
from core.center import Center
from core.clock import local
from core.i18n import _
from core.queue import Ticket


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    ticket = sub.add_parser("ticket", help=_("排队号")).add_subparsers(dest="action")
    ticket.required = True

    p = ticket.add_parser("issue", parents=[parent], help=_("取号（最后一行只输出号码）"))
    p.add_argument("--group", required=True, help=_("分组字头"))
    p.add_argument("--priority", nargs="?", const="elderly", default=None,
                   help=_("优先号：elderly（默认）、disabled、military、pregnant"))
    p.set_defaults(handler=issue)

    p = ticket.add_parser("call", parents=[parent], help=_("叫下一位，或用 --number 叫指定号"))
    p.add_argument("--window", type=int, required=True)
    p.add_argument("--number", help=_("叫指定号（不按顺序，会留痕）"))
    p.set_defaults(handler=call)

    for action, text in [
        ("recall", _("重呼")), ("start", _("开始办理")), ("finish", _("办结")),
        ("no-show", _("过号")), ("reactivate", _("恢复过号")), ("hold", _("挂起")),
        ("cancel", _("取消")),
    ]:
        p = ticket.add_parser(action, parents=[parent], help=text)
        p.add_argument("number")
        p.add_argument("--date", type=dt.date.fromisoformat)
        p.set_defaults(handler=_simple(action.replace("-", "_")))

    p = ticket.add_parser("unhold", parents=[parent], help=_("恢复挂起的号到窗口"))
    p.add_argument("number")
    p.add_argument("--window", type=int, required=True)
    p.set_defaults(handler=unhold)

    p = ticket.add_parser("transfer", parents=[parent],
                          help=_("转到其他分组（保留号码和取号时间）"))
    p.add_argument("number")
    p.add_argument("--to", required=True, help=_("目标分组字头"))
    p.set_defaults(handler=transfer)

    p = ticket.add_parser("list", parents=[parent], help=_("列出某天的号"))
    p.add_argument("--date", type=dt.date.fromisoformat)
    p.add_argument("--waiting", action="store_true", help=_("只列等候中的号"))
    p.set_defaults(handler=list_tickets)


def _line(center: Center, ticket: Ticket) -> str:
    mark = f"[{ticket.priority.label}优先]" if ticket.priority else ""
    window = _("{n}号窗口").format(n=ticket.window_number) if ticket.window_number else ""
    time = local(ticket.issued_at, center.timezone).strftime("%H:%M:%S")
    return f"{ticket.number}{mark}\t{ticket.state.label}\t{time}\t{window}".rstrip()


def issue(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.require_info()
        ticket = center.tickets.issue(args.group, args.priority, Actor.cli(), channel="cli")
        group = center.groups.get(ticket.group_id)
        out(_("{group}：前面还有{n}人").format(group=group.name, n=ticket.waiting_ahead))
        out(ticket.number)
    return 0


def call(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        if args.number:
            target = center.tickets.by_number(args.number)
            ticket: Ticket | None = center.tickets.call(target.id, args.window, Actor.cli())
        else:
            ticket = center.tickets.call_next(args.window, Actor.cli())
        if ticket is None:
            out(_("没有等候的号"))
            return 0
        out(_("请{number}号到{window}号窗口办理").format(number=ticket.number, window=args.window))
        out(ticket.number)
    return 0


def _simple(action: str) -> Any:
    def handler(args: argparse.Namespace) -> int:
        with open_from(args) as center:
            ticket = center.tickets.by_number(args.number, args.date)
            method = getattr(center.tickets, action)
            updated = method(ticket.id, Actor.cli())
            out(_line(center, updated))
        return 0

    return handler


def unhold(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        ticket = center.tickets.by_number(args.number)
        out(_line(center, center.tickets.unhold(ticket.id, args.window, Actor.cli())))
    return 0


def transfer(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        ticket = center.tickets.by_number(args.number)
        out(_line(center, center.tickets.transfer(ticket.id, args.to, Actor.cli())))
    return 0


def list_tickets(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        day = args.date or center.tickets.today()
        tickets = center.tickets.for_day(day)
        if args.waiting:
            tickets = [t for t in tickets if t.state.value == "waiting"]
        if not tickets:
            raise CommandError(_("{day}没有符合条件的号").format(day=day.isoformat()))
        for ticket in tickets:
            out(_line(center, ticket))
    return 0
