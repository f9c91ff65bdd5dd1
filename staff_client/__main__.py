"""``bianmin-staff`` / ``python -m staff_client``: start the window-staff client.

Options: ``--data-dir`` (the center's data directory), ``--print-to-dir DIR`` (write every
printed document into DIR as PDF, for machines without a printer), ``--self-test``
(open the store, build every page offscreen, render a receipt, exit 0 — CI and installer).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from core.i18n import _


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bianmin-staff", description=_("便民服务窗口工作台"))
    parser.add_argument("--data-dir",
                        help=_("数据目录（默认取环境变量 BIANMIN_DATA_DIR 或用户数据目录）"))
    parser.add_argument("--print-to-dir", type=Path,
                        help=_("不用打印机：把要打印的文书存为PDF文件放到这个目录"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("自检：打开数据库，离屏构建每个页面，生成一张回执，然后退出"))
    parser.add_argument("-v", "--verbose", action="store_true", help=_("在终端显示日志"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from staff_client.selftest import self_test

        return self_test(args.data_dir)
    return run(args.data_dir, args.print_to_dir, args.verbose)


def run(data_dir: str | None, print_dir: Path | None, verbose: bool) -> int:
    from PySide6.QtWidgets import QApplication

    from core.center import open_center
    from core.errors import UserFacingError
    from core.logs import configure_logging
    from core.paths import DataDir, resolve_data_dir
    from staff_client import look
    from staff_client.app import StaffApp

    app = QApplication(sys.argv[:1])
    app.setApplicationName("bianmin-staff")
    look.apply(app)
    root = DataDir(resolve_data_dir(data_dir))
    root.ensure()
    configure_logging(root.logs, program="bianmin-staff", verbose=verbose)
    try:
        center = open_center(root.root)
    except UserFacingError as exc:
        sys.stderr.write(_("错误：{message}").format(message=exc.message) + "\n")
        return 2
    with center:
        staff = StaffApp(center, print_dir)
        staff.start()
        code = app.exec()
        staff.runner.wait()
        staff.close_windows()  # before the connection closes and Python tears Qt down
    return code


if __name__ == "__main__":
    sys.exit(main())
