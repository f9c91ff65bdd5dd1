"""The hub says what it does: ``Allow`` on a 405, text limits counted as sent, and an OpenAPI
document that refuses exactly what the hub refuses (checked here on the cases a fuzzer
tripped on; tests/hub/test_hub_schema_fuzz.py runs schemathesis over the whole document)."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import requests

from sync.hub.app import create_app
from sync.hub.service import Hub
from sync.protocol import PREFIX, payload_hash
from tests.hub.hubkit import TOP, CenterClient, HubProcess, accepted, batch, event_counts

DOC: dict[str, Any] = json.loads((TOP / "sync" / "hub" / "openapi.json").read_text("utf-8"))


def _component(name: str) -> jsonschema_rs.Validator:
    """A validator for one component schema, its $refs resolved inside the document."""
    schema = {**DOC["components"]["schemas"][name], "components": DOC["components"]}
    return jsonschema_rs.validator_for(schema)


def _parameter(path: str, name: str) -> jsonschema_rs.Validator:
    [param] = [p for p in DOC["paths"][path]["get"]["parameters"] if p["name"] == name]
    return jsonschema_rs.validator_for(param["schema"])


def test_a_405_names_the_allowed_methods(hub: HubProcess) -> None:
    r = requests.get(hub.url("/events:batch"), timeout=10)
    assert r.status_code == 405
    assert r.headers["Allow"] == "POST"
    r = requests.delete(hub.url("/feed"), timeout=10)
    assert r.status_code == 405
    assert r.headers["Allow"] == "GET"


def test_a_batch_id_padded_past_64_characters_is_refused_by_the_hub_and_the_document(
        hub: HubProcess, village: CenterClient) -> None:
    padded = batch([accepted(village.case_number())], batch_id=" " * 70 + "x")
    r = village.post("/events:batch", padded)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "invalid_batch"
    assert not _component("Batch").is_valid(padded)
    assert event_counts(hub.data_dir, village.code) == {}
    longest = batch([accepted(village.case_number())], batch_id="b" * 64)
    assert _component("Batch").is_valid(longest)
    r = village.post("/events:batch", longest)
    assert r.status_code == 200, r.text
    assert r.json()["batch_id"] == "b" * 64


def test_an_empty_payload_for_case_accepted_is_refused_by_both(
        village: CenterClient) -> None:
    ev = accepted(village.case_number())
    assert _component("Event").is_valid(ev)
    ev["payload"] = {}
    assert not _component("Event").is_valid(ev)
    assert not _component("Batch").is_valid(batch([ev]))


def test_the_document_links_each_event_type_to_its_payload() -> None:
    event = DOC["components"]["schemas"]["Event"]
    assert event["discriminator"]["propertyName"] == "type"
    for kind, target in event["discriminator"]["mapping"].items():
        variant = DOC["components"]["schemas"][target.rsplit("/", 1)[1]]
        assert json.dumps(variant).count(f"payload_{kind}") == 1


def test_an_integral_seq_is_one_number_and_a_fraction_is_refused_by_both(
        hub: HubProcess, village: CenterClient) -> None:
    """JSON has one number type: ``1.0`` is the integer 1 to the document and to the hub."""
    whole = accepted(village.case_number())
    whole["seq"] = 1.0
    assert _component("Event").is_valid(whole)
    assert village.push_ok([whole])[0]["outcome"] == "accepted"
    half = accepted(village.case_number())
    half["seq"] = 1.5
    assert not _component("Event").is_valid(half)
    assert village.push([half]).status_code == 422


def test_an_empty_or_foreign_digit_cursor_is_refused_by_both(village: CenterClient) -> None:
    after = _parameter(PREFIX + "/feed", "after")
    for cursor in ("", "١:٢"):  # empty, and Arabic-Indic digits
        assert not after.is_valid(cursor)
        r = village.get("/feed", after=cursor)
        assert r.status_code == 400, r.text
        assert r.json()["error"] == "bad_cursor"
    assert after.is_valid("1:0")


def test_text_limits_count_what_was_sent(hub: HubProcess, village: CenterClient) -> None:
    name = _component("payload_case_accepted")
    ev = accepted(village.case_number())
    ev["payload"]["first_contact_staff"] = "王" * 100 + " "
    assert not name.is_valid(ev["payload"])
    ev["payload_sha256"] = payload_hash(ev["payload"])
    assert village.push([ev]).status_code == 422
    ev["payload"]["first_contact_staff"] = "   "
    assert not name.is_valid(ev["payload"])


def test_an_internal_error_is_logged_once_as_500(tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
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
        with caplog.at_level(logging.INFO, logger="sync.hub.app"):
            asyncio.run(create_app(broken)(scope, receive, send))
    start, body = sent[0], sent[1]
    assert start["status"] == 500
    assert (b"x-bianmin-protocol", b"1") in start["headers"]
    assert json.loads(body["body"])["error"] == "internal"
    request_lines = [r.getMessage() for r in caplog.records if "/sync/v1/ping" in r.getMessage()]
    assert any(line.startswith("GET /sync/v1/ping 500 ") for line in request_lines), request_lines
    assert sum(1 for r in caplog.records if r.exc_info) == 1
