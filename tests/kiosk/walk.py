"""Every kiosk screen (and the states inside some), reached as a villager reaches it: the
walk the 适老化 and the fit tests measure at each size."""

from __future__ import annotations

from collections.abc import Iterator

from pytestqt.qtbot import QtBot

from core.cases.queries import LOOKUP_MISSES
from core.center import Center
from kiosk.app import KioskWindow
from tests.helpers import ADMIN
from tests.kiosk.drive import scan, tap
from tests.kiosk.kit import DIBAO, ZHANG, accepted_case, served_ticket, ticket_qr


def walk(qtbot: QtBot, window: KioskWindow, desk: Center) -> Iterator[str]:
    """Every step of the journey (and the states inside some), as a villager reaches it."""
    case = accepted_case(desk)
    served = served_ticket(desk)
    assert case.case_number is not None and case.tracking_code is not None
    yield "home"
    tap(qtbot, window, "group:A")
    yield "priority"
    with qtbot.waitSignal(window.printer.finished, timeout=30_000) as printed:
        tap(qtbot, window, "elderly")
        yield "ticket-printing"
    yield "ticket-printed"
    assert printed.args is not None
    window._printed("ticket", printed.args[1], False, "找不到打印机“前台”")
    yield "ticket-print-failed"
    window.go_home()
    for steps, name in ((["guide"], "guide-groups"), (["group:B"], "guide-items"),
                        ([DIBAO], "notice")):
        for value in steps:
            tap(qtbot, window, value)
        yield name
    window._printed("guide", 0, False, "找不到打印机“前台的打印机”，请检查打印机是否已连接并打开")
    yield "notice-print-failed"
    window.go_home()
    tap(qtbot, window, "progress")
    yield "progress"
    tap(qtbot, window, "type")
    for key in case.case_number:  # all 25 on the keys: the display's longest text
        window.current_screen.press(key)  # type: ignore[attr-defined]
    yield "case-number-typed"
    window.choose(case.case_number[:-1] + "0")  # a typo: the refusal is on screen
    yield "case-number-refused"
    window.choose(case.case_number)
    yield "id-last4"
    window.choose("002X")
    yield "result"
    window.go_home()
    accepted_case(desk)  # a second case of hers, for the ID card's "还有1件"
    tap(qtbot, window, "progress")
    scan(qtbot, window, ZHANG.id_number)
    yield "result-by-id-card"
    window.go_home()
    tap(qtbot, window, "progress")
    tap(qtbot, window, "type")
    window.choose(case.case_number)
    for attempt in range(LOOKUP_MISSES):
        window.choose(f"{attempt:03d}9")
    yield "id-last4-locked"
    window.go_home()
    tap(qtbot, window, "rate")
    yield "rate-pick"
    scan(qtbot, window, ticket_qr(desk, served))
    yield "rate-faces"
    tap(qtbot, window, "dissatisfied")
    tap(qtbot, window, "submit")
    yield "rate-reason-refused"
    window.current_screen.button_for("其他").click()
    tap(qtbot, window, "submit")
    yield "thanks"
    window.ask_for_help()
    yield "help"
    window.go_home()
    for prefix, name in (("C", "残疾人和老年人"), ("D", "综合受理")):
        desk.groups.add(ADMIN, prefix, name)
    window.go_home()
    yield "home-four-groups"
    desk.groups.add(ADMIN, "E", "农业农村")
    window.go_home()
    yield "home-many-groups"
    tap(qtbot, window, "take")
    yield "choose-group"
    window.go_home()
    scan(qtbot, window, "not a code")
    yield "home-unknown-code"
