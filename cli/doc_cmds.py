"""``bianmin doc ... | report ...``: render, archive and export printable documents."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cli.case_cmds import resolve_case
from cli.common import CommandError, open_from, out
from core.actor import Actor
from core.archive import StoredDocument
from core.center import Center
from core.documents import Paper
from core.i18n import _


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    d = sub.add_parser("doc", help=_("打印文书（生成PDF并存档）")).add_subparsers(dest="action")
    d.required = True
    for name, subject, text in [
        ("ticket", "ticket", _("排队号")), ("notice", "case", _("一次性告知单")),
        ("receipt", "case", _("受理回执")), ("reject", "case", _("不予受理通知书")),
        ("supplement", "case", _("补正材料通知书")), ("pickup", "case", _("取件通知")),
        ("guide", "item", _("办事指南（事项的一次性告知单，未勾选）")),
    ]:
        p = d.add_parser(name, parents=[parent], help=text)
        p.add_argument(subject, help={"ticket": _("当天的号，如 A001"),
                                      "case": _("办件内部号、编号或查询码"),
                                      "item": _("事项编码")}[subject])
        p.add_argument("--out", type=Path, help=_("另存一份PDF到此路径"))
        if name == "receipt":
            p.add_argument("--roll", action="store_true", help=_("80毫米小票短版"))
        p.set_defaults(handler=_document(name))
    p = d.add_parser("reprint", parents=[parent], help=_("取出存档的文书重新打印"))
    p.add_argument("id", type=int)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=reprint)

    r = sub.add_parser("report", help=_("日报、月报")).add_subparsers(dest="action")
    r.required = True
    p = r.add_parser("daily", parents=[parent], help=_("日报"))
    p.add_argument("--date", type=dt.date.fromisoformat)
    p.add_argument("--out", type=Path)
    p.set_defaults(handler=daily)
    p = r.add_parser("monthly", parents=[parent], help=_("月报"))
    p.add_argument("--month", help=_("YYYY-MM，默认本月"))
    p.add_argument("--out", type=Path)
    p.set_defaults(handler=monthly)


def _render(center: Center, name: str, args: argparse.Namespace) -> StoredDocument:
    docs, actor = center.documents, Actor.cli()
    if name == "ticket":
        return docs.ticket(center.tickets.by_number(args.ticket).id, actor)
    if name == "guide":
        return docs.guide(args.item, actor)
    case_id = resolve_case(center, args.case).id
    if name == "receipt":
        return docs.receipt(case_id, actor, Paper.ROLL_80 if args.roll else None)
    makers = {"notice": docs.notice, "reject": docs.rejection, "supplement": docs.supplement,
              "pickup": docs.pickup}
    return makers[name](case_id, actor)


def _document(name: str) -> Any:
    def handler(args: argparse.Namespace) -> int:
        with open_from(args) as center:
            center.require_info()
            _report(center, _render(center, name, args), args.out)
        return 0

    return handler


def _report(center: Center, stored: StoredDocument, target: Path | None) -> None:
    if stored.number:
        out(_("文书编号：{number}").format(number=stored.number))
    if stored.missing_chars:
        out(_("注意：字库缺少这些字，已印成□：{chars}").format(chars=stored.missing_chars))
    if target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(center.documents.pdf(stored.id))
        except OSError as exc:
            raise CommandError(_("无法写入 {path}：{reason}").format(path=target,
                                                                  reason=exc)) from None
    out(str(target or stored.path))


def reprint(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        _report(center, center.documents.get(args.id), args.out)
    return 0


def daily(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        day = args.date or center.tickets.today()
        _report(center, center.documents.daily_report(day, Actor.cli()), args.out)
    return 0


def monthly(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        if args.month:
            try:
                year, month = (int(p) for p in args.month.split("-"))
                dt.date(year, month, 1)
            except ValueError:
                raise CommandError(_("月份格式应为 YYYY-MM")) from None
        else:
            today = center.tickets.today()
            year, month = today.year, today.month
        _report(center, center.documents.monthly_report(year, month, Actor.cli()), args.out)
    return 0
