"""Center identity and the validation of typed text (control characters, length, 𠮷)."""

from __future__ import annotations

import pytest

from core.center import Center, Level, parse_center_code
from core.errors import Conflict, InvalidInput
from core.text import clean_text
from tests.helpers import ADMIN


@pytest.mark.parametrize(("code", "level", "message"), [
    ("12345", Level.VILLAGE, "12位数字"),
    ("33011010100A", Level.VILLAGE, "12位数字"),
    ("990110101001", Level.VILLAGE, "省级代码"),
    ("330110000001", Level.VILLAGE, "第7到9位"),
    ("330110101000", Level.VILLAGE, "村级代码"),
    ("330110101001", Level.TOWNSHIP, "000"),
])
def test_bad_center_codes_are_explained(code: str, level: Level, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_center_code(code, level)


def test_township_code_accepted() -> None:
    assert parse_center_code(" 330110101000 ", Level.TOWNSHIP) == "330110101000"


def test_initialize_once(bare_center: Center) -> None:
    bare_center.initialize("330110101001", "某村便民服务站", "village")
    with pytest.raises(Conflict, match="不能重复初始化"):
        bare_center.initialize("330110101002", "另一个站", "village")
    assert bare_center.require_info().code == "330110101001"


@pytest.mark.parametrize("bad", ["", "   ", "张\x00三", "张\u2028三", "\x1b[31m红", "a" * 31])
def test_names_with_control_characters_or_bad_length_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput):
        clean_text(bad, field="姓名", max_length=30)


def test_bad_staff_name_writes_nothing(center: Center) -> None:
    before = center.db.scalar("SELECT count(*) FROM audit")
    with pytest.raises(InvalidInput, match="不可见或无效"):
        center.staff.add(ADMIN, "zhao", "赵\x07四", "clerk", "zhao-pass-1")
    assert center.db.scalar("SELECT count(*) FROM audit") == before
    assert center.db.scalar("SELECT count(*) FROM staff WHERE username = 'zhao'") == 0


def test_beyond_bmp_characters_round_trip(center: Center) -> None:
    name = "𠮷野家𩸽"
    staff_id = center.staff.add(ADMIN, "ji", name, "clerk", "ji-pass-123")
    assert center.staff.get(staff_id).name == name
    group = center.groups.add(ADMIN, "C", "𠮷祥事务")
    assert center.groups.get(group.id).name == "𠮷祥事务"
    # One character as a villager counts it, even though it is two UTF-16 units.
    assert clean_text("𠮷" * 30, field="姓名", max_length=30) == "𠮷" * 30


def test_research_notes_are_left_out_of_what_residents_read() -> None:
    from core.text import without_research_notes

    assert without_research_notes("不收费（未核实）") == "不收费"
    assert without_research_notes("不收费（各地可能收取工本费，未核实）") == \
        "不收费（各地可能收取工本费）"
    assert without_research_notes("《老年人权益保障法》（优待章节，条号未核实）") == \
        "《老年人权益保障法》（优待章节）"
    assert without_research_notes("国发〔2015〕52号（文号未核实）") == "国发〔2015〕52号"
    assert without_research_notes("收费标准见公示") == "收费标准见公示"
