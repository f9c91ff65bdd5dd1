"""``bianmin sync login | run | status`` as a child process, and where secrets end up."""

from __future__ import annotations

import signal
import stat
import time
from pathlib import Path

import pytest
import requests

from core.secrets import FILE_NAME
from tests.hub.hubkit import HubProcess, run_cli
from tests.sync.kit import (
    Site,
    accept_cases,
    cli_login,
    queue_notices,
    run_bianmin,
    start_bianmin,
)

INSECURE_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                    "BIANMIN_SECRET_STORE": ""}


def _one_chinese_line(text: str) -> None:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert lines[0].startswith("错误：") and "Traceback" not in text


def test_login_run_and_status(site: Site, hub: HubProcess) -> None:
    result = run_bianmin(site, "sync", "login", "--hub", hub.base + "/sync/v1", "--account",
                         site.code, "--password-stdin", stdin=site.password + "\n")
    assert result.returncode == 0, result.stderr
    assert "已登录上级：测试村便民服务站" in result.stdout
    with site.center() as center:
        accept_cases(center, 2)
        queue_notices(center, 1)
    result = run_bianmin(site, "sync", "run", "--once")
    assert result.returncode == 0, result.stderr
    assert "上报：成功3条" in result.stdout and "同步完成" in result.stdout
    status = run_bianmin(site, "sync", "status")
    assert status.returncode == 0
    for expected in ("待上报0", "已上报3", "被上级退回0", "已隔离0", "办件：已上报县级2",
                     "上次成功：2",
                     "时钟偏差：", "需要处理：无", site.code):
        assert expected in status.stdout, status.stdout


def test_status_lists_rows_needing_attention(site: Site, hub: HubProcess) -> None:
    cli_login(site, hub.base)
    with site.center() as center:
        [case] = accept_cases(center, 1)
        center.db.execute("UPDATE outbox SET state = 'rejected', "
                          "reason = '办件编号已被另一个办件使用'")
    status = run_bianmin(site, "sync", "status").stdout
    assert "需要处理（1条）" in status
    assert case.case_number in status and "受理上报" in status
    assert "上级退回：办件编号已被另一个办件使用" in status


def test_a_paused_queue_says_why_and_exits_2(site: Site, hub: HubProcess) -> None:
    cli_login(site, hub.base)
    with site.center() as center:
        queue_notices(center, 2)
    assert run_cli(hub.data_dir, "center", "passwd", site.code).code == 0
    result = run_bianmin(site, "sync", "run", "--once")
    assert result.returncode == 2
    assert "同步已暂停：需要重新登录" in result.stderr
    assert "已暂停：需要重新登录" in run_bianmin(site, "sync", "status").stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--hub", "http://hub.example.gov.cn", "--account", "{code}"], "https://"),
    (["--hub", "{hub}", "--account", "330110101999"], "不一致"),
    (["--hub", "http://127.0.0.1:9", "--account", "{code}"], "无法连接上级"),
])
def test_login_errors_are_one_chinese_line(site: Site, hub: HubProcess, args: list[str],
                                           message: str) -> None:
    filled = [a.format(code=site.code, hub=hub.base) for a in args]
    result = run_bianmin(site, "sync", "login", *filled, "--password-stdin",
                         stdin=site.password + "\n")
    assert result.returncode == 2
    _one_chinese_line(result.stderr)
    assert message in result.stderr


def test_a_wrong_password_is_refused_and_never_echoed(site: Site, hub: HubProcess) -> None:
    result = run_bianmin(site, "sync", "login", "--hub", hub.base, "--account", site.code,
                         "--password-stdin", stdin="not-the-password-42\n")
    assert result.returncode == 2
    _one_chinese_line(result.stderr)
    assert "账号或密码不对" in result.stderr
    assert "not-the-password-42" not in result.stderr + result.stdout


def test_running_before_logging_in_says_what_to_do(site: Site) -> None:
    result = run_bianmin(site, "sync", "run", "--once")
    assert result.returncode == 2
    _one_chinese_line(result.stderr)
    assert "bianmin sync login" in result.stderr


