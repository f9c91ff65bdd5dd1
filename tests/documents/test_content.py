"""Content objects refuse data a renderer could only print wrongly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.documents import samples
from core.documents.content import (
    RATING_LEVELS,
    NoticeMaterial,
    ReportFigures,
    TicketDoc,
)
from core.errors import BugError


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(BugError):
        TicketDoc("中心", "分组", "A001", 0, dt.datetime(2026, 11, 27, 9, 0), "x")


def test_negative_counts_are_refused() -> None:
    with pytest.raises(BugError):
        dataclasses.replace(samples.ticket(), waiting_ahead=-1)
    with pytest.raises(BugError):
        NoticeMaterial("身份证", copies=-1)
    with pytest.raises(BugError):
        dataclasses.replace(samples.low_income_notice(), promised_days=-3)


def test_rating_levels_are_the_five_named_levels() -> None:
    assert RATING_LEVELS == ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
    figures = samples.daily_report().figures
    with pytest.raises(BugError):
        dataclasses.replace(figures, ratings=(("5星", 3),))
    assert figures.rating_count("非常不满意") == 0
    assert figures.rating_count("非常满意") == 61


def test_content_is_frozen() -> None:
    doc = samples.receipt()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.case_number = "x"  # type: ignore[misc]


def test_default_wording_is_filled_in() -> None:
    assert samples.ticket().overdue_line == "过号了请找工作人员，当天可以恢复排队"
    assert "一次性" in samples.low_income_notice().promise_text
    assert isinstance(samples.daily_report().figures, ReportFigures)
