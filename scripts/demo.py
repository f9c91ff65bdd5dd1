"""The README's demo: a village center's morning, from the kiosk's tickets to the windows.

Creates (or reuses) a demo center in ``demo-data/`` (override with ``--data-dir``), then
plays a morning of tickets through the real core: issuing, calling, recalls, a no-show,
a priority ticket, a transfer; prints what the call board would say and the day's figures,
and finishes with the integrity check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.center import Center, open_center
from core.clock import FixedClock, local
from core.tickets import TicketState

TOP = Path(__file__).resolve().parent.parent
ADMIN = Actor.cli()
GROUPS = [("A", "社保医保"), ("B", "民政救助"), ("C", "残疾人和老年人服务"), ("D", "综合受理")]


def seed(center: Center) -> None:
    if center.info is not None:
        return
    center.initialize("330110101001", "良渚街道新港村便民服务站", "village")
    center.staff.add(ADMIN, "admin", "管理员", "admin", "admin-pass-1")
    center.staff.add(ADMIN, "zhang", "张站长", "supervisor", "zhang-pass-1")
    center.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    center.staff.add(ADMIN, "li", "李红", "clerk", "li-pass-1")
    ids = {prefix: center.groups.add(ADMIN, prefix, name).id for prefix, name in GROUPS}
    center.windows.save(ADMIN, 1, "1号窗口（综合）", group_ids=list(ids.values()))
    center.windows.save(ADMIN, 2, "2号窗口（民政残联）", group_ids=[ids["B"], ids["C"]])
    center.windows.assign(ADMIN, 1, center.staff.by_username("wang").id,
                          center.staff.by_username("li").id)
    center.windows.assign(ADMIN, 2, center.staff.by_username("li").id, None)


def morning(center: Center, clock: FixedClock) -> None:
    wang = center.windows.actor_at(1, center.staff.by_username("wang").id)
    li = center.windows.actor_at(2, center.staff.by_username("li").id)
    arrivals = [("A", None), ("B", None), ("A", "elderly"), ("C", None), ("A", None),
                ("B", "disabled"), ("D", None), ("A", None), ("C", "elderly"), ("B", None)]
    print("== 取号机")
    for prefix, priority in arrivals:
        clock.advance(minutes=3)
        t = center.tickets.issue(prefix, priority)
        mark = f"（{t.priority.label}优先）" if t.priority else ""
        at = local(t.issued_at).strftime("%H:%M")
        print(f"  {at}  {t.number}{mark}  前面还有{t.waiting_ahead}人")
    print("== 叫号屏")
    for step in range(8):
        for window, actor in ((1, wang), (2, li)):
            clock.advance(minutes=4)
            current = center.tickets.current(window)
            if current is not None and current.state is TicketState.CALLED:
                if current.recall_count < 2 and step == 1 and window == 2:
                    center.tickets.recall(current.id, actor)
                    print(f"  请{current.number}号到{window}号窗口办理（重呼）")
                    continue
                center.tickets.start(current.id, actor)
            ticket = center.tickets.call_next(window, actor)
            if ticket is not None:
                at = local(clock.now()).strftime("%H:%M")
                print(f"  {at}  请{ticket.number}号到{window}号窗口办理")


def figures(center: Center) -> None:
    tickets = center.tickets.for_day(center.tickets.today())
    waits = [w for t in tickets if (w := center.tickets.times(t.id).wait_seconds) is not None]
    print("== 今日统计")
    print(f"  取号 {len(tickets)} 张；已叫 {len(waits)} 张；"
          f"平均等候 {statistics.mean(waits) / 60:.1f} 分钟" if waits else "  尚未叫号")
    by_state: dict[str, int] = {}
    for t in tickets:
        by_state[t.state.label] = by_state.get(t.state.label, 0) + 1
    print("  " + "，".join(f"{k} {v}" for k, v in by_state.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=TOP / "demo-data")
    args = parser.parse_args()
    tz = ZoneInfo("Asia/Shanghai")
    today = dt.datetime.now(tz).date()
    start = dt.datetime.combine(today, dt.time(8, 30), tzinfo=tz)
    clock = FixedClock(start)
    with open_center(args.data_dir, clock=clock) as center:
        seed(center)
        info = center.require_info()
        print(f"== {info.name}（{info.code}）  数据目录：{args.data_dir}")
        if center.tickets.for_day(center.tickets.today()):
            clock.set(max(start, dt.datetime.now(tz)))
        morning(center, clock)
        figures(center)
        report = center.verify()
        print(f"== 完整性检查：{'正常' if report.ok else '有问题'}（留痕 {report.chain.rows} 条）")
        return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
