"""``bianmin-hub``: serve the hub and administer it (centers, cases, catalog, calendar, feed).

Errors are one Chinese line on stderr, never a traceback. Exit codes as for ``bianmin``:
0 success, 2 a user-facing error, 70 an internal error (logged).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import platformdirs

from core.commandline import ArgumentParser, finish
from core.i18n import _
from core.logs import configure_logging
from sync.hub import commands
from sync.hub.limits import Limits
from sync.hub.service import DEFAULT_STATS_KEEP
from sync.protocol import CaseState

log = logging.getLogger(__name__)

ENV_VAR = "BIANMIN_HUB_DATA_DIR"
DEFAULT_PORT = 8750


def resolve_data_dir(explicit: str | None) -> Path:
    """``--data-dir``, then ``$BIANMIN_HUB_DATA_DIR``, then the per-user data directory."""
    chosen = explicit or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir("bianmin-hub", appauthor=False))


def _options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, after it as well as before it."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help=_("数据目录（默认取 BIANMIN_HUB_DATA_DIR 或用户数据目录）"))
    parent.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help=_("在终端显示日志"))
    return parent


def _group(sub: Any, name: str, help_text: str) -> Any:
    parser = sub.add_parser(name, help=help_text)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=ArgumentParser)
    actions.required = True
    return actions


# (option, Limits field, help): each limit of sync.hub.limits is a serve option.
LIMIT_OPTIONS = (
    ("--status-per-minute", "status_per_minute", _("每个来源地址每分钟查询 /t/ 的次数（默认{n}）")),
    ("--status-misses-per-hour", "status_misses_per_hour",
     _("同一办件编号每小时查错几次后暂停查询（默认{n}）")),
    ("--login-per-minute", "login_per_minute", _("每个来源地址每分钟登录次数（默认{n}）")),
    ("--login-failures", "login_failures", _("连续输错几次密码锁定账号（默认{n}）")),
    ("--lockout-minutes", "lockout_minutes", _("账号锁定分钟数（默认{n}）")),
    ("--password-checks", "password_checks", _("同时核对密码的个数（默认{n}）")),
    ("--password-queue", "password_queue", _("排队等待核对密码的上限，超出即答429（默认{n}）")),
    ("--uploads-per-center", "uploads_per_center", _("每个中心同时上传的请求数（默认{n}）")),
    ("--body-timeout", "body_timeout", _("请求内容须在多少秒内传完（默认{n}）")),
)


def _add_serve(sub: Any, opts: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[opts], help=_("启动上级同步服务"))
    p.add_argument("--host", default="127.0.0.1", help=_("监听地址（默认 127.0.0.1）"))
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=_("端口（默认 8750）"))
    p.add_argument("--access-ttl", type=int, default=900,
                   help=_("访问令牌有效秒数（默认900；测试时可调短）"))
    p.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDR",
                   help=_("信任这个反向代理（地址或网段，可多次给出）的 X-Forwarded-For 作为"
                          "客户地址；不给则只看直接连入的地址"))
    p.add_argument("--stats-keep", type=int, default=DEFAULT_STATS_KEEP, metavar="N",
                   help=_("每个中心保留最近多少份统计上报（默认{n}）").format(
                       n=DEFAULT_STATS_KEEP))
    defaults = Limits()
    for option, field, help_text in LIMIT_OPTIONS:
        p.add_argument(option, dest=field, type=type(getattr(defaults, field)),
                       default=getattr(defaults, field), metavar="N",
                       help=help_text.format(n=getattr(defaults, field)))
    p.set_defaults(handler=commands.serve)


def _add_centers(sub: Any, opts: argparse.ArgumentParser) -> None:
    actions = _group(sub, "center", _("中心账号"))
    p = actions.add_parser("add", parents=[opts], help=_("新建中心账号（显示一次初始密码）"))
    p.add_argument("code", metavar="CODE", help=_("12位统计用区划代码"))
    p.add_argument("--name", required=True, help=_("中心名称"))
    p.set_defaults(handler=commands.center_add)
    p = actions.add_parser("passwd", parents=[opts], help=_("重置密码并注销所有令牌"))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(handler=commands.center_passwd)
    p = actions.add_parser("unlock", parents=[opts], help=_("解除因连续输错密码而锁定的登录"))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(handler=commands.center_unlock)
    p = actions.add_parser("revoke", parents=[opts], help=_("停用中心账号"))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(handler=commands.center_revoke)
    p = actions.add_parser("list", parents=[opts], help=_("列出中心"))
    p.set_defaults(handler=commands.center_list)
    p = actions.add_parser("anchors", parents=[opts],
                           help=_("该中心上报的留痕锚点，以及是否分叉（有分叉时退出码为1）"))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(handler=commands.center_anchors)


def _add_cases(sub: Any, opts: argparse.ArgumentParser) -> None:
    actions = _group(sub, "case", _("办件"))
    p = actions.add_parser("list", parents=[opts], help=_("列出办件"))
    p.add_argument("--center", help=_("只看这个中心"))
    p.add_argument("--state", help="、".join(CaseState))
    p.set_defaults(handler=commands.case_list)
    p = actions.add_parser("show", parents=[opts], help=_("查看一个办件"))
    p.add_argument("number", metavar="CASE_NUMBER")
    p.set_defaults(handler=commands.case_show)
    decide = {name: actions.add_parser(name, parents=[opts], help=help_text)
              for name, help_text in (
                  ("receive", _("接收办件")),
                  ("supplement", _("要求补正材料（--materials 必填）")),
                  ("approve", _("审批通过")),
                  ("deny", _("不予批准（--reason 必填）")),
                  ("ready", _("通知可以取件")))}
    for p in decide.values():
        p.add_argument("number", metavar="CASE_NUMBER")
        p.set_defaults(handler=commands.case_decide)
    decide["supplement"].add_argument("--materials", nargs="+", default=[], metavar="NAME",
                                      help=_("需要补正的材料"))
    for name in ("supplement", "deny"):
        decide[name].add_argument("--reason", help=_("原因"))
    decide["approve"].add_argument("--result", default=_("准予办理"), help=_("办理结果"))
    decide["ready"].add_argument("--place", default=_("原受理窗口"), help=_("取件地点"))
    decide["ready"].add_argument("--note", help=_("取件说明"))


def _add_publishing(sub: Any, opts: argparse.ArgumentParser) -> None:
    for name, help_text, handler in (
        ("catalog", _("发布事项目录（JSON 列表）"), commands.catalog_publish),
        ("calendar", _("发布节假日安排（JSON）"), commands.calendar_publish),
    ):
        p = _group(sub, name, help_text).add_parser("publish", parents=[opts], help=help_text)
        p.add_argument("file", metavar="FILE", type=Path)
        p.set_defaults(handler=handler)
    p = _group(sub, "feed", _("反馈")).add_parser(
        "reset", parents=[opts], help=_("让该中心的反馈游标失效（模拟从备份恢复）"))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(handler=commands.feed_reset)
    p = sub.add_parser("stats", parents=[opts], help=_("各中心积压、逾期与上报统计"))
    p.set_defaults(handler=commands.stats)
    p = sub.add_parser("openapi", parents=[opts], help=_("输出 OpenAPI 文档"))
    p.set_defaults(handler=commands.openapi, needs_hub=False)
    p = sub.add_parser("self-test", parents=[opts],
                       help=_("自检：在临时目录里建账号、登录、发布目录"))
    p.set_defaults(handler=commands.self_test, needs_hub=False)


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="bianmin-hub", description=_("便民上级同步服务与管理命令"))
    parser.add_argument("--data-dir", help=_("数据目录"))
    parser.add_argument("-v", "--verbose", action="store_true", help=_("在终端显示日志"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    sub.required = True
    opts = _options()
    _add_serve(sub, opts)
    _add_centers(sub, opts)
    _add_cases(sub, opts)
    _add_publishing(sub, opts)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.data_dir = resolve_data_dir(args.data_dir)
    if getattr(args, "needs_hub", True):
        configure_logging(args.data_dir / "logs", program="bianmin-hub", verbose=args.verbose)
    return finish(lambda: args.handler(args), log, f"bianmin-hub {args.command}")


if __name__ == "__main__":
    sys.exit(main())
