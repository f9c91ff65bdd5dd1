"""What each printed document says, as plain frozen data (no database, no reportlab).

Builders elsewhere fill these from cases, tickets and the catalog. Personal data arrives
already masked (``applicant_masked`` …): a renderer never sees a full ID number. Times are
aware datetimes, printed in the ``tz`` zone; deadlines and dates are plain dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from core.clock import DEFAULT_TZ
from core.errors import BugError
from core.i18n import _

RATING_LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")


def _aware(moment: dt.datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise BugError(f"{what} must be an aware datetime")


def _not_negative(value: int | None, what: str) -> None:
    if value is not None and value < 0:
        raise BugError(f"{what} must not be negative")


def _default_overdue_line() -> str:
    return _("过号了请找工作人员，当天可以恢复排队")


def _default_promise() -> str:
    return _(
        "本中心已一次性告知办理本事项的全部条件、材料和程序。申请人按本单备齐材料后，"
        "本中心不再要求提供本单以外的材料；如需补正，将一次性书面告知。"
    )


# ------------------------------------------------------------------ ticket / pickup


@dataclass(frozen=True)
class TicketDoc:
    """Queue ticket (排队号), printed on a roll."""

    center_name: str
    group_name: str
    number: str  # "A012"
    waiting_ahead: int
    issued_at: dt.datetime
    qr_payload: str  # rating / lookup link; never personal data
    priority_label: str | None = None  # "优先" (elderly, disabled, military, pregnant)
    name_masked: str | None = None
    overdue_line: str = field(default_factory=_default_overdue_line)
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        _aware(self.issued_at, "issued_at")
        _not_negative(self.waiting_ahead, "waiting_ahead")


@dataclass(frozen=True)
class PickupDoc:
    """取件通知: the result is ready at the window."""

    center_name: str
    case_number: str
    item_name: str
    result_text: str  # "准予……，证件已制作完成"
    pickup_place: str
    pickup_hours: str  # "工作日 8:30—12:00，14:00—17:30"
    qr_payload: str
    notified_at: dt.datetime
    applicant_masked: str | None = None
    collect_by: dt.date | None = None
    bring: tuple[str, ...] = ()  # what to bring: receipt, ID card, authorisation …
    phone: str | None = None
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        _aware(self.notified_at, "notified_at")


# ------------------------------------------------------------------ one-time notice


class Requirement(StrEnum):
    REQUIRED = "required"  # 必须
    OPTIONAL = "optional"  # 视情形提供
    DEFERRABLE = "deferrable"  # 容缺: may be supplied after acceptance


class MaterialForm(StrEnum):
    ORIGINAL = "original"  # 原件
    COPY = "copy"  # 复印件
    ORIGINAL_AND_COPY = "original_and_copy"  # 原件及复印件


class MaterialStatus(StrEnum):
    SUBMITTED = "submitted"  # ✔ 已交
    MISSING = "missing"  # ✘ 缺
    NOT_APPLICABLE = "not_applicable"  # — 不适用
    UNCHECKED = "unchecked"  # blank: a list printed before anything was checked


@dataclass(frozen=True)
class NoticeMaterial:
    name: str
    requirement: Requirement = Requirement.REQUIRED
    form: MaterialForm | None = MaterialForm.ORIGINAL_AND_COPY  # None: not stated → "—"
    copies: int | None = 1  # None: not stated → "—"
    source: str = ""  # where to obtain it
    note: str = ""  # paper size, signature, validity …
    status: MaterialStatus = MaterialStatus.UNCHECKED

    def __post_init__(self) -> None:
        _not_negative(self.copies, "copies")


@dataclass(frozen=True)
class NoticeDoc:
    """一次性告知单: everything an item needs, told once, with what is still missing."""

    notice_number: str
    center_name: str
    issued_at: dt.datetime
    staff_name: str  # 首问责任人
    staff_id: str
    item_name: str
    item_code: str
    legal_basis: str
    conditions: tuple[str, ...]
    materials: tuple[NoticeMaterial, ...]
    steps: tuple[str, ...]
    decided_by: str  # who decides: "XX县民政局"
    promised_days: int | None  # None → "待补充", never a guessed number
    statutory_days: int | None  # None → "未公布"
    fee: str
    place: str
    hours: str
    enquiry_phone: str | None
    complaint_phone: str | None
    applicant_masked: str | None = None
    result_delivery: str | None = None
    promise_text: str = field(default_factory=_default_promise)
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        _aware(self.issued_at, "issued_at")
        _not_negative(self.promised_days, "promised_days")
        _not_negative(self.statutory_days, "statutory_days")


# ------------------------------------------------------------------ receipt


@dataclass(frozen=True)
class ReceivedMaterial:
    name: str
    form: MaterialForm | None = None
    copies: int | None = None

    def __post_init__(self) -> None:
        _not_negative(self.copies, "copies")


@dataclass(frozen=True)
class ReceiptDoc:
    """受理回执: the resident's proof of acceptance, with the tracking QR."""

    center_name: str
    case_number: str
    tracking_code: str
    qr_payload: str  # see qr.tracking_payload
    item_name: str
    applicant_masked: str
    applicant_id_masked: str | None
    agent_name: str | None  # 代办员, when filed on the applicant's behalf
    agent_relation: str | None
    materials_received: tuple[ReceivedMaterial, ...]
    accepted_at: dt.datetime
    deadline: dt.date | None  # None: the item's time limit is not known yet ("待补充")
    deadline_provisional: bool  # the year's holidays are not yet published
    promised_days: int | None
    result_delivery: str
    staff_name: str
    staff_id: str | None = None
    staff_phone: str | None = None
    enquiry_phone: str | None = None
    document_number: str | None = None  # 受理文书编号, if the center numbers them
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        _aware(self.accepted_at, "accepted_at")
        _not_negative(self.promised_days, "promised_days")


