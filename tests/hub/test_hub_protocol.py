"""The shared wire contract on its own (no hub): codes, hashes, round trips, reply checks."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.case_numbers import make_case_number
from sync.protocol import (
    ErrorCode,
    EventType,
    ProtocolError,
    make_event,
    parse_batch_result,
    parse_event,
    parse_feed_page,
    payload_hash,
)
from tests.hub.hubkit import accepted

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), json_values, max_size=6))
def test_the_payload_hash_ignores_key_order_and_survives_a_json_round_trip(
        payload: dict[str, Any]) -> None:
    reordered = dict(reversed(list(payload.items())))
    assert payload_hash(reordered) == payload_hash(payload)
    assert payload_hash(json.loads(json.dumps(payload))) == payload_hash(payload)


def test_an_event_round_trips_through_the_wire() -> None:
    wire = accepted(make_case_number("330110101001", dt.date(2027, 3, 1), 7))
    event = parse_event(json.loads(json.dumps(wire, ensure_ascii=False)))
    assert event.to_wire() == wire
    assert event.type is EventType.CASE_ACCEPTED


def test_make_event_refuses_a_payload_that_breaks_the_contract() -> None:
    with pytest.raises(ProtocolError) as caught:
        make_event(case_id=str(uuid.uuid4()), seq=1, type=EventType.CASE_PICKED_UP,
                   occurred_at="2027-03-01T09:00:00+08:00", payload={"case_number": "1"})
    assert caught.value.code is ErrorCode.INVALID_EVENT
    assert "payload.case_number" in caught.value.message


def test_client_side_reply_checks_flag_what_is_not_the_protocol() -> None:
    good = {"items": [{"seq": 1, "type": "case_from_the_future", "case_id": None,
                       "payload": {"anything": 1}}], "next_cursor": "1:1", "has_more": False}
    assert parse_feed_page(good).items[0].type == "case_from_the_future"
    broken = {**good, "items": [{"seq": 1, "type": "case_denied", "case_id": None,
                                 "payload": {"reason": "缺材料"}}]}
    with pytest.raises(ProtocolError) as caught:
        parse_feed_page(broken)
    assert caught.value.code is ErrorCode.BAD_REPLY
    with pytest.raises(ProtocolError):
        parse_batch_result("<html>请先登录上网认证</html>")
