"""Daily and monthly reports: every figure in its table, and no personal data."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from core.documents import render, samples
from core.documents.content import GroupFigures, ReportFigures
from tests.pdfread import A4_PT, ID_RUN, ReadBack

Reader = Callable[..., ReadBack]


def test_daily_report(read_back: Reader) -> None:
    doc = samples.daily_report()
    pdf = read_back(render(doc))
    layout = pdf.layout()
    text = pdf.flat()
    assert "便民服务中心日报" in text and "统计日期：2026年11月27日" in text
    # One table row per group: issued, served, no-show, wait and service minutes.
    assert re.search(r"A 社保医保\s+46\s+41\s+3\s+12\.4\s+10\.0\s+6\.8\s+5\.5", layout)
    assert re.search(r"合计\s+100\s+91\s+6\s+9\.6\s+7\.0\s+8\.9\s+7\.0", layout)
    for state in doc.figures.cases_by_state:
        assert re.search(rf"{re.escape(state.state_label)}\s+{state.count}\b", layout)
    assert re.search(r"合计\s+52\b", layout)
    for case in doc.figures.overdue:
        assert re.search(rf"{case.case_number}\s+{case.item_name}", layout)
    assert re.search(r"非常满意\s+满意\s+基本满意\s+不满意\s+非常不满意\s+合计", layout)
    assert re.search(r"61\s+22\s+5\s+1\s+0\s+89", layout)
    assert re.search(r"本期新增回访\s+本期办结回访\s+期末未办结", layout)
    assert "生成时间：2026年11月27日17:40" in text
    assert pdf.page_sizes() == [pytest.approx(A4_PT, abs=1)]


def test_report_without_data_says_so(read_back: Reader) -> None:
    empty = ReportFigures(
        groups=(),
        total=None,
        cases_by_state=(),
        overdue=(),
        ratings=(),
        follow_ups_opened=0,
        follow_ups_closed=0,
        follow_ups_open=0,
    )
    doc = dataclasses.replace(samples.daily_report(), figures=empty)
    text = read_back(render(doc)).flat()
    assert "当期无取号" in text
    assert "无超期办件" in text
    assert "超期办件（共0件）" in text


def test_unmeasured_minutes_show_a_dash(read_back: Reader) -> None:
    figures = dataclasses.replace(
        samples.daily_report().figures,
        groups=(GroupFigures("E 公积金", 0, 0, 0, None, None, None, None),),
    )
    doc = dataclasses.replace(samples.daily_report(), figures=figures)
    assert re.search(r"E 公积金\s+0\s+0\s+0\s+—\s+—\s+—\s+—", read_back(render(doc)).layout())


def test_monthly_report_lists_each_day(read_back: Reader) -> None:
    doc = samples.monthly_report()
    result = render(doc)
    pdf = read_back(result)
    text = pdf.flat()
    assert "便民服务中心月报" in text and "统计月份：2026年11月" in text
    assert "六、逐日情况" in text
    layout = pdf.layout()
    for day in doc.days:
        assert re.search(
            rf"{day.day.year}年{day.day.month}月{day.day.day}日\s+{day.issued}\s+{day.served}"
            rf"\s+{day.no_show}\s+{day.cases_accepted}",
            layout,
        )
    assert not ID_RUN.search(text)
