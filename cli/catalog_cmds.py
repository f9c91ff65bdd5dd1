"""``bianmin catalog import | list | search``: the service catalog from a terminal.

``search`` is the staff client's item search (:mod:`core.catalog_search`): name, code,
pinyin initials and everyday names, best match first, one item per line
(``code<TAB>name<TAB>how it matched``); exit 1 with a hint on stderr when nothing matches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, open_from, out
from core.actor import Actor
from core.catalog_model import CatalogItem
from core.catalog_search import nothing_found
from core.i18n import _


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    c = sub.add_parser("catalog", help=_("服务事项目录")).add_subparsers(dest="action")
    c.required = True
    q = c.add_parser("import", parents=[parent], help=_("导入目录文件（JSON）"))
    q.add_argument("file", type=Path, nargs="?",
                   help=_("不给出时导入随软件附带的20项示例目录"))
    q.set_defaults(handler=catalog_import)
    q = c.add_parser("list", parents=[parent], help=_("列出当前目录"))
    q.add_argument("query", nargs="?", default="",
                   help=_("按名称、编码、拼音首字母或常用叫法筛选"))
    q.set_defaults(handler=catalog_list)
    q = c.add_parser("search", parents=[parent],
                     help=_("找事项：名称、编码、拼音首字母或常用叫法（如 低保），最相符的在前"))
    q.add_argument("text", nargs="+", help=_("要找的字，几个词之间用空格"))
    q.set_defaults(handler=catalog_search)


def catalog_import(args: argparse.Namespace) -> int:
    from core.catalog import demo_catalog_text

    with open_from(args) as center:
        center.require_info()
        if args.file is None:
            version = center.catalog.import_text(demo_catalog_text(), Actor.cli())
        else:
            version = center.catalog.import_file(args.file, Actor.cli())
    out(_("已导入并启用目录版本 {v}：{n}项（SHA-256 {h}…）").format(
        v=version.version, n=version.item_count, h=version.sha256[:12]))
    return 0


def _days(item: CatalogItem) -> str:
    if item.promised_days is None:
        return _("待补充")
    if item.promised_days == 0:
        return _("即办")
    return _("{n}个工作日").format(n=item.promised_days)


def catalog_list(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        items = center.catalog.search(args.query)
        if not items:
            raise CommandError(_("没有符合条件的事项"))
        for item in items:
            out(f"{item.code}\t{item.group or '-'}\t{item.name}\t{_days(item)}")
    return 0


def catalog_search(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    with open_from(args) as center:
        if center.catalog.active() is None:
            raise CommandError(_("还没有导入服务事项目录：请先运行 bianmin catalog import"))
        found = center.catalog.find(text)
        if not found:
            sys.stderr.write(nothing_found(text, center.catalog.suggestions(text)) + "\n")
            return 1
        for match in found:
            out(f"{match.item.code}\t{match.item.name}\t{match.via}")
    return 0
