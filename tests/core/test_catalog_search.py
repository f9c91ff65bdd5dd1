"""Finding an item the way people name it: everyday names (aliases the county publishes),
pinyin initials read by a maintained pinyin library, the code, the name — best first; and a
clear "nothing found" with something to try instead."""

from __future__ import annotations

import copy
import json

import pytest

from core.catalog import demo_catalog_text
from core.catalog_model import parse_aliases
from core.catalog_search import nothing_found
from core.center import Center
from core.errors import InvalidInput
from core.feed import FeedEntry
from core.pinyin import initials
from tests.helpers import ADMIN

SEED = json.loads(demo_catalog_text())


@pytest.mark.parametrize(("words", "letters"), [
    ("银行", "yh"),                    # 行 read háng in 银行, not xíng
    ("最低生活保障申请", "zdshbzsq"),
    ("长期护理", "cqhl"),
    ("重度残疾人护理补贴申请", "zdcjrhlbtsq"),
    ("高龄津贴申请（80周岁以上）", "gljtsq80zsys"),
    ("bianmin 便民", "bianminbm"),
])
def test_pinyin_initials_come_from_the_pinyin_library(words: str, letters: str) -> None:
    assert initials(words) == letters


@pytest.mark.parametrize(("everyday", "code"), [
    ("低保", "05-MZ-001"), ("残疾证", "07-CL-001"), ("高龄补贴", "05-LL-002"),
    ("医保", "20-YB-001"), ("新农合", "20-YB-001"), ("社保", "20-YL-001"),
    ("养老金", "20-YL-002"), ("五保", "07-MZ-002"), ("准生证", "20-WJ-001"),
    ("暂住证", "20-GA-001"), ("老年证", "20-LL-001"), ("建房", "01-NY-001"),
])
def test_everyday_names_find_the_item_first(desk: Center, everyday: str, code: str) -> None:
    found = desk.catalog.find(everyday)
    assert found, f"{everyday} finds nothing"
    assert found[0].item.code == code
    assert everyday in found[0].via or everyday in found[0].item.name


def test_the_everyday_name_is_named_only_when_the_name_did_not_match(desk: Center) -> None:
    assert desk.catalog.find("低保")[0].alias == "低保"
    assert desk.catalog.find("db")[0].alias == "低保"  # initials of the everyday name
    assert desk.catalog.find("ylbx")[0].alias is None  # the name's own initials match too
    assert desk.catalog.find("最低生活")[0].alias is None


def test_best_match_first(desk: Center) -> None:
    assert desk.catalog.find("05-MZ-001")[0].item.code == "05-MZ-001"  # the exact code
    codes = [m.item.code for m in desk.catalog.find("残疾")]
    assert set(codes[:3]) == {"07-CL-001", "05-CL-002", "05-CL-003"}  # in the name first
    assert [m.item.code for m in desk.catalog.find("zdsh")] == ["05-MZ-001"]
    assert desk.catalog.find("ylj")[0].item.code == "20-YL-002"  # 养老金, by initials
    both = [m.item.code for m in desk.catalog.find("残疾 护理")]
    assert both == ["05-CL-003"]  # every word must match
    assert len(desk.catalog.find("")) == 20


def test_nothing_found_says_so_and_what_to_try(desk: Center) -> None:
    assert desk.catalog.find("xyzxyz") == []
    words = nothing_found("残疾补助", desk.catalog.suggestions("残疾补助"))
    assert words.startswith("没有找到“残疾补助”")
    assert "拼音首字母" in words and "常用叫法" in words
    assert "困难残疾人生活补贴申请" in words  # a near match is offered
    assert "没有找到“山羊补贴”" in nothing_found("山羊补贴", desk.catalog.suggestions("山羊补贴"))


def test_seed_items_all_carry_everyday_names(desk: Center) -> None:
    assert all(item.aliases for item in desk.catalog.items())
    assert "低保" in desk.catalog.item("05-MZ-001").aliases


def _with(mutate: object) -> str:
    data = copy.deepcopy(SEED)
    mutate(data)  # type: ignore[operator]
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d[3].update(aliases="低保"), "第4项（05-MZ-001）：常用叫法应为文字列表"),
    (lambda d: d[3].update(aliases=["低保", 7]), "常用叫法应为文字列表"),
    (lambda d: d[3].update(aliases=["低保", " "]), "常用叫法不能为空"),
    (lambda d: d[3].update(aliases=["低保", "低保"]), "常用叫法“低保”重复"),
    (lambda d: d[3].update(aliases=["低" * 31]), "常用叫法太长：最多30个字"),
    (lambda d: d[3].update(aliases=["吃\n低保"]), "常用叫法"),
    (lambda d: d[3].update(aliases=[f"叫法{n}" for n in range(21)]), "常用叫法最多20个"),
])
def test_bad_aliases_are_refused_whole(center: Center, mutate: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        center.catalog.import_text(_with(mutate), ADMIN)
    assert center.catalog.active() is None


def test_aliases_are_read_by_the_model() -> None:
    assert parse_aliases(None) == ()
    assert parse_aliases([" 低保 ", "吃低保"]) == ("低保", "吃低保")


def test_a_catalog_without_aliases_keeps_its_fingerprint(center: Center) -> None:
    """Catalogs published before aliases existed hash as they did (no new version)."""
    data = copy.deepcopy(SEED)
    for item in data:
        item.pop("aliases", None)
    version = center.catalog.import_text(json.dumps(data, ensure_ascii=False), ADMIN)
    snapshot = center.catalog.item("05-MZ-001").to_json()
    assert "aliases" not in snapshot
    assert version.item_count == 20


def test_aliases_published_by_the_county_reach_the_search(desk: Center) -> None:
    items = copy.deepcopy(SEED)
    items[3]["aliases"] = ["低保", "吃低保", "保障金"]
    desk.feed.apply_page([FeedEntry(1, "catalog_published", None,
                                    {"version": 7, "sha256": "0" * 64, "items": items})],
                         "cursor-1")
    assert desk.catalog.active() is not None and desk.catalog.active().version == "7"
    assert desk.catalog.find("保障金")[0].item.code == "05-MZ-001"
