"""The key that encrypts a center's backups, kept in the OS keyring, and its recovery key.

One random 256-bit key per center, made at the first backup and kept in the secret store
(:mod:`core.secrets`: the OS keyring, or the file an admin allowed on a kiosk image). A new
PC, or the same PC after its keyring is lost, cannot open the backups without it: that is
what the **recovery key** is for. ``bianmin backup key export`` shows it once for the
administrator to write down or keep offline (escrow); ``bianmin backup key import`` puts it
into another PC's keyring. Keys already there are kept, so backups made under an older
key still restore.

A recovery key reads ``BMK1-<center code>-XXXX-XXXX-…``: the key and a 3-byte checksum in
base32 (no 0/1/8 look-alikes to mistype), so a typo is caught before anything is tried.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field

from core.errors import InvalidInput, StorageError
from core.i18n import _
from core.secrets import SecretStore

ENTRY = "backup-keys"
RECOVERY_PREFIX = "BMK1"
KEY_BYTES = 32
_CHECK_BYTES = 3
_GROUP = 4


@dataclass(frozen=True)
class BackupKey:
    center_code: str
    secret: bytes = field(repr=False)

    @property
    def key_id(self) -> str:
        """A public name for the key (in each backup's manifest), not the key."""
        return hashlib.sha256(b"bianmin backup key id\0" + self.secret).hexdigest()[:16]


def new_key(center_code: str) -> BackupKey:
    return BackupKey(center_code, secrets.token_bytes(KEY_BYTES))


def _checksum(center_code: str, secret: bytes) -> bytes:
    return hashlib.sha256(center_code.encode("ascii") + secret).digest()[:_CHECK_BYTES]


def recovery_text(key: BackupKey) -> str:
    """The recovery key to write down: ``BMK1-<center>-`` and 14 groups of 4."""
    encoded = base64.b32encode(key.secret + _checksum(key.center_code, key.secret)).decode()
    groups = [encoded[i:i + _GROUP] for i in range(0, len(encoded), _GROUP)]
    return "-".join([RECOVERY_PREFIX, key.center_code, *groups])


def parse_recovery(text: str) -> BackupKey:
    """A recovery key as typed (spaces, dashes, lower case and line breaks are fine)."""
    cleaned = re.sub(r"[\s\-]", "", text).upper()
    match = re.fullmatch(rf"{RECOVERY_PREFIX}(\d{{12}})([A-Z2-7]+)", cleaned)
    if match is None:
        raise InvalidInput(_("这不是便民的恢复密钥：应以 {prefix}- 开头，后面是12位中心代码和"
                             "一串字母数字").format(prefix=RECOVERY_PREFIX))
    code, body = match[1], match[2]
    try:
        raw = base64.b32decode(body)
    except ValueError:
        raw = b""
    if len(raw) != KEY_BYTES + _CHECK_BYTES or \
            raw[KEY_BYTES:] != _checksum(code, raw[:KEY_BYTES]):
        raise InvalidInput(_("恢复密钥校验不通过：请逐字核对（只用到字母A–Z和数字2–7）"))
    return BackupKey(code, raw[:KEY_BYTES])


class BackupKeys:
    """The backup keys in one secret store, newest last per center."""

    def __init__(self, store: SecretStore) -> None:
        self._store = store

    @property
    def kind(self) -> str:
        return self._store.kind

    def _load(self) -> list[dict[str, str]]:
        raw = self._store.get(ENTRY)
        if not raw:
            return []
        try:
            entries = json.loads(raw)
            assert isinstance(entries, list)
            return [{"center": str(e["center"]), "key": str(e["key"]),
                     "added_at": str(e.get("added_at", ""))} for e in entries]
        except (ValueError, AssertionError, KeyError, TypeError):
            raise StorageError(_("钥匙串中的备份密钥已损坏；请用 bianmin backup key import "
                                 "重新导入恢复密钥")) from None

    def _save(self, entries: list[dict[str, str]]) -> None:
        self._store.set(ENTRY, json.dumps(entries, ensure_ascii=False))

    @staticmethod
    def _key(entry: dict[str, str]) -> BackupKey:
        return BackupKey(entry["center"], base64.b64decode(entry["key"]))

    def all(self) -> list[BackupKey]:
        return [self._key(e) for e in self._load()]

    def current(self, center_code: str) -> BackupKey | None:
        """The key new backups of this center are made with (the newest one added)."""
        mine = [k for k in self.all() if k.center_code == center_code]
        return mine[-1] if mine else None

    def by_id(self, key_id: str) -> BackupKey | None:
        return next((k for k in self.all() if k.key_id == key_id), None)

    def add(self, key: BackupKey) -> bool:
        """Keep ``key`` and make it this center's current one; ``False`` when it already
        was the current one."""
        if self.current(key.center_code) == key:
            return False
        entries = [e for e in self._load() if self._key(e) != key]
        entries.append({"center": key.center_code,
                        "key": base64.b64encode(key.secret).decode("ascii"),
                        "added_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
        self._save(entries)
        return True

    def ensure(self, center_code: str) -> tuple[BackupKey, bool]:
        """This center's current key, made now if it has none; (key, made now)."""
        key = self.current(center_code)
        if key is not None:
            return key, False
        key = new_key(center_code)
        self.add(key)
        return key, True
