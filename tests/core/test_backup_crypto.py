"""Backups are encrypted (issue 12, finding 5): AES-GCM in chunks with the center's key
from the secret store, a recovery key for a new PC, a wrong key or a changed byte refused
clearly, and the unencrypted backups of older versions still restore."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from core import backup_file
from core.actor import Actor
from core.backup import NoBackupKey
from core.backup_keys import BackupKey, new_key, parse_recovery, recovery_text
from core.cases import Applicant
from core.center import Center, open_center
from core.clock import FixedClock
from core.db import backup as files
from core.errors import InvalidInput, StorageError
from tests.books import digest
from tests.helpers import ADMIN, valid_id

ID_NUMBER = valid_id("33011019800101123")
PHONE = "13912345678"
NAME = "欧阳建华"


def _filed(desk: Center) -> int:

    clerk = desk.staff.by_username("wang")
    case = desk.cases.new(Actor(clerk.id, "staff"), "05-MZ-001",
                          Applicant(NAME, ID_NUMBER, PHONE, "良渚街道新港村3组"))
    return case.id


def test_a_backup_holds_no_readable_personal_data_and_restores(desk: Center) -> None:
    case_id = _filed(desk)
    path = desk.backups.create(ADMIN)
    content = path.read_bytes()
    assert path.suffix == ".bmbak" and not content.startswith(b"SQLite format 3")
    for secret in (NAME, ID_NUMBER, PHONE, "良渚街道新港村"):
        assert secret.encode("utf-8") not in content
    desk.tickets.issue("A")
    desk.backups.restore(path, ADMIN)
    assert desk.cases.get(case_id).applicant_id_number == ID_NUMBER
    assert desk.tickets.for_day(desk.tickets.today()) == []


def test_restore_refuses_a_backup_made_with_another_key(center: Center,
                                                        secret_file: Path) -> None:
    path = center.backups.create(ADMIN)
    key_id = backup_file.read_manifest(path).key_id
    secret_file.unlink()  # a new PC, or a keyring that was wiped
    center.tickets.issue("A")
    before = digest(center.data_dir.database)
    with pytest.raises(NoBackupKey) as refused:
        center.backups.restore(path, ADMIN)
    assert key_id in refused.value.message
    assert "bianmin backup key import" in refused.value.message
    assert digest(center.data_dir.database) == before
    assert not [p for p in center.data_dir.backups.iterdir() if "pre-restore" in p.name]


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["a byte of the data", "a byte of the manifest",
                                    "cut short", "something appended"])
def test_a_changed_or_cut_backup_is_refused_and_changes_nothing(center: Center,
                                                                damage: str) -> None:
    path = center.backups.create(ADMIN)
    size = path.stat().st_size
    if damage == "a byte of the data":
        _flip(path, size - 100)
    elif damage == "a byte of the manifest":
        text = path.read_bytes()
        at = text.index(b'"center_name"') + 20
        _flip(path, at)
    elif damage == "cut short":
        with open(path, "r+b") as handle:
            handle.truncate(size - 5000)
    else:
        with open(path, "ab") as handle:
            handle.write(b"\x00" * 32)
    center.tickets.issue("A")
    before = digest(center.data_dir.database)
    with pytest.raises(InvalidInput) as refused:
        center.backups.restore(path, ADMIN)
    assert any(word in refused.value.message for word in ("被改动", "不完整", "格式不对"))
    assert digest(center.data_dir.database) == before


def test_encryption_streams_a_large_database_in_chunks(tmp_path: Path) -> None:
    plain = tmp_path / "big.sqlite3"
    plain.write_bytes(os.urandom(24 << 20))
    key = new_key("330110101001")
    manifest = backup_file.Manifest("330110101001", "x", "2026-11-27T01:00:00+00:00", None,
                                    0, "0" * 64, key.key_id, os.urandom(16).hex())
    target = tmp_path / "big.bmbak"
    tracemalloc.start()
    try:
        backup_file.encrypt(plain, target, manifest, key)
        backup_file.decrypt(target, key, tmp_path / "back.sqlite3")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"peak {peak} bytes: not streamed"
    assert digest(tmp_path / "back.sqlite3") == digest(plain)
    # 24 chunks of 1 MiB, each with its length and tag, plus the manifest's own tag
    assert target.stat().st_size > 24 * ((1 << 20) + 20)


def test_old_unencrypted_backups_still_restore_and_are_marked(center: Center,
                                                              clock: FixedClock) -> None:
    center.tickets.issue("A")
    old = center.data_dir.backups / "bianmin-20261126-180000-000000.sqlite3"
    files.copy_to(center.db, old)  # what every backup was before encryption
    center.tickets.issue("A")
    (info,) = [b for b in center.backups.listing() if b.path == old]
    assert not info.encrypted and "未加密" in info.label
    center.backups.restore(old, ADMIN)
    assert [t.number for t in center.tickets.for_day(center.tickets.today())] == ["A001"]
    assert center.verify().ok


def test_a_recovery_key_round_trips_and_a_typo_is_caught() -> None:
    key = new_key("330110101001")
    text = recovery_text(key)
    assert text.startswith("BMK1-330110101001-")
    assert parse_recovery(text) == key
    assert parse_recovery(" " + text.lower().replace("-", " ") + "\n") == key
    head, last = text.rsplit("-", 1)
    typo = head + "-" + ("A" if last[0] != "A" else "B") + last[1:]
    with pytest.raises(InvalidInput, match="校验不通过"):
        parse_recovery(typo)
    with pytest.raises(InvalidInput, match="不是便民的恢复密钥"):
        parse_recovery("hello")


def test_without_a_keyring_a_backup_says_what_to_do(center: Center,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIANMIN_SECRET_STORE")
    monkeypatch.setattr(keyring, "get_keyring", lambda: keyring.backends.fail.Keyring())
    with pytest.raises(StorageError) as refused:
        center.backups.create(ADMIN)
    assert "无法取得备份密钥" in refused.value.message
    assert "sync.allow_file_secrets" in refused.value.message
    assert not center.backups.all()


def test_the_key_export_state_is_kept_in_the_books(center: Center) -> None:
    key = center.backups.current_key(ADMIN)
    assert center.backups.key_exported(key.key_id) is None
    center.backups.record_key_event("backup.key_exported", key, ADMIN, {"to": "screen"})
    assert center.backups.key_exported(key.key_id) is not None


def test_an_imported_key_opens_the_old_pcs_backups(center: Center, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   clock: FixedClock) -> None:
    center.tickets.issue("A")
    path = center.backups.create(ADMIN)
    text = recovery_text(center.backups.current_key(ADMIN))
    monkeypatch.setenv("BIANMIN_SECRET_STORE", f"file:{tmp_path / 'new-pc.json'}")
    with open_center(tmp_path / "new-pc", clock=clock) as fresh:
        with pytest.raises(NoBackupKey):
            fresh.backups.restore(path, ADMIN)
        imported: BackupKey = parse_recovery(text)
        assert fresh.backup_keys().add(imported)
        fresh.backups.restore(path, ADMIN)
        assert fresh.require_info().code == "330110101001"
        assert [t.number for t in fresh.tickets.for_day(fresh.tickets.today())] == ["A001"]

