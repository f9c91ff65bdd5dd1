"""``bianmin init | verify | backup | restore | settings``."""

from __future__ import annotations

import argparse
from pathlib import Path
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

    p = sub.add_parser("verify", parents=[parent], help=_("检查数据库完整性和留痕链"))
    p.set_defaults(handler=verify)

    p = sub.add_parser("backup", parents=[parent], help=_("立即备份"))
    p.add_argument("--to", type=Path, help=_("备份到指定目录（默认数据目录下的 backups）"))
    p.set_defaults(handler=backup)

    p = sub.add_parser("restore", parents=[parent], help=_("从备份文件恢复"))
    p.add_argument("file", type=Path)
    p.set_defaults(handler=restore)

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


def verify(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        report = center.verify()
    if report.integrity_problems:
        out(_("数据库完整性检查失败：{problem}").format(problem=report.integrity_problems[0]))
    else:
        out(_("数据库完整性：正常"))
    if report.chain.ok:
        out(_("留痕链：正常（共{n}条）").format(n=report.chain.rows))
    else:
        out(_("留痕链：第{id}条记录被改动或缺失（{reason}）").format(
            id=report.chain.first_broken_id, reason=report.chain.reason))
    return 0 if report.ok else 1


def backup(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        path = center.backups.create(Actor.cli(), to_dir=args.to)
    out(str(path))
    return 0


def restore(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        safety = center.backups.restore(args.file, Actor.cli())
        report = center.verify()
    out(_("已恢复。恢复前的数据另存为：{path}").format(path=safety))
    result = _("正常") if report.ok else _("有问题，请运行 bianmin verify")
    out(_("检查结果：{result}").format(result=result))
    return 0 if report.ok else 1


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
