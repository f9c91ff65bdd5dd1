"""Documents made from the books, archived, re-printable; read back as a resident would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.actor import Actor
from core.archive import DocumentKind
from core.cases import Applicant, Case
from core.center import Center
from core.clock import FixedClock
from core.errors import Conflict, StorageError
from core.paperwork import parse_ticket_payload
from tests.helpers import ADMIN, CENTER_CODE, shanghai
from tests.pdfread import MM, ReadBack, squash

ZHANG = Applicant("张三丰", "11010519491231002X", "13812345678")


@pytest.fixture
def clerk(desk: Center) -> Actor:
    return Actor(desk.staff.by_username("wang").id, "staff")


def read(desk: Center, document_id: int, tmp_path: Path) -> ReadBack:
    return ReadBack(desk.documents.pdf(document_id), tmp_path / f"doc-{document_id}.pdf")


def accepted(desk: Center, clerk: Actor, item: str = "05-MZ-001") -> Case:
    case = desk.cases.new(clerk, item, ZHANG)
    desk.cases.receive_materials(case.id, [m.name for m in case.blocking], clerk)
    return desk.cases.accept(case.id, clerk)


def test_ticket_on_a_roll_with_a_qr_to_rate_the_visit(desk: Center, tmp_path: Path) -> None:
    ticket = desk.tickets.issue("B", "elderly")
    stored = desk.documents.ticket(ticket.id, Actor.kiosk())
    page = read(desk, stored.id, tmp_path)
    assert abs(page.page_sizes()[0][0] - 80 * MM) < 1
    text = page.flat()
    assert "B001" in text and "民政救助" in text and "老年人优先" in text
    assert "过号了请找工作人员" in text and "当天可以恢复排队" in text
    assert "良渚街道某村便民服务站" in text
    [qr] = page.qr_codes()
    assert parse_ticket_payload(qr) == (CENTER_CODE, dt.date(2026, 11, 27), "B001")
    assert stored.path.is_relative_to(desk.data_dir.documents)
    assert [d.id for d in desk.documents.for_ticket(ticket.id)] == [stored.id]


def test_58mm_tickets_when_configured(desk: Center, tmp_path: Path) -> None:
    desk.settings.set("printing.ticket_paper", "roll_58", ADMIN)
    stored = desk.documents.ticket(desk.tickets.issue("A").id, Actor.kiosk())
    assert abs(read(desk, stored.id, tmp_path).page_sizes()[0][0] - 58 * MM) < 1


def test_notice_marks_what_is_missing(desk: Center, clerk: Actor, tmp_path: Path) -> None:
    case = desk.cases.new(clerk, "05-MZ-001", ZHANG)
    desk.cases.receive_materials(case.id, ["共同生活家庭成员居民身份证"], clerk)
    desk.cases.issue_notice(case.id, clerk)
    stored = desk.documents.notice(case.id, clerk)
    assert stored.number == "某村便民告〔2026〕0001号"
    page = read(desk, stored.id, tmp_path)
    text = page.flat()
    assert squash("尚缺材料（共2项）") in text
    assert "户口簿（首页及本人页）" in text and "王小明" in text
    assert "张*丰" in text and "11010519491231002X" not in text
    assert abs(page.page_sizes()[0][0] - 595.28) < 1
    second = desk.documents.notice(case.id, clerk)
    assert second.number == "某村便民告〔2026〕0002号"


def test_receipt_carries_number_deadline_masked_id_and_tracking_qr(
        desk: Center, clerk: Actor, clock: FixedClock, tmp_path: Path) -> None:
    clock.set(shanghai(2026, 12, 24, 10))
    case = accepted(desk, clerk, "05-MZ-003")  # 10 working days: into 2027, provisional
    stored = desk.documents.receipt(case.id, clerk)
    page = read(desk, stored.id, tmp_path)
    text = page.flat()
    assert case.case_number and case.case_number in text
    assert case.deadline is not None
    assert squash(f"{case.deadline.year}年{case.deadline.month}月{case.deadline.day}日（暂定）") \
        in text
    assert "暂定：该年度法定节假日尚未公布" in text
    assert "110105********002X" in text and "11010519491231002X" not in text
    assert "张*丰" in text and "张三丰" not in text
    assert page.qr_codes() == [case.tracking_code]


def test_receipt_qr_is_a_link_when_a_status_site_is_configured(
        desk: Center, clerk: Actor, tmp_path: Path) -> None:
    desk.settings.set("documents.public_status_url", "https://zwfw.example.gov.cn/", ADMIN)
    case = accepted(desk, clerk)
    stored = desk.documents.receipt(case.id, clerk)
    assert read(desk, stored.id, tmp_path).qr_codes() == [
        f"https://zwfw.example.gov.cn/t/{case.tracking_code}"]


def test_masking_is_configurable(desk: Center, clerk: Actor, tmp_path: Path) -> None:
    desk.settings.set("privacy.mask_names", False, ADMIN)
    case = accepted(desk, clerk)
    text = read(desk, desk.documents.receipt(case.id, clerk).id, tmp_path).flat()
    assert "张三丰" in text
    assert "11010519491231002X" not in text  # ID numbers stay masked


def test_roll_receipt(desk: Center, clerk: Actor, tmp_path: Path) -> None:
    from core.documents import Paper

    case = accepted(desk, clerk)
    page = read(desk, desk.documents.receipt(case.id, clerk, Paper.ROLL_80).id, tmp_path)
    assert abs(page.page_sizes()[0][0] - 80 * MM) < 1
    assert page.qr_codes() == [case.tracking_code]


def test_rejection_names_reason_office_and_remedies(desk: Center, clerk: Actor,
                                                    tmp_path: Path) -> None:
    case = desk.cases.new(clerk, "05-MZ-001", ZHANG)
    with pytest.raises(Conflict, match="不予受理"):
        desk.documents.rejection(case.id, clerk)
    desk.cases.not_accept(case.id, "申请人户籍不在本村", "户籍所在地村便民服务站", clerk)
    stored = desk.documents.rejection(case.id, clerk)
    assert stored.number == "某村便民不受〔2026〕0001号"
    text = read(desk, stored.id, tmp_path).flat()
    assert "申请人户籍不在本村" in text and "户籍所在地村便民服务站" in text
    assert "六十日" in text or "60日" in text
    assert "六个月" in text or "6个月" in text


def test_supplement_lists_what_the_county_asked(desk: Center, clerk: Actor,
                                               tmp_path: Path) -> None:
    case = accepted(desk, clerk)
    with desk.db.write():
        desk.cases.apply_feedback(case.uuid, "hub_supplement", {},
                                  {"materials": ["家庭收入证明"], "reason": "需村委会盖章"})
    stored = desk.documents.supplement(case.id, clerk)
    text = read(desk, stored.id, tmp_path).flat()
    assert "家庭收入证明" in text and "需村委会盖章" in text
    assert squash("2026年12月11日") in text  # 10 working days after Fri 11/27


def test_pickup_notice_after_the_result_arrives(desk: Center, clerk: Actor,
                                                tmp_path: Path) -> None:
    case = accepted(desk, clerk)
    with pytest.raises(Conflict, match="结果还没到"):
        desk.documents.pickup(case.id, clerk)
    with desk.db.write():
        desk.cases.apply_feedback(case.uuid, "hub_approved", {"result": "准予低保，每月发放"}, {})
        desk.cases.apply_feedback(case.uuid, "hub_ready", {}, {})
    page = read(desk, desk.documents.pickup(case.id, clerk).id, tmp_path)
    assert "准予低保，每月发放" in page.flat()
    assert page.qr_codes() == [case.tracking_code]


def test_daily_report_counts_the_day(desk: Center, clerk: Actor, clock: FixedClock,
                                     tmp_path: Path) -> None:
    for _ in range(3):
        desk.tickets.issue("A")
    clock.advance(minutes=12)
    ticket = desk.tickets.call_next(1, ADMIN)
    assert ticket is not None
    desk.tickets.start(ticket.id, ADMIN)
    clock.advance(minutes=6)
    desk.tickets.finish(ticket.id, ADMIN)
    figures = desk.reports.figures(desk.tickets.today(), desk.tickets.today())
    [group] = figures.groups
    assert (group.issued, group.served) == (3, 1)
    assert group.median_wait_min == 12.0 and group.median_service_min == 6.0
    page = read(desk, desk.documents.daily_report(desk.tickets.today(), ADMIN).id, tmp_path)
    assert "社保医保" in page.flat()


def test_failed_print_flags_the_ticket_until_reprinted(desk: Center) -> None:
    ticket = desk.tickets.issue("A")
    stored = desk.documents.ticket(ticket.id, Actor.kiosk())
    desk.documents.mark_print_failed(stored.id, "打印机缺纸", Actor.kiosk())
    assert [d.id for d in desk.documents.needing_reprint()] == [stored.id]
    assert desk.tickets.get(ticket.id).print_failed
    desk.documents.mark_printed(stored.id, ADMIN)
    assert desk.documents.needing_reprint() == []
    assert not desk.tickets.get(ticket.id).print_failed


def test_reprint_is_byte_identical_and_tampering_is_caught(desk: Center) -> None:
    stored = desk.documents.ticket(desk.tickets.issue("A").id, Actor.kiosk())
    original = desk.documents.pdf(stored.id)
    assert original.startswith(b"%PDF")
    middle = len(original) // 2
    stored.path.write_bytes(original[:middle] + bytes([original[middle] ^ 1])
                            + original[middle + 1:])
    with pytest.raises(StorageError, match="被改动"):
        desk.documents.pdf(stored.id)


def test_guide_printout_for_the_kiosk(desk: Center, tmp_path: Path) -> None:
    stored = desk.documents.guide("20-LL-001", Actor.kiosk())
    assert stored.kind is DocumentKind.GUIDE
    text = read(desk, stored.id, tmp_path).flat()
    assert "老年人优待证办理" in text and "自助服务终端" in text
