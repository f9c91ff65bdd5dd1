"""Queue tickets and pickup notices on 58/80 mm rolls, read back from the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from core.documents import Paper, render, samples
from core.documents.content import PickupDoc, TicketDoc
from core.errors import BugError
from tests.pdfread import MM, ReadBack, squash

Reader = Callable[..., ReadBack]


@pytest.mark.parametrize(("paper", "width_mm"), [(Paper.ROLL_80, 80), (Paper.ROLL_58, 58)])
def test_ticket_fields_size_and_qr(paper: Paper, width_mm: int, read_back: Reader) -> None:
    doc = samples.ticket()
    result = render(doc, paper=paper)
    pdf = read_back(result)
    text = pdf.flat()
    for expected in (
        "青山镇石桥村便民服务中心",
        "社保医保",
        "A012",
        "优先",
        "您前面还有3人等候",
        "11月27日09:35",
        "过号了请找工作人员",
        "当天可以恢复排队",
    ):
        assert expected in text
    assert pdf.pages == result.pages == 1
    ((width, height),) = pdf.page_sizes()
    assert width == pytest.approx(width_mm * MM, abs=0.5)
    assert result.page_size_mm[0] == width_mm
    assert 60 * MM < height < 160 * MM  # fitted to the content, not a fixed sheet
    assert pdf.qr_codes() == [doc.qr_payload]
    # A no-show can be put back in the line the same day (DESIGN §3): never "take a new one".
    assert "重新取号" not in text


def test_ticket_number_is_the_largest_text(read_back: Reader) -> None:
    pdf = read_back(render(samples.ticket(), paper=Paper.ROLL_58))
    sizes: dict[str, float] = {}

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    pdf.reader.pages[0].extract_text(visitor_text=visit)
    number = sizes["A012"]
    assert number >= 40  # points: about 14 mm tall glyphs even on a 58 mm roll
    assert all(size <= number / 2 for text, size in sizes.items() if text != "A012")


def test_ticket_time_is_local_shanghai_time(read_back: Reader) -> None:
    utc = samples.ticket().issued_at.astimezone(dt.UTC)  # the same instant, given in UTC
    doc = dataclasses.replace(samples.ticket(), issued_at=utc)
    assert "11月27日09:35" in read_back(render(doc)).flat()


def test_ticket_without_priority_or_name(read_back: Reader) -> None:
    doc = dataclasses.replace(samples.ticket(), priority_label=None, waiting_ahead=0)
    text = read_back(render(doc)).flat()
    assert "优先" not in text
    assert "您前面还有0人等候" in text


def test_ticket_with_masked_name(read_back: Reader) -> None:
    doc = dataclasses.replace(samples.ticket(), name_masked="张*华")
    assert "取号人：张*华" in read_back(render(doc)).flat()


def test_long_center_name_wraps_on_a_58_mm_roll(read_back: Reader) -> None:
    name = "某某省某某市某某县某某乡镇某某行政村党群服务中心便民服务站"
    doc = dataclasses.replace(samples.ticket(), center_name=name)
    pdf = read_back(render(doc, paper=Paper.ROLL_58))
    assert name in pdf.flat()
    assert pdf.pages == 1


def test_pickup_notice(read_back: Reader) -> None:
    doc: PickupDoc = samples.pickup()
    result = render(doc)
    pdf = read_back(result)
    text = pdf.flat()
    for expected in (
        "取件通知",
        doc.case_number,
        "残疾人证新办申领",
        "李*芳",
        squash(doc.result_text),
        squash(doc.pickup_place),
        squash(doc.pickup_hours),
        "2026年12月31日前",
        "申请人居民身份证原件",
    ):
        assert expected in text
    assert pdf.page_sizes()[0][0] == pytest.approx(80 * MM, abs=0.5)
    assert pdf.qr_codes() == [doc.qr_payload]


def test_pickup_on_58_mm(read_back: Reader) -> None:
    doc = samples.pickup()
    pdf = read_back(render(doc, paper=Paper.ROLL_58))
    assert pdf.page_sizes()[0][0] == pytest.approx(58 * MM, abs=0.5)
    assert doc.case_number in pdf.flat()
    assert pdf.qr_codes() == [doc.qr_payload]


@pytest.mark.parametrize("doc", [samples.ticket(), samples.pickup()])
def test_rolls_do_not_print_on_a4(doc: TicketDoc | PickupDoc) -> None:
    with pytest.raises(BugError):
        render(doc, paper=Paper.A4)


def test_newlines_in_ticket_fields_break_lines_instead_of_printing_boxes(
    read_back: Reader,
) -> None:
    doc = dataclasses.replace(samples.ticket(), group_name="社保\n医保")
    result = render(doc)
    assert result.missing_chars == ()
    lines = [line.strip() for line in read_back(result).text().splitlines()]
    assert lines[1:3] == ["社保", "医保"]
