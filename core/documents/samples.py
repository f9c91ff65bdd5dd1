"""Realistic, fictitious content for every document: printer test pages, the README's
pictures (scripts/render_samples.py) and the document tests. No real person's data.

The one-time notice uses the seed catalog's 最低生活保障申请 (05-MZ-001).
"""

from __future__ import annotations

import datetime as dt

from core.case_numbers import make_case_number
from core.documents.content import (
    DailyReport,
    DayRow,
    GroupFigures,
    MaterialForm,
    MaterialStatus,
    MonthlyReport,
    NoticeDoc,
    NoticeMaterial,
    OverdueCase,
    PickupDoc,
    ReceiptDoc,
    ReceivedMaterial,
    RejectionDoc,
    ReportFigures,
    Requirement,
    StateCount,
    SupplementDoc,
    SupplementMaterial,
    TicketDoc,
)
from core.documents.qr import tracking_payload

CENTER = "青山镇石桥村便民服务中心"
CENTER_CODE = "330110101001"
BASE_URL = "https://bm.qingshan.example.cn"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
LOW_INCOME_ITEM = "最低生活保障申请"


def case_number(day: dt.date, serial: int, center_code: str = CENTER_CODE) -> str:
    """A case number as DESIGN §3 defines it: code, date, serial, ISO 7064 MOD 11-2 check."""
    return make_case_number(center_code, day, serial)


def ticket() -> TicketDoc:
    return TicketDoc(
        center_name=CENTER,
        group_name="社保医保",
        number="A012",
        waiting_ahead=3,
        issued_at=dt.datetime(2026, 11, 27, 9, 35, tzinfo=SHANGHAI),
        qr_payload=f"{BASE_URL}/r/A012-7K3QW9",
        priority_label="优先",
    )


def pickup() -> PickupDoc:
    number = case_number(dt.date(2026, 11, 3), 12)
    return PickupDoc(
        center_name=CENTER,
        case_number=number,
        item_name="残疾人证新办申领",
        result_text="审核通过，残疾人证已制作完成",
        pickup_place="石桥村便民服务中心 1号窗口（村委会一楼）",
        pickup_hours="工作日 8:30—12:00，14:00—17:30",
        qr_payload=tracking_payload(number + "M4TP8R", BASE_URL),
        notified_at=dt.datetime(2026, 11, 27, 14, 5, tzinfo=SHANGHAI),
        applicant_masked="李*芳",
        collect_by=dt.date(2026, 12, 31),
        bring=("本通知或受理回执", "申请人居民身份证原件", "他人代领的，另带代领人身份证原件"),
        phone="0571-8600 0000",
    )


def low_income_notice() -> NoticeDoc:
    return NoticeDoc(
        notice_number="石桥便民告〔2026〕0031号",
        center_name=CENTER,
        issued_at=dt.datetime(2026, 11, 27, 10, 5, tzinfo=SHANGHAI),
        staff_name="王晓梅",
        staff_id="0012",
        item_name=LOW_INCOME_ITEM,
        item_code="05-MZ-001",
        legal_basis="《社会救助暂行办法》（国务院令第649号）第九条至第十三条",
        conditions=(
            "共同生活家庭成员人均收入低于当地低保标准",
            "家庭财产符合当地规定",
            "向户籍地（或实际居住地）乡镇（街道）申请",
        ),
        materials=(
            NoticeMaterial(
                "共同生活家庭成员居民身份证",
                source="申请人自备",
                note="原件核验，留存复印件1份",
                status=MaterialStatus.SUBMITTED,
            ),
            NoticeMaterial(
                "户口簿（首页及本人页）",
                source="申请人自备",
                note="原件核验，留存复印件",
                status=MaterialStatus.SUBMITTED,
            ),
            NoticeMaterial(
                "社会救助申请表（含家庭经济状况核对授权书、承诺书）",
                form=MaterialForm.ORIGINAL,
                source="本中心窗口领取，现场填写",
                note="家庭成员逐一签字",
                status=MaterialStatus.MISSING,
            ),
            NoticeMaterial(
                "残疾人证、疾病诊断等特殊情况证明",
                requirement=Requirement.OPTIONAL,
                source="县残联、二级以上医疗机构",
                note="如有",
                status=MaterialStatus.NOT_APPLICABLE,
            ),
        ),
        steps=(
            "申请人向户籍所在地乡镇（街道）提出书面申请，可由村（社区）便民服务中心代为提交",
            "乡镇（街道）受理后开展家庭经济状况调查（入户调查、邻里访问、信息核对）",
            "乡镇（街道）提出审核意见，在申请人所在村（社区）公示",
            "县级民政部门审核确认，作出决定并书面告知申请人",
        ),
        decided_by="青山县民政局",
        promised_days=23,
        statutory_days=None,
        fee="不收费",
        place="青山镇石桥村便民服务中心（村委会一楼）",
        hours="工作日 上午8:30—12:00，下午14:00—17:30",
        enquiry_phone="0571-8600 0000",
        complaint_phone="12345",
        applicant_masked="张*华",
        result_delivery="审核确认后到本中心窗口领取，或由代办员送达",
    )


