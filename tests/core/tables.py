"""The ticket and case state machines as DESIGN.md §3 describes them, written by hand for the
tests (never imported from the code they check). ``action -> {from state: to state}``;
every pair not listed must be refused.

Transfers: DESIGN §3 lists ``waiting|called → transferred``. Bianmin also lets a clerk send
the villager being served (or on hold) to another group's queue — the "redirect" every
hall system offers (NovoSGA redirects the attended ticket) — so ``serving`` and ``held``
are allowed too; docs/architecture.md records the departure.
"""

from __future__ import annotations

TICKET_STATES = ("waiting", "called", "serving", "held", "done", "no_show", "cancelled",
                 "expired")
TICKET_TABLE: dict[str, dict[str, str]] = {  # action -> {from state: to state}
    "call": {"waiting": "called"},
    "recall": {"called": "called"},
    "start": {"called": "serving"},
    "finish": {"serving": "done"},
    "no_show": {"called": "no_show"},
    "reactivate": {"no_show": "waiting"},
    "hold": {"serving": "held"},
    "unhold": {"held": "serving"},
    "transfer": {"waiting": "waiting", "called": "waiting", "serving": "waiting",
                 "held": "waiting"},
    "cancel": {"waiting": "cancelled"},
}
# Where a more specific reason than the state applies, the refusal says that instead.
TICKET_REASONS = {("call", "expired"): "只能叫当天的号",
                  ("reactivate", "expired"): "只能恢复当天的过号"}
TICKET_LABELS = {"waiting": "等候中", "called": "已叫号", "serving": "办理中", "held": "挂起",
                 "done": "已办结", "no_show": "过号", "cancelled": "已取消",
                 "expired": "已过期"}

CASE_STATES = ("draft", "notice_issued", "accepted", "submitted", "received",
               "supplement_requested", "approved", "denied", "ready_for_pickup", "completed",
               "not_accepted", "withdrawn")
CLERK_TABLE: dict[str, dict[str, str]] = {
    "issue_notice": {"draft": "notice_issued", "notice_issued": "notice_issued"},
    "accept": {"draft": "accepted", "notice_issued": "accepted"},
    "not_accept": {"draft": "not_accepted", "notice_issued": "not_accepted"},
    "withdraw": {s: "withdrawn" for s in ("draft", "notice_issued", "accepted", "submitted",
                                           "received", "supplement_requested")},
    "supply": {"supplement_requested": "received"},
    "pick_up": {"ready_for_pickup": "completed", "denied": "completed"},
}
# The hub owns a case once it has it: a decision that does not fit is kept on the
# timeline as "hub_ignored" and changes nothing else.
HUB_TABLE: dict[str, dict[str, str]] = {
    "hub_received": {"accepted": "received", "submitted": "received"},
    "hub_supplement": {s: "supplement_requested" for s in ("accepted", "submitted",
                                                            "received")},
    "hub_approved": {s: "approved" for s in ("accepted", "submitted", "received")},
    "hub_denied": {s: "denied" for s in ("accepted", "submitted", "received")},
    "hub_ready": {s: "ready_for_pickup" for s in ("approved", "submitted", "received")},
}
CASE_LABELS = {"draft": "填写中", "notice_issued": "已一次性告知，待补齐材料",
               "accepted": "已受理，待上报", "submitted": "已上报县级",
               "received": "县级已接收，审核中", "supplement_requested": "需补正材料",
               "approved": "已批准", "denied": "未批准", "ready_for_pickup": "可以领取结果",
               "completed": "已办结", "not_accepted": "不予受理", "withdrawn": "已撤回"}
TERMINAL_CASE_STATES = frozenset({"completed", "not_accepted", "withdrawn"})
TERMINAL_TICKET_STATES = frozenset({"done", "cancelled", "expired"})
