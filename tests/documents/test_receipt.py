"""The 受理回执 on A4 and on an 80 mm roll: fields, deadline mark, QR, long content."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from core.documents import Paper, render, samples
from core.documents.content import MaterialForm, ReceiptDoc, ReceivedMaterial
from tests.pdfread import A4_PT, MM, ReadBack, squash

Reader = Callable[..., ReadBack]
PROVISIONAL = "（暂定：该年度法定节假日尚未公布，以实际公布为准）"
BOTH = pytest.mark.parametrize("paper", [Paper.A4, Paper.ROLL_80, Paper.ROLL_58])


@BOTH
def test_receipt_fields(paper: Paper, read_back: Reader) -> None:
    doc = samples.receipt()
    pdf = read_back(render(doc, paper=paper))
    text = pdf.flat()
    for expected in (
        "受理回执",
        doc.center_name,
        doc.case_number,
        doc.tracking_code,
        "最低生活保障申请",
        "张*华",
        "330106********1234",
        "陈建国（村代办员，受申请人委托）",
        "2026年12月10日10:20",
        "23个工作日",
        "王晓梅（工号0012）",
        squash(doc.result_delivery),
        "用手机扫描本回执二维码查询",
        "拨打电话0571-86000000",
    ):
        assert expected in text, expected
    for material in doc.materials_received:
        assert squash(material.name) in text
    assert pdf.qr_codes() == [doc.qr_payload]


@BOTH
def test_provisional_deadline_says_so(paper: Paper, read_back: Reader) -> None:
    text = read_back(render(samples.receipt(), paper=paper)).flat()
    assert "2027年1月13日（暂定）" in text
    assert PROVISIONAL in text


@BOTH
def test_confirmed_deadline_has_no_mark(paper: Paper, read_back: Reader) -> None:
    doc = dataclasses.replace(samples.receipt(), deadline_provisional=False)
    text = read_back(render(doc, paper=paper)).flat()
    assert "2027年1月13日" in text
    assert "暂定" not in text


def test_offline_qr_holds_the_bare_tracking_code(read_back: Reader) -> None:
    base = samples.receipt()
    doc = dataclasses.replace(base, qr_payload=base.tracking_code)
    pdf = read_back(render(doc))
    assert pdf.qr_codes() == [base.tracking_code]
    # A bare code cannot be opened on a phone, so the receipt does not suggest it.
    assert "用手机扫描" not in pdf.flat()


def test_receipt_without_agent_or_id(read_back: Reader) -> None:
    doc = dataclasses.replace(
        samples.receipt(),
        agent_name=None,
        agent_relation=None,
        applicant_id_masked=None,
        promised_days=None,
        document_number=None,
    )
    text = read_back(render(doc)).flat()
    assert "陈建国" not in text and "证件号码" not in text and "编号：" not in text
    assert "承诺时限待补充" in text


def test_page_sizes(read_back: Reader) -> None:
    doc = samples.receipt()
    a4 = read_back(render(doc, paper=Paper.A4))
    assert a4.page_sizes() == [pytest.approx(A4_PT, abs=1)]
    roll = render(doc, paper=Paper.ROLL_80)
    ((width, height),) = read_back(roll).page_sizes()
    assert width == pytest.approx(80 * MM, abs=0.5)
    assert roll.page_size_mm == (80.0, pytest.approx(height / MM, abs=0.1))


def _long_receipt() -> ReceiptDoc:
    item = "".join(f"第{i}类农业生产经营补贴（跨部门联办）" for i in range(1, 30))[:200]
    assert len(item) == 200
    materials = tuple(
        ReceivedMaterial(
            f"材料{i:02d}号：{'申请人及共同生活家庭成员' if i % 2 else '户籍所在地'}相关证明"
            f"（第{i}份，须加盖出具单位公章）",
            MaterialForm.COPY if i % 3 else MaterialForm.ORIGINAL_AND_COPY,
            i % 4 + 1,
        )
        for i in range(1, 41)
    )
    return dataclasses.replace(samples.receipt(), item_name=item, materials_received=materials)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.ROLL_80])
def test_forty_materials_and_a_200_character_item_lose_nothing(
    paper: Paper, read_back: Reader
) -> None:
    doc = _long_receipt()
    result = render(doc, paper=paper)
    pdf = read_back(result)
    text = pdf.flat()
    assert squash(doc.item_name) in text
    for material in doc.materials_received:
        assert squash(material.name) in text, material.name
    assert re.findall(r"材料(\d\d)号", text) == [f"{i:02d}" for i in range(1, 41)]
    assert doc.case_number in text
    assert pdf.qr_codes(page=result.pages if paper is Paper.ROLL_80 else 1) == [doc.qr_payload]
    if paper is Paper.A4:
        assert result.pages >= 2
        assert f"第{result.pages}页共{result.pages}页" in squash(pdf.layout(result.pages))
        assert "申请人（代办人）签收" in squash(pdf.layout(result.pages))
    else:
        assert result.pages == 1  # a roll is one long page
        assert result.page_size_mm[1] > 400
