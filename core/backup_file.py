"""The encrypted backup file (``.bmbak``): a readable manifest, then the database in
authenticated chunks.

Layout::

    MAGIC (16 bytes) | u32 manifest length | manifest (UTF-8 JSON)
    | record 0: the manifest's tag (an empty plaintext)
    | record 1 … n: the database, ``chunk_size`` bytes each, the last one flagged final

Each record is a u32 length and AES-256-GCM ciphertext (``cryptography``). The file key is
HKDF-SHA256 of the center's backup key with the manifest's random salt; the nonce is the
record's counter and a final-record flag (the STREAM construction), and every record
carries the manifest's SHA-256 as associated data. So the manifest cannot be changed, a
record cannot be moved, dropped or replayed from another file, and a truncated file is
told apart from a complete one. Encryption and decryption stream one chunk at a time: a
large database never needs twice its size in memory.

The manifest is readable without the key on purpose: which center, when, which key, and
the audit chain's count and head hash at that moment (an anchor, see
:mod:`core.anchors`). It holds no resident's data.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.backup_keys import BackupKey
from core.errors import InvalidInput
from core.i18n import _
from core.private_files import open_private

MAGIC = b"BIANMIN-BACKUP\x00\x01"
SQLITE_MAGIC = b"SQLite format 3\x00"
FORMAT = 1
CHUNK_SIZE = 1 << 20
MAX_CHUNK = 16 << 20
MAX_MANIFEST = 64 << 10
_TAG = 16
_LENGTH = struct.Struct(">I")


class BackupUnreadable(InvalidInput):
    """The file is not a backup, is cut short, or was changed after it was written."""


@dataclass(frozen=True)
class Manifest:
    center_code: str
    center_name: str
    created_at: str
    schema: str | None
    audit_count: int
    audit_head: str
    key_id: str
    salt: str
    chunk_size: int = CHUNK_SIZE
    database_bytes: int = 0
    format: int = FORMAT

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "center_code": self.center_code,
                "center_name": self.center_name, "created_at": self.created_at,
                "schema": self.schema, "audit": {"count": self.audit_count,
                                                 "head_hash": self.audit_head},
                "key_id": self.key_id, "salt": self.salt, "chunk_size": self.chunk_size,
                "database_bytes": self.database_bytes}

    @classmethod
    def from_json(cls, value: object) -> Manifest:
        try:
            assert isinstance(value, dict)
            assert value["format"] == FORMAT
            audit = value["audit"]
            manifest = cls(
                center_code=str(value["center_code"]), center_name=str(value["center_name"]),
                created_at=str(value["created_at"]),
                schema=None if value["schema"] is None else str(value["schema"]),
                audit_count=int(audit["count"]), audit_head=str(audit["head_hash"]),
                key_id=str(value["key_id"]), salt=str(value["salt"]),
                chunk_size=int(value["chunk_size"]),
                database_bytes=int(value["database_bytes"]))
            assert 0 < manifest.chunk_size <= MAX_CHUNK
            assert len(bytes.fromhex(manifest.salt))
        except (AssertionError, KeyError, TypeError, ValueError):
            raise BackupUnreadable(_("备份文件的清单不完整或格式不对")) from None
        return manifest


def kind_of(path: Path) -> str:
    """``encrypted``, ``plain`` (an SQLite file: a backup from before encryption, or a
    local safety copy) or ``unknown``."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(MAGIC))
    except OSError:
        return "unknown"
    if head == MAGIC:
        return "encrypted"
    if head == SQLITE_MAGIC:
        return "plain"
    return "unknown"


def _file_key(key: BackupKey, salt: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                   info=b"bianmin backup v1").derive(key.secret)
    return AESGCM(derived)


def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


def _chunks(handle: IO[bytes], size: int) -> Iterator[tuple[bytes, bool]]:
    """(chunk, is the last) pairs; an empty input is one empty final chunk."""
    current = handle.read(size)
    while True:
        following = handle.read(size)
        yield current, not following
        if not following:
            return
        current = following


