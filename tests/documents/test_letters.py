"""不予受理通知书 and 补正材料通知书: addressed, reasoned, with remedies or a deadline."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from core.documents import Paper, render, samples
from core.documents.content import SupplementMaterial
from core.errors import BugError
from tests.pdfread import A4_PT, ReadBack, squash

Reader = Callable[..., ReadBack]


def test_rejection_notice(read_back: Reader) -> None:
    doc = samples.rejection()
    pdf = read_back(render(doc))
    text = pdf.flat()
    for expected in (
        "不予受理通知书",
        "编号：石桥便民不受〔2026〕0002号",
        "赵*强（证件号码：330106********5678）：",
        "你于2026年11月26日提出的“道路货物运输经营许可”申请",
        squash(doc.reason),
        "《中华人民共和国行政许可法》第三十二条",
        "决定不予受理",
        "请向青山县交通运输局（青山县政务服务中心交通运输窗口）提出申请",
        "六十日内向青山县人民政府申请行政复议",
        "六个月内向青山县人民法院提起行政诉讼",
        "青山镇石桥村便民服务中心（盖章）",
        "2026年11月27日",
        "申请人签收",
    ):
        assert expected in text, expected
    assert pdf.page_sizes() == [pytest.approx(A4_PT, abs=1)]
    # The document number sits at the top right, above the title.
    first_lines = [line for line in pdf.layout().splitlines() if line.strip()][:2]
    assert "编号" in first_lines[0] and first_lines[0].startswith(" " * 20)
    assert "不予受理通知书" in first_lines[1]


def test_rejection_remedies_without_named_bodies(read_back: Reader) -> None:
    doc = dataclasses.replace(
        samples.rejection(), competent_office=None, reconsideration_body=None, court=None
    )
    text = read_back(render(doc)).flat()
    assert "请向" not in text.split("决定不予受理")[1].split("如对本决定不服")[0]
    assert "六十日内向有管辖权的行政机关申请行政复议" in text
    assert "六个月内向有管辖权的人民法院提起行政诉讼" in text


def test_supplement_notice(read_back: Reader) -> None:
    doc = samples.supplement()
    pdf = read_back(render(doc))
    text = pdf.flat()
    for expected in (
        "补正材料通知书",
        "编号：石桥便民补〔2026〕0005号",
        "张*华（证件号码：330106********1234）：",
        "你于2026年11月25日提出的“最低生活保障申请”申请",
        "《中华人民共和国行政许可法》第三十二条第一款第（四）项",
        "共2项",
        "请于2026年12月4日前将上述材料补正后提交本中心",
        "经办人：王晓梅",
        "联系电话：0571-86000000",
        "青山镇石桥村便民服务中心（盖章）",
        "2026年11月27日",
    ):
        assert expected in text, expected
    for material in doc.materials:
        assert squash(material.name) in text
        assert squash(material.standard) in text
    assert "暂定" not in text


def test_supplement_deadline_marked_provisional(read_back: Reader) -> None:
    doc = dataclasses.replace(samples.supplement(), supply_by_provisional=True)
    text = read_back(render(doc)).flat()
    assert "请于2026年12月4日（暂定：该年度法定节假日尚未公布，以实际公布为准）前" in text


def test_many_supplements_continue_on_the_next_page(read_back: Reader) -> None:
    materials = tuple(
        SupplementMaterial(f"补正材料{i:02d}（{'证明' * 10}）", f"标准{i:02d}：" + "要求" * 30)
        for i in range(1, 26)
    )
    doc = dataclasses.replace(samples.supplement(), materials=materials)
    result = render(doc)
    pdf = read_back(result)
    assert result.pages >= 2
    text = pdf.flat()
    assert re.findall(r"补正材料(\d\d)", text) == [f"{i:02d}" for i in range(1, 26)]
    assert re.findall(r"标准(\d\d)", text) == [f"{i:02d}" for i in range(1, 26)]
    assert "申请人签收" in squash(pdf.layout(result.pages))


@pytest.mark.parametrize("doc", [samples.rejection(), samples.supplement()])
def test_letters_are_a4_only(doc: object) -> None:
    with pytest.raises(BugError):
        render(doc, paper=Paper.ROLL_80)  # type: ignore[arg-type]
