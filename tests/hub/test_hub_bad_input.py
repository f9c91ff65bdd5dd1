"""Bad requests get a clear error, carry the protocol header, and change nothing."""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.hub.app import create_app
from sync.hub.service import Hub
from sync.protocol import MAX_BATCH_BYTES, PREFIX, payload_hash
from tests.hub.hubkit import (
    CenterClient,
    HubProcess,
    accepted,
    batch,
    event_counts,
    raw_connection,
    read_response,
)


def _error(r: requests.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["X-Bianmin-Protocol"] == "1"
    body: dict[str, Any] = r.json()
    assert body["error"] == code
    assert body["message"]
    return body


def _rehash(ev: dict[str, Any]) -> dict[str, Any]:
    ev["payload_sha256"] = payload_hash(ev["payload"])
    return ev


def test_malformed_json_is_400_and_writes_nothing(hub: HubProcess, village: CenterClient) -> None:
    good = json.dumps(batch([accepted(village.case_number())])).encode()
    _error(village.post_raw("/events:batch", good[:-10]), 400, "bad_json")
    _error(village.post_raw("/events:batch", b'{"protocol": NaN}'), 400, "bad_json")
    _error(village.post_raw("/events:batch", b"\xff\xfe{}"), 400, "bad_json")
    assert event_counts(hub.data_dir, village.code) == {}


def _broken(village: CenterClient, how: str) -> dict[str, Any]:
    ev = accepted(village.case_number())
    if how == "seq as text":
        ev["seq"] = "1"
    elif how == "unknown type":
        ev["type"] = "case_teleported"
    elif how == "missing payload key":
        del ev["payload"]["tracking_token"]
        _rehash(ev)
    elif how == "wrong payload type":
        ev["payload"]["deadline_provisional"] = "no"
        _rehash(ev)
    elif how == "bad payload hash":
        ev["payload"]["applicant"]["name"] = "张三"  # changed after hashing
    elif how == "bad case number check":
        number = ev["payload"]["case_number"]
        ev["payload"]["case_number"] = number[:24] + ("0" if number[24] != "0" else "1")
        _rehash(ev)
    elif how == "bad uuid":
        ev["case_id"] = ev["case_id"].upper()
    elif how == "naive time":
        ev["occurred_at"] = "2027-03-01T09:00:00"
    elif how == "control character":
        ev["payload"]["applicant"]["name"] = "张\u0007三"
        _rehash(ev)
    return ev


@pytest.mark.parametrize("how", [
    "seq as text", "unknown type", "missing payload key", "wrong payload type",
    "bad payload hash", "bad case number check", "bad uuid", "naive time", "control character",
])
def test_a_malformed_event_is_422_naming_it_and_nothing_of_the_batch_is_written(
        hub: HubProcess, village: CenterClient, how: str) -> None:
    good = accepted(village.case_number())
    bad = _broken(village, how)
    body = _error(village.push([good, bad]), 422, "invalid_event")
    assert body["event_id"] == bad["event_id"]
    assert body["index"] == 1
    assert event_counts(hub.data_dir, village.code) == {}


def test_the_message_names_the_field_but_never_echoes_personal_data(
        village: CenterClient) -> None:
    bad = accepted(village.case_number())
    bad["payload"]["applicant"]["id_number"] = 12345
    _rehash(bad)
    body = _error(village.push([bad]), 422, "invalid_event")
    assert "payload.applicant.id_number" in body["message"]
    assert "欧阳小红" not in body["message"]


@pytest.mark.parametrize(("body", "status", "code"), [
    ([], 422, "invalid_batch"),
    ({"protocol": 1, "events": []}, 422, "invalid_batch"),
    ({"protocol": 2, "batch_id": "b", "events": []}, 400, "unsupported_protocol"),
    ({"protocol": 1, "batch_id": "b", "events": "none"}, 422, "invalid_batch"),
])
def test_a_malformed_envelope_is_refused(village: CenterClient, body: object, status: int,
                                         code: str) -> None:
    _error(village.post("/events:batch", body), status, code)


def test_more_than_500_events_is_413(hub: HubProcess, village: CenterClient) -> None:
    ev = accepted(village.case_number())
    _error(village.push([ev] * 501), 413, "too_large")
    assert event_counts(hub.data_dir, village.code) == {}


def test_a_declared_oversized_body_is_413_before_it_is_sent(hub: HubProcess,
                                                             village: CenterClient) -> None:
    with raw_connection(hub.port, "/events:batch", token=village.access,
                        length=MAX_BATCH_BYTES + 1) as sock:
        status, headers, body = read_response(sock)
    assert status == 413
    assert headers["x-bianmin-protocol"] == "1"
    assert json.loads(body)["error"] == "too_large"


def test_an_oversized_body_without_content_length_is_cut_off_at_the_cap(
        hub: HubProcess, village: CenterClient) -> None:
    piece = b" " * 65536
    with raw_connection(hub.port, "/events:batch", token=village.access, length=None) as sock:
        sent = 0
        while sent <= MAX_BATCH_BYTES:
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
        status, _headers, body = read_response(sock)
    assert status == 413
    assert json.loads(body)["error"] == "too_large"
    assert event_counts(hub.data_dir, village.code) == {}


def test_a_valid_batch_sent_chunked_is_taken(village: CenterClient, hub: HubProcess) -> None:
    data = json.dumps(batch([accepted(village.case_number())])).encode()
    with raw_connection(hub.port, "/events:batch", token=village.access, length=None) as sock:
        sock.sendall(b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data))
        status, _headers, body = read_response(sock)
    assert status == 200
    assert json.loads(body)["results"][0]["outcome"] == "accepted"


