"""``bianmin catalog search``: the staff client's item search on the command line — name,
code, pinyin initials and everyday names, best match first; nothing found says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CENTER_CODE, run_bianmin


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One center for the module: searching changes nothing."""
    folder = tmp_path_factory.mktemp("catalog") / "data"
    for args in (("init", "--center-code", CENTER_CODE, "--center-name", "测试村便民服务站"),
                 ("catalog", "import")):
        assert run_bianmin(folder, *args).returncode == 0
    return folder


@pytest.mark.parametrize(("text", "first"), [
    ("低保", "05-MZ-001\t最低生活保障申请\t常用叫法：低保"),
    ("新农合", "20-YB-001\t城乡居民基本医疗保险参保登记\t常用叫法：新农合"),
    ("yh", None),  # nothing is called 银行 here: initials must be right, not merely close
    ("zdsh", "05-MZ-001\t最低生活保障申请\t拼音首字母"),
    ("05-cl-001", None),
    ("07-CL-001", "07-CL-001\t残疾人证首次申领\t编码"),
])
def test_search_prints_the_best_match_first(data: Path, text: str, first: str | None) -> None:
    result = run_bianmin(data, "catalog", "search", text)
    if first is None:
        assert result.returncode == 1
        assert result.stdout == ""
        return
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == first


def test_every_word_must_match(data: Path) -> None:
    result = run_bianmin(data, "catalog", "search", "残疾", "护理")
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()] == [
        ["05-CL-003", "重度残疾人护理补贴申请"]]


def test_several_matches_come_best_first(data: Path) -> None:
    result = run_bianmin(data, "catalog", "search", "残疾")
    codes = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert codes[:3] == ["07-CL-001", "05-CL-002", "05-CL-003"]


def test_nothing_found_says_so_with_a_hint(data: Path) -> None:
    result = run_bianmin(data, "catalog", "search", "残疾补助")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("没有找到“残疾补助”")
    assert "常用叫法" in result.stderr and "困难残疾人生活补贴申请" in result.stderr
