"""Pieces every ``bianmin`` subcommand shares: the data-dir option, opening the center."""

from __future__ import annotations

import argparse
import getpass
import sys

from core.center import Center, open_center
from core.errors import UserFacingError
from core.i18n import _
from core.logs import configure_logging
from core.paths import DataDir, resolve_data_dir


class CommandError(UserFacingError):
    """A problem with how a command was used."""


def data_dir_parent() -> argparse.ArgumentParser:
    """Options accepted after any subcommand (as well as before it)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--data-dir", default=argparse.SUPPRESS, help=_("数据目录"))
    parent.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help=_("在终端显示日志"))
    return parent


def open_from(args: argparse.Namespace) -> Center:
    root = DataDir(resolve_data_dir(getattr(args, "data_dir", None)))
    root.ensure()
    configure_logging(root.logs, program="bianmin", verbose=getattr(args, "verbose", False))
    return open_center(root.root)


def read_password(args: argparse.Namespace, prompt: str) -> str:
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline()
        if not line:
            raise CommandError(_("没有从标准输入读到密码"))
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandError(_("请在终端输入密码，或使用 --password-stdin 从标准输入读取"))
    first = getpass.getpass(prompt)
    second = getpass.getpass(_("再输入一次："))
    if first != second:
        raise CommandError(_("两次输入的密码不一致"))
    return first


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")
