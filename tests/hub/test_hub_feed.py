"""The feed: hub decisions reach the right village, in order, page by page; re-baselining."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import TOP
from tests.hub.hubkit import (
    CenterClient,
    HubProcess,
    accepted,
    event_counts,
    hub_case,
    picked_up,
    supplied,
)

SEED_CATALOG = Path("/work/shared/catalog/seed-catalog.json")
SHIPPED_CATALOG = TOP / "resources" / "catalog" / "seed-catalog.json"


def _case_items(village: CenterClient, case_id: str) -> list[dict[str, Any]]:
    return [item for item in village.feed_all() if item["case_id"] == case_id]


def test_decisions_made_with_the_cli_reach_only_the_owning_center(
        hub: HubProcess, village: CenterClient, other_village: CenterClient) -> None:
    number = village.case_number()
    ev = accepted(number)
    village.push_ok([ev])
    before_other = other_village.feed_all()
    assert hub.cli("case", "approve", number, "--result", "准予参保").code == 0
    items = _case_items(village, ev["case_id"])
    assert [i["type"] for i in items] == ["case_received", "case_approved"]
    hub_number = items[0]["payload"]["hub_case_number"]
    assert items[0]["payload"]["case_number"] == number
    assert hub_number.startswith("H")
    assert items[1]["payload"]["result"] == "准予参保"
    assert other_village.feed_all() == before_other


def test_the_whole_pickup_journey_through_the_feed(hub: HubProcess,
                                                  village: CenterClient) -> None:
    number = village.case_number()
    ev = accepted(number)
    case_id = ev["case_id"]
    village.push_ok([ev])
    assert hub.cli("case", "receive", number).code == 0
    assert hub.cli("case", "supplement", number, "--materials", "户口簿", "结婚证",
                   "--reason", "复印件不清楚").code == 0
    assert village.push_ok([supplied(number, case_id, 2)])[0]["outcome"] == "accepted"
    assert hub.cli("case", "approve", number).code == 0
    assert hub.cli("case", "ready", number, "--place", "村便民服务站1号窗口").code == 0
    assert village.push_ok([picked_up(number, case_id, 3)])[0]["outcome"] == "accepted"
    items = _case_items(village, case_id)
    assert [i["type"] for i in items] == [
        "case_received", "supplement_requested", "case_received", "case_approved",
        "ready_for_pickup"]
    assert items[1]["payload"]["materials"] == ["户口簿", "结婚证"]
    assert items[1]["payload"]["reason"] == "复印件不清楚"
    assert items[4]["payload"]["place"] == "村便民服务站1号窗口"
    case = hub_case(hub.data_dir, number)
    assert case is not None
    assert case.state == "completed"
    assert event_counts(hub.data_dir, village.code) == {"accepted": 3}


def test_decisions_from_the_wrong_state_are_refused_with_a_chinese_line(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    village.push_ok([accepted(number)])
    result = hub.cli("case", "ready", number)
    assert result.code == 2
    assert result.err.startswith("错误：")
    assert "不能这样操作" in result.err
    assert hub.cli("case", "deny", number).code == 2  # --reason is required
    assert hub.cli("case", "supplement", number).code == 2  # --materials is required
    case = hub_case(hub.data_dir, number)
    assert case is not None
    assert case.state == "submitted"


def _pages(village: CenterClient, limit: int, after: str | None = None,
           ) -> tuple[list[dict[str, Any]], str]:
    items: list[dict[str, Any]] = []
    while True:
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            params["after"] = after
        page = village.get("/feed", **params).json()
        assert len(page["items"]) <= limit
        items += page["items"]
        after = page["next_cursor"]
        if not page["has_more"]:
            return items, after


def test_paging_with_a_cursor_walks_the_gap_free_sequence(
        hub: HubProcess, village: CenterClient) -> None:
    for _ in range(4):
        number = village.case_number()
        village.push_ok([accepted(number)])
        assert hub.cli("case", "deny", number, "--reason", "不符合条件").code == 0
    everything = village.feed_all()
    paged, cursor = _pages(village, limit=3)
    assert paged == everything
    assert [i["seq"] for i in paged] == list(range(1, len(paged) + 1))
    assert len([i for i in paged if i["type"] == "case_denied"]) == 4
    tail = village.get("/feed", after=cursor).json()
    assert tail == {"items": [], "next_cursor": cursor, "has_more": False}
    number = village.case_number()
    village.push_ok([accepted(number)])
    assert hub.cli("case", "receive", number).code == 0
    newer = village.get("/feed", after=cursor).json()
    assert [i["type"] for i in newer["items"]] == ["case_received"]
    assert newer["items"][0]["seq"] == len(paged) + 1


def test_after_a_feed_reset_the_cursor_expires_and_a_snapshot_rebaselines(
        hub: HubProcess, village: CenterClient, other_village: CenterClient) -> None:
    number = village.case_number()
    ev = accepted(number)
    village.push_ok([ev])
    assert hub.cli("case", "supplement", number, "--materials", "户口簿").code == 0
    _items, cursor = _pages(village, limit=50)
    other_cursor = _pages(other_village, limit=50)[1]
    assert hub.cli("feed", "reset", village.code).code == 0
    expired = village.get("/feed", after=cursor)
    assert expired.status_code == 410
    assert expired.json()["error"] == "cursor_expired"
    # Only that center's cursors expire.
    assert other_village.get("/feed", after=other_cursor).status_code == 200
    snap = village.get("/snapshot").json()
    [case] = [c for c in snap["cases"] if c["case_id"] == ev["case_id"]]
    assert case["state"] == "supplement_requested"
    assert case["case_number"] == number
    assert case["last_type"] == "supplement_requested"
    assert case["last_payload"]["materials"] == ["户口簿"]
    resumed = village.get("/feed", after=snap["cursor"]).json()
    assert resumed["items"] == []
    assert village.push_ok([supplied(number, ev["case_id"], 2)])[0]["outcome"] == "accepted"
    after = village.get("/feed", after=snap["cursor"]).json()
    assert [i["type"] for i in after["items"]] == ["case_received"]


def test_a_cursor_beyond_the_end_of_the_feed_is_expired(village: CenterClient) -> None:
    cursor = village.get("/feed").json()["next_cursor"]
    epoch, seq = cursor.split(":")
    assert village.get("/feed", after=f"{epoch}:{int(seq) + 5}").status_code == 410


def test_everyday_names_travel_with_the_published_catalog(hub: HubProcess,
                                                         village: CenterClient) -> None:
    assert hub.cli("catalog", "publish", str(SHIPPED_CATALOG)).code == 0
    (published,) = [i for i in village.feed_all() if i["type"] == "catalog_published"]
    dibao = next(i for i in published["payload"]["items"] if i["code"] == "05-MZ-001")
    assert dibao["aliases"][:2] == ["低保", "吃低保"]


def test_catalog_and_calendar_reach_every_center_and_start_a_new_ones_feed(
        hub: HubProcess, village: CenterClient, tmp_path: Path) -> None:
    result = hub.cli("catalog", "publish", str(SEED_CATALOG))
    assert result.code == 0, result.err
    calendar = tmp_path / "2027.json"
    calendar.write_text(json.dumps({
        "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "holidays": [{"date": "2027-01-01", "name": "元旦"},
                     {"date": "2027-02-06", "name": "春节"}],
        "workdays": ["2027-02-14"],
    }, ensure_ascii=False), encoding="utf-8")
    assert hub.cli("calendar", "publish", str(calendar)).code == 0
    published = [i for i in village.feed_all() if i["case_id"] is None][-2:]
    assert [i["type"] for i in published] == ["catalog_published", "calendar_published"]
    catalog = published[0]["payload"]
    assert len(catalog["items"]) == 20
    assert published[1]["payload"]["days"] == [
        {"date": "2027-01-01", "working": False, "name": "元旦"},
        {"date": "2027-02-06", "working": False, "name": "春节"},
        {"date": "2027-02-14", "working": True, "name": None},
    ]
    newcomer = hub.new_center()
    first = newcomer.feed_all()
    assert first[0]["type"] == "catalog_published"
    assert first[0]["payload"]["version"] == catalog["version"]
    assert first[1]["payload"]["year"] == 2027
    snap = newcomer.get("/snapshot").json()
    assert snap["catalog"]["sha256"] == catalog["sha256"]
    assert [c["year"] for c in snap["calendars"]] == [2027]
