"""Service groups (业务分组): one kiosk tile each, with its one-letter ticket prefix."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.actor import Actor
from core.audit import record
from core.clock import Clock, to_iso
from core.db import Database, Row
from core.db import tickets as store
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import _
from core.staff import Role, StaffService
from core.text import clean_text

_PREFIX = re.compile(r"^[A-Z]$")


@dataclass(frozen=True)
class Group:
    id: int
    prefix: str
    name: str
    sort_order: int
    active: bool

    @classmethod
    def from_row(cls, row: Row) -> Group:
        return cls(int(row["id"]), str(row["prefix"]), str(row["name"]),
                   int(row["sort_order"]), bool(row["active"]))


def parse_prefix(text: str) -> str:
    prefix = text.strip().upper()
    if not _PREFIX.match(prefix):
        raise InvalidInput(_("分组字头必须是一个英文字母（A到Z），收到“{text}”").format(text=text))
    return prefix


class GroupService:
    def __init__(self, db: Database, clock: Clock, staff: StaffService) -> None:
        self._db = db
        self._clock = clock
        self._staff = staff

    def all(self, include_inactive: bool = False) -> list[Group]:
        return [Group.from_row(r) for r in store.groups(self._db, include_inactive)]

    def by_prefix(self, prefix: str) -> Group:
        row = store.group_by_prefix(self._db, parse_prefix(prefix))
        if row is None or not row["active"]:
            raise NotFound(_("没有字头为“{prefix}”的业务分组").format(prefix=prefix.strip()))
        return Group.from_row(row)

    def get(self, group_id: int) -> Group:
        row = store.group_by_id(self._db, group_id)
        if row is None:
            raise NotFound(_("没有编号为 {id} 的业务分组").format(id=group_id))
        return Group.from_row(row)

    def add(self, actor: Actor, prefix: str, name: str, sort_order: int | None = None) -> Group:
        self._staff.require(actor, Role.SUPERVISOR)
        prefix = parse_prefix(prefix)
        name = clean_text(name, field=_("分组名称"), max_length=20)
        with self._db.write():
            if store.group_by_prefix(self._db, prefix) is not None:
                raise Conflict(_("字头“{prefix}”已被其他分组使用").format(prefix=prefix))
            order = sort_order if sort_order is not None else len(store.groups(self._db, True))
            group_id = store.insert_group(self._db, {
                "prefix": prefix, "name": name, "sort_order": order,
                "created_at": to_iso(self._clock.now()),
            })
            record(self._db, self._clock, actor, "group.added", "group", group_id,
                   {"prefix": prefix, "name": name})
        return self.get(group_id)

    def update(self, actor: Actor, group_id: int, *, name: str | None = None,
               sort_order: int | None = None, active: bool | None = None) -> Group:
        self._staff.require(actor, Role.SUPERVISOR)
        current = self.get(group_id)
        new_name = clean_text(name, field=_("分组名称"), max_length=20) if name else current.name
        order = current.sort_order if sort_order is None else sort_order
        is_active = current.active if active is None else active
        with self._db.write():
            store.update_group(self._db, group_id, new_name, order, is_active)
            record(self._db, self._clock, actor, "group.updated", "group", group_id,
                   {"name": new_name, "sort_order": order, "active": is_active})
        return self.get(group_id)
