"""The OpenAPI document against the live hub: schemathesis sends what the document allows
(and what it forbids) to a real ``bianmin-hub serve`` and checks every answer.

No 500, every status code documented, every body and header as documented, and what the
document forbids is refused. Bounded (30 examples per operation and mode) and
deterministic (a fixed seed), so a run is repeatable and takes about a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.hub.hubkit import TOP, HubProcess

pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, negative_data_rejection]


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
                                modes=["positive", "negative"])


@schema.parametrize()
def test_every_answer_is_what_the_document_says(case: schemathesis.Case, fuzzed_hub: HubProcess,
                                                token: str) -> None:
    case.call_and_validate(base_url=fuzzed_hub.base, checks=CHECKS,
                           headers={"Authorization": f"Bearer {token}"})
