"""The A4 一次性告知单 for the seed catalog's 最低生活保障申请, read back from the PDF."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from core.documents import Paper, render, samples
from core.documents.content import MaterialStatus, NoticeMaterial, Requirement
from core.errors import BugError
from tests.pdfread import A4_PT, ReadBack, squash

Reader = Callable[..., ReadBack]


def test_notice_prints_every_field(read_back: Reader) -> None:
    doc = samples.low_income_notice()
    pdf = read_back(render(doc))
    text = pdf.flat()
    for expected in (
        "一次性告知单",
        "编号：石桥便民告〔2026〕0031号",
        doc.center_name,
        "2026年11月27日10:05",
        "王晓梅（工号0012）",
        "最低生活保障申请",
        "05-MZ-001",
        squash(doc.legal_basis),
        *map(squash, doc.conditions),
        *map(squash, doc.steps),
        "审批（决定）机关：青山县民政局",
        "23个工作日",
        "不收费",
        squash(doc.place),
        squash(doc.hours),
        "0571-86000000",
        "12345",
        "【一次性告知承诺】",
        "申请人（签字）",
        "首问责任人（签字）",
    ):
        assert expected in text, expected
    assert pdf.page_sizes()[0] == pytest.approx(A4_PT, abs=1)


def test_materials_table_marks_each_material(read_back: Reader) -> None:
    doc = samples.low_income_notice()
    text = read_back(render(doc)).flat()
    for material in doc.materials:
        assert squash(material.name) in text
    # Row by row: name … requirement … form … copies … source … note … mark.
    assert re.search(r"共同生活家庭成员居民身份证必须原件及复印件1申请人自备.*?✔已交", text)
    assert re.search(r"社会救助申请表.*?必须原件1.*?✘缺", text)
    assert re.search(r"残疾人证.*?视情形.*?—不适用", text)
    assert "尚缺材料（共1项）：社会救助申请表（含家庭经济状况核对授权书、承诺书）" in text


def test_unknown_limits_are_never_guessed(read_back: Reader) -> None:
    doc = dataclasses.replace(
        samples.low_income_notice(),
        promised_days=None,
        statutory_days=None,
        enquiry_phone=None,
    )
    layout = read_back(render(doc)).layout()
    assert re.search(r"承诺时限\s+待补充\s+法定时限\s+未公布", layout)
    assert "个工作日" not in layout.split("承诺时限")[1].split("收费标准")[0]
    assert re.search(r"咨询电话\s+待补充", layout)


def test_statutory_limit_when_known(read_back: Reader) -> None:
    doc = dataclasses.replace(samples.low_income_notice(), statutory_days=30)
    assert re.search(r"法定时限\s+30个工作日", read_back(render(doc)).layout())


def test_blank_status_column_for_a_list_printed_at_the_kiosk(read_back: Reader) -> None:
    unchecked = tuple(
        dataclasses.replace(m, status=MaterialStatus.UNCHECKED)
        for m in samples.low_income_notice().materials
    )
    doc = dataclasses.replace(samples.low_income_notice(), materials=unchecked)
    text = read_back(render(doc)).flat()
    assert "尚缺材料" not in text
    # The marks appear only in the legend under the table, not in any row.
    assert text.count("✔已交") == 1 and text.count("✘缺") == 1


def test_long_material_list_continues_with_the_header_repeated(read_back: Reader) -> None:
    materials = tuple(
        NoticeMaterial(
            f"第{i}项证明材料（由相关部门出具并加盖公章，复印件须注明“与原件一致”）",
            requirement=Requirement.DEFERRABLE if i % 5 == 0 else Requirement.REQUIRED,
            source="户籍所在地村（居）民委员会或者乡镇人民政府（街道办事处）",
            note="A4纸复印，本人签字",
            status=MaterialStatus.MISSING if i % 3 == 0 else MaterialStatus.SUBMITTED,
        )
        for i in range(1, 31)
    )
    doc = dataclasses.replace(samples.low_income_notice(), materials=materials)
    result = render(doc)
    pdf = read_back(result)
    assert result.pages >= 2 and pdf.pages == result.pages
    text = pdf.flat()
    for i in range(1, 31):
        assert f"第{i}项证明材料（由相关部门出具并加盖公章，复印件须注明“与原件一致”）" in text
    assert "尚缺材料（共10项）" in text
    assert "容缺" in text
    for page in range(1, result.pages + 1):
        layout = pdf.layout(page)
        assert f"第{page}页共{result.pages}页" in squash(layout)
    # The table's header row repeats at the top of the continuation page.
    assert re.search(
        r"序号\s+材料名称\s+要求\s+形式\s+份数\s+获取途径\s+备注\s+提交情况", pdf.layout(2)
    )


def test_notice_is_a4_only() -> None:
    with pytest.raises(BugError):
        render(samples.low_income_notice(), paper=Paper.ROLL_80)


def test_no_line_starts_with_closing_punctuation(read_back: Reader) -> None:
    # 本中心窗口领取，现场填写 just overflows its column at the comma (reportlab alone would
    # start the next line with "，"); Chinese typesetting hangs it on the line instead.
    text = read_back(render(samples.low_income_notice())).text()
    starts = [line.strip()[:1] for line in text.splitlines() if line.strip()]
    assert "本中心窗口领取，" in text
    assert not set(starts) & set("，。；：！？）》、")
