"""``bianmin verify | backup [list | key export | key import] | restore``: the books' health,
their encrypted backups and the backup key's escrow."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, open_from, out
from core.actor import Actor
from core.backup_keys import BackupKey, parse_recovery, recovery_text
from core.center import Center, open_for_restore
from core.clock import local
from core.i18n import _
from core.logs import configure_logging
from core.paths import DataDir, resolve_data_dir
from core.private_files import write_private_atomically


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("verify", parents=[parent],
                       help=_("检查数据库完整性、留痕链，并与上级和备份中的锚点核对"))
    p.set_defaults(handler=verify)

    p = sub.add_parser("backup", parents=[parent], help=_("立即备份（加密）；list、key 子命令"))
    p.add_argument("--to", type=Path, help=_("备份到指定目录（默认数据目录下的 backups）"))
    p.set_defaults(handler=backup)
    actions = p.add_subparsers(dest="backup_action", metavar="ACTION")
    listing = actions.add_parser("list", parents=[parent], help=_("列出数据目录中的备份"))
    listing.set_defaults(handler=backup_list)
    key = actions.add_parser("key", help=_("备份密钥：导出恢复密钥、在新电脑上导入"))
    key_actions = key.add_subparsers(dest="key_action", metavar="ACTION")
    key_actions.required = True
    export = key_actions.add_parser("export", parents=[parent],
                                    help=_("显示（或写入文件）恢复密钥，请离线妥善保管"))
    export.add_argument("--to", dest="key_file", type=Path,
                        help=_("写入这个文件（仅本账户可读），不在屏幕上显示"))
    export.set_defaults(handler=key_export)
    imp = key_actions.add_parser("import", parents=[parent],
                                 help=_("导入恢复密钥，以便恢复用它加密的备份"))
    source = imp.add_mutually_exclusive_group()
    source.add_argument("--stdin", action="store_true", help=_("从标准输入读取恢复密钥"))
    source.add_argument("--from", dest="key_file", type=Path, help=_("从这个文件读取恢复密钥"))
    imp.set_defaults(handler=key_import)

    p = sub.add_parser("restore", parents=[parent], help=_("检查备份文件，通过后才恢复"))
    p.add_argument("file", type=Path)
    p.add_argument("--force-other-center", action="store_true",
                   help=_("明知备份属于另一个中心，仍用它替换本中心的全部数据（记入留痕）"))
    p.add_argument("--accept-broken-chain", action="store_true",
                   help=_("明知备份的留痕链有问题，仍然恢复（记入留痕）"))
    p.set_defaults(handler=restore)


# ------------------------------------------------------------------ verify


def verify(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        report = center.verify()
    for line in report.lines():
        out(line)
    return 0 if report.ok else 1


# ------------------------------------------------------------------ backups


def _key_reminder(center: Center, key: BackupKey) -> None:
    if center.backups.key_exported(key.key_id) is None:
        sys.stderr.write(_(
            "提醒：备份密钥还没有导出。换电脑、重装系统或钥匙串丢失后，没有恢复密钥就打不开"
            "这些备份。请运行 bianmin backup key export，把恢复密钥离线妥善保管。") + "\n")


def backup(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        path = center.backups.create(Actor.cli(), to_dir=args.to)
        _key_reminder(center, center.backups.current_key(Actor.cli()))
    out(str(path))
    return 0


def backup_list(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        listing = center.backups.listing()
    if not listing:
        out(_("还没有备份"))
    for info in listing:
        when = local(info.created_at).strftime("%Y-%m-%d %H:%M")
        count = "—" if info.anchor is None else _("{n}条留痕").format(n=info.anchor.count)
        out(f"{info.path.name}\t{when}\t{info.label}\t{count}")
    return 0


def _open_for_restore(args: argparse.Namespace) -> tuple[Center, Path | None]:
    """As :func:`cli.common.open_from`, but books too damaged to open are set aside."""
    root = DataDir(resolve_data_dir(getattr(args, "data_dir", None)))
    root.ensure()
    configure_logging(root.logs, program="bianmin", verbose=getattr(args, "verbose", False))
    return open_for_restore(root.root)


def restore(args: argparse.Namespace) -> int:
    center, aside = _open_for_restore(args)
    with center:
        if aside is not None:
            out(_("数据库文件已损坏到无法打开，已原样移到：{path}").format(path=aside))
        safety = center.backups.restore(args.file, Actor.cli(),
                                        other_center=args.force_other_center,
                                        broken_chain=args.accept_broken_chain)
        report = center.verify()
    out(_("已恢复。恢复前的数据另存为：{path}").format(path=aside or safety))
    result = _("正常") if report.ok else _("有问题，请运行 bianmin verify")
    out(_("检查结果：{result}").format(result=result))
    return 0 if report.ok else 1


# ------------------------------------------------------------------ the key's escrow


def key_export(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        key = center.backups.current_key(Actor.cli())
        text = recovery_text(key)
        if args.key_file is not None:
            write_private_atomically(args.key_file, (text + "\n").encode("ascii"))
        center.backups.record_key_event("backup.key_exported", key, Actor.cli(),
                                        {"to": "file" if args.key_file else "screen"})
    out(_("本中心（{code}）的备份恢复密钥，编号 {key_id}：").format(
        code=key.center_code, key_id=key.key_id))
    out()
    out("    " + (str(args.key_file) if args.key_file else text))
    out()
    out(_("请现在把它抄在纸上或存进一个离线U盘，与备份分开、妥善保管（例如锁在站长的柜子里）："))
    out(_("· 换电脑、重装系统或钥匙串丢失后，只有用它（bianmin backup key import）才能打开备份；"))
    out(_("· 任何人拿到它和备份文件，就能读出备份里全部居民的信息：不要拍照发群，"
          "不要存在这台电脑上。"))
    return 0


def _read_key_text(args: argparse.Namespace) -> str:
    if args.key_file is not None:
        try:
            return str(args.key_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(_("无法读取 {path}：{reason}").format(
                path=args.key_file, reason=getattr(exc, "strerror", None) or exc)) from None
    if args.stdin:
        return sys.stdin.readline()
    if not sys.stdin.isatty():
        raise CommandError(_("请在终端输入恢复密钥，或使用 --stdin / --from 文件"))
    return input(_("恢复密钥（BMK1-…）："))


def key_import(args: argparse.Namespace) -> int:
    key = parse_recovery(_read_key_text(args))
    with open_from(args) as center:
        added = center.backup_keys().add(key)
        center.backups.record_key_event("backup.key_imported", key, Actor.cli())
    if added:
        out(_("已导入备份密钥：中心 {code}，编号 {key_id}。现在可以恢复用它加密的备份，"
              "以后的备份也用它加密。").format(code=key.center_code, key_id=key.key_id))
    else:
        out(_("本机已有这把备份密钥（中心 {code}，编号 {key_id}）").format(
            code=key.center_code, key_id=key.key_id))
    return 0
