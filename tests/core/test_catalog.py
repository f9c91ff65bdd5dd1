"""The service catalog: the seed imports cleanly, bad files are refused whole, versions."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from core.actor import Actor
from core.cases import Applicant
from core.catalog import demo_catalog_text
from core.catalog_model import Form, Requirement, load_catalog_text
from core.center import Center
from core.errors import InvalidInput, NotFound
from tests.helpers import ADMIN

SEED = json.loads(demo_catalog_text())


def test_seed_catalog_imports_cleanly(center: Center) -> None:
    version = center.catalog.import_text(demo_catalog_text(), ADMIN)
    assert version.item_count == 20 and version.active
    items = {i.code: i for i in center.catalog.items()}
    dibao = items["05-MZ-001"]
    assert dibao.name == "最低生活保障申请"
    assert dibao.promised_days == 23
    assert dibao.group == "B"  # 社会救助 → 民政救助
    assert dibao.materials[0].requirement is Requirement.REQUIRED
    assert dibao.materials[0].form is Form.ORIGINAL_AND_COPY
    assert items["20-YL-002"].promised_days is None  # unknown stays unknown, never guessed
    assert items["20-YL-002"].statutory_days is None
    assert {i.group for i in items.values()} <= {"A", "B", "C", "D"}


def test_search_by_name_code_and_pinyin_initials(desk: Center) -> None:
    assert [i.code for i in desk.catalog.search("zdsh")] == ["05-MZ-001"]
    assert [i.code for i in desk.catalog.search("05-MZ-00")][:1] == ["05-MZ-001"]
    assert {i.code for i in desk.catalog.search("残疾")} >= {"07-CL-001", "05-CL-002"}
    assert len(desk.catalog.search("")) == 20


def _bad(mutate: object) -> str:
    data = copy.deepcopy(SEED)
    mutate(data)  # type: ignore[operator]
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.append(copy.deepcopy(d[0])), "第21项（20-YL-001）：事项编码重复"),
    (lambda d: d[2].update(promised_days=-3), "第3项（20-YB-001）：承诺时限不能为负数"),
    (lambda d: d[4].update(promised_days="五天"), "承诺时限应为工作日天数"),
    (lambda d: d[1].pop("materials"), "第2项（20-YL-002）：缺少材料清单"),
    (lambda d: d[0].update(name=""), "事项名称不能为空"),
    (lambda d: d[0]["materials"][1].update(copies=-1), "份数"),
    (lambda d: d[0]["materials"][0].pop("required"), "缺少是否必需"),
    (lambda d: d.clear(), "非空的事项列表"),
])
def test_malformed_catalog_is_refused_whole(center: Center, mutate: object,
                                            message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        center.catalog.import_text(_bad(mutate), ADMIN)
    assert center.catalog.active() is None
    assert center.db.scalar("SELECT count(*) FROM catalog_item") == 0


def test_not_json_names_the_position() -> None:
    with pytest.raises(InvalidInput, match="第1行"):
        load_catalog_text("{not json")


def test_reimporting_the_same_content_is_one_version(desk: Center, tmp_path: Path) -> None:
    path = tmp_path / "same.json"
    path.write_text(demo_catalog_text(), encoding="utf-8")
    again = desk.catalog.import_file(path, ADMIN)
    assert len(desk.catalog.versions()) == 1
    assert again.active


def test_a_new_version_never_changes_a_filed_case(desk: Center) -> None:
    clerk = Actor(desk.staff.by_username("wang").id, "staff")
    case = desk.cases.new(clerk, "05-MZ-001", Applicant("张三", "11010519491231002X"))
    changed = copy.deepcopy(SEED)
    changed[3]["name"] = "最低生活保障审核确认"
    changed[3]["promised_days"] = 30
    changed[3]["materials"] = changed[3]["materials"][:1]
    version = desk.catalog.import_text(json.dumps(changed, ensure_ascii=False), ADMIN)
    assert desk.catalog.item("05-MZ-001").promised_days == 30
    filed = desk.cases.get(case.id)
    assert filed.item.name == "最低生活保障申请"
    assert filed.item.promised_days == 23
    assert len(filed.materials) == 4
    assert filed.catalog_version != version.version
    assert len(desk.catalog.versions()) == 2


def test_unknown_item(desk: Center) -> None:
    with pytest.raises(NotFound, match="没有编码"):
        desk.catalog.item("99-XX-999")


def test_only_a_supervisor_imports(center: Center) -> None:
    clerk = Actor(center.staff.by_username("wang").id, "staff")
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        center.catalog.import_text(demo_catalog_text(), clerk)
