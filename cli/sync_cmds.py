"""``bianmin sync login | run | status``: the upward link from a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import threading
from types import FrameType
from typing import Any

from cli.common import CommandError, open_from, out
from core.actor import Actor
from core.cases import CaseState
from core.center import Center
from core.clock import local
from core.i18n import _
from core.outbox import OutboxState
from core.sync_link import SyncStatus
from sync.client.engine import RunReport, engine_for
from sync.client.login import check_account, log_in


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    s = sub.add_parser("sync", help=_("与上级（县级）同步")).add_subparsers(dest="action")
    s.required = True
    p = s.add_parser("login", parents=[parent], help=_("用本中心的上级账号登录（当场验证）"))
    p.add_argument("--hub", required=True, help=_("上级地址，如 https://hub.example.gov.cn"))
    p.add_argument("--account", required=True, help=_("上级账号（本中心的12位代码）"))
    p.add_argument("--password-stdin", action="store_true", help=_("从标准输入读取密码"))
    p.set_defaults(handler=login)
    p = s.add_parser("run", parents=[parent], help=_("同步：上报待上报记录，取回上级反馈"))
    p.add_argument("--once", action="store_true", help=_("只同步一次（默认按间隔一直运行）"))
    p.add_argument("--retry-now", action="store_true",
                   help=_("不等退避时间，所有待上报记录立即重试"))
    p.set_defaults(handler=run)
    p = s.add_parser("status", parents=[parent], help=_("同步状态与需要处理的记录"))
    p.set_defaults(handler=status)


# ------------------------------------------------------------------ login


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise CommandError(_("没有从标准输入读到密码"))
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandError(_("请在终端输入密码，或使用 --password-stdin 从标准输入读取"))
    import getpass

    return getpass.getpass(_("上级账号密码："))


def login(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        check_account(center, args.account)
        done = log_in(center, args.hub, args.account, _password(args), Actor.cli())
    out(_("已登录上级：{name}（{code}）").format(name=done.center_name, code=done.center_code))
    out(_("上级地址：{url}").format(url=done.hub_url))
    return 0


# ------------------------------------------------------------------ run


def _print_report(report: RunReport) -> None:
    if report.busy:
        return
    p = report.pushed
    out(_("上报：成功{acked}条，退回{rejected}条，隔离{quarantined}条，稍后重试{later}条").format(
        acked=p.acked, rejected=p.rejected, quarantined=p.quarantined,
        later=p.retry + p.missing))
    f = report.feed
    out(_("反馈：取回{items}条，更新办件{applied}条").format(items=f.items, applied=f.applied)
        + (_("（已按上级全量状态重建）") if report.rebaselined else ""))
    for problem in f.problems:
        out(_("注意：{problem}").format(problem=problem))


def _run_once(center: Center) -> int:
    engine = engine_for(center)
    try:
        report = engine.run_once()
    finally:
        engine.transport.close()
    _print_report(report)
    if report.paused:
        raise CommandError(_("同步已暂停：{reason}").format(reason=report.paused))
    if report.error:
        raise CommandError(report.error)
    out(_("同步完成"))
    return 0


def run(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        if args.retry_now:
            n = center.outbox.retry_now(Actor.cli())
            out(_("{n}条记录改为立即重试").format(n=n))
        if args.once:
            return _run_once(center)
        engine = engine_for(center)

        def _stop(signum: int, frame: FrameType | None) -> None:
            engine.stop()

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _stop)
        out(_("自动同步已启动（每{n}秒一次），按 Ctrl+C 停止").format(n=int(engine.interval)))
        try:
            engine.run_forever()
        finally:
            engine.transport.close()
    return 0


# ------------------------------------------------------------------ status


def _when(moment: dt.datetime | None) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


def _age(delta: dt.timedelta | None) -> str:
    if delta is None:
        return "—"
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return _("{n}分钟").format(n=minutes)
    if minutes < 48 * 60:
        return _("{h}小时{m}分钟").format(h=minutes // 60, m=minutes % 60)
    return _("{d}天").format(d=minutes // (24 * 60))


def _skew(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    text = _("{s:+.0f}秒（上级时钟减本机时钟）").format(s=seconds)
    if abs(seconds) > 300:
        text += _("　本机时间偏差较大，请校准时间")
    return text


def print_status(st: SyncStatus) -> None:
    out(_("上级地址：{url}").format(url=st.hub_url or _("（未登录）")))
    out(_("上级账号：{account}{name}").format(
        account=st.account or "—", name=f"（{st.center_name}）" if st.center_name else ""))
    if st.paused_reason:
        out(_("状态：已暂停：{reason}").format(reason=st.paused_reason))
    out(_("记录：") + "，".join(
        f"{s.label}{st.counts.get(s.value, 0)}" for s in OutboxState))
    out(_("最早待上报：{age}").format(age=_age(st.oldest_pending_age)))
    out(_("办件：") + ("，".join(f"{CaseState(s).label}{n}" for s, n in st.case_counts.items())
                      or _("无")))
    out(_("上次尝试：{at}").format(at=_when(st.last_attempt_at)))
    out(_("上次成功：{at}").format(at=_when(st.last_success_at)))
    if st.last_error:
        out(_("上次错误：{error}（{at}）").format(error=st.last_error,
                                                at=_when(st.last_error_at)))
    out(_("时钟偏差：{skew}").format(skew=_skew(st.skew_seconds)))
    if st.feed_problem:
        out(_("反馈问题：{problem}").format(problem=st.feed_problem))
    if not st.attention:
        out(_("需要处理：无"))
        return
    out(_("需要处理（{n}条）：").format(n=len(st.attention)))
    for row in st.attention:
        out(f"  {row.case_number or '—'}  {row.type_label}  {row.state.label}  "
            f"{_('重试{n}次').format(n=row.attempts)}  {row.reason}")


def status(args: argparse.Namespace) -> int:
    with open_from(args) as center:
        print_status(center.sync.status())
    return 0
