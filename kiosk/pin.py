"""The supervisor's way out of the kiosk and the board (Qt-free).

A 6-digit exit PIN is kept only as a scrypt hash (per-PIN salt, the same KDF as staff
passwords) in the ``kiosk.exit_pin_hash`` setting, set by a supervisor or admin with
``bianmin-kiosk --set-pin``. With no PIN set, a supervisor or admin username and password
opens the way out instead (staff lockout rules apply). Five wrong PINs lock the exit
dialog for five minutes, so a PIN cannot be guessed at the screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from itertools import pairwise

from core.actor import Actor
from core.center import Center
from core.errors import InvalidInput, PermissionDenied
from core.i18n import _
from core.passwords import hash_password, verify_password
from core.settings import KIOSK_EXIT_PIN_HASH
from core.staff import Role, StaffMember

log = logging.getLogger(__name__)

PIN_LENGTH = 6
MAX_TRIES = 5
LOCK_SECONDS = 300


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` is not a usable exit PIN, in Chinese; None if it is one."""
    if len(pin) != PIN_LENGTH or not pin.isdigit() or not pin.isascii():
        return _("退出密码需要{n}位数字").format(n=PIN_LENGTH)
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    if len(set(pin)) < 3 or steps in ({1}, {-1}):
        return _("退出密码太简单（重复或连续的数字），请换一个")
    return None


def set_exit_pin(center: Center, pin: str, actor: Actor) -> None:
    """Store the PIN's hash; only a supervisor or admin may."""
    center.staff.require(actor, Role.SUPERVISOR)
    problem = pin_problem(pin)
    if problem:
        raise InvalidInput(problem)
    center.settings.set(KIOSK_EXIT_PIN_HASH.key, hash_password(pin), actor)


def exit_staff(center: Center) -> list[StaffMember]:
    """Who may open the way out with a login (no PIN set): active supervisors and admins."""
    return [m for m in center.staff.all() if m.active and m.at_least(Role.SUPERVISOR)]


def has_exit_pin(center: Center) -> bool:
    return bool(center.settings.get(KIOSK_EXIT_PIN_HASH))


class ExitGuard:
    """Checks the way out, counting wrong PINs; ``now`` is a monotonic clock in seconds."""

    def __init__(self, center: Center, now: Callable[[], float] = time.monotonic) -> None:
        self._center = center
        self._now = now
        self._wrong = 0
        self._locked_until = 0.0

    def _refuse_while_locked(self) -> None:
        left = self._locked_until - self._now()
        if left > 0:
            raise PermissionDenied(_("输错次数太多，请{minutes}分钟后再试").format(
                minutes=max(1, round(left / 60))))

    def check_pin(self, pin: str) -> None:
        """Return if ``pin`` is right; raise a Chinese message otherwise."""
        self._refuse_while_locked()
        stored = self._center.settings.get(KIOSK_EXIT_PIN_HASH)
        if stored and verify_password(pin, stored):
            self._wrong = 0
            log.info("kiosk exit opened with the PIN")
            return
        self._wrong += 1
        log.warning("wrong kiosk exit PIN (%d in a row)", self._wrong)
        if self._wrong >= MAX_TRIES:
            self._wrong = 0
            self._locked_until = self._now() + LOCK_SECONDS
            raise PermissionDenied(_("退出密码连续输错{n}次，请{minutes}分钟后再试").format(
                n=MAX_TRIES, minutes=LOCK_SECONDS // 60))
        raise InvalidInput(_("退出密码不对"))

    def check_staff(self, username: str, password: str) -> StaffMember:
        """A supervisor's or admin's login (only when no PIN is set)."""
        if has_exit_pin(self._center):
            raise PermissionDenied(_("本机已设置退出密码，请输入退出密码"))
        member = self._center.staff.login(username, password, device="kiosk")
        if not member.at_least(Role.SUPERVISOR):
            raise PermissionDenied(_("只有站长或管理员可以退出自助机"))
        log.info("kiosk exit opened by staff %d", member.id)
        return member
