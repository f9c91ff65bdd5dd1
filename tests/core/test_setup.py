"""First-run setup: validated whole, written all at once."""

from __future__ import annotations

import pytest

from core.center import Center
from core.errors import InvalidInput
from core.setup import SetupPlan, set_up, suggested_groups

PLAN = SetupPlan("330110101001", "新港村便民服务站", "village", "admin", "管理员",
                 "admin-pass-1", suggested_groups(), 2, True)


def test_a_complete_center_in_one_step(bare_center: Center) -> None:
    set_up(bare_center, PLAN)
    assert bare_center.require_info().name == "新港村便民服务站"
    assert bare_center.staff.login("admin", "admin-pass-1").role.value == "admin"
    assert [g.prefix for g in bare_center.groups.all()] == ["A", "B", "C", "D"]
    assert [w.number for w in bare_center.windows.all()] == [1, 2]
    assert len(bare_center.catalog.items()) == 20
    assert bare_center.verify().ok


@pytest.mark.parametrize(("change", "message"), [
    ({"code": "33011010100"}, "12位"),
    ({"admin_password": "123"}, "密码"),
    ({"groups": ()}, "至少要有一个"),
    ({"groups": (("A", "社保"), ("a", "医保"))}, "不能重复"),
    ({"windows": 0}, "窗口数"),
])
def test_a_bad_plan_writes_nothing(bare_center: Center, change: dict[str, object],
                                   message: str) -> None:
    from dataclasses import replace

    with pytest.raises(InvalidInput, match=message):
        set_up(bare_center, replace(PLAN, **change))  # type: ignore[arg-type]
    assert bare_center.info is None
    assert bare_center.db.scalar("SELECT count(*) FROM audit") == 0


def test_a_failure_half_way_rolls_everything_back(bare_center: Center) -> None:
    from dataclasses import replace

    with pytest.raises(InvalidInput):
        set_up(bare_center, replace(PLAN, admin_username="管理员"))  # refused by staff.add
    assert bare_center.info is None
    assert bare_center.db.scalar("SELECT count(*) FROM staff") == 0