def encrypt(plain: Path, target: Path, manifest: Manifest, key: BackupKey) -> None:
    """Write ``plain`` (a database file) encrypted to ``target`` (0600), fsynced."""
    header = json.dumps(manifest.to_json(), ensure_ascii=False, sort_keys=True).encode()
    aad = hashlib.sha256(MAGIC + header).digest()
    aead = _file_key(key, bytes.fromhex(manifest.salt))
    with open(plain, "rb") as source, open_private(target, "wb") as out:
        out.write(MAGIC + _LENGTH.pack(len(header)) + header)
        _record(out, aead.encrypt(_nonce(0, False), b"", aad))
        for counter, (chunk, final) in enumerate(_chunks(source, manifest.chunk_size), 1):
            _record(out, aead.encrypt(_nonce(counter, final), chunk, aad))
        out.flush()
        os.fsync(out.fileno())


def _record(out: IO[bytes], ciphertext: bytes) -> None:
    out.write(_LENGTH.pack(len(ciphertext)) + ciphertext)


def _read_exact(handle: IO[bytes], size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise BackupUnreadable(_("备份文件不完整（在中途被截断），未使用"))
    return data


def _read_header(handle: IO[bytes]) -> tuple[Manifest, bytes]:
    if handle.read(len(MAGIC)) != MAGIC:
        raise BackupUnreadable(_("这不是便民的加密备份文件"))
    (length,) = _LENGTH.unpack(_read_exact(handle, _LENGTH.size))
    if length > MAX_MANIFEST:
        raise BackupUnreadable(_("备份文件的清单不完整或格式不对"))
    header = _read_exact(handle, length)
    try:
        value = json.loads(header.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BackupUnreadable(_("备份文件的清单不完整或格式不对")) from None
    return Manifest.from_json(value), hashlib.sha256(MAGIC + header).digest()


def read_manifest(path: Path) -> Manifest:
    """The manifest as written (not yet authenticated: see :func:`authenticate`)."""
    with open(path, "rb") as handle:
        return _read_header(handle)[0]


def _next_record(handle: IO[bytes], limit: int) -> bytes:
    (length,) = _LENGTH.unpack(_read_exact(handle, _LENGTH.size))
    if length < _TAG or length > limit + _TAG:
        raise BackupUnreadable(_("备份文件已损坏或被改动（数据段长度不对），未使用"))
    return _read_exact(handle, length)


def _tampered() -> BackupUnreadable:
    return BackupUnreadable(_("备份文件已损坏或被改动（加密校验不通过），未使用"))


def authenticate(path: Path, key: BackupKey) -> Manifest:
    """The manifest, checked against its tag with ``key`` (reads only the head of the file)."""
    with open(path, "rb") as handle:
        manifest, aad = _read_header(handle)
        aead = _file_key(key, bytes.fromhex(manifest.salt))
        try:
            aead.decrypt(_nonce(0, False), _next_record(handle, 0), aad)
        except InvalidTag:
            raise _tampered() from None
    return manifest


def decrypt(path: Path, key: BackupKey, target: Path) -> Manifest:
    """Decrypt ``path`` into ``target`` (0600), chunk by chunk; every chunk is checked and
    the last must be marked final, else :class:`BackupUnreadable` (``target`` removed)."""
    try:
        with open(path, "rb") as handle, open_private(target, "wb") as out:
            manifest, aad = _read_header(handle)
            aead = _file_key(key, bytes.fromhex(manifest.salt))
            try:
                aead.decrypt(_nonce(0, False), _next_record(handle, 0), aad)
                _decrypt_body(handle, out, aead, aad, manifest.chunk_size)
            except InvalidTag:
                raise _tampered() from None
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return manifest


def _decrypt_body(handle: IO[bytes], out: IO[bytes], aead: AESGCM, aad: bytes,
                  chunk_size: int) -> None:
    counter = 1
    while True:
        ciphertext = _next_record(handle, chunk_size)
        try:
            out.write(aead.decrypt(_nonce(counter, False), ciphertext, aad))
        except InvalidTag:
            out.write(aead.decrypt(_nonce(counter, True), ciphertext, aad))
            if handle.read(1):
                raise _tampered() from None  # something appended after the final record
            return
        counter += 1
