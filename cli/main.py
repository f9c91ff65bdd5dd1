"""Entry point of ``bianmin``: argument parsing, one-line Chinese errors, exit codes.

Exit codes: 0 success, 1 a check found a problem (``verify``), 2 a user-facing error
(bad input, not found, conflict), 70 an internal error (logged, no traceback shown).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

from cli import (
    books_cmds,
    case_cmds,
    catalog_cmds,
    center_cmds,
    doc_cmds,
    selftest_cmd,
    staff_cmds,
    sync_cmds,
    ticket_cmds,
)
from cli.common import data_dir_parent
from core.commandline import ArgumentParser, finish
from core.i18n import _

log = logging.getLogger(__name__)


Register = Callable[[Any, argparse.ArgumentParser], None]
MODULES: list[Register] = [center_cmds.register, books_cmds.register, staff_cmds.register,
                           ticket_cmds.register, catalog_cmds.register, case_cmds.register,
                           doc_cmds.register,
                           selftest_cmd.register, sync_cmds.register]


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="bianmin", description=_("便民服务中心管理命令"))
    parser.add_argument(
        "--data-dir", help=_("数据目录（默认取环境变量 BIANMIN_DATA_DIR 或用户数据目录）"))
    parser.add_argument("-v", "--verbose", action="store_true", help=_("在终端显示日志"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    sub.required = True
    parent = data_dir_parent()
    for register in MODULES:
        register(sub, parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return finish(lambda: args.handler(args), log, f"bianmin {args.command}")


if __name__ == "__main__":
    sys.exit(main())
