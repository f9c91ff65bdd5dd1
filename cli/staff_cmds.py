"""``bianmin staff | window | group``: people, windows and service groups."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import open_from, out, read_password
from core.actor import Actor
from core.i18n import _


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    staff = sub.add_parser("staff", help=_("工作人员账号")).add_subparsers(dest="action")
    staff.required = True
    p = staff.add_parser("add", parents=[parent], help=_("新增工作人员"))
    p.add_argument("username")
    p.add_argument("--role", required=True, help="clerk | supervisor | admin")
    p.add_argument("--name", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(handler=staff_add)
    p = staff.add_parser("passwd", parents=[parent], help=_("重设密码（并解除锁定）"))
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(handler=staff_passwd)
    p = staff.add_parser("list", parents=[parent], help=_("列出工作人员"))
    p.set_defaults(handler=staff_list)

    window = sub.add_parser("window", help=_("窗口")).add_subparsers(dest="action")
    window.required = True
    p = window.add_parser("add", parents=[parent], help=_("新增或修改窗口"))
    p.add_argument("number", type=int)
    p.add_argument("--name")
    p.add_argument("--groups", help=_("本窗口办理的分组字头，如 AB；不填表示全部"))
    p.add_argument("--a", dest="a_staff", help=_("A岗用户名"))
    p.add_argument("--b", dest="b_staff", help=_("B岗用户名"))
    p.set_defaults(handler=window_add)
    p = window.add_parser("pause", parents=[parent], help=_("窗口暂停服务"))
    p.add_argument("number", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=window_pause)
    p = window.add_parser("resume", parents=[parent], help=_("窗口恢复服务"))
    p.add_argument("number", type=int)
    p.set_defaults(handler=window_resume)
    p = window.add_parser("list", parents=[parent], help=_("列出窗口"))
    p.set_defaults(handler=window_list)

    group = sub.add_parser("group", help=_("业务分组")).add_subparsers(dest="action")
    group.required = True
    p = group.add_parser("add", parents=[parent], help=_("新增业务分组"))
    p.add_argument("prefix")
    p.add_argument("--name", required=True)
    p.set_defaults(handler=group_add)
    p = group.add_parser("list", parents=[parent], help=_("列出业务分组"))
    p.set_defaults(handler=group_list)


def staff_add(args: argparse.Namespace) -> int:
    password = read_password(args, _("为 {user} 设置密码：").format(user=args.username))
    with open_from(args) as center:
        center.require_info()
        center.staff.add(Actor.cli(), args.username, args.name, args.role, password)
    out(_("已添加工作人员 {user}").format(user=args.username))
    return 0


def staff_passwd(args: argparse.Namespace) -> int:
    password = read_password(args, _("为 {user} 设置新密码：").format(user=args.username))
    with open_from(args) as center:
        member = center.staff.by_username(args.username)
        center.staff.set_password(Actor.cli(), member.id, password)
    out(_("已重设 {user} 的密码").format(user=args.username))
    return 0


def staff_list(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        for m in center.staff.all():
            state = _("在用") if m.active else _("停用")
            out(f"{m.id}\t{m.username}\t{m.name}\t{m.role.label}\t{state}")
    return 0


def window_add(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.require_info()
        group_ids = None
        if args.groups:
            group_ids = [center.groups.by_prefix(p).id for p in args.groups.replace(",", "")]
        center.windows.save(Actor.cli(), args.number, args.name, group_ids)
        if args.a_staff or args.b_staff:
            a = center.staff.by_username(args.a_staff).id if args.a_staff else None
            b = center.staff.by_username(args.b_staff).id if args.b_staff else None
            center.windows.assign(Actor.cli(), args.number, a, b)
    out(_("已保存{n}号窗口").format(n=args.number))
    return 0


def window_pause(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.windows.pause(Actor.cli(), args.number, args.reason)
    out(_("{n}号窗口已暂停").format(n=args.number))
    return 0


def window_resume(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.windows.resume(Actor.cli(), args.number)
    out(_("{n}号窗口已恢复服务").format(n=args.number))
    return 0


def window_list(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        groups = {g.id: g.prefix for g in center.groups.all(include_inactive=True)}
        for w in center.windows.all():
            served = "".join(groups[g] for g in w.group_ids) or _("全部")
            state = _("暂停：{reason}").format(reason=w.pause_reason) if w.paused else _("服务中")
            out(f"{w.number}\t{w.name}\t{served}\t{state}")
    return 0


def group_add(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        center.require_info()
        group = center.groups.add(Actor.cli(), args.prefix, args.name)
    out(_("已添加分组 {prefix}：{name}").format(prefix=group.prefix, name=group.name))
    return 0


def group_list(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        for g in center.groups.all(include_inactive=True):
            out(f"{g.prefix}\t{g.name}\t{_('在用') if g.active else _('停用')}")
    return 0
