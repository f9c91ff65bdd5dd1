"""The README's demo: a village center's day, from the kiosk's tickets to the county and back.

1. seeds a demo center in ``demo-data/center`` (staff, groups, windows, the 20 seed items);
2. starts a local county hub (``demo-data/hub``) on 127.0.0.1 and enrolls the center;
3. plays a morning through the real core: tickets issued and called, three cases filed on
   residents' behalf (one incomplete → one-time notice, one accepted → receipt, one not
   accepted → rejection), the PDFs written to ``demo-data/prints``;
4. syncs: the accepted case goes up, the county receives, approves and marks it ready,
   the decision comes back to the same window, which prints the pickup notice;
5. opens the staff client, the kiosk and the call board on this data (when there is a
   display), with the hub and a background sync running, until you close them or press
   Ctrl+C. Without a display the front ends run their self-tests instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))

from core.actor import Actor  # noqa: E402
from core.cases import Agent, Applicant  # noqa: E402
from core.catalog import default_groups, demo_catalog_text  # noqa: E402
from core.center import Center, open_center  # noqa: E402
from core.clock import FixedClock, local  # noqa: E402
from core.identity import mod11_2_check  # noqa: E402

ADMIN = Actor.cli()
CODE = "330110101001"
STAFF = [("admin", "管理员", "admin"), ("zhang", "张站长", "supervisor"),
         ("wang", "王小明", "clerk"), ("li", "李红", "clerk")]


def say(text: str) -> None:
    print(text, flush=True)


def password(user: str) -> str:
    return f"{user}-pass-1"


# --------------------------------------------------------------------- the center

def seed(center: Center, hub_url: str) -> None:
    if center.info is not None:
        return
    center.initialize(CODE, "良渚街道新港村便民服务站", "village")
    for user, name, role in STAFF:
        center.staff.add(ADMIN, user, name, role, password(user))
    groups, _default = default_groups()
    ids = {g.prefix: center.groups.add(ADMIN, g.prefix, g.name).id for g in groups}
    center.windows.save(ADMIN, 1, "1号窗口（综合）", group_ids=list(ids.values()))
    center.windows.save(ADMIN, 2, "2号窗口（民政残联）", group_ids=[ids["B"], ids["C"]])
    staff = {u: center.staff.by_username(u).id for u, _n, _r in STAFF}
    center.windows.assign(ADMIN, 1, staff["wang"], staff["li"])
    center.windows.assign(ADMIN, 2, staff["li"], staff["wang"])
    center.catalog.import_text(demo_catalog_text(), ADMIN)
    for key, value in (("documents.public_status_url", hub_url),
                       ("center.enquiry_phone", "0571-8600 0000"),
                       ("center.place", "新港村村委会一楼便民服务站"),
                       ("sync.interval_seconds", 30),  # decisions show up quickly
                       # The demo has no OS keyring to rely on; a real center leaves this off.
                       ("sync.allow_file_secrets", True)):
        center.settings.set(key, value, ADMIN)


def morning(center: Center, clock: FixedClock, prints: Path) -> dict[str, int]:
    wang = center.windows.actor_at(1, center.staff.by_username("wang").id)
    li = center.windows.actor_at(2, center.staff.by_username("li").id)
    say("== 取号机")
    for prefix, priority in [("A", None), ("B", None), ("B", "elderly"), ("C", None),
                             ("A", None), ("D", None), ("B", None)]:
        clock.advance(minutes=4)
        ticket = center.tickets.issue(prefix, priority)
        stored = center.documents.ticket(ticket.id, Actor.kiosk())
        keep(center, stored.id, prints)
        mark = f"（{ticket.priority.label}优先）" if ticket.priority else ""
        at = local(ticket.issued_at)
        say(f"  {at:%H:%M}  {ticket.number}{mark}  前面还有{ticket.waiting_ahead}人")
    say("== 叫号与代办")
    cases: dict[str, int] = {}
    for window, actor in ((2, li), (1, wang), (2, li)):
        clock.advance(minutes=3)
        called = center.tickets.call_next(window, actor)
        if called is None:
            continue
        ticket = called
        say(f"  {local(clock.now()):%H:%M}  请{ticket.number}号到{window}号窗口办理")
        center.tickets.start(ticket.id, actor)
        cases.update(file_cases(center, actor, ticket.id, len(cases), prints))
    return cases


def file_cases(center: Center, actor: Actor, ticket_id: int, done: int,
               prints: Path) -> dict[str, int]:
    if done == 0:  # 低保: everything brought, on behalf of an elderly villager by her son
        case = center.cases.new(actor, "05-MZ-001", Applicant(
            "张桂英", "11010519491231002X", "13812345678", "新港村3组"),
            agent=Agent("子女代办", name="张建国"), ticket_id=ticket_id)
        center.cases.receive_materials(case.id, [m.name for m in case.blocking], actor)
        case = center.cases.accept(case.id, actor)
        keep(center, center.documents.receipt(case.id, actor).id, prints)
        say(f"    受理 最低生活保障申请，办件编号 {case.case_number}，办结时限 {case.deadline}")
        return {"accepted": case.id}
    if done == 1:  # 优待证: a photo missing → one-time notice
        elder = Applicant("李德福", resident_id("11010519400315003"))
        case = center.cases.new(actor, "20-LL-001", elder, ticket_id=ticket_id)
        center.cases.receive_materials(case.id, [case.materials[0].name], actor)
        case = center.cases.issue_notice(case.id, actor)
        keep(center, center.documents.notice(case.id, actor).id, prints)
        say(f"    一次性告知 老年人优待证办理：还缺 {'、'.join(m.name for m in case.missing)}")
        return {"notice": case.id}
    case = center.cases.new(actor, "20-GA-001",
                            Applicant("王小红", resident_id("11010519920315004")),
                            ticket_id=ticket_id)
    case = center.cases.not_accept(
        case.id, "申请人户籍和居住地均不在本村，居住证应在实际居住地申领",
        "实际居住地社区便民服务站", actor)
    keep(center, center.documents.rejection(case.id, actor).id, prints)
    say("    不予受理 居住证申领：已说明原因和应去的地方")
    return {"rejected": case.id}


def resident_id(first17: str) -> str:
    """A made-up but well-formed ID number (the check character computed, not invented)."""
    return first17 + mod11_2_check(first17)


def keep(center: Center, document_id: int, prints: Path) -> None:
    stored = center.documents.get(document_id)
    prints.mkdir(parents=True, exist_ok=True)
    shutil.copy(stored.path, prints / stored.path.name)


# --------------------------------------------------------------------- the county

def free_port(preferred: int) -> int:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the hub binds
        try:
            sock.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])


def run(*args: str, stdin: str | None = None, check: bool = True) -> str:
    result = subprocess.run([sys.executable, *args], input=stdin, capture_output=True,
                            text=True, cwd=TOP, check=False)
    if check and result.returncode != 0:
        raise SystemExit(f"demo step failed: {' '.join(args)}\n{result.stderr}")
    return result.stdout


def start_hub(hub_dir: Path, port: int) -> subprocess.Popen[bytes]:
    hub = subprocess.Popen([sys.executable, "-m", "sync.hub.cli", "serve", "--data-dir",
                            str(hub_dir), "--port", str(port)], cwd=TOP,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sync/v1/ping", timeout=1)
            return hub
        except OSError:
            time.sleep(0.1)
    hub.kill()
    raise SystemExit("the demo hub did not start")


def enroll(center_dir: Path, hub_dir: Path, url: str) -> None:
    """Give the center its hub account (again, if the hub moved to another port)."""
    with open_center(center_dir) as center:
        if center.sync.hub_url() == url:
            return
    hub = ("-m", "sync.hub.cli")
    if CODE in run(*hub, "center", "list", "--data-dir", str(hub_dir)):
        issued = run(*hub, "center", "passwd", CODE, "--data-dir", str(hub_dir))
    else:
        issued = run(*hub, "center", "add", CODE, "--name", "新港村便民服务站",
                     "--data-dir", str(hub_dir))
    secret = next(line.split("：", 1)[1].strip() for line in issued.splitlines()
                  if line.startswith(("初始密码", "新密码")))
    run("-m", "cli.main", "--data-dir", str(center_dir), "sync", "login", "--hub", url,
        "--account", CODE, "--password-stdin", stdin=secret + "\n")


def county_round_trip(center_dir: Path, hub_dir: Path, case_number: str) -> None:
    cli = ("-m", "cli.main", "--data-dir", str(center_dir))
    hub = ("-m", "sync.hub.cli")
    run(*cli, "sync", "run", "--once")
    say("== 上报县级后，县里看到：")
    for line in run(*hub, "case", "list", "--data-dir", str(hub_dir)).splitlines():
        say("  " + line)
    for action, extra in (("receive", ()), ("approve", ("--result", "准予纳入最低生活保障")),
                          ("ready", ("--place", "新港村便民服务站1号窗口"))):
        run(*hub, "case", action, case_number, *extra, "--data-dir", str(hub_dir))
    run(*cli, "sync", "run", "--once")
    say("== 县里的决定回到了村里：")
    for line in run(*cli, "sync", "status").splitlines()[:8]:
        say("  " + line)


# --------------------------------------------------------------------- front ends

def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def front_ends(center_dir: Path, prints: Path) -> list[list[str]]:
    data = ["--data-dir", str(center_dir)]
    return [[sys.executable, "-m", "staff_client", *data, "--print-to-dir", str(prints)],
            [sys.executable, "-m", "kiosk", *data, "--windowed", "--print-to-dir", str(prints)],
            [sys.executable, "-m", "kiosk", *data, "--board", "--windowed"]]


def run_front_ends(center_dir: Path, prints: Path, hub: subprocess.Popen[bytes]) -> int:
    if not has_display():
        say("== 没有显示器：以自检方式运行工作人员端和取号机（截图见 docs/screenshots/）")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        for command in front_ends(center_dir, prints)[:2]:
            code = subprocess.call([*command[:3], "--data-dir", str(center_dir), "--self-test"],
                                   cwd=TOP, env=env)
            say(f"  {command[2]} 自检：{'通过' if code == 0 else '失败'}")
        return 0
    say("== 正在打开工作人员端、取号机和叫号屏"
        "（登录：wang / wang-pass-1；关闭窗口或 Ctrl+C 结束）")
    children = [subprocess.Popen(c, cwd=TOP) for c in front_ends(center_dir, prints)]
    children.append(subprocess.Popen([sys.executable, "-m", "cli.main", "--data-dir",
                                      str(center_dir), "sync", "run"], cwd=TOP))
    try:
        while children[0].poll() is None and children[1].poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    for child in [*children, hub]:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM if os.name != "nt"
                              else getattr(signal, "CTRL_BREAK_EVENT"))  # noqa: B009  # Windows only
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=TOP / "demo-data")
    parser.add_argument("--port", type=int, default=8750)
    parser.add_argument("--no-gui", action="store_true", help="stop after the county round trip")
    parser.add_argument("--fresh", action="store_true", help="start again from an empty demo")
    args = parser.parse_args()
    if args.fresh:
        shutil.rmtree(args.data_dir, ignore_errors=True)
    center_dir, hub_dir, prints = (args.data_dir / "center", args.data_dir / "hub",
                                   args.data_dir / "prints")
    port = free_port(args.port)
    url = f"http://127.0.0.1:{port}"
    tz = ZoneInfo("Asia/Shanghai")
    start = dt.datetime.combine(dt.datetime.now(tz).date(), dt.time(8, 30), tzinfo=tz)
    clock = FixedClock(max(start, dt.datetime.now(tz)) if args.data_dir.exists() else start)
    hub = start_hub(hub_dir, port)
    try:
        with open_center(center_dir, clock=clock) as center:
            first_run = center.info is None
            seed(center, url)
            info = center.require_info()
            say(f"== {info.name}（{info.code}）  数据：{center_dir}")
            say(f"== 县级同步服务（演示）：{url}    账号 {CODE}")
        enroll(center_dir, hub_dir, url)
        if first_run:
            with open_center(center_dir, clock=clock) as center:
                cases = morning(center, clock, prints)
                accepted = center.cases.get(cases["accepted"])
            assert accepted.case_number is not None
            assert accepted.tracking_code is not None
            county_round_trip(center_dir, hub_dir, accepted.case_number)
            with open_center(center_dir) as center:
                case = center.cases.get(cases["accepted"])
                keep(center, center.documents.pickup(case.id, ADMIN).id, prints)
                say(f"  {case.item.name}：{case.state.label}（{case.result}），已打印取件通知")
                say(f"  群众扫回执二维码可查进度：{url}/t/{accepted.tracking_code}")
                report = center.verify()
            say(f"== 打印件在 {prints}；完整性检查：{'正常' if report.ok else '有问题'}")
        if args.no_gui:
            return 0
        return run_front_ends(center_dir, prints, hub)
    finally:
        if hub.poll() is None:
            hub.terminate()
            hub.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