def test_without_a_secure_keyring_login_refuses_to_store(site: Site, hub: HubProcess) -> None:
    result = run_bianmin(site, "sync", "login", "--hub", hub.base, "--account", site.code,
                         "--password-stdin", stdin=site.password + "\n", env=INSECURE_KEYRING)
    assert result.returncode == 2
    _one_chinese_line(result.stderr)
    assert "sync.allow_file_secrets" in result.stderr
    assert not (site.data_dir / FILE_NAME).exists()


def test_the_file_fallback_only_when_an_admin_turns_it_on(site: Site, hub: HubProcess) -> None:
    assert run_bianmin(site, "settings", "sync.allow_file_secrets", "true",
                       env=INSECURE_KEYRING).returncode == 0
    result = run_bianmin(site, "sync", "login", "--hub", hub.base, "--account", site.code,
                         "--password-stdin", stdin=site.password + "\n", env=INSECURE_KEYRING)
    assert result.returncode == 0, result.stderr
    secrets = site.data_dir / FILE_NAME
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    with site.center() as center:
        queue_notices(center, 1)
    assert run_bianmin(site, "sync", "run", "--once", env=INSECURE_KEYRING).returncode == 0


def test_secrets_never_reach_the_database_settings_or_logs(site: Site, hub: HubProcess) -> None:
    cli_login(site, hub.base)
    with site.center() as center:
        queue_notices(center, 1)
    assert run_bianmin(site, "sync", "run", "--once", "-v").returncode == 0
    refresh = site.file_secrets()
    stored = [v for k in ("refresh", "password") for v in [_secret(refresh, k)] if v]
    assert stored, "the refresh token should be in the secret store"
    for path in site.data_dir.rglob("*"):
        if path.is_file() and path.name != FILE_NAME:
            data = path.read_bytes()
            for secret in [*stored, site.password]:
                assert secret.encode() not in data, f"a secret leaked into {path.name}"


def _secret(store: object, what: str) -> str | None:
    values = store._read()  # type: ignore[attr-defined]
    return next((v for k, v in values.items() if k.endswith("/" + what)), None)


@pytest.mark.slow
def test_run_forever_syncs_on_a_timer_and_stops_cleanly(site: Site, hub: HubProcess) -> None:
    cli_login(site, hub.base)
    assert run_bianmin(site, "settings", "sync.interval_seconds", "10").returncode == 0
    with site.center() as center:
        queue_notices(center, 3)
    child = start_bianmin(site, "sync", "run")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with site.center() as center:
                if center.sync.status().counts["acked"] == 3:
                    break
            time.sleep(0.2)
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    assert "自动同步已启动" in out


def test_the_hub_answers_a_lost_refresh_reply_again_but_not_a_replay(site: Site,
                                                                     hub: HubProcess) -> None:
    """A refresh whose reply never arrived may be asked again (the unused new pair is
    replaced); once the new pair has been used, the old token is a replay: reuse."""
    base = hub.url("")
    login = requests.post(base + "/auth/login", json={
        "account": site.code, "password": site.password, "device_id": "t"}, timeout=10).json()
    old = login["refresh_token"]
    lost = requests.post(base + "/auth/refresh", json={"refresh_token": old}, timeout=10)
    assert lost.status_code == 200  # ...and the reply is "lost"
    again = requests.post(base + "/auth/refresh", json={"refresh_token": old}, timeout=10)
    assert again.status_code == 200
    replaced = lost.json()
    for token in (replaced["access_token"],):
        r = requests.get(base + "/feed", headers={"Authorization": f"Bearer {token}"},
                         timeout=10)
        assert r.status_code == 401  # the pair nobody received is gone
    fresh = again.json()
    r = requests.get(base + "/feed", headers={"Authorization": f"Bearer {fresh['access_token']}"},
                     timeout=10)
    assert r.status_code == 200  # the new pair is used: it reached its owner
    replay = requests.post(base + "/auth/refresh", json={"refresh_token": old}, timeout=10)
    assert (replay.status_code, replay.json()["error"]) == (401, "refresh_reused")
    r = requests.get(base + "/feed", headers={"Authorization": f"Bearer {fresh['access_token']}"},
                     timeout=10)
    assert r.status_code == 401  # the whole family is revoked
    assert Path(hub.data_dir).exists()
