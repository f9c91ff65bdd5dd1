"""Logging a center in to its county hub: the one sequence the CLI, the staff client and
the first-run setup share (check the account is this center, reach the hub, log in, keep
the refresh token in the secret store, remember the hub and account)."""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.center import Center
from core.errors import InvalidInput
from core.i18n import _
from core.settings import SYNC_KEEP_PASSWORD
from sync.client.auth import Auth
from sync.client.engine import secret_store_for, transport_for
from sync.client.transport import normalize_hub_url


@dataclass(frozen=True)
class LoggedIn:
    center_code: str
    center_name: str  # as the county knows this center
    hub_url: str


def check_account(center: Center, account: str) -> str:
    """The account must be this center's own 12-digit code (ask before the password)."""
    info = center.require_info()
    if account.strip() != info.code:
        raise InvalidInput(_("上级账号 {account} 与本中心代码 {code} 不一致").format(
            account=account.strip(), code=info.code))
    return info.code


def log_in(center: Center, hub: str, account: str, password: str, actor: Actor) -> LoggedIn:
    """Log in with the center's own account; raises a user-facing error on any problem,
    in which case nothing is saved."""
    info = center.require_info()
    check_account(center, account)
    transport = transport_for(center, normalize_hub_url(hub))
    try:
        auth = Auth(transport, secret_store_for(center), account=info.code,
                    device_id=center.sync.device_id())
        pair = auth.login(password, keep_password=center.settings.get(SYNC_KEEP_PASSWORD))
    finally:
        transport.close()
    if pair.center_code != info.code:
        raise InvalidInput(_("上级返回的中心代码与本中心不一致，未保存登录"))
    center.sync.save_login(transport.root, info.code, pair.center_name, actor)
    return LoggedIn(pair.center_code, pair.center_name, transport.root)
