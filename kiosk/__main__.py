"""``bianmin-kiosk`` / ``python -m kiosk``: the villager kiosk, or with ``--board`` the call
board, or with ``--window N`` the rating device at window N; ``--set-pin`` sets the
supervisor's exit PIN; ``--self-test`` checks the install.

Exit codes: 0 fine, 1 the self-test failed, 2 a user-facing error (bad PIN, wrong login).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from core.i18n import _

log = logging.getLogger(__name__)

DEV_SIZE = (1366, 768)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bianmin-kiosk", description=_("便民自助服务机和叫号屏"))
    parser.add_argument("--data-dir", help=_("数据目录（默认取 BIANMIN_DATA_DIR 或用户数据目录）"))
    role = parser.add_mutually_exclusive_group()
    role.add_argument("--board", action="store_true", help=_("作为叫号屏运行（电视或第二块屏）"))
    role.add_argument("--window", type=int, metavar="N",
                      help=_("作为N号窗口的评价器运行：工作人员点“请评价”后显示五个表情"))
    parser.add_argument("--windowed", action="store_true",
                        help=_("开发用：普通窗口，不全屏，关闭不需要退出密码"))
    parser.add_argument("--size", default="", help=_("配合 --windowed 的窗口大小，如 1920x1080"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--printer", help=_("用这台系统打印机（默认取设置 printing.*）"))
    where.add_argument("--print-to-dir", type=Path,
                       help=_("没有打印机时：每次打印存成这个目录下的一个PDF"))
    parser.add_argument("--voice", default="",
                        help=_("语音引擎（默认自动选择能说普通话的；none 不用语音，只响提示音；"
                               "mock 只用于测试）"))
    parser.add_argument("--set-pin", action="store_true",
                        help=_("设置退出密码（6位数字；需要站长或管理员账号）"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("在临时数据上自检（界面、字体、号票PDF、打印到文件、语音），不碰真实数据"))
    parser.add_argument("-v", "--verbose", action="store_true", help=_("在终端显示日志"))
    return parser


def parse_size(text: str) -> tuple[int, int]:
    if not text:
        return DEV_SIZE
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise SystemExit(_("窗口大小应写成 宽x高，如 1366x768")) from None
    return width, height


def set_pin(data_dir: str | None) -> int:
    """Ask a supervisor to log in, then for the new PIN twice."""
    from core.actor import Actor
    from core.center import open_center
    from core.errors import UserFacingError
    from kiosk.pin import set_exit_pin

    with open_center(data_dir) as center:
        try:
            username = input(_("站长或管理员用户名：")).strip()
            member = center.staff.login(username, getpass.getpass(_("密码：")), device="kiosk")
            pin = getpass.getpass(_("新的退出密码（6位数字）："))
            if getpass.getpass(_("再输入一次：")) != pin:
                sys.stderr.write(_("错误：两次输入的退出密码不一样") + "\n")
                return 2
            set_exit_pin(center, pin, Actor(member.id, "kiosk"))
        except UserFacingError as exc:
            sys.stderr.write(_("错误：{message}").format(message=exc.message) + "\n")
            return 2
    sys.stdout.write(_("退出密码已设置") + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.set_pin:
        return set_pin(args.data_dir)
    if args.self_test:
        from kiosk.selftest import self_test

        return self_test(sys.stdout)
    from kiosk.launch import run

    return run(args, parse_size(args.size))


if __name__ == "__main__":
    sys.exit(main())
