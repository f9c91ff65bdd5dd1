"""What each ``bianmin-hub`` subcommand does and prints (tables sized for Chinese text)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import socket
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from core.clock import local
from core.errors import UserFacingError
from core.i18n import _
from core.masking import mask_name
from sync.hub import cases, publishing
from sync.hub.edge import trusted_networks
from sync.hub.limits import Limits
from sync.hub.records import Center
from sync.hub.service import Hub
from sync.protocol import PREFIX


class CommandError(UserFacingError):
    """A problem with how a command was used or with its surroundings (port in use)."""


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)]
        out("  ".join(cells).rstrip())


def _when(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return local(dt.datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError):
        # A time an older hub let in that no calendar converts (year 9999): as stored.
        return value[:16].replace("T", " ")


def _open(args: argparse.Namespace) -> Hub:
    return Hub.open(args.data_dir)


# ------------------------------------------------------------------ serve


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise CommandError(_("无法在 {host}:{port} 上监听：{reason}").format(
            host=host, port=port, reason=exc.strerror or exc)) from None
    return sock


def _limits(args: argparse.Namespace) -> Limits:
    values = {f.name: getattr(args, f.name) for f in dataclasses.fields(Limits)
              if hasattr(args, f.name)}
    for name, value in values.items():
        if value <= 0:
            raise CommandError(_("限流设置 {name} 必须大于0").format(name=name))
    return Limits(**values)


def serve(args: argparse.Namespace) -> int:
    import uvicorn  # only this command needs the web stack

    from sync.hub.app import create_app

    if args.access_ttl < 1:
        raise CommandError(_("--access-ttl 至少为1秒"))
    limits = _limits(args)
    try:
        trusted = trusted_networks(args.trusted_proxy)
    except ValueError as exc:
        raise CommandError(_("--trusted-proxy 不是地址或网段：{reason}").format(
            reason=exc)) from None
    if args.stats_keep < 1:
        raise CommandError(_("--stats-keep 至少为1"))
    sock = _bind(args.host, args.port)
    with Hub.open(args.data_dir, access_ttl=args.access_ttl, limits=limits,
                  stats_keep=args.stats_keep) as hub:
        app = create_app(hub, limits=limits, trusted_proxies=[str(n) for n in trusted])
        # proxy_headers=False: the client address is the hub's decision (--trusted-proxy),
        # not uvicorn's default trust of 127.0.0.1.
        config = uvicorn.Config(app, log_config=None, access_log=False,
                                server_header=False, proxy_headers=False)
        host = f"[{args.host}]" if ":" in args.host else args.host
        out(_("便民上级服务已启动：{url}（数据目录 {path}）").format(
            url=f"http://{host}:{args.port}{PREFIX}", path=args.data_dir))
        uvicorn.Server(config).run(sockets=[sock])
    return 0


# ------------------------------------------------------------------ centers


def center_add(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        password = hub.add_center(args.code, args.name)
    out(_("已创建中心：{code} {name}").format(code=args.code.strip(), name=args.name.strip()))
    out(_("账号：{code}").format(code=args.code.strip()))
    out(_("初始密码：{password}").format(password=password))
    out(_("（密码只显示这一次，请转交中心管理员妥善保管）"))
    return 0


def center_passwd(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        password = hub.reset_password(args.code)
    out(_("新密码：{password}").format(password=password))
    out(_("（该中心所有设备的登录已失效，需要用新密码重新登录）"))
    return 0


def center_unlock(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        was_locked = hub.unlock(args.code)
    code = args.code.strip()
    out(_("已解除中心 {code} 的登录锁定").format(code=code) if was_locked
        else _("中心 {code} 没有被锁定").format(code=code))
    return 0


def center_revoke(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        hub.revoke_center(args.code)
    out(_("已停用中心 {code}：它的所有请求都将被拒绝").format(code=args.code.strip()))
    return 0


def _state(center: Center, now: dt.datetime) -> str:
    if center.revoked:
        return _("已停用")
    if center.locked_until and dt.datetime.fromisoformat(center.locked_until) > now:
        return _("登录已锁定至{time}").format(time=_when(center.locked_until)[-5:])
    return _("正常")


def center_list(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        centers = hub.centers()
        forks = hub.anchor_forks()
    now = dt.datetime.now(dt.UTC)
    table([_("代码"), _("名称"), _("状态"), _("反馈纪元"), _("留痕"), _("创建时间")], [
        [c.code, c.name, _state(c, now), str(c.feed_epoch),
         _("分叉{n}处").format(n=forks[c.code]) if forks.get(c.code) else _("正常"),
         _when(c.created_at)] for c in centers
    ])
    return 0


def center_anchors(args: argparse.Namespace) -> int:
    """A center's audit anchors; exit 1 when one of them forks from the one before."""
    with _open(args) as hub:
        anchors = hub.anchors(args.code)
    if not anchors:
        out(_("还没有收到中心 {code} 的留痕锚点").format(code=args.code.strip()))
        return 0
    table([_("收到时间"), _("条数"), _("最后一条的哈希"), _("接上第几条"), _("判断")], [
        [_when(a.received_at), str(a.count), a.head_hash[:12] + "…",
         "—" if a.prev_count is None else str(a.prev_count),
         _("正常") if a.fork is None else _("分叉：{reason}").format(reason=a.fork)]
        for a in anchors
    ])
    forks = sum(1 for a in anchors if a.fork is not None)
    out()
    if forks:
        out(_("共{n}个锚点，其中{forks}处分叉。该中心的留痕被删改过，或恢复过旧备份"
              "（请核对该中心的恢复记录）").format(n=len(anchors), forks=forks))
        return 1
    out(_("共{n}个锚点，没有分叉").format(n=len(anchors)))
    return 0


