"""Names and the county's texts are data, never markup: a name typed as
``<font size=7 color=red>…`` shows exactly as typed (not big and red), and a hub reason
holding ``<script>…`` shows as typed (not blank) — on every label of every page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.cases import Agent, Applicant, Case
from core.center import Center
from core.feed import FeedEntry
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import LOW_INCOME, RESIDENT_ID

NAME = "<font size=7 color=red>赵</font>大妈"
REASON = "<script>alert(1)</script>请补交村委会盖章的收入证明"
RESULT = "<b>准予</b>享受最低生活保障"


def marked_case(center: Center) -> Case:
    wang = center.staff.by_username("wang").id
    actor = Actor(wang, "staff")
    case = center.cases.new(actor, LOW_INCOME,
                            Applicant(NAME, RESIDENT_ID, "13900001111", "<i>新港村</i>3组"),
                            agent=Agent("<u>村代办员</u>", staff_id=wang))
    center.cases.receive_materials(case.id, [m.name for m in case.blocking], actor)
    case = center.cases.accept(case.id, actor)
    center.feed.apply_page([
        FeedEntry(1, "case_received", case.uuid, {"hub_case_number": "<h1>YH-1</h1>"}),
        FeedEntry(2, "supplement_requested", case.uuid,
                  {"materials": ["<s>收入证明</s>"], "reason": REASON}),
    ], "cursor-2")
    return case


def labels_showing_markup(root: QWidget) -> list[QLabel]:
    return [label for label in root.findChildren(QLabel) if "<" in label.text()]


def assert_all_plain(root: QWidget, where: str) -> None:
    shown = labels_showing_markup(root)
    rich = [label.text() for label in shown if label.textFormat() != Qt.TextFormat.PlainText]
    assert not rich, f"{where}: shown as rich text: {rich}"


def test_names_and_hub_texts_show_as_typed_everywhere(qtbot: QtBot, desk: Center,
                                                      open_window: OpenWindow) -> None:
    case = marked_case(desk)
    desk.ratings.rate(Actor.kiosk(), "dissatisfied", case_id=case.id,
                      reasons=["办理时间太长"], comment="<font color=red>太慢</font>")
    window = open_window(desk, "zhang")
    assert_all_plain(window, "queue and banners")

    window.open_case(case.id)
    view = window.cases.view
    texts = [label.text() for label in labels_showing_markup(view)]
    assert NAME in texts and REASON not in texts  # the reason is in the timeline table
    assert_all_plain(view, "case view")
    notes = [view.timeline.item(r, 3).text() for r in range(view.timeline.rowCount())]
    assert any(REASON in note for note in notes)

    window.tabs.setCurrentWidget(window.cases)
    window.cases.show_list()
    assert_all_plain(window.cases, "cases list")
    supervisor = window.supervisor
    assert supervisor is not None
    window.tabs.setCurrentWidget(supervisor)
    for key in supervisor.pages:  # type: ignore[attr-defined]
        supervisor.show_tab(key)  # type: ignore[attr-defined]
        assert_all_plain(supervisor, f"supervisor {key}")


def test_a_catalog_from_the_county_shows_as_typed(qtbot: QtBot, desk: Center,
                                                  open_window: OpenWindow) -> None:
    """Item and material names arrive from the hub: the intake and the catalog page show
    them as text."""
    import copy
    import json

    from core.catalog import demo_catalog_text

    items = json.loads(demo_catalog_text())
    marked = copy.deepcopy(items[3])
    marked["name"] = "<font size=7>低保</font>申请"
    marked["materials"][0]["name"] = "<script>x</script>身份证"
    items[3] = marked
    desk.feed.apply_page([FeedEntry(1, "catalog_published", None,
                                    {"version": 9, "sha256": "0" * 64, "items": items})],
                         "cursor-1")
    window = open_window(desk, "zhang")
    window.intake.picker.select(LOW_INCOME)
    texts = [label.text() for label in labels_showing_markup(window.intake)]
    assert any("<font size=7>低保</font>申请" in t for t in texts)
    assert_all_plain(window.intake, "intake")
    supervisor = window.supervisor
    assert supervisor is not None
    supervisor.show_tab("catalog")  # type: ignore[attr-defined]
    page = supervisor.pages["catalog"]  # type: ignore[attr-defined]
    row = next(r for r in range(page.items.rowCount())
               if page.items.item(r, 0).text() == LOW_INCOME)
    page.items.selectRow(row)
    assert "<script>x</script>身份证" in page.detail.text()
    assert_all_plain(page, "catalog page")
