"""Bad requests get a clear error, carry the protocol header, and change nothing."""

from __future__ import annotations

import contextlib
import copy
import json
import sqlite3
from typing import Any

import pytest
import requests

from sync.protocol import MAX_BATCH_BYTES, payload_hash
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


@pytest.mark.parametrize(("where", "value"), [
    ("payload.accepted_at", "9999-12-31T23:59:59-12:00"),
    ("payload.accepted_at", "1999-12-31T23:59:59+08:00"),
    ("payload.accepted_at", "2101-01-01T00:00:00+08:00"),
    ("payload.deadline", "9999-12-31"),
    ("occurred_at", "0001-01-01T00:00:00+14:00"),
])
def test_dates_outside_2000_to_2100_are_refused_naming_the_field(
        hub: HubProcess, village: CenterClient, where: str, value: str) -> None:
    ev = accepted(village.case_number())
    if where == "occurred_at":
        ev["occurred_at"] = value
    else:
        ev["payload"][where.split(".")[1]] = value
        _rehash(ev)
    body = _error(village.push([ev]), 422, "invalid_event")
    assert where in body["message"]
    assert "2000" in body["message"]
    assert event_counts(hub.data_dir, village.code) == {}


def test_a_case_with_an_extreme_date_from_an_older_hub_still_shows(
        hub: HubProcess, village: CenterClient) -> None:
    """Cases an older hub let in with year-9999 times: page and CLI show them, no crash."""
    number = village.case_number()
    ev = accepted(number)
    village.push_ok([ev])
    with contextlib.closing(sqlite3.connect(hub.data_dir / "hub.sqlite3")) as db, db:
        db.execute("UPDATE cases SET accepted_at = ?, updated_at = ? WHERE case_id = ?",
                   ("9999-12-31T23:59:59-12:00", "9999-12-31T23:59:59-12:00", ev["case_id"]))
    page = requests.get(hub.url(f"/t/{number}K7Q2MX"), timeout=10)
    assert page.status_code == 200
    assert "9999-12-31" in page.text
    assert requests.get(hub.url(f"/t/{number}K7Q2MX"), headers={"Accept": "application/json"},
                        timeout=10).status_code == 200
    shown = hub.cli("case", "show", number)
    assert shown.code == 0, shown.err
    assert "9999-12-31" in shown.out


def _with_lone_surrogate(body: str) -> bytes:
    # A JSON escape of half a surrogate pair: valid JSON syntax, not valid Unicode text.
    return body.replace("LONE", "\\udc00").encode("utf-8")


def test_a_lone_surrogate_anywhere_in_a_body_is_400_not_500(
        hub: HubProcess, village: CenterClient) -> None:
    ev = accepted(village.case_number())
    ev["payload"]["note_from_a_newer_client"] = "LONE"
    raw = json.dumps(batch([ev]), ensure_ascii=False)
    _error(village.post_raw("/events:batch", _with_lone_surrogate(raw)), 400, "bad_json")
    ev = accepted(village.case_number())
    ev["payload"]["LONE"] = 1
    raw = json.dumps(batch([ev]), ensure_ascii=False)
    _error(village.post_raw("/events:batch", _with_lone_surrogate(raw)), 400, "bad_json")
    stats = '{"at": "2027-03-01T17:00:00+08:00", "queue": {"LONE": 1}, "cases": {}}'
    _error(village.post_raw("/centers/me/stats", _with_lone_surrogate(stats)), 400, "bad_json")
    login = json.dumps({"account": village.code, "password": "LONE", "device_id": "pc"})
    r = requests.post(hub.url("/auth/login"), data=_with_lone_surrogate(login),
                      headers={"Content-Type": "application/json"}, timeout=10)
    _error(r, 400, "bad_json")
    assert event_counts(hub.data_dir, village.code) == {}
