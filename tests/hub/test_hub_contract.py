"""Both ends of the contract: what a center's books (``core``) queue for upload is what the
hub validates and accepts, through a whole case's life and a poor rating's follow-up."""

from __future__ import annotations

import json
from typing import Any

from core import outbox as core_outbox
from core import ratings as core_ratings
from core.actor import Actor
from core.cases import Applicant
from core.center import Center
from sync import protocol
from tests.helpers import CENTER_CODE
from tests.hub.hubkit import CenterClient, HubProcess, add_center, hub_case

RESIDENT = Applicant("张三丰", "11010519491231002X", "13812345678", "良渚街道新港村3组")
DIBAO = "05-MZ-001"


def _outbox(desk: Center) -> list[dict[str, Any]]:
    """Outbox rows as the client engine will put them on the wire."""
    return [{
        "event_id": r["event_id"], "case_id": r["stream_id"], "seq": r["stream_seq"],
        "type": r["type"], "occurred_at": r["occurred_at"],
        "operator": json.loads(r["operator"]), "payload": json.loads(r["payload"]),
        "payload_sha256": r["payload_sha256"],
    } for r in desk.db.all("SELECT * FROM outbox ORDER BY id")]


class Uplink:
    def __init__(self, desk: Center, client: CenterClient) -> None:
        self.desk, self.client, self.sent = desk, client, set[str]()

    def push_new(self) -> list[tuple[str, str]]:
        events = [e for e in _outbox(self.desk) if e["event_id"] not in self.sent]
        results = self.client.push_ok(events)
        self.sent.update(e["event_id"] for e in events)
        return [(e["type"], r["outcome"]) for e, r in zip(events, results, strict=True)]


def _complete(desk: Center, case_id: int, clerk: Actor) -> None:
    case = desk.cases.get(case_id)
    desk.cases.receive_materials(case_id, [m.name for m in case.blocking], clerk)


def test_every_event_core_queues_is_accepted_by_the_hub(hub: HubProcess, desk: Center) -> None:
    code, password = add_center(hub.data_dir, CENTER_CODE)
    uplink = Uplink(desk, CenterClient(hub, code, password).login())
    clerk = Actor(desk.staff.by_username("wang").id, "staff")
    chief = Actor(desk.staff.by_username("zhang").id, "staff")

    case = desk.cases.new(clerk, DIBAO, RESIDENT)
    desk.cases.issue_notice(case.id, clerk)
    _complete(desk, case.id, clerk)
    case = desk.cases.accept(case.id, clerk)
    refused = desk.cases.new(clerk, DIBAO, RESIDENT)
    desk.cases.not_accept(refused.id, "不属于本村受理范围", "县民政局", clerk)
    gone = desk.cases.new(clerk, DIBAO, RESIDENT)
    _complete(desk, gone.id, clerk)
    desk.cases.accept(gone.id, clerk)
    desk.cases.withdraw(gone.id, "群众申请撤回", clerk)
    assert uplink.push_new() == [
        ("notice_issued", "accepted"), ("case_accepted", "accepted"),
        ("case_not_accepted", "accepted"), ("case_accepted", "accepted"),
        ("case_withdrawn", "accepted")]

    number = case.case_number
    assert number is not None
    assert hub.cli("case", "supplement", number, "--materials", "收入证明").code == 0
    with desk.db.write():  # what the client engine will do with those feed items
        desk.cases.apply_feedback(case.uuid, "hub_received", {"hub_case_number": "H1"}, {})
        desk.cases.apply_feedback(case.uuid, "hub_supplement", {}, {"materials": ["收入证明"]})
    desk.cases.supply(case.id, ["收入证明"], clerk)
    assert uplink.push_new() == [("materials_supplied", "accepted")]

    assert hub.cli("case", "approve", number, "--result", "同意纳入低保").code == 0
    assert hub.cli("case", "ready", number, "--place", "村便民服务站").code == 0
    with desk.db.write():
        desk.cases.apply_feedback(case.uuid, "hub_approved", {"result": "同意纳入低保"}, {})
        desk.cases.apply_feedback(case.uuid, "hub_ready", {"pickup_place": "村便民服务站"}, {})
    desk.cases.pick_up(case.id, clerk)
    desk.ratings.rate(Actor.kiosk(), "dissatisfied", case_id=case.id, comment="等了很久")
    [follow_up] = desk.ratings.follow_ups()
    desk.ratings.close_follow_up(follow_up.id, "已电话回访并致歉", chief)
    assert uplink.push_new() == [("case_picked_up", "accepted"), ("rating_given", "accepted"),
                                 ("follow_up_closed", "accepted")]

    hub_view = hub_case(hub.data_dir, number)
    assert hub_view is not None
    assert hub_view.state == "completed"
    # Resending everything (a client that lost its acknowledgements) changes nothing.
    outcomes = {r["outcome"] for r in uplink.client.push_ok(_outbox(desk))}
    assert outcomes == {"duplicate"}


def test_both_ends_share_one_vocabulary() -> None:
    # One definition each, in core's database-free vocabulary modules (not two copies kept
    # equal by a test): the outbox, the ratings service and the wire use the same enums.
    assert core_outbox.EventType is protocol.EventType
    assert core_ratings.RatingLevel is protocol.RatingLevel
