"""The transport and its rules: what counts as a protocol reply, how errors are classified
(reference/sync.md §3.6), backoff with full jitter, Retry-After, clock skew."""

from __future__ import annotations

import datetime as dt
import email.utils
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InvalidInput
from sync.client.backoff import full_jitter, parse_retry_after
from sync.client.errors import FailureKind, SyncFailure, classify
from sync.client.transport import Transport, normalize_hub_url
from sync.protocol import ErrorCode, ProtocolError
from tests.hub.hubkit import HubProcess
from tests.sync.proxy import FaultProxy, Plan, Reply


@pytest.mark.parametrize(("status", "code", "kind"), [
    (401, "token_expired", FailureKind.AUTH),
    (401, "unauthorized", FailureKind.AUTH),
    (401, "refresh_reused", FailureKind.REAUTH),
    (401, "bad_credentials", FailureKind.REAUTH),
    (403, "center_revoked", FailureKind.REVOKED),
    (410, "cursor_expired", FailureKind.CURSOR_EXPIRED),
    (400, "bad_cursor", FailureKind.CURSOR_EXPIRED),
    (400, "unsupported_protocol", FailureKind.UPGRADE),
    (426, "bad_reply", FailureKind.UPGRADE),
    (400, "bad_json", FailureKind.BAD_BATCH),
    (413, "too_large", FailureKind.BAD_BATCH),
    (422, "invalid_batch", FailureKind.BAD_BATCH),
    (422, "invalid_event", FailureKind.BAD_BATCH),  # without naming the event
    (404, "not_found", FailureKind.NETWORK),
    (405, "method_not_allowed", FailureKind.NETWORK),
    (500, "internal", FailureKind.SERVER),
    (503, "unavailable", FailureKind.SERVER),
    (429, "bad_reply", FailureKind.SERVER),
    (502, "bad_request", FailureKind.SERVER),  # the status wins: the hub is struggling
    (418, "bad_reply", FailureKind.NETWORK),
])
def test_error_classification(status: int, code: str, kind: FailureKind) -> None:
    error = ProtocolError(ErrorCode(code), "上级说明")
    assert classify(status, error, None).kind is kind


def test_an_invalid_event_names_the_event_to_quarantine() -> None:
    error = ProtocolError(ErrorCode.INVALID_EVENT, "事件内容不正确", event_id="e-1", index=3)
    failure = classify(422, error, None)
    assert (failure.kind, failure.event_id) == (FailureKind.INVALID_EVENT, "e-1")


@given(attempt=st.integers(min_value=-3, max_value=200), seed=st.integers(0, 2**32))
def test_full_jitter_stays_within_its_bounds(attempt: int, seed: int) -> None:
    delay = full_jitter(attempt, rng=random.Random(seed), base=2.0, cap=900.0, floor=1.0)
    assert 1.0 <= delay <= max(1.0, min(900.0, 2.0 * 2 ** max(attempt, 0)))


def test_full_jitter_spreads_retries_out() -> None:
    rng = random.Random(1)
    delays = {round(full_jitter(8, rng=rng), 3) for _n in range(50)}
    assert len(delays) > 40  # not everyone knocking at the same moment


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
    later = email.utils.format_datetime(now + dt.timedelta(seconds=90), usegmt=True)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(later, now) == 90.0
    assert parse_retry_after("999999") == 3600.0  # capped
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


@pytest.mark.parametrize(("given_url", "root"), [
    ("https://hub.example.gov.cn", "https://hub.example.gov.cn"),
    ("https://hub.example.gov.cn/sync/v1/", "https://hub.example.gov.cn"),
    ("http://127.0.0.1:8750/sync/v1", "http://127.0.0.1:8750"),
])
def test_hub_addresses_are_normalised(given_url: str, root: str) -> None:
    assert normalize_hub_url(given_url) == root


@pytest.mark.parametrize("bad", ["http://hub.example.gov.cn", "ftp://hub", "hub.example",
                                 ""])
def test_plain_http_is_only_for_this_machine(bad: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_hub_url(bad)


def test_clock_skew_is_measured_from_the_date_header(hub: HubProcess) -> None:
    ahead = email.utils.format_datetime(
        dt.datetime.now(dt.UTC) + dt.timedelta(hours=2), usegmt=True)
    reply = Reply(200, [("Content-Type", "application/json"), ("X-Bianmin-Protocol", "1"),
                        ("Date", ahead)], b'{"server_time": "x"}')
    with FaultProxy(hub.port, lambda request: Plan(canned=reply)) as proxy:
        transport = Transport(proxy.url)
        try:
            assert transport.call("GET", "/ping") == {"server_time": "x"}
        finally:
            transport.close()
    assert transport.skew_seconds is not None
    assert 7190 <= transport.skew_seconds <= 7201


def test_a_portal_page_with_a_date_header_does_not_count_as_the_hubs_clock(
        hub: HubProcess) -> None:
    portal = Reply(200, [("Content-Type", "text/html"), ("Date", "Mon, 01 Jan 2001 00:00:00 GMT")],
                   b"<html>login</html>")
    with FaultProxy(hub.port, lambda request: Plan(canned=portal)) as proxy:
        transport = Transport(proxy.url)
        try:
            with pytest.raises(SyncFailure) as caught:
                transport.call("GET", "/ping")
        finally:
            transport.close()
    assert caught.value.kind is FailureKind.NETWORK
    assert transport.skew_seconds is None


def test_an_unreachable_hub_is_a_network_failure_in_chinese() -> None:
    transport = Transport("http://127.0.0.1:9", timeout=(2.0, 2.0))
    try:
        with pytest.raises(SyncFailure) as caught:
            transport.call("GET", "/ping")
    finally:
        transport.close()
    assert caught.value.kind is FailureKind.NETWORK
    assert "无法连接上级" in caught.value.message
