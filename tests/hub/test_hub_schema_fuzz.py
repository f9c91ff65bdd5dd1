"""The OpenAPI document against the live hub: schemathesis sends what the document allows
(and what it forbids) to a real ``bianmin-hub serve`` and checks every answer.

No 500, every status code documented, every body and header as documented; what the
document forbids is refused, and what it allows is taken (``200``, or the refusal a
well-formed request can still get: wrong password 401, unknown tracking code 404, a cursor
this hub never issued 410, a limit 429). Before sending an allowed body, the test fixes
only what the document says no schema can express: payload hashes, a case number's check
character, calendar dates that do not exist, and unassigned or private-use characters.

Bounded (30 examples per operation and mode) and deterministic (a fixed seed), so a run
is repeatable and takes about two minutes.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.case_numbers import make_case_number
from sync.protocol import payload_hash
from tests.hub.hubkit import TOP, HubProcess

pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, negative_data_rejection,
          positive_data_acceptance]


@pytest.fixture(scope="module")
def fuzzed_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    process = HubProcess(Path(tmp_path_factory.mktemp("fuzz"))).start()
    yield process
    process.stop()


@pytest.fixture(scope="module")
def token(fuzzed_hub: HubProcess) -> str:
    return fuzzed_hub.new_center().access


# The checked-in document (tests/hub/test_hub_cli.py proves the hub serves exactly this).
schema = schemathesis.openapi.from_path(str(TOP / "sync" / "hub" / "openapi.json"))
schema.config.generation.update(max_examples=30, deterministic=True,
                                modes=["positive", "negative"], allow_extra_parameters=False)
# What the document forbids, the hub refuses: with any 4xx it documents (413 included).
schema.config.checks.negative_data_rejection.expected_statuses = [
    "400", "401", "403", "404", "405", "408", "413", "422", "429"]
schema.config.checks.positive_data_acceptance.expected_statuses = [
    "2xx", "401", "404", "410", "429"]
schema.config.checks.positive_data_acceptance.enabled = True

_BAD_CATEGORIES = {"Cn", "Co", "Cs"}  # beyond what a portable regex can say (docs)
_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _real_date(text: str) -> str:
    match = _DAY.match(text)
    if match is None:
        return text
    year, month, day = (int(part) for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}-28" + text[10:]
    return text


def _repaired(value: Any, key: str | None = None) -> Any:
    """``value`` with only what the document declares inexpressible put right."""
    if isinstance(value, dict):
        fixed = {k: _repaired(v, k) for k, v in value.items()}
        if isinstance(fixed.get("payload"), dict) and "payload_sha256" in fixed:
            fixed["payload_sha256"] = payload_hash(fixed["payload"])
        return fixed
    if isinstance(value, list):
        return [_repaired(v) for v in value]
    if not isinstance(value, str):
        return value
    text = "".join(c if unicodedata.category(c) not in _BAD_CATEGORIES else "x" for c in value)
    text = _real_date(text)
    if key == "case_number" and re.fullmatch(r"[0-9]{24}[0-9X]", text):
        try:
            day = dt.date(int(text[12:16]), int(text[16:18]), int(text[18:20]))
        except ValueError:
            day = dt.date(2027, 3, 1)
        text = make_case_number(text[:12], day, max(1, int(text[20:24])))
    return text


def _body_positive(case: schemathesis.Case) -> bool:
    meta = case.meta
    info = meta.components.get(ParameterLocation.BODY) if meta is not None else None
    return info is not None and info.mode is GenerationMode.POSITIVE


def _headers_negated(case: schemathesis.Case) -> bool:
    """Whether this case was generated to break its headers (the bearer token)."""
    meta = case.meta
    info = meta.components.get(ParameterLocation.HEADER) if meta is not None else None
    return info is not None and info.mode is GenerationMode.NEGATIVE


@schema.parametrize()
def test_every_answer_is_what_the_document_says(case: schemathesis.Case, fuzzed_hub: HubProcess,
                                                token: str) -> None:
    if _body_positive(case):
        case.body = _repaired(case.body)
    headers = {} if _headers_negated(case) else {"Authorization": f"Bearer {token}"}
    case.call_and_validate(base_url=fuzzed_hub.base, checks=CHECKS, headers=headers)