# ------------------------------------------------------------------ formal letters


@dataclass(frozen=True)
class RejectionDoc:
    """不予受理通知书 (行政许可法第三十二条)."""

    document_number: str
    center_name: str
    applicant_masked: str
    applicant_id_masked: str | None
    item_name: str
    applied_on: dt.date
    reason: str
    competent_office: str | None  # where to apply instead, when outside this office's remit
    issued_on: dt.date
    reconsideration_body: str | None = None  # "XX县人民政府"; None → generic wording
    court: str | None = None  # "XX县人民法院"; None → generic wording
    legal_basis: str = "《中华人民共和国行政许可法》第三十二条"


@dataclass(frozen=True)
class SupplementMaterial:
    name: str
    standard: str  # what exactly is wrong or needed: form, copies, signature, validity


@dataclass(frozen=True)
class SupplementDoc:
    """补正材料通知书: every missing or faulty material, told once, with a deadline."""

    document_number: str
    center_name: str
    applicant_masked: str
    applicant_id_masked: str | None
    item_name: str
    applied_on: dt.date
    materials: tuple[SupplementMaterial, ...]
    supply_by: dt.date
    officer_name: str
    officer_phone: str
    issued_on: dt.date
    supply_by_provisional: bool = False
    legal_basis: str = "《中华人民共和国行政许可法》第三十二条第一款第（四）项"


# ------------------------------------------------------------------ reports


@dataclass(frozen=True)
class GroupFigures:
    """One row of the queue table. Minutes are None when nothing was measured."""

    group_name: str
    issued: int
    served: int
    no_show: int
    avg_wait_min: float | None
    median_wait_min: float | None
    avg_service_min: float | None
    median_service_min: float | None


@dataclass(frozen=True)
class StateCount:
    state_label: str  # Chinese label of a case state: "已受理"
    count: int


@dataclass(frozen=True)
class OverdueCase:
    """No personal data: the case number and the item identify it for staff."""

    case_number: str
    item_name: str
    deadline: dt.date
    overdue_days: int  # working days past the deadline


@dataclass(frozen=True)
class ReportFigures:
    groups: tuple[GroupFigures, ...]
    total: GroupFigures | None  # its own median; medians do not add up
    cases_by_state: tuple[StateCount, ...]
    overdue: tuple[OverdueCase, ...]
    ratings: tuple[tuple[str, int], ...]  # (level from RATING_LEVELS, count)
    follow_ups_opened: int
    follow_ups_closed: int
    follow_ups_open: int  # still open at the end of the period

    def __post_init__(self) -> None:
        for level, count in self.ratings:
            if level not in RATING_LEVELS:
                raise BugError(f"unknown rating level {level!r}")
            _not_negative(count, "rating count")

    def rating_count(self, level: str) -> int:
        return sum(count for name, count in self.ratings if name == level)


@dataclass(frozen=True)
class DayRow:
    """One day of a monthly report."""

    day: dt.date
    issued: int
    served: int
    no_show: int
    cases_accepted: int


@dataclass(frozen=True)
class DailyReport:
    center_name: str
    day: dt.date
    figures: ReportFigures
    generated_at: dt.datetime
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        _aware(self.generated_at, "generated_at")


@dataclass(frozen=True)
class MonthlyReport:
    center_name: str
    year: int
    month: int
    figures: ReportFigures
    generated_at: dt.datetime
    days: tuple[DayRow, ...] = ()
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        _aware(self.generated_at, "generated_at")
        if not 1 <= self.month <= 12:
            raise BugError("month must be 1..12")


Document = (
    TicketDoc
    | PickupDoc
    | NoticeDoc
    | ReceiptDoc
    | RejectionDoc
    | SupplementDoc
    | DailyReport
    | MonthlyReport
)
