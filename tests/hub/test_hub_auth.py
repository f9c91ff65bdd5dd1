"""Center accounts: login, refresh rotation with reuse detection, expiry, revocation."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.hub.hubkit import CenterClient, HubProcess, accepted


def _code(r: requests.Response) -> tuple[int, str]:
    assert r.headers["X-Bianmin-Protocol"] == "1"
    return r.status_code, r.json()["error"]


def test_login_answers_a_token_pair_for_the_center(village: CenterClient) -> None:
    r = village.post("/auth/login", {"account": village.code, "password": village.password,
                                    "device_id": "pc-2"}, auth=False)
    body = r.json()
    assert r.status_code == 200
    assert body["center"] == {"code": village.code, "name": "测试村便民服务站"}
    assert body["expires_in"] == 900
    assert body["access_token"] != village.access


def test_a_wrong_password_and_an_unknown_account_look_the_same(village: CenterClient) -> None:
    wrong = village.post("/auth/login", {"account": village.code, "password": "not-it-123",
                                        "device_id": "pc-1"}, auth=False)
    unknown = village.post("/auth/login", {"account": "330110101999", "password": "x-y-z-1",
                                          "device_id": "pc-1"}, auth=False)
    assert _code(wrong) == (401, "bad_credentials")
    assert wrong.json() == unknown.json()


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer garbage", "Basic abc"])
def test_missing_or_garbage_tokens_are_unauthorized(hub: HubProcess, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    r = requests.get(hub.url("/feed"), headers=headers, timeout=10)
    assert _code(r) == (401, "unauthorized")


def test_refresh_rotates_and_reusing_an_old_refresh_token_revokes_the_family(
        village: CenterClient) -> None:
    old_refresh = village.refresh
    r = village.post("/auth/refresh", {"refresh_token": old_refresh}, auth=False)
    assert r.status_code == 200
    new = r.json()
    assert new["refresh_token"] != old_refresh
    village.access = new["access_token"]
    assert village.get("/feed").status_code == 200
    reused = village.post("/auth/refresh", {"refresh_token": old_refresh}, auth=False)
    assert _code(reused) == (401, "refresh_reused")
    # The whole family is gone: the rotated pair no longer works either.
    assert _code(village.get("/feed")) == (401, "unauthorized")
    again = village.post("/auth/refresh", {"refresh_token": new["refresh_token"]}, auth=False)
    assert _code(again) == (401, "unauthorized")
    # Another login (another family) is unaffected.
    assert village.login().get("/feed").status_code == 200


def test_a_revoked_center_gets_403_everywhere(hub: HubProcess, village: CenterClient) -> None:
    assert hub.cli("center", "revoke", village.code).code == 0
    assert _code(village.get("/feed")) == (403, "center_revoked")
    assert _code(village.push([accepted(village.case_number())])) == (403, "center_revoked")
    refresh = village.post("/auth/refresh", {"refresh_token": village.refresh}, auth=False)
    assert _code(refresh) == (403, "center_revoked")
    login = village.post("/auth/login", {"account": village.code, "password": village.password,
                                        "device_id": "pc-1"}, auth=False)
    assert _code(login) == (403, "center_revoked")


def test_a_new_password_revokes_every_token_and_the_old_password(
        hub: HubProcess, village: CenterClient) -> None:
    result = hub.cli("center", "passwd", village.code)
    assert result.code == 0
    new_password = result.out.split("新密码：")[1].split()[0]
    assert _code(village.get("/feed")) == (401, "unauthorized")
    refresh = village.post("/auth/refresh", {"refresh_token": village.refresh}, auth=False)
    assert _code(refresh) == (401, "unauthorized")
    with pytest.raises(AssertionError):
        village.login()
    village.password = new_password
    assert village.login().get("/feed").status_code == 200


def test_tokens_and_passwords_are_stored_only_as_hashes(hub: HubProcess,
                                                       village: CenterClient) -> None:
    stored = b"".join(p.read_bytes() for p in hub.data_dir.glob("hub.sqlite3*"))
    for secret in (village.access, village.refresh, village.password):
        assert secret.encode() not in stored


@pytest.fixture(scope="module")
def short_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    process = HubProcess(Path(tmp_path_factory.mktemp("short")), "--access-ttl", "1").start()
    yield process
    process.stop()


def test_an_expired_access_token_is_token_expired_and_refresh_recovers(
        short_hub: HubProcess) -> None:
    village = short_hub.new_center()
    assert village.get("/feed").status_code == 200
    time.sleep(1.5)
    assert _code(village.get("/feed")) == (401, "token_expired")
    r = village.post("/auth/refresh", {"refresh_token": village.refresh}, auth=False)
    assert r.status_code == 200
    assert r.json()["expires_in"] == 1
    village.access = r.json()["access_token"]
    assert village.get("/feed").status_code == 200
