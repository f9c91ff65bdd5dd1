"""The case desk through ``bianmin``: from the seed catalog to a due list, all offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import CENTER_CODE, run_bianmin, valid_id


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for args in (("init", "--center-code", CENTER_CODE, "--center-name", "测试村便民服务站"),
                 ("catalog", "import"), ("group", "add", "B", "--name", "民政救助")):
        assert run_bianmin(data, *args).returncode == 0
    assert run_bianmin(data, "staff", "add", "wang", "--role", "clerk", "--name", "王小明",
                       "--password-stdin", stdin="wang-pass-1\n").returncode == 0
    return data


def lines(result: object) -> list[str]:
    return result.stdout.splitlines()  # type: ignore[attr-defined,no-any-return]


def test_file_notice_accept_reject_and_due(desk: Path) -> None:
    assert "05-MZ-001\tB\t最低生活保障申请\t23个工作日" in run_bianmin(
        desk, "catalog", "list").stdout
    run_bianmin(desk, "ticket", "issue", "--group", "B")
    new = run_bianmin(desk, "case", "new", "--item", "05-MZ-001", "--name", "张三丰",
                      "--id-number", "11010519491231002X", "--phone", "13812345678",
                      "--agent", "wang", "--relation", "村代办员", "--ticket", "B001")
    assert new.returncode == 0, new.stderr
    case_id = lines(new)[-1]
    assert "张*丰" in new.stdout and "11010519491231002X" not in new.stdout

    run_bianmin(desk, "case", "materials", case_id, "--received", "共同生活家庭成员居民身份证")
    notice = run_bianmin(desk, "case", "notice", case_id)
    assert "✗ 户口簿（首页及本人页）（必需）" in notice.stdout

    refused = run_bianmin(desk, "case", "accept", case_id)
    assert refused.returncode == 2 and "材料不齐" in refused.stderr

    run_bianmin(desk, "case", "materials", case_id, "--received", "户口簿（首页及本人页）",
                "社会救助申请表（含家庭经济状况核对授权书、承诺书）")
    accepted = run_bianmin(desk, "case", "accept", case_id)
    assert accepted.returncode == 0, accepted.stderr
    number, tracking = lines(accepted)[-2:]
    assert number.startswith(CENTER_CODE) and len(number) == 25
    assert tracking.startswith(number) and len(tracking) == 31

    other = lines(run_bianmin(desk, "case", "new", "--item", "20-YL-001", "--name", "李四",
                              "--id-number", valid_id("33011019500101001"),
                              "--staff", "wang"))[-1]
    no_reason = run_bianmin(desk, "case", "reject", other, "--reason", "",
                            "--competent-office", "户籍地村便民服务站")
    assert no_reason.returncode == 2 and "理由不能为空" in no_reason.stderr
    assert run_bianmin(desk, "case", "reject", other, "--reason", "户籍不在本村",
                       "--competent-office", "户籍地村便民服务站").returncode == 0

    show = run_bianmin(desk, "case", "show", tracking)
    assert re.search(r"办结时限：\d{4}-\d{2}-\d{2}", show.stdout)
    assert "110105********002X" in show.stdout

    due = run_bianmin(desk, "case", "due", "--date", "2099-01-01")
    assert "已超期" in due.stdout and number in due.stdout
    assert run_bianmin(desk, "verify").returncode == 0


def test_id_check_and_workdays(desk: Path) -> None:
    ok = run_bianmin(desk, "id", "check", "11010519491231002X")
    assert ok.returncode == 0 and "有效" in ok.stdout and "女" in ok.stdout
    bad = run_bianmin(desk, "id", "check", "110105194912310021")
    assert bad.returncode == 1 and "校验不通过" in bad.stdout
    assert lines(run_bianmin(desk, "workdays", "add", "2026-09-30", "5")) == ["2026-10-13"]
    assert lines(run_bianmin(desk, "workdays", "add", "2026-12-25", "5"))[0].endswith(
        " provisional")


def test_ratings_from_the_cli(desk: Path) -> None:
    run_bianmin(desk, "ticket", "issue", "--group", "B")
    poor = run_bianmin(desk, "rate", "--ticket", "B001", "--level", "dissatisfied")
    assert poor.returncode == 2 and "请说明原因" in poor.stderr
    ok = run_bianmin(desk, "rate", "--ticket", "B001", "--level", "dissatisfied",
                     "--reason", "等候时间太长")
    assert ok.returncode == 0 and "回访" in ok.stdout
    again = run_bianmin(desk, "rate", "--ticket", "B001", "--level", "satisfied")
    assert again.returncode == 2 and "已经评价过了" in again.stderr
    listing = run_bianmin(desk, "followup", "list")
    follow_up_id = listing.stdout.split("\t")[0]
    closed = run_bianmin(desk, "followup", "close", follow_up_id, "--result", "已回访致歉")
    assert closed.returncode == 0
    assert run_bianmin(desk, "followup", "list").stdout == ""


def test_malformed_catalog_file_is_refused(desk: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"code": "X-1", "name": "某事项", "materials": [], "promised_days": -1}]',
                   encoding="utf-8")
    result = run_bianmin(desk, "catalog", "import", str(bad))
    assert result.returncode == 2
    assert "承诺时限不能为负数" in result.stderr
    assert "05-MZ-001" in run_bianmin(desk, "catalog", "list").stdout
