"""Service windows (窗口): who staffs them (A and B, the AB post), what they serve, pauses.

When a window's B staff acts there, the change is recorded on behalf of A (AB岗).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.audit import record
from core.clock import Clock, to_iso
from core.db import Database, Row
from core.db import staff as store
from core.db import tickets as ticket_store
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.i18n import _
from core.staff import Role, StaffService
from core.text import clean_text


@dataclass(frozen=True)
class Window:
    number: int
    name: str
    a_staff_id: int | None
    b_staff_id: int | None
    paused: bool
    pause_reason: str | None
    group_ids: tuple[int, ...]

    @classmethod
    def from_row(cls, row: Row, group_ids: list[int]) -> Window:
        return cls(
            number=int(row["number"]),
            name=str(row["name"]),
            a_staff_id=row["a_staff_id"],
            b_staff_id=row["b_staff_id"],
            paused=bool(row["paused"]),
            pause_reason=row["pause_reason"],
            group_ids=tuple(group_ids),
        )


class WindowService:
    def __init__(self, db: Database, clock: Clock, staff: StaffService) -> None:
        self._db = db
        self._clock = clock
        self._staff = staff

    def get(self, number: int) -> Window:
        row = store.window(self._db, number)
        if row is None or not row["active"]:
            raise NotFound(_("没有{n}号窗口").format(n=number))
        return Window.from_row(row, store.window_group_ids(self._db, number))

    def all(self) -> list[Window]:
        return [
            Window.from_row(r, store.window_group_ids(self._db, int(r["number"])))
            for r in store.all_windows(self._db)
        ]

    def save(self, actor: Actor, number: int, name: str | None = None,
             group_ids: list[int] | None = None) -> Window:
        self._staff.require(actor, Role.SUPERVISOR)
        if not 1 <= number <= 99:
            raise InvalidInput(_("窗口号需要在1到99之间"))
        label = clean_text(name or _("{n}号窗口").format(n=number), field=_("窗口名称"),
                           max_length=20)
        with self._db.write():
            store.upsert_window(self._db, number, label)
            if group_ids is not None:
                for group_id in group_ids:
                    if ticket_store.group_by_id(self._db, group_id) is None:
                        raise NotFound(_("没有编号为 {id} 的业务分组").format(id=group_id))
                store.set_window_groups(self._db, number, sorted(set(group_ids)))
            record(self._db, self._clock, actor, "window.saved", "window", number,
                   {"name": label, "groups": group_ids})
        return self.get(number)

    def assign(self, actor: Actor, number: int, a_staff_id: int | None,
               b_staff_id: int | None) -> None:
        """Set the window's A (main) and B (cover) staff."""
        self._staff.require(actor, Role.SUPERVISOR)
        if a_staff_id is not None and a_staff_id == b_staff_id:
            raise InvalidInput(_("A岗和B岗不能是同一个人"))
        with self._db.write():
            self.get(number)
            for staff_id in (a_staff_id, b_staff_id):
                if staff_id is not None:
                    self._staff.get(staff_id)
            store.set_window_staff(self._db, number, a_staff_id, b_staff_id)
            record(self._db, self._clock, actor, "window.staffed", "window", number,
                   {"a": a_staff_id, "b": b_staff_id})

    def actor_at(self, number: int, staff_id: int, device: str = "staff") -> Actor:
        """The actor for ``staff_id`` working at window ``number`` (AB cover included)."""
        window = self.get(number)
        member = self._staff.get(staff_id)
        if not member.active:
            raise PermissionDenied(_("此账号已停用，请联系站长"))
        if window.b_staff_id == staff_id and window.a_staff_id is not None:
            return Actor(staff_id, device, on_behalf_of=window.a_staff_id)
        assigned = {window.a_staff_id, window.b_staff_id} - {None}
        if assigned and staff_id not in assigned and not member.at_least(Role.SUPERVISOR):
            raise PermissionDenied(
                _("您不是{n}号窗口的A岗或B岗，不能在此窗口办理").format(n=number)
            )
        return Actor(staff_id, device)

    def pause(self, actor: Actor, number: int, reason: str) -> None:
        reason = clean_text(reason, field=_("暂停原因"), max_length=50)
        with self._db.write():
            self.get(number)
            store.set_window_pause(self._db, number, reason, to_iso(self._clock.now()))
            record(self._db, self._clock, actor, "window.paused", "window", number,
                   {"reason": reason})

    def resume(self, actor: Actor, number: int) -> None:
        with self._db.write():
            self.get(number)
            store.set_window_pause(self._db, number, None, None)
            record(self._db, self._clock, actor, "window.resumed", "window", number)
