"""Guessing and flooding: per-address and per-account limits answer ``429`` with
``Retry-After``, ten wrong passwords lock an account until it cools down or the county
unlocks it, and a flood of logins cannot make the hub run many scrypt checks at once.

Each test starts its own hub with the shipped limits (the shared test hub runs with the
per-address limits relaxed, since every test there logs in from 127.0.0.1).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from tests.hub.hubkit import (
    CenterClient,
    HubProcess,
    accepted,
    add_center,
    peak_rss_mb,
)

pytestmark = pytest.mark.slow

TOKEN = "K7Q2MX"
WRONG_TOKENS = [f"ABCD{a}{b}" for a in "EF" for b in "2345689"]  # none of them is TOKEN


@pytest.fixture
def start_hub(tmp_path: Path) -> Iterator[Callable[..., HubProcess]]:
    started: list[HubProcess] = []

    def start(*extra: str) -> HubProcess:
        process = HubProcess(tmp_path / f"hub{len(started)}", *extra, relaxed=False).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def _page(hub: HubProcess, code: str, *, forwarded: str | None = None,
          json: bool = False) -> requests.Response:
    headers = {"Accept": "application/json" if json else "text/html"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    return requests.get(hub.url(f"/t/{code}"), headers=headers, timeout=30)


def _login(hub: HubProcess, account: str, password: str, *,
           forwarded: str | None = None) -> requests.Response:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return requests.post(hub.url("/auth/login"), json={
        "account": account, "password": password, "device_id": "pc-1"},
        headers=headers, timeout=60)


def _limited(r: requests.Response) -> None:
    assert r.status_code == 429, r.text
    assert int(r.headers["Retry-After"]) >= 1
    assert r.headers["X-Bianmin-Protocol"] == "1"


def test_guessing_tracking_codes_from_one_address_is_cut_off_after_30_a_minute(
        start_hub: Callable[..., HubProcess]) -> None:
    hub = start_hub()
    code, _password = add_center(hub.data_dir)
    client = CenterClient(hub, code, "")
    # An attacker walks the predictable case numbers, one guess each.
    answers = [_page(hub, client.case_number() + "ABCDEF") for _ in range(40)]
    statuses = [r.status_code for r in answers]
    assert statuses[:30] == [404] * 30
    assert set(statuses[30:]) == {429}
    _limited(answers[30])
    assert "查询太频繁" in answers[30].text  # a Chinese page for the phone's browser
    assert answers[30].headers["Content-Type"].startswith("text/html")
    json_answer = _page(hub, client.case_number() + "ABCDEF", json=True)
    _limited(json_answer)
    assert json_answer.json()["error"] == "rate_limited"


def test_guessing_one_case_number_from_many_addresses_locks_that_number(
        start_hub: Callable[..., HubProcess]) -> None:
    hub = start_hub("--trusted-proxy", "127.0.0.1")
    village = hub.new_center()
    number, other = village.case_number(), village.case_number()
    village.push_ok([accepted(number, token=TOKEN), accepted(other, token=TOKEN)])
    for i, wrong in enumerate(WRONG_TOKENS[:10]):
        assert _page(hub, number + wrong, forwarded=f"198.51.100.{i + 1}").status_code == 404
    # Even the right token now waits: the guesser cannot tell a hit from a miss.
    _limited(_page(hub, number + TOKEN, forwarded="203.0.113.7", json=True))
    assert _page(hub, other + TOKEN, forwarded="203.0.113.7").status_code == 200


def test_ten_wrong_passwords_lock_the_account_until_the_county_unlocks_it(
        start_hub: Callable[..., HubProcess]) -> None:
    hub = start_hub("--trusted-proxy", "127.0.0.1")
    code, password = add_center(hub.data_dir)
    for i in range(10):
        wrong = _login(hub, code, f"guess-{i}-x", forwarded=f"198.51.100.{i + 1}")
        assert wrong.status_code == 401, wrong.text
    right = _login(hub, code, password, forwarded="203.0.113.7")
    _limited(right)
    assert "锁定" in right.json()["message"]
    # An account that does not exist locks the same way (nobody learns which exist).
    for i in range(10):
        assert _login(hub, "330110109999", f"guess-{i}-x",
                      forwarded=f"198.51.100.{i + 1}").status_code == 401
    ghost = _login(hub, "330110109999", "guess-x-x", forwarded="203.0.113.8")
    _limited(ghost)
    assert ghost.json() == right.json()

    listing = hub.cli("center", "list")
    assert "已锁定" in listing.out
    unlocked = hub.cli("center", "unlock", code)
    assert unlocked.code == 0, unlocked.err
    assert "已解除" in unlocked.out
    assert _login(hub, code, password, forwarded="203.0.113.7").status_code == 200


def test_logins_from_one_address_are_limited_to_10_a_minute(
        start_hub: Callable[..., HubProcess]) -> None:
    hub = start_hub()
    code, password = add_center(hub.data_dir)
    answers = [_login(hub, code, password) for _ in range(12)]
    assert [r.status_code for r in answers] == [200] * 10 + [429] * 2
    _limited(answers[10])


def test_a_forwarded_address_counts_only_when_the_proxy_is_trusted(
        start_hub: Callable[..., HubProcess]) -> None:
    hub = start_hub()  # no --trusted-proxy: X-Forwarded-For is anybody's claim
    code, password = add_center(hub.data_dir)
    answers = [_login(hub, code, password, forwarded=f"198.51.100.{i + 1}")
               for i in range(11)]
    assert [r.status_code for r in answers] == [200] * 10 + [429]


def test_a_login_flood_cannot_run_many_password_checks_at_once(
        start_hub: Callable[..., HubProcess]) -> None:
    hub = start_hub("--trusted-proxy", "127.0.0.1")
    code, password = add_center(hub.data_dir)
    assert _login(hub, code, password).status_code == 200
    assert hub.proc is not None
    before = peak_rss_mb(hub.proc.pid)
    answers: list[requests.Response] = []
    lock = threading.Lock()

    def flood(worker: int) -> None:
        for attempt in range(4):
            r = _login(hub, f"3301101{worker:02d}{attempt:03d}", "wrong-password-1",
                       forwarded=f"10.{worker}.{attempt}.1")
            with lock:
                answers.append(r)

    workers = [threading.Thread(target=flood, args=(n,)) for n in range(16)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    statuses = {r.status_code for r in answers}
    assert statuses <= {401, 429}, statuses
    assert 429 in statuses  # refused early instead of queued behind the scrypt checks
    for r in answers:
        if r.status_code == 429:
            _limited(r)
    # 16 parallel scrypt checks take 16 MiB each; the hub runs two at a time.
    assert peak_rss_mb(hub.proc.pid) - before < 100
    assert _login(hub, code, password).status_code == 200
