"""``bianmin-hub`` administration: tables, one-line Chinese errors, publishing checks."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from sync.hub.app import create_app
from sync.hub.openapi_doc import render
from tests.hub.hubkit import (
    APPLICANT_NAME,
    ID_NUMBER,
    TOP,
    CenterClient,
    HubProcess,
    accepted,
    add_center,
    run_cli,
    run_cli_process,
)


def test_case_list_and_show_give_the_county_a_masked_overview(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    village.push_ok([accepted(number)])
    assert hub.cli("case", "receive", number).code == 0
    listing = hub.cli("case", "list", "--center", village.code, "--state", "received")
    assert listing.code == 0
    [row] = [line for line in listing.out.splitlines() if number in line]
    for cell in (village.code, "城乡居民基本养老保险参保登记", "上级已接收，正在办理",
                 "2027-03-04"):
        assert cell in row
    shown = hub.cli("case", "show", number)
    assert shown.code == 0
    assert "欧**红" in shown.out
    assert "case_accepted" in shown.out
    assert "case_received" in shown.out
    assert APPLICANT_NAME not in shown.out
    assert ID_NUMBER not in shown.out


def test_errors_are_one_chinese_line_without_a_traceback(hub: HubProcess) -> None:
    result = run_cli_process(hub.data_dir, "case", "approve", "330110101001202703010001X")
    assert result.returncode == 2
    assert result.stderr.startswith("错误：没有这个办件")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    bad_state = run_cli(hub.data_dir, "case", "list", "--state", "lost")
    assert bad_state.code == 2
    assert "没有这个状态" in bad_state.err


def test_center_add_checks_the_code_and_refuses_a_second_account(hub: HubProcess) -> None:
    code, _password = add_center(hub.data_dir)
    again = run_cli(hub.data_dir, "center", "add", code, "--name", "重名")
    assert again.code == 2
    assert "已经存在" in again.err
    bad = run_cli(hub.data_dir, "center", "add", "123", "--name", "短码")
    assert bad.code == 2
    assert "12位" in bad.err
    listing = run_cli(hub.data_dir, "center", "list")
    assert code in listing.out


@pytest.mark.parametrize(("content", "problem"), [
    ([], "非空"),
    ([{"code": "A", "name": "甲", "materials": []}, {"code": "A", "name": "乙",
                                                     "materials": []}], "第2个事项的编码“A”重复"),
    ([{"code": "A", "name": "甲"}], "materials"),
    ([{"code": "A", "name": "甲", "materials": [], "aliases": "低保"}],
     "第1个事项（A）：常用叫法应为文字列表"),
    ([{"code": "A", "name": "甲", "materials": [], "aliases": ["低保", "低保"]}],
     "常用叫法“低保”重复"),
    ([{"code": "A", "name": "甲", "materials": []}, "乙"], "第2个事项不是对象"),
    ("not json", "不是有效的 JSON"),
])
def test_a_bad_catalog_is_refused_whole_naming_the_first_problem(
        hub: HubProcess, village: CenterClient, tmp_path: Path, content: object,
        problem: str) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content,
                                                                          ensure_ascii=False),
                    encoding="utf-8")
    before = village.feed_all()
    result = hub.cli("catalog", "publish", str(path))
    assert result.code == 2
    assert problem in result.err
    assert village.feed_all() == before


def test_a_bad_calendar_is_refused(hub: HubProcess, tmp_path: Path) -> None:
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps({"year": 2028, "source": "通知", "workdays": [],
                                "holidays": [{"date": "2027-10-01", "name": "国庆节"}]}),
                    encoding="utf-8")
    result = hub.cli("calendar", "publish", str(path))
    assert result.code == 2
    assert "不在2028年" in result.err


def test_stats_show_each_centers_backlog_and_last_report(hub: HubProcess,
                                                        village: CenterClient) -> None:
    village.push_ok([accepted(village.case_number(), deadline="2020-01-06")])  # long past
    r = village.post("/centers/me/stats", {"at": "2027-03-01T17:00:00+08:00",
                                          "queue": {"waiting": 3, "served": 41},
                                          "cases": {"open": 5}})
    assert r.status_code == 200
    assert r.json()["received_at"]
    result = hub.cli("stats")
    assert result.code == 0
    [row] = [line for line in result.out.splitlines() if line.startswith(village.code)]
    cells = row.split()
    assert cells[2:6] == ["1", "1", "0", "0"]  # open, overdue (deadline passed), supplement, poor
    assert "waiting=3" in row


def test_the_checked_in_openapi_document_is_up_to_date(hub: HubProcess) -> None:
    checked_in = (TOP / "sync" / "hub" / "openapi.json").read_text(encoding="utf-8")
    assert checked_in == render(create_app()), "run: bianmin-hub openapi > sync/hub/openapi.json"
    import requests

    served = requests.get(hub.url("/openapi.json"), timeout=10).json()
    assert served == json.loads(checked_in)


def test_stats_reports_are_kept_up_to_a_cap_per_center(tmp_path: Path) -> None:
    hub = HubProcess(tmp_path / "hub", "--stats-keep", "3").start()
    try:
        village, other = hub.new_center(), hub.new_center()
        for minute in range(5):
            for center in (village, other):
                r = center.post("/centers/me/stats", {
                    "at": f"2027-03-01T17:0{minute}:00+08:00", "queue": {"waiting": minute},
                    "cases": {}})
                assert r.status_code == 200, r.text
        with contextlib.closing(sqlite3.connect(hub.data_dir / "hub.sqlite3")) as db:
            kept = db.execute("SELECT center_code, json_extract(payload, '$.queue.waiting') "
                              "FROM stats ORDER BY id").fetchall()
        assert kept == [(code, n) for n in (2, 3, 4) for code in (village.code, other.code)]
        [row] = [line for line in hub.cli("stats").out.splitlines()
                 if line.startswith(village.code)]
        assert "waiting=4" in row
    finally:
        hub.stop()
