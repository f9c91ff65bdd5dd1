"""``bianmin init | settings`` (verify, backup and restore: :mod:`cli.books_cmds`)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import open_from, out
from core.actor import Actor
from core.i18n import _


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[parent], help=_("初始化本中心"))
    p.add_argument("--center-code", required=True, help=_("12位统计用区划代码"))
    p.add_argument("--center-name", required=True)
    p.add_argument("--level", default="village", help="village | township")
    p.set_defaults(handler=init)

    p = sub.add_parser("settings", parents=[parent], help=_("查看或修改设置"))
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=settings)


def init(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        info = center.initialize(args.center_code, args.center_name, args.level)
        out(_("已初始化：{name}（{code}，{level}）").format(
            name=info.name, code=info.code, level=info.level.label))
        out(_("数据目录：{path}").format(path=center.data_dir.root))
    return 0


def settings(args: argparse.Namespace) -> int:
    from core.settings import REGISTRY

    with open_from(args) as center:
        if args.key is None:
            for key, value in center.settings.as_dict().items():
                out(f"{key} = {value}    # {REGISTRY[key].description}")
            return 0
        if args.value is None:
            setting = REGISTRY.get(args.key)
            if setting is None:
                from core.errors import NotFound

                raise NotFound(_("没有名为 {key} 的设置").format(key=args.key))
            out(str(center.settings.get(setting)))
            return 0
        center.settings.set_from_text(args.key, args.value, Actor.cli())
        out(_("已保存"))
    return 0