def receipt() -> ReceiptDoc:
    number = case_number(dt.date(2026, 12, 10), 7)
    code = number + "K7WQ3M"
    return ReceiptDoc(
        center_name=CENTER,
        case_number=number,
        tracking_code=code,
        qr_payload=tracking_payload(code, BASE_URL),
        item_name=LOW_INCOME_ITEM,
        applicant_masked="张*华",
        applicant_id_masked="330106********1234",
        agent_name="陈建国",
        agent_relation="村代办员，受申请人委托",
        materials_received=(
            ReceivedMaterial("共同生活家庭成员居民身份证", MaterialForm.COPY, 3),
            ReceivedMaterial("户口簿（首页及本人页）", MaterialForm.COPY, 1),
            ReceivedMaterial(
                "社会救助申请表（含家庭经济状况核对授权书、承诺书）", MaterialForm.ORIGINAL, 1
            ),
        ),
        accepted_at=dt.datetime(2026, 12, 10, 10, 20, tzinfo=SHANGHAI),
        deadline=dt.date(2027, 1, 13),
        deadline_provisional=True,
        promised_days=23,
        result_delivery="办结后短信通知，凭本回执到本中心 1号窗口领取；也可由代办员送达",
        staff_name="王晓梅",
        staff_id="0012",
        staff_phone="0571-8600 0000",
        enquiry_phone="0571-8600 0000",
        document_number="石桥便民受〔2026〕0007号",
    )


def rejection() -> RejectionDoc:
    return RejectionDoc(
        document_number="石桥便民不受〔2026〕0002号",
        center_name=CENTER,
        applicant_masked="赵*强",
        applicant_id_masked="330106********5678",
        item_name="道路货物运输经营许可",
        applied_on=dt.date(2026, 11, 26),
        reason="该事项由县级交通运输主管部门实施，不属于本中心受理范围",
        competent_office="青山县交通运输局（青山县政务服务中心交通运输窗口）",
        issued_on=dt.date(2026, 11, 27),
        reconsideration_body="青山县人民政府",
        court="青山县人民法院",
    )


def supplement() -> SupplementDoc:
    return SupplementDoc(
        document_number="石桥便民补〔2026〕0005号",
        center_name=CENTER,
        applicant_masked="张*华",
        applicant_id_masked="330106********1234",
        item_name=LOW_INCOME_ITEM,
        applied_on=dt.date(2026, 11, 25),
        materials=(
            SupplementMaterial(
                "社会救助申请表（含家庭经济状况核对授权书、承诺书）",
                "原件1份；共同生活的家庭成员须本人逐一签字，不得代签",
            ),
            SupplementMaterial(
                "户口簿（首页及本人页）",
                "原件核验并留存复印件1份；原复印件字迹不清，请重新复印",
            ),
        ),
        supply_by=dt.date(2026, 12, 4),
        officer_name="王晓梅",
        officer_phone="0571-8600 0000",
        issued_on=dt.date(2026, 11, 27),
    )


def _figures() -> ReportFigures:
    groups = (
        GroupFigures("A 社保医保", 46, 41, 3, 12.4, 10.0, 6.8, 5.5),
        GroupFigures("B 民政救助", 18, 16, 1, 8.9, 7.5, 14.2, 12.0),
        GroupFigures("C 综合受理", 27, 25, 2, 6.1, 5.0, 9.7, 8.0),
        GroupFigures("D 咨询", 9, 9, 0, 2.3, 2.0, 3.1, 3.0),
    )
    return ReportFigures(
        groups=groups,
        total=GroupFigures("合计", 100, 91, 6, 9.6, 7.0, 8.9, 7.0),
        cases_by_state=(
            StateCount("已告知（材料不全）", 4),
            StateCount("已受理", 9),
            StateCount("已上报", 6),
            StateCount("上级已接收", 11),
            StateCount("待补正", 2),
            StateCount("待取件", 5),
            StateCount("已办结", 14),
            StateCount("不予受理", 1),
        ),
        overdue=(
            OverdueCase(
                case_number(dt.date(2026, 10, 9), 3),
                "特困人员救助供养认定",
                dt.date(2026, 11, 20),
                5,
            ),
            OverdueCase(
                case_number(dt.date(2026, 10, 21), 11), "临时救助申请", dt.date(2026, 11, 25), 2
            ),
        ),
        ratings=(("非常满意", 61), ("满意", 22), ("基本满意", 5), ("不满意", 1)),
        follow_ups_opened=1,
        follow_ups_closed=2,
        follow_ups_open=1,
    )


def daily_report() -> DailyReport:
    return DailyReport(
        center_name=CENTER,
        day=dt.date(2026, 11, 27),
        figures=_figures(),
        generated_at=dt.datetime(2026, 11, 27, 17, 40, tzinfo=SHANGHAI),
    )


def monthly_report() -> MonthlyReport:
    days = tuple(
        DayRow(dt.date(2026, 11, d), 80 + d, 75 + d, d % 4, 3 + d % 5)
        for d in range(1, 31)
        if dt.date(2026, 11, d).weekday() < 5
    )
    return MonthlyReport(
        center_name=CENTER,
        year=2026,
        month=11,
        figures=_figures(),
        generated_at=dt.datetime(2026, 12, 1, 8, 30, tzinfo=SHANGHAI),
        days=days,
    )
