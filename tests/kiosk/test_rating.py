"""评价 at the kiosk: scan one's own ticket or receipt, five labelled faces, a reason for a
poor one; nobody can pick and rate another's finished number."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from core.center import Center
from core.errors import BugError
from core.flows import Step
from core.ratings import RatingLevel
from kiosk.app import KioskWindow
from kiosk.screens.rating import FacesScreen, ReasonsScreen
from tests.kiosk.drive import all_text, press, scan, tap
from tests.kiosk.kit import accepted_case, served_ticket, ticket_qr

Make = Callable[..., KioskWindow]


def ratings(center: Center) -> list[tuple[str, str]]:
    return [(r["level"], r["reasons"]) for r in
            center.db.all("SELECT level, reasons FROM rating ORDER BY id")]


def test_a_good_rating_needs_no_reason(qtbot: QtBot, make_kiosk: Make, desk: Center) -> None:
    served = served_ticket(desk)
    window = make_kiosk()
    tap(qtbot, window, "rate")
    scan(qtbot, window, ticket_qr(desk, served))
    faces = window.current_screen
    assert isinstance(faces, FacesScreen)
    assert faces.heading.text() == "您对A001号的服务满意吗？"
    # Heard digit by digit, as every ticket number the kiosk says (not "A一号").
    assert window.voice is not None and "您对A零零一号的服务满意吗" in window.voice.history[-1]
    assert [b.text() for b in faces.faces.values()] == [lv.label for lv in RatingLevel]
    tap(qtbot, window, "satisfied")
    assert window.journey.step is Step.THANKS
    assert ratings(desk) == [("satisfied", "[]")]
    assert desk.ratings.follow_ups() == []


def test_a_poor_rating_refuses_to_finish_without_a_reason(qtbot: QtBot, make_kiosk: Make,
                                                          desk: Center) -> None:
    served = served_ticket(desk)
    window = make_kiosk(size=(1366, 768))
    scan(qtbot, window, ticket_qr(desk, served))
    assert window.journey.step is Step.RATE_FACES
    tap(qtbot, window, "very_dissatisfied")
    reasons = window.current_screen
    assert isinstance(reasons, ReasonsScreen)
    tap(qtbot, window, "submit")
    assert window.journey.step is Step.RATE_REASON
    assert reasons.message.text() == "请至少点选一个原因，再点提交评价"
    assert window.voice is not None and "请至少点选一个原因" in window.voice.history[-1]
    assert ratings(desk) == []
    press(qtbot, reasons.reasons["来回跑了多次"])
    press(qtbot, reasons.reasons["收费问题"])
    press(qtbot, reasons.reasons["收费问题"])  # changed her mind
    tap(qtbot, window, "submit")
    assert window.journey.step is Step.THANKS
    assert ratings(desk) == [("very_dissatisfied", '["来回跑了多次"]')]
    [follow_up] = desk.ratings.follow_ups()
    assert follow_up.reasons == ("来回跑了多次",)


def test_a_receipt_scanned_on_the_rating_screen_rates_the_case(
        qtbot: QtBot, make_kiosk: Make, desk: Center) -> None:
    case = accepted_case(desk)
    assert case.tracking_code is not None
    window = make_kiosk()
    tap(qtbot, window, "rate")
    scan(qtbot, window, case.tracking_code)
    assert window.current_screen.heading.text() == "您对最低生活保障申请的服务满意吗？"
    tap(qtbot, window, "very_satisfied")
    assert desk.db.scalar("SELECT case_id FROM rating") == case.id


def test_nobody_can_rate_someone_elses_finished_number(qtbot: QtBot, make_kiosk: Make,
                                                       desk: Center) -> None:
    served = served_ticket(desk)
    window = make_kiosk()
    tap(qtbot, window, "rate")
    # Only the QR on one's own ticket or receipt (or the rating device at the window).
    assert window.journey.options() == []
    assert served.number not in all_text(window.current_screen)
    with pytest.raises(BugError):
        window.journey.choose(f"ticket:{served.id}")
    assert ratings(desk) == []
    assert window.voice is not None and "二维码" in window.voice.history[-1]