def test_a_name_beyond_the_bmp_is_accepted_and_round_trips(hub: HubProcess,
                                                          village: CenterClient) -> None:
    ev = copy.deepcopy(accepted(village.case_number()))
    ev["payload"]["applicant"]["name"] = "𠮷小红"
    _rehash(ev)
    assert village.push_ok([ev])[0]["outcome"] == "accepted"
    page = requests.get(hub.url(f"/t/{ev['payload']['case_number']}K7Q2MX"),
                        headers={"Accept": "application/json"}, timeout=10)
    assert page.json()["applicant"] == "𠮷*红"


def test_unknown_paths_and_methods_answer_in_protocol_form(hub: HubProcess) -> None:
    _error(requests.get(hub.url("/nowhere"), timeout=10), 404, "not_found")
    _error(requests.get(hub.url("/events:batch"), timeout=10), 405, "method_not_allowed")


def test_bad_feed_parameters_are_400(village: CenterClient) -> None:
    _error(village.get("/feed", after="yesterday"), 400, "bad_cursor")
    _error(village.get("/feed", limit=0), 400, "bad_request")
    _error(village.get("/feed", limit="many"), 400, "bad_request")


def test_bad_login_and_stats_bodies_are_422(village: CenterClient) -> None:
    _error(village.post("/auth/login", {"account": village.code}, auth=False), 422,
           "invalid_request")
    _error(village.post("/centers/me/stats", {"at": "today", "queue": {}, "cases": {}}), 422,
           "invalid_request")


def test_an_internal_error_still_answers_in_protocol_form(tmp_path: Path) -> None:
    """A hub bug cannot be provoked over HTTP, so this one drives the ASGI app directly."""
    with Hub.open(tmp_path) as broken:
        broken.ping = lambda: 1 / 0  # type: ignore[method-assign,assignment,return-value]
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": "GET", "scheme": "http", "path": PREFIX + "/ping",
                 "raw_path": (PREFIX + "/ping").encode(), "root_path": "", "query_string": b"",
                 "headers": [], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
        with pytest.raises(ZeroDivisionError):  # re-raised for the server's log after answering
            asyncio.run(create_app(broken)(scope, receive, send))
    start, body = sent[0], sent[1]
    assert start["status"] == 500
    assert (b"x-bianmin-protocol", b"1") in start["headers"]
    assert json.loads(body["body"])["error"] == "internal"
