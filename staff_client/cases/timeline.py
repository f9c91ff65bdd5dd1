"""A case's history as the clerk reads it: every step taken at the window, every document
made or printed, and every decision that came back from the county (上级反馈)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from core.cases import Case
from core.center import Center
from core.clock import from_iso
from core.i18n import _

ACTION_LABELS = {
    "new": _("建档，开始受理"), "issue_notice": _("出具一次性告知单"), "accept": _("受理"),
    "complete_on_the_spot": _("当场办结"), "not_accept": _("不予受理"), "withdraw": _("撤回"),
    "submitted": _("已上报县级"), "hub_received": _("县级已接收"),
    "hub_supplement": _("县级要求补正材料"), "supply": _("群众补交材料"),
    "hub_approved": _("县级已批准"), "hub_denied": _("县级未批准"),
    "hub_ready": _("结果已到，可以领取"), "pick_up": _("结果已交付（取件）"),
    "hub_ignored": _("县级反馈（与本地状态不符，已记录）"),
}


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    what: str
    who: str
    note: str
    upstream: bool
    rank: int


def note_for(detail: dict[str, Any]) -> str:
    parts = []
    if detail.get("missing"):
        parts.append(_("缺：{names}").format(names="、".join(detail["missing"])))
    if detail.get("deferred"):
        parts.append(_("容缺后补：{names}").format(names="、".join(detail["deferred"])))
    if detail.get("materials"):
        parts.append(_("材料：{names}").format(names="、".join(map(str, detail["materials"]))))
    for key, label in (("reason", _("原因")), ("result", _("结果")), ("by", _("领取人")),
                       ("pickup_place", _("领取地点")), ("hub_action", _("县级操作"))):
        if detail.get(key):
            parts.append(f"{label}：{detail[key]}")
    return "；".join(parts)


def steps(center: Center, case: Case) -> list[Step]:
    names = {m.id: m.name for m in center.staff.all()}

    def who(staff_id: int | None, on_behalf_of: int | None, action: str) -> str:
        if staff_id is None:
            return _("县级") if action.startswith("hub_") else _("系统（同步）")
        name = names.get(staff_id, str(staff_id))
        if on_behalf_of is not None:
            name += _("（代A岗 {name}）").format(name=names.get(on_behalf_of, on_behalf_of))
        return name

    found: list[Step] = []
    for event in center.cases.timeline(case.id):
        action = str(event["action"])
        found.append(Step(from_iso(event["at"]), ACTION_LABELS.get(action, action),
                          who(event["staff_id"], event["on_behalf_of"], action),
                          note_for(event["detail"]), action.startswith("hub_"),
                          0 if action == "new" else 2))
    received: dict[dt.datetime, list[str]] = {}
    for name, at in center.case_queries.material_receipts(case.id):
        received.setdefault(at, []).append(name)
    for at, materials in received.items():  # one line per tick of the checklist
        found.append(Step(at, _("收到材料{n}项").format(n=len(materials)), "",
                          "、".join(materials), False, 1))
    for paper in center.documents.papers_for_case(case.id):
        number = paper.number or ""
        found.append(Step(paper.created_at, _("生成{kind}").format(kind=paper.kind.label), "",
                          number, False, 3))
        if paper.printed_at is not None:
            found.append(Step(paper.printed_at, _("已打印{kind}").format(kind=paper.kind.label),
                              "", number, False, 4))
        elif paper.print_failed:
            found.append(Step(paper.created_at, _("{kind}打印失败，待补打").format(
                kind=paper.kind.label), "", paper.print_error or "", False, 4))
    return sorted(found, key=lambda s: (s.at, s.rank))
