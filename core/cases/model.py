"""What a case (办件) is: its states, the allowed transitions, and its read model."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum

from core.catalog_model import CatalogItem, Requirement
from core.clock import from_iso
from core.db import Row
from core.i18n import _


class CaseState(StrEnum):
    DRAFT = "draft"
    NOTICE_ISSUED = "notice_issued"
    ACCEPTED = "accepted"
    SUBMITTED = "submitted"
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    APPROVED = "approved"
    DENIED = "denied"
    READY_FOR_PICKUP = "ready_for_pickup"
    COMPLETED = "completed"
    NOT_ACCEPTED = "not_accepted"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "draft": _("填写中"), "notice_issued": _("已一次性告知，待补齐材料"),
            "accepted": _("已受理，待上报"), "submitted": _("已上报县级"),
            "received": _("县级已接收，审核中"), "supplement_requested": _("需补正材料"),
            "approved": _("已批准"), "denied": _("未批准"),
            "ready_for_pickup": _("可以领取结果"), "completed": _("已办结"),
            "not_accepted": _("不予受理"), "withdrawn": _("已撤回"),
        }[self.value]

    @property
    def next_step(self) -> str:
        """What the resident should do next, in plain words."""
        return {
            "draft": _("工作人员正在为您填写申请。"),
            "notice_issued": _("请按一次性告知单带齐材料再来。"),
            "accepted": _("申请已受理，正在上报，请耐心等待。"),
            "submitted": _("申请已交县里审核，请耐心等待，不用跑县城。"),
            "received": _("县里正在审核，请耐心等待。"),
            "supplement_requested": _("需要补交材料，请带上材料到村便民服务站。"),
            "approved": _("已批准，结果送到村里后会通知您领取。"),
            "denied": _("未批准。请到村便民服务站了解原因和救济途径。"),
            "ready_for_pickup": _("结果已到，请带身份证到村便民服务站领取。"),
            "completed": _("已办结，谢谢您的耐心。"),
            "not_accepted": _("未受理。请看不予受理通知书上的原因和应去的部门。"),
            "withdrawn": _("申请已撤回。"),
        }[self.value]


S = CaseState
# action -> (states it may start from, state it ends in)
TRANSITIONS: dict[str, tuple[frozenset[CaseState], CaseState]] = {
    "issue_notice": (frozenset({S.DRAFT, S.NOTICE_ISSUED}), S.NOTICE_ISSUED),
    "accept": (frozenset({S.DRAFT, S.NOTICE_ISSUED}), S.ACCEPTED),
    "complete_on_the_spot": (frozenset({S.ACCEPTED}), S.COMPLETED),
    "not_accept": (frozenset({S.DRAFT, S.NOTICE_ISSUED}), S.NOT_ACCEPTED),
    "withdraw": (frozenset({S.DRAFT, S.NOTICE_ISSUED, S.ACCEPTED, S.SUBMITTED, S.RECEIVED,
                            S.SUPPLEMENT_REQUESTED}), S.WITHDRAWN),
    "submitted": (frozenset({S.ACCEPTED}), S.SUBMITTED),
    "hub_received": (frozenset({S.ACCEPTED, S.SUBMITTED}), S.RECEIVED),
    "hub_supplement": (frozenset({S.ACCEPTED, S.SUBMITTED, S.RECEIVED}), S.SUPPLEMENT_REQUESTED),
    "supply": (frozenset({S.SUPPLEMENT_REQUESTED}), S.RECEIVED),
    "hub_approved": (frozenset({S.ACCEPTED, S.SUBMITTED, S.RECEIVED}), S.APPROVED),
    "hub_denied": (frozenset({S.ACCEPTED, S.SUBMITTED, S.RECEIVED}), S.DENIED),
    "hub_ready": (frozenset({S.APPROVED, S.SUBMITTED, S.RECEIVED}), S.READY_FOR_PICKUP),
    "pick_up": (frozenset({S.READY_FOR_PICKUP, S.DENIED}), S.COMPLETED),
}

# States in which the deadline clock runs.
CLOCK_RUNNING = frozenset({S.ACCEPTED, S.SUBMITTED, S.RECEIVED})
OPEN_STATES = frozenset(S) - {S.COMPLETED, S.NOT_ACCEPTED, S.WITHDRAWN}


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"
    CREDIT_CODE = "credit_code"

    @property
    def label(self) -> str:
        return _("居民身份证") if self is IdType.RESIDENT_ID else _("统一社会信用代码")


@dataclass(frozen=True)
class CaseMaterial:
    name: str
    requirement: Requirement
    received: bool

    @property
    def missing_blocks_acceptance(self) -> bool:
        return self.requirement is Requirement.REQUIRED and not self.received


@dataclass(frozen=True)
class Case:
    id: int
    uuid: str
    state: CaseState
    item: CatalogItem
    catalog_version: str
    applicant_name: str = field(repr=False)
    applicant_id_type: IdType
    applicant_id_number: str = field(repr=False)
    applicant_phone: str | None = field(repr=False)
    applicant_address: str | None = field(repr=False)
    agent_staff_id: int | None
    agent_name: str | None = field(repr=False)
    agent_relation: str | None
    first_contact_staff_id: int | None
    ticket_id: int | None
    case_number: str | None
    tracking_token: str | None = field(repr=False)
    accept_date: dt.date | None
    accepted_at: dt.datetime | None
    deadline: dt.date | None
    deadline_provisional: bool
    clock_stopped_on: dt.date | None
    received_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    reason: str | None
    competent_office: str | None
    result: str | None
    pickup_place: str | None
    hub_case_number: str | None
    completed_at: dt.datetime | None
    materials: tuple[CaseMaterial, ...]

    @property
    def tracking_code(self) -> str | None:
        if self.case_number is None or self.tracking_token is None:
            return None
        return self.case_number + self.tracking_token

    @property
    def missing(self) -> list[CaseMaterial]:
        return [m for m in self.materials if not m.received]

    @property
    def blocking(self) -> list[CaseMaterial]:
        return [m for m in self.materials if m.missing_blocks_acceptance]

    @classmethod
    def from_row(cls, row: Row, materials: list[Row]) -> Case:
        def date(key: str) -> dt.date | None:
            return dt.date.fromisoformat(row[key]) if row[key] else None

        def moment(key: str) -> dt.datetime | None:
            return from_iso(row[key]) if row[key] else None

        return cls(
            id=int(row["id"]), uuid=row["uuid"], state=CaseState(row["state"]),
            item=CatalogItem.from_json(json.loads(row["item_data"])),
            catalog_version=row["catalog_version"],
            applicant_name=row["applicant_name"],
            applicant_id_type=IdType(row["applicant_id_type"]),
            applicant_id_number=row["applicant_id_number"],
            applicant_phone=row["applicant_phone"], applicant_address=row["applicant_address"],
            agent_staff_id=row["agent_staff_id"], agent_name=row["agent_name"],
            agent_relation=row["agent_relation"],
            first_contact_staff_id=row["first_contact_staff_id"], ticket_id=row["ticket_id"],
            case_number=row["case_number"], tracking_token=row["tracking_token"],
            accept_date=date("accept_date"), accepted_at=moment("accepted_at"),
            deadline=date("deadline"), deadline_provisional=bool(row["deadline_provisional"]),
            clock_stopped_on=date("clock_stopped_on"), received_at=moment("received_at"),
            created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]),
            reason=row["reason"], competent_office=row["competent_office"],
            result=row["result"], pickup_place=row["pickup_place"],
            hub_case_number=row["hub_case_number"], completed_at=moment("completed_at"),
            materials=tuple(CaseMaterial(m["name"], Requirement(m["requirement"]),
                                         bool(m["received"])) for m in materials),
        )
