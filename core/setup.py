"""First-run setup of a center, all or nothing: identity, first admin, groups, windows,
the starter catalog.

Everything is validated before anything is written, and written in one transaction (the
services' own transactions nest as savepoints), so an interrupted setup leaves an empty
center that simply asks to be set up again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.actor import Actor
from core.catalog import default_groups, demo_catalog_text
from core.center import Center
from core.center_info import Level, parse_center_code, parse_level
from core.errors import Conflict, InvalidInput
from core.i18n import _
from core.passwords import check_strength
from core.queue.groups import parse_prefix
from core.staff import Role
from core.text import clean_text


@dataclass(frozen=True)
class SetupPlan:
    code: str
    name: str
    level: str
    admin_username: str
    admin_name: str
    admin_password: str = field(repr=False)
    groups: tuple[tuple[str, str], ...] = ()
    windows: int = 1
    import_catalog: bool = True


def suggested_groups() -> tuple[tuple[str, str], ...]:
    """The starter groups shipped with the seed catalog (社保医保, 民政救助, …)."""
    groups, _default = default_groups()
    return tuple((g.prefix, g.name) for g in groups)


def check(plan: SetupPlan) -> Level:
    """Raise InvalidInput for the first problem in ``plan``; nothing is written."""
    level = parse_level(plan.level)
    parse_center_code(plan.code, level)
    clean_text(plan.name, field=_("中心名称"), max_length=60)
    clean_text(plan.admin_name, field=_("管理员姓名"), max_length=30)
    check_strength(plan.admin_password)
    if not plan.groups:
        raise InvalidInput(_("至少要有一个业务分组（取号机上的一个按钮）"))
    prefixes = [parse_prefix(prefix) for prefix, _name in plan.groups]
    if len(set(prefixes)) != len(prefixes):
        raise InvalidInput(_("业务分组的字头不能重复"))
    for _prefix, name in plan.groups:
        clean_text(name, field=_("分组名称"), max_length=20)
    if not 1 <= plan.windows <= 20:
        raise InvalidInput(_("窗口数应在1到20之间"))
    return level


def set_up(center: Center, plan: SetupPlan) -> None:
    """Create the center described by ``plan`` in one transaction."""
    level = check(plan)
    actor = Actor.system()
    with center.db.write():
        if center.info is not None:
            raise Conflict(_("本中心已经设置过了"))
        center.initialize(plan.code, plan.name, level, actor)
        center.staff.add(actor, plan.admin_username, plan.admin_name, Role.ADMIN,
                         plan.admin_password)
        for prefix, name in plan.groups:
            center.groups.add(actor, prefix, name)
        for number in range(1, plan.windows + 1):
            center.windows.save(actor, number)
        if plan.import_catalog:
            center.catalog.import_text(demo_catalog_text(), actor)