# ------------------------------------------------------------------ cases


def case_list(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        found = hub.cases(center_code=args.center, state=args.state)
    table([_("办件编号"), _("中心"), _("事项"), _("状态"), _("办结期限"), _("更新时间")], [
        [c.case_number or "—", c.center_code, c.item_name, cases.label(c.state),
         c.deadline or "—", _when(c.updated_at)] for c in found
    ])
    return 0


def case_show(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        detail = hub.case_detail(args.number)
    c = detail.case
    for key, value in [
        (_("办件编号"), c.case_number or "—"), (_("上级编号"), c.hub_case_number or "—"),
        (_("中心"), c.center_code), (_("事项"), f"{c.item_name}（{c.item_code}）"),
        (_("申请人"), mask_name(c.applicant_name)), (_("状态"), cases.label(c.state)),
        (_("受理时间"), _when(c.accepted_at)),
        (_("办结期限"), (c.deadline or "—") + (_("（暂定）") if c.deadline_provisional else "")),
        (_("更新时间"), _when(c.updated_at)),
    ]:
        out(f"{key}：{value}")
    out()
    out(_("中心上报的事件："))
    table([_("序号"), _("类型"), _("结果"), _("原因"), _("收到时间")], [
        [str(e.seq), e.type, e.outcome, e.reason or "", _when(e.received_at)]
        for e in detail.events
    ])
    out()
    out(_("发给中心的反馈："))
    table([_("反馈序号"), _("类型"), _("时间")], [
        [str(f.seq), f.type, _when(f.created_at)] for f in detail.feed
    ])
    return 0


def case_decide(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        if args.action == "receive":
            hub.receive(args.number)
        elif args.action == "supplement":
            hub.request_supplement(args.number, args.materials, args.reason)
        elif args.action == "approve":
            hub.approve(args.number, args.result)
        elif args.action == "deny":
            hub.deny(args.number, args.reason)
        else:
            hub.ready(args.number, args.place, args.note)
        state = hub.case_detail(args.number).case.state
    out(_("办件 {number} 现在是：{state}").format(number=args.number, state=cases.label(state)))
    return 0


# ------------------------------------------------------------------ publishing, feed, stats


def catalog_publish(args: argparse.Namespace) -> int:
    items = publishing.read_json_file(args.file)
    with _open(args) as hub:
        version, centers = hub.publish_catalog(items)
    out(_("已发布事项目录第{version}版（{n}个事项），发往{centers}个中心").format(
        version=version, n=len(items), centers=centers))
    return 0


def calendar_publish(args: argparse.Namespace) -> int:
    doc = publishing.read_json_file(args.file)
    with _open(args) as hub:
        payload, centers = hub.publish_calendar(doc)
    out(_("已发布{year}年节假日安排（{n}天），发往{centers}个中心").format(
        year=payload["year"], n=len(payload["days"]), centers=centers))
    return 0


def feed_reset(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        epoch = hub.reset_feed(args.code)
    out(_("中心 {code} 的反馈游标已失效（新纪元 {epoch}），它下次同步时会重新获取全部状态").format(
        code=args.code.strip(), epoch=epoch))
    return 0


def _figures(values: object) -> str:
    if not isinstance(values, dict) or not values:
        return "—"
    text = " ".join(f"{k}={v}" for k, v in values.items() if not isinstance(v, dict | list))
    return text[:60] or "—"


def stats(args: argparse.Namespace) -> int:
    with _open(args) as hub:
        rows = hub.overview()
    poor = ("dissatisfied", "very_dissatisfied")
    table([_("中心"), _("名称"), _("在办"), _("逾期"), _("待补正"), _("差评"), _("最近上报"),
           _("排队")], [
        [r.center.code, r.center.name + (_("（已停用）") if r.center.revoked else ""),
         str(r.open_cases), str(r.overdue), str(r.waiting_supplement),
         str(sum(r.ratings.get(level, 0) for level in poor)),
         _when(r.stats.received_at) if r.stats else "—",
         _figures(r.stats.payload.get("queue")) if r.stats else "—"]
        for r in rows
    ])
    return 0


def openapi(args: argparse.Namespace) -> int:
    from sync.hub.app import create_app
    from sync.hub.openapi_doc import render

    sys.stdout.write(render(create_app()))
    return 0


def self_test(args: argparse.Namespace) -> int:
    """Prove an installation works: a throwaway hub store, an account, a login, the app."""
    import json
    import tempfile

    import uvicorn  # noqa: F401 - the frozen bundle must carry the server

    from core.catalog import demo_catalog_text
    from sync.hub.app import create_app
    from sync.hub.openapi_doc import render
    from sync.protocol import LoginRequest

    with tempfile.TemporaryDirectory(prefix="bianmin-hub-selftest-") as tmp, \
            Hub.open(Path(tmp)) as hub:
        password = hub.add_center("330110101001", "自检站")
        hub.publish_catalog(json.loads(demo_catalog_text()))
        tokens = hub.login(LoginRequest("330110101001", password, "self-test"))
        ok = (hub.authenticate(tokens.access_token) == "330110101001"
              and hub.status("3301101010012026112700012ABCDEF") is None
              and "/sync/v1/events:batch" in render(create_app(hub)))
    out(_("自检通过") if ok else _("自检失败"))
    return 0 if ok else 1
