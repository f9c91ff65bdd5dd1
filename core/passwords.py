"""Password hashing with the stdlib's memory-hard scrypt and a per-user salt."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from core.errors import InvalidInput
from core.i18n import _

_N, _R, _P = 2**14, 8, 1
MIN_LENGTH = 6


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    check_strength(password)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p),
            dklen=len(expected), maxmem=2**26,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(_("密码至少需要{n}位").format(n=MIN_LENGTH))
    if len(set(password)) < 3:
        raise InvalidInput(_("密码过于简单：请不要用重复的字符"))
    if any(ord(c) < 32 for c in password):
        raise InvalidInput(_("密码不能包含控制字符"))
