"""The ``bianmin`` command as an administrator uses it, in real child processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CENTER_CODE, run_bianmin


@pytest.fixture
def ready(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert run_bianmin(data, "init", "--center-code", CENTER_CODE, "--center-name",
                       "测试村便民服务站").returncode == 0
    assert run_bianmin(data, "group", "add", "A", "--name", "社保医保").returncode == 0
    assert run_bianmin(data, "window", "add", "1").returncode == 0
    return data


def test_issue_prints_the_number_alone_on_the_last_line(ready: Path) -> None:
    first = run_bianmin(ready, "ticket", "issue", "--group", "A")
    second = run_bianmin(ready, "ticket", "issue", "--group", "a", "--priority")
    assert first.returncode == 0 and second.returncode == 0
    assert first.stdout.splitlines()[-1] == "A001"
    assert second.stdout.splitlines()[-1] == "A002"
    called = run_bianmin(ready, "ticket", "call", "--window", "1")
    assert called.stdout.splitlines() == ["请A002号到1号窗口办理", "A002"]


def test_staff_add_reads_the_password_from_stdin(ready: Path) -> None:
    result = run_bianmin(ready, "staff", "add", "wang", "--role", "clerk", "--name", "王小明",
                         "--password-stdin", stdin="wang-pass-1\n")
    assert result.returncode == 0, result.stderr
    listing = run_bianmin(ready, "staff", "list").stdout
    assert "wang\t王小明\t窗口人员" in listing
    assert "wang-pass-1" not in listing


def test_errors_are_one_chinese_line_without_traceback(ready: Path) -> None:
    cases = [
        ("ticket", "issue", "--group", "Z"),
        ("init", "--center-code", "123", "--center-name", "x"),
        ("group", "add", "B", "--name", "坏\x07名"),
        ("staff", "add", "x", "--role", "boss", "--name", "某", "--password-stdin"),
        ("ticket", "frobnicate"),
    ]
    for args in cases:
        result = run_bianmin(ready, *args, stdin="pass-word-1\n")
        assert result.returncode == 2, (args, result)
        assert "Traceback" not in result.stderr
        error_lines = [ln for ln in result.stderr.splitlines() if ln.startswith("错误：")]
        assert len(error_lines) == 1, (args, result.stderr)


def test_bad_input_writes_nothing(ready: Path) -> None:
    before = run_bianmin(ready, "verify").stdout
    run_bianmin(ready, "group", "add", "B", "--name", "")
    run_bianmin(ready, "ticket", "issue", "--group", "Q")
    assert run_bianmin(ready, "verify").stdout == before
    assert "B\t" not in run_bianmin(ready, "group", "list").stdout


def test_verify_fails_on_a_tampered_audit_row(ready: Path) -> None:
    import sqlite3

    run_bianmin(ready, "ticket", "issue", "--group", "A")
    conn = sqlite3.connect(ready / "center.sqlite3")
    conn.execute("DROP TRIGGER audit_append_only_update")
    conn.execute("UPDATE audit SET action = 'ticket.cancel' WHERE id = 2")
    conn.commit()
    conn.close()
    result = run_bianmin(ready, "verify")
    assert result.returncode == 1
    assert "第2条记录被改动或缺失" in result.stdout


def test_backup_and_restore_commands(ready: Path, tmp_path: Path) -> None:
    run_bianmin(ready, "ticket", "issue", "--group", "A")
    backup = run_bianmin(ready, "backup", "--to", str(tmp_path / "usb"))
    assert backup.returncode == 0
    path = backup.stdout.strip()
    run_bianmin(ready, "ticket", "issue", "--group", "A")
    restored = run_bianmin(ready, "restore", path)
    assert restored.returncode == 0, restored.stderr
    listing = run_bianmin(ready, "ticket", "list").stdout
    assert listing.count("A00") == 1


def test_rare_characters_round_trip_through_the_cli(ready: Path) -> None:
    assert run_bianmin(ready, "group", "add", "C", "--name", "𠮷祥事务").returncode == 0
    assert "C\t𠮷祥事务" in run_bianmin(ready, "group", "list").stdout


def test_data_dir_from_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.helpers import TOP

    env = {**os.environ, "BIANMIN_DATA_DIR": str(tmp_path / "env-data")}
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "init", "--center-code", CENTER_CODE,
         "--center-name", "环境变量站"], capture_output=True, text=True, env=env, cwd=TOP,
        check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env-data" / "center.sqlite3").exists()
