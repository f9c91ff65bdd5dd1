"""Center accounts on the hub: passwords, short-lived access tokens, rotating refresh tokens.

Tokens are random strings handed out once and stored only as SHA-256 hashes. Each login
starts a token family; presenting a refresh token that was already rotated revokes the
whole family (reuse detection), since either the client or a thief holds a stale copy —
except when the pair it was swapped for has never been used (within a day): then the
reply was lost on the way and the swap is done again, replacing that unused pair.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from functools import cache

from core.clock import to_iso
from core.errors import InvalidInput
from core.i18n import _
from core.passwords import check_strength, hash_password, verify_password
from sync.hub.records import Center, Token
from sync.hub.store import Tx
from sync.protocol import ErrorCode, ProtocolError, TokenPair

DEFAULT_ACCESS_TTL = 900
REFRESH_TTL = dt.timedelta(days=180)
# How long after a rotation a lost reply may be asked for again (see _lost_reply).
LOST_REPLY_GRACE = dt.timedelta(hours=24)
# Generated passwords avoid characters that are easy to misread when copied from paper.
_PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def generate_password() -> str:
    """Three groups of four characters, e.g. ``k7Qm-x3Rt-9pWa``."""
    while True:
        groups = ["".join(secrets.choice(_PASSWORD_ALPHABET) for _i in range(4))
                  for _g in range(3)]
        password = "-".join(groups)
        try:
            check_strength(password)
        except InvalidInput:
            continue
        return password


@cache
def _dummy_hash() -> str:
    # Checking a password for an unknown account costs the same as for a known one.
    return hash_password("no-such-account")


def check_password(center: Center | None, password: str) -> Center:
    """The center whose password this is, or ``401 bad_credentials``/``403 center_revoked``."""
    stored = center.password_hash if center else _dummy_hash()
    if not verify_password(password, stored) or center is None:
        raise ProtocolError(ErrorCode.BAD_CREDENTIALS, _("账号或密码不对"))
    if center.revoked:
        raise revoked_error()
    return center


def revoked_error() -> ProtocolError:
    return ProtocolError(ErrorCode.CENTER_REVOKED, _("本中心的上级账号已被停用，请联系县级管理员"))


def unauthorized(message: str | None = None) -> ProtocolError:
    return ProtocolError(ErrorCode.UNAUTHORIZED, message or _("没有登录或登录已失效，请重新登录"))


@dataclass(frozen=True)
class Lifetimes:
    access: dt.timedelta
    refresh: dt.timedelta = REFRESH_TTL


def issue_pair(tx: Tx, center: Center, *, family: str | None, device_id: str,
               now: dt.datetime, lifetimes: Lifetimes) -> TokenPair:
    """A new access + refresh token in ``family`` (a new family for a login)."""
    family = family or secrets.token_hex(16)
    access, refresh = "bma_" + secrets.token_urlsafe(32), "bmr_" + secrets.token_urlsafe(32)
    issued = to_iso(now)
    tx.add_token(token_hash(access), "access", center.code, family, device_id, issued,
                 to_iso(now + lifetimes.access))
    tx.add_token(token_hash(refresh), "refresh", center.code, family, device_id, issued,
                 to_iso(now + lifetimes.refresh))
    return TokenPair(access, refresh, int(lifetimes.access.total_seconds()), center.code,
                     center.name)


def rotate(tx: Tx, refresh_token: str, *, now: dt.datetime,
           lifetimes: Lifetimes) -> TokenPair | ProtocolError:
    """Swap a refresh token for a new pair, or say why not.

    The error is returned rather than raised so the caller commits the family revocation
    that reuse detection writes.
    """
    token = tx.token(token_hash(refresh_token))
    if token is None or token.kind != "refresh" or token.revoked_at is not None:
        return unauthorized()
    if token.rotated_at is not None and not _lost_reply(tx, token, now):
        tx.revoke_family(token.family, to_iso(now))
        return ProtocolError(ErrorCode.REFRESH_REUSED,
                             _("这个刷新令牌已经用过，为安全起见本设备需要重新登录"))
    center = tx.center(token.center_code)
    if center is None or center.revoked:
        return revoked_error()
    if token.expires_at <= to_iso(now):
        return unauthorized(_("登录已过期，请重新登录"))
    if token.rotated_at is not None:
        # Replace the pair whose reply never arrived; nobody holds it.
        tx.revoke_issued(token.family, token.rotated_at, to_iso(now))
    tx.mark_rotated(token.token_hash, to_iso(now))
    tx.prune_access_tokens(token.family, to_iso(now))
    return issue_pair(tx, center, family=token.family, device_id=token.device_id, now=now,
                      lifetimes=lifetimes)


def _lost_reply(tx: Tx, token: Token, now: dt.datetime) -> bool:
    """A rotated refresh token presented again is a retry, not a theft, when the pair it
    was swapped for has never been used (so its reply never reached anyone) and the swap is
    recent: the client lost the reply on a flaky link and asks again."""
    assert token.rotated_at is not None
    if token.rotated_at < to_iso(now - LOST_REPLY_GRACE):
        return False
    return tx.unused_successor(token.family, token.rotated_at)


def authenticate(tx: Tx, access_token: str, now: dt.datetime) -> tuple[Center, Token]:
    """The center an access token speaks for (and the token), or the protocol error."""
    token = tx.token(token_hash(access_token))
    if token is None or token.kind != "access" or token.revoked_at is not None:
        raise unauthorized()
    center = tx.center(token.center_code)
    if center is None or center.revoked:
        raise revoked_error()
    if token.expires_at <= to_iso(now):
        raise ProtocolError(ErrorCode.TOKEN_EXPIRED, _("访问令牌已过期，请刷新后重试"))
    return center, token
