"""Trust in the center's books through the real ``bianmin`` command (issue 12, findings 2–5):
``verify`` against anchors kept outside the audit table, a corrupted page named with what
to do, ``restore`` that checks before it replaces, encrypted backups and their key."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from tests.books import audit_count, corrupt_page, delete_audit_rows, digest, rehash_after_edit
from tests.helpers import CENTER_CODE, run_bianmin

OTHER_CODE = "330110101002"


def _init(data: Path, code: str = CENTER_CODE, env: dict[str, str] | None = None) -> Path:
    assert run_bianmin(data, "init", "--center-code", code, "--center-name", "测试村便民服务站",
                       env=env).returncode == 0
    assert run_bianmin(data, "group", "add", "A", "--name", "社保医保", env=env).returncode == 0
    return data


@pytest.fixture
def ready(tmp_path: Path) -> Path:
    data = _init(tmp_path / "data")
    for _ in range(3):
        assert run_bianmin(data, "ticket", "issue", "--group", "A").returncode == 0
    return data


def _backup(data: Path, *extra: str) -> Path:
    made = run_bianmin(data, "backup", *extra)
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.splitlines()[-1])


# ------------------------------------------------------------------ finding 2


@pytest.mark.parametrize("tamper", ["last rows", "all rows", "re-hashed middle row"])
def test_verify_names_a_chain_rewritten_since_the_newest_backup(ready: Path,
                                                                tamper: str) -> None:
    backup = _backup(ready)
    db = ready / "center.sqlite3"
    anchored = audit_count(db) - 1  # the backup's own row comes after its snapshot
    if tamper == "last rows":
        delete_audit_rows(db, after=anchored - 2)
    elif tamper == "all rows":
        delete_audit_rows(db)
    else:
        rehash_after_edit(db, 3, "ticket.cancelled")
    result = run_bianmin(ready, "verify")
    assert result.returncode == 1, result.stdout
    assert "留痕被删改" in result.stdout
    assert backup.name in result.stdout


# ------------------------------------------------------------------ finding 3


def test_verify_names_a_corrupted_page_and_the_backup_to_restore(ready: Path) -> None:
    backup = _backup(ready)
    corrupt_page(ready / "center.sqlite3", "case_file")
    result = run_bianmin(ready, "verify")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "内部错误" not in result.stdout + result.stderr
    assert "数据库文件已损坏" in result.stdout
    assert f"bianmin restore {backup}" in result.stdout


def test_a_damaged_store_refuses_every_write_and_restore_mends_it(ready: Path) -> None:
    backup = _backup(ready)
    db = ready / "center.sqlite3"
    corrupt_page(db, "case_file")
    before = digest(db)
    issued = run_bianmin(ready, "ticket", "issue", "--group", "A")
    assert issued.returncode == 2
    (line,) = [ln for ln in issued.stderr.splitlines() if ln.startswith("错误：")]
    assert "数据库文件已损坏" in line and f"bianmin restore {backup}" in line
    assert "Traceback" not in issued.stderr
    assert digest(db) == before

    restored = run_bianmin(ready, "restore", str(backup))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert run_bianmin(ready, "verify").returncode == 0
    again = run_bianmin(ready, "ticket", "issue", "--group", "A")
    assert again.returncode == 0 and again.stdout.splitlines()[-1] == "A004"


def test_books_too_damaged_to_open_still_take_a_restore(ready: Path) -> None:
    backup = _backup(ready)
    corrupt_page(ready / "center.sqlite3", "sqlite_master", length=100)  # the file header
    refused = run_bianmin(ready, "ticket", "issue", "--group", "A")
    assert refused.returncode == 2 and "数据库文件已损坏" in refused.stderr
    restored = run_bianmin(ready, "restore", str(backup))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "已原样移到" in restored.stdout
    assert run_bianmin(ready, "ticket", "issue", "--group", "A").stdout.splitlines()[-1] == "A004"


# ------------------------------------------------------------------ finding 4


def test_restore_refuses_another_centers_backup_unless_told(ready: Path,
                                                            tmp_path: Path) -> None:
    other = _init(tmp_path / "other", OTHER_CODE)
    foreign = _backup(other)
    db = ready / "center.sqlite3"
    before = digest(db)
    refused = run_bianmin(ready, "restore", str(foreign))
    assert refused.returncode == 2, refused.stdout
    assert OTHER_CODE in refused.stderr and CENTER_CODE in refused.stderr
    assert "--force-other-center" in refused.stderr
    assert digest(db) == before

    forced = run_bianmin(ready, "restore", str(foreign), "--force-other-center")
    assert forced.returncode == 0, forced.stderr
    shown = run_bianmin(ready, "verify")
    assert shown.returncode == 0, shown.stdout


def test_restore_refuses_a_backup_whose_chain_is_broken_before_replacing(
        ready: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    twin = tmp_path / "twin"
    shutil.copytree(ready, twin)
    conn = sqlite3.connect(twin / "center.sqlite3")
    conn.execute("DROP TRIGGER audit_append_only_update")
    conn.execute("UPDATE audit SET action = 'staff.renamed' WHERE id = 2")
    conn.commit()
    conn.close()
    broken = _backup(twin)
    db = ready / "center.sqlite3"
    before = digest(db)
    refused = run_bianmin(ready, "restore", str(broken))
    assert refused.returncode == 2, refused.stdout
    assert "留痕" in refused.stderr and "--accept-broken-chain" in refused.stderr
    assert "已恢复" not in refused.stdout
    assert digest(db) == before

    accepted = run_bianmin(ready, "restore", str(broken), "--accept-broken-chain")
    assert accepted.returncode == 1  # done as told, and the result is said plainly
    assert "有问题" in accepted.stdout


# ------------------------------------------------------------------ finding 5


def _modes(root: Path) -> dict[str, str]:
    found = {}
    for path in [root, *root.rglob("*")]:
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def test_every_file_the_command_makes_is_private(ready: Path) -> None:
    _backup(ready)
    modes = _modes(ready)
    assert modes["."] == "0o700"
    for name, mode in modes.items():
        is_dir = (ready / name).is_dir()
        assert mode == ("0o700" if is_dir else "0o600"), (name, mode)


def test_a_backup_is_encrypted_and_needs_its_key_on_a_new_pc(ready: Path,
                                                             tmp_path: Path) -> None:
    backup = _backup(ready)
    content = backup.read_bytes()
    assert not content.startswith(b"SQLite format 3")
    assert "社保医保".encode() not in content and CENTER_CODE.encode() in content

    exported = run_bianmin(ready, "backup", "key", "export")
    assert exported.returncode == 0, exported.stderr
    assert "妥善保管" in exported.stdout
    key = re.search(r"(BMK1(?:-[0-9A-Z]+)+)", exported.stdout)
    assert key, exported.stdout

    new_pc = {"BIANMIN_SECRET_STORE": f"file:{tmp_path / 'new-pc-secrets.json'}"}
    fresh = tmp_path / "new-pc"
    refused = run_bianmin(fresh, "restore", str(backup), env=new_pc)
    assert refused.returncode == 2
    assert "bianmin backup key import" in refused.stderr
    imported = run_bianmin(fresh, "backup", "key", "import", "--stdin", stdin=key[1] + "\n",
                           env=new_pc)
    assert imported.returncode == 0, imported.stderr
    restored = run_bianmin(fresh, "restore", str(backup), env=new_pc)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert run_bianmin(fresh, "ticket", "issue", "--group", "A",
                       env=new_pc).stdout.splitlines()[-1] == "A004"
