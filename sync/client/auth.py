"""Logging in as the center account and keeping a valid access token.

The access token lives in memory only; the (rotating) refresh token lives in the
:class:`~core.secrets.SecretStore`, and the new one is stored before the old one is
forgotten. Refreshing is single-flight, even across threads: whoever comes second uses the
token the first one got. A refresh the hub refuses means "需要重新登录" (the engine pauses
with the queue intact), unless the admin chose to keep the password for a silent re-login.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from core.i18n import _
from core.secrets import SecretStore
from sync.client.errors import FailureKind, SyncFailure
from sync.client.transport import Transport
from sync.protocol import ProtocolError, TokenPair, parse_token_pair

log = logging.getLogger(__name__)

# A call may refresh at most this often before giving up for this run (an access token that
# keeps expiring at once is a hub problem, not a reason to loop).
MAX_REFRESHES_PER_CALL = 2


def secret_key(account: str, hub_root: str, device_id: str, what: str) -> str:
    return f"{account}@{hub_root}#{device_id}/{what}"


def reauth(detail: str) -> SyncFailure:
    return SyncFailure(FailureKind.REAUTH, _("需要重新登录：{detail}").format(detail=detail))


class Auth:
    def __init__(self, transport: Transport, secrets: SecretStore, *, account: str,
                 device_id: str) -> None:
        self._transport = transport
        self._secrets = secrets
        self.account = account
        self.device_id = device_id
        self._lock = threading.Lock()
        self._access: str | None = None
        self.refreshes = 0  # how many times this process rotated the refresh token

    def _key(self, what: str) -> str:
        return secret_key(self.account, self._transport.root, self.device_id, what)

    # ------------------------------------------------------------ login

    def login(self, password: str, *, keep_password: bool = False) -> TokenPair:
        """Log in with the center account; store the refresh token (and the password only
        if the admin chose to keep it). Errors carry the hub's Chinese message."""
        with self._lock:
            pair = self._login(password)
            if keep_password:
                self._secrets.set(self._key("password"), password)
            else:
                self._secrets.delete(self._key("password"))
            return pair

    def _login(self, password: str) -> TokenPair:
        body = self._transport.call("POST", "/auth/login", body={
            "account": self.account, "password": password, "device_id": self.device_id})
        pair = _pair(body)
        self._secrets.set(self._key("refresh"), pair.refresh_token)
        self._access = pair.access_token
        return pair

    def logout(self) -> None:
        with self._lock:
            self._access = None
            self._secrets.delete(self._key("refresh"))
            self._secrets.delete(self._key("password"))

    def has_credentials(self) -> bool:
        return self._secrets.get(self._key("refresh")) is not None

    # ------------------------------------------------------------ tokens

    def access_token(self) -> str:
        with self._lock:
            if self._access is not None:
                return self._access
        return self.refresh(stale=None)

    def refresh(self, stale: str | None) -> str:
        """A fresh access token; if another thread already replaced ``stale``, that one."""
        with self._lock:
            if self._access is not None and self._access != stale:
                return self._access
            self._access = None
            token = self._secrets.get(self._key("refresh"))
            if token is None:
                return self._relogin(_("本机没有保存上级登录凭据"))
            try:
                body = self._transport.call("POST", "/auth/refresh",
                                            body={"refresh_token": token})
            except SyncFailure as failure:
                if failure.kind in (FailureKind.AUTH, FailureKind.REAUTH,
                                    FailureKind.BAD_BATCH):
                    return self._relogin(failure.message)
                raise
            pair = _pair(body)
            # Persist the rotated token before using it: the old one is now dead on the hub.
            self._secrets.set(self._key("refresh"), pair.refresh_token)
            self._access = pair.access_token
            self.refreshes += 1
            log.info("access token refreshed (%d in this process)", self.refreshes)
            return pair.access_token

    def _relogin(self, why: str) -> str:
        password = self._secrets.get(self._key("password"))
        if password is None:
            raise reauth(why)
        try:
            return self._login(password).access_token
        except SyncFailure as failure:
            if failure.kind in (FailureKind.NETWORK, FailureKind.SERVER, FailureKind.REVOKED):
                raise
            raise reauth(failure.message) from None

    # ------------------------------------------------------------ calls

    def call(self, method: str, path: str, *, body: Mapping[str, Any] | None = None,
             data: bytes | None = None,
             params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """An authenticated call; a 401 refreshes (single-flight) and retries, bounded."""
        token = self.access_token()
        for _attempt in range(MAX_REFRESHES_PER_CALL):
            try:
                return self._transport.call(method, path, token=token, body=body, data=data,
                                            params=params)
            except SyncFailure as failure:
                if failure.kind is not FailureKind.AUTH:
                    raise
                if failure.code == "unauthorized" and _attempt > 0:
                    raise reauth(failure.message) from None
            token = self.refresh(stale=token)
        try:
            return self._transport.call(method, path, token=token, body=body, data=data,
                                        params=params)
        except SyncFailure as failure:
            if failure.kind is FailureKind.AUTH:
                raise SyncFailure(FailureKind.NETWORK, _(
                    "访问令牌刚刷新就又失效了，稍后重试（{detail}）").format(
                        detail=failure.message)) from None
            raise


def _pair(body: dict[str, Any]) -> TokenPair:
    try:
        return parse_token_pair(body)
    except ProtocolError:
        raise SyncFailure(FailureKind.NETWORK, _("上级的登录回复无法解析")) from None
