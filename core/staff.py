"""Staff accounts and roles: clerk, supervisor, admin; login with lockout.

A logged-in staff member acts through an :class:`~core.actor.Actor`. Devices (kiosk,
CLI on the center PC, sync) act without a staff id; the CLI is the administrator's tool
on the center's own machine and may do anything an admin may.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from core.actor import Actor
from core.audit import record
from core.clock import Clock, from_iso, local, to_iso
from core.db import Database, Row
from core.db import staff as store
from core.errors import AccountLocked, Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import _
from core.passwords import hash_password, verify_password
from core.settings import LOCKOUT_MINUTES, MAX_FAILED_LOGINS, Settings
from core.text import clean_text


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"clerk": _("窗口人员"), "supervisor": _("站长"), "admin": _("管理员")}[self.value]

    @property
    def rank(self) -> int:
        return {"clerk": 1, "supervisor": 2, "admin": 3}[self.value]


_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,32}$")


@dataclass(frozen=True)
class StaffMember:
    id: int
    username: str
    name: str
    role: Role
    active: bool
    locked_until: dt.datetime | None

    @classmethod
    def from_row(cls, row: Row) -> StaffMember:
        locked = row["locked_until"]
        return cls(
            id=int(row["id"]),
            username=str(row["username"]),
            name=str(row["name"]),
            role=Role(row["role"]),
            active=bool(row["active"]),
            locked_until=from_iso(locked) if locked else None,
        )

    def at_least(self, role: Role) -> bool:
        return self.role.rank >= role.rank


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise InvalidInput(
            _("未知的角色“{role}”：可选 clerk（窗口人员）、supervisor（站长）、admin（管理员）")
            .format(role=text)
        ) from None


class StaffService:
    def __init__(self, db: Database, clock: Clock, settings: Settings) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings

    # ------------------------------------------------------------------ queries
    def get(self, staff_id: int) -> StaffMember:
        row = store.by_id(self._db, staff_id)
        if row is None:
            raise NotFound(_("没有编号为 {id} 的工作人员").format(id=staff_id))
        return StaffMember.from_row(row)

    def by_username(self, username: str) -> StaffMember:
        row = store.by_username(self._db, username)
        if row is None:
            raise NotFound(_("没有用户名为“{user}”的工作人员").format(user=username))
        return StaffMember.from_row(row)

    def all(self) -> list[StaffMember]:
        return [StaffMember.from_row(r) for r in store.all_staff(self._db)]

    def require(self, actor: Actor, role: Role) -> None:
        """Raise unless the actor may act with at least ``role``."""
        if actor.staff_id is None:
            if actor.device in {"cli", "system"}:
                return
            raise PermissionDenied(_("此操作需要工作人员登录"))
        member = self.get(actor.staff_id)
        if not member.active or not member.at_least(role):
            raise PermissionDenied(
                _("此操作需要“{role}”权限").format(role=role.label)
            )

    # ------------------------------------------------------------------ changes
    def add(self, actor: Actor, username: str, name: str, role: Role | str, password: str) -> int:
        self.require(actor, Role.ADMIN)
        role = role if isinstance(role, Role) else parse_role(role)
        username = username.strip()
        if not _USERNAME.match(username):
            raise InvalidInput(_("用户名只能用2到32个英文字母、数字、下划线、点或横线"))
        name = clean_text(name, field=_("姓名"), max_length=30)
        password_hash = hash_password(password)
        with self._db.write():
            if store.by_username(self._db, username) is not None:
                raise Conflict(_("用户名“{user}”已被使用").format(user=username))
            staff_id = store.insert_staff(self._db, {
                "username": username, "name": name, "role": role.value,
                "password_hash": password_hash, "created_at": to_iso(self._clock.now()),
            })
            record(self._db, self._clock, actor, "staff.added", "staff", staff_id,
                   {"username": username, "role": role.value})
        return staff_id

    def set_password(self, actor: Actor, staff_id: int, password: str) -> None:
        if actor.staff_id != staff_id:
            self.require(actor, Role.ADMIN)
        password_hash = hash_password(password)
        with self._db.write():
            self.get(staff_id)
            store.set_password_hash(self._db, staff_id, password_hash)
            record(self._db, self._clock, actor, "staff.password_set", "staff", staff_id)

    def set_active(self, actor: Actor, staff_id: int, active: bool) -> None:
        self.require(actor, Role.ADMIN)
        with self._db.write():
            self.get(staff_id)
            store.set_active(self._db, staff_id, active)
            record(self._db, self._clock, actor, "staff.activated" if active else
                   "staff.deactivated", "staff", staff_id)

    def set_role(self, actor: Actor, staff_id: int, role: Role | str) -> None:
        self.require(actor, Role.ADMIN)
        role = role if isinstance(role, Role) else parse_role(role)
        with self._db.write():
            self.get(staff_id)
            store.set_role(self._db, staff_id, role.value)
            record(self._db, self._clock, actor, "staff.role_changed", "staff", staff_id,
                   {"role": role.value})

    def login(self, username: str, password: str, device: str = "staff") -> StaffMember:
        """Check a password; count failures and lock the account after too many."""
        now = self._clock.now()
        wrong = InvalidInput(_("用户名或密码不正确"))
        with self._db.write():
            row = store.by_username(self._db, username.strip())
            if row is None:
                raise wrong
            member = StaffMember.from_row(row)
            if not member.active:
                raise PermissionDenied(_("此账号已停用，请联系站长"))
            if member.locked_until and member.locked_until > now:
                raise AccountLocked(
                    _("登录失败次数过多，账号已锁定到 {time}，请稍后再试或请站长重置密码").format(
                        time=local(member.locked_until).strftime("%H:%M")
                    )
                )
            actor = Actor(member.id, device)
            if verify_password(password, str(row["password_hash"])):
                store.set_login_state(self._db, member.id, 0, None)
                record(self._db, self._clock, actor, "staff.login", "staff", member.id)
                return member
            failed = int(row["failed_logins"]) + 1
            limit = self._settings.get(MAX_FAILED_LOGINS)
            locked_until = None
            if failed >= limit:
                minutes = self._settings.get(LOCKOUT_MINUTES)
                locked_until = to_iso(now + dt.timedelta(minutes=minutes))
                failed = 0
            store.set_login_state(self._db, member.id, failed, locked_until)
            record(self._db, self._clock, Actor(None, device), "staff.login_failed", "staff",
                   member.id, {"locked": locked_until is not None})
        if locked_until is not None:
            raise AccountLocked(
                _("密码连续输错{n}次，账号已锁定{minutes}分钟").format(
                    n=limit, minutes=self._settings.get(LOCKOUT_MINUTES)
                )
            )
        raise wrong
