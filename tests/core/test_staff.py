"""Staff accounts: roles, scrypt hashes, lockout, AB cover at a window."""

from __future__ import annotations

import pytest

from core.actor import Actor
from core.center import Center
from core.clock import FixedClock
from core.errors import AccountLocked, Conflict, InvalidInput, PermissionDenied
from core.passwords import verify_password
from core.settings import MAX_FAILED_LOGINS
from core.staff import Role
from tests.helpers import ADMIN


def test_passwords_are_scrypt_with_a_salt_per_user(center: Center) -> None:
    center.staff.add(ADMIN, "zhao", "赵一", "clerk", "same-password")
    center.staff.add(ADMIN, "qian", "钱二", "clerk", "same-password")
    rows = center.db.all("SELECT password_hash FROM staff WHERE username IN ('zhao', 'qian')")
    hashes = [r["password_hash"] for r in rows]
    assert all(h.startswith("scrypt$") for h in hashes)
    assert hashes[0] != hashes[1]
    assert all("same-password" not in h for h in hashes)
    assert verify_password("same-password", hashes[0])
    assert not verify_password("same-passwore", hashes[0])


def test_login_and_wrong_password(center: Center) -> None:
    assert center.staff.login("wang", "wang-pass-1").name == "王小明"
    with pytest.raises(InvalidInput, match="用户名或密码不正确"):
        center.staff.login("wang", "nope-nope")
    with pytest.raises(InvalidInput, match="用户名或密码不正确"):
        center.staff.login("nobody", "nope-nope")


def test_lockout_after_repeated_failures_and_expiry(center: Center, clock: FixedClock) -> None:
    limit = center.settings.get(MAX_FAILED_LOGINS)
    for _ in range(limit - 1):
        with pytest.raises(InvalidInput):
            center.staff.login("wang", "wrong-pass")
    with pytest.raises(AccountLocked, match="锁定"):
        center.staff.login("wang", "wrong-pass")
    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked, match="锁定到"):
        center.staff.login("wang", "wang-pass-1")
    clock.advance(minutes=16)
    assert center.staff.login("wang", "wang-pass-1").username == "wang"
    actions = [r["action"] for r in center.db.all("SELECT action FROM audit")]
    assert actions.count("staff.login_failed") == limit


def test_admin_reset_unlocks(center: Center) -> None:
    for _ in range(center.settings.get(MAX_FAILED_LOGINS)):
        with pytest.raises((InvalidInput, AccountLocked)):
            center.staff.login("wang", "wrong-pass")
    wang = center.staff.by_username("wang")
    center.staff.set_password(ADMIN, wang.id, "brand-new-1")
    assert center.staff.login("wang", "brand-new-1").id == wang.id


def test_roles_limit_what_staff_may_do(center: Center) -> None:
    wang = Actor(center.staff.by_username("wang").id, "staff")
    zhang = Actor(center.staff.by_username("zhang").id, "staff")
    with pytest.raises(PermissionDenied, match="管理员"):
        center.staff.add(wang, "x1", "某人", "clerk", "pass-word-1")
    with pytest.raises(PermissionDenied, match="站长"):
        center.groups.add(wang, "C", "其他")
    assert center.groups.add(zhang, "C", "其他").prefix == "C"
    with pytest.raises(PermissionDenied, match="登录"):
        center.staff.require(Actor.kiosk(), Role.CLERK)


def test_duplicate_username_and_weak_password(center: Center) -> None:
    with pytest.raises(Conflict, match="已被使用"):
        center.staff.add(ADMIN, "wang", "另一个王", "clerk", "pass-word-2")
    with pytest.raises(InvalidInput, match="至少"):
        center.staff.add(ADMIN, "sun", "孙三", "clerk", "abc")
    with pytest.raises(InvalidInput, match="用户名"):
        center.staff.add(ADMIN, "孙三", "孙三", "clerk", "pass-word-2")


def test_ab_cover_records_on_whose_behalf(center: Center) -> None:
    wang = center.staff.by_username("wang").id
    li = center.staff.by_username("li").id
    actor = center.windows.actor_at(1, li)
    assert actor.on_behalf_of == wang
    center.tickets.issue("A")
    ticket = center.tickets.call_next(1, actor)
    assert ticket is not None
    row = center.db.one("SELECT actor_id, on_behalf_of FROM audit WHERE action = 'ticket.call'")
    assert row == {"actor_id": li, "on_behalf_of": wang}
    assert center.windows.actor_at(1, wang).on_behalf_of is None


def test_clerk_not_posted_to_a_window_cannot_work_there(center: Center) -> None:
    center.staff.add(ADMIN, "zhou", "周五", "clerk", "zhou-pass-1")
    center.windows.assign(ADMIN, 2, center.staff.by_username("wang").id, None)
    with pytest.raises(PermissionDenied, match="A岗或B岗"):
        center.windows.actor_at(2, center.staff.by_username("zhou").id)
    # A supervisor may step in anywhere.
    zhang = center.staff.by_username("zhang").id
    assert center.windows.actor_at(2, zhang).staff_id == zhang
