"""Taking in events: the idempotency matrix, per-case order and business rejections."""

from __future__ import annotations

import uuid

import requests

from sync.protocol import EventType
from tests.hub.hubkit import (
    CenterClient,
    HubProcess,
    accepted,
    event,
    event_counts,
    hub_case,
    outcomes,
    picked_up,
    rating,
    supplied,
)


def test_the_same_event_twice_is_a_duplicate_carrying_the_original_server_seq(
        hub: HubProcess, village: CenterClient) -> None:
    ev = accepted(village.case_number())
    first = village.push_ok([ev])[0]
    second = village.push_ok([ev])[0]
    assert first["outcome"] == "accepted"
    assert isinstance(first["server_seq"], int)
    assert second == {**first, "outcome": "duplicate"}
    assert event_counts(hub.data_dir, village.code) == {"accepted": 1}


def test_a_reused_event_id_with_other_content_is_a_conflict_and_the_original_stays(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    original = accepted(number, token="K7Q2MX")
    village.push_ok([original])
    changed = accepted(number, case_id=original["case_id"], token="ZZZ999",
                       event_id=original["event_id"])
    result = village.push_ok([changed])[0]
    assert result["outcome"] == "conflict"
    assert result["server_seq"] is None
    assert result["reason"]
    assert event_counts(hub.data_dir, village.code) == {"accepted": 1}
    # The stored case still answers to the original tracking token only.
    assert requests.get(hub.url(f"/t/{number}K7Q2MX"), timeout=10).status_code == 200
    assert requests.get(hub.url(f"/t/{number}ZZZ999"), timeout=10).status_code == 404


def test_same_event_id_with_another_seq_is_a_conflict_too(village: CenterClient) -> None:
    ev = accepted(village.case_number())
    village.push_ok([ev])
    moved = {**ev, "seq": 2}
    assert outcomes(village.push_ok([moved])) == ["conflict"]


def test_a_gap_in_a_case_answers_retry_and_stores_nothing_until_it_is_filled(
        hub: HubProcess, village: CenterClient) -> None:
    first = accepted(village.case_number())
    second = rating(first["case_id"], 2)
    result = village.push_ok([second])[0]
    assert result["outcome"] == "retry"
    assert result["server_seq"] is None
    assert "前" in result["reason"]
    assert event_counts(hub.data_dir, village.code) == {}
    assert outcomes(village.push_ok([first])) == ["accepted"]
    assert outcomes(village.push_ok([second])) == ["accepted"]


def test_events_of_one_case_sent_out_of_order_in_one_batch_are_taken_in_seq_order(
        village: CenterClient) -> None:
    first = accepted(village.case_number())
    second = rating(first["case_id"], 2)
    results = village.push_ok([second, first])
    assert [r["event_id"] for r in results] == [second["event_id"], first["event_id"]]
    assert outcomes(results) == ["accepted", "accepted"]
    assert results[1]["server_seq"] < results[0]["server_seq"]


def test_a_rejected_event_does_not_block_other_cases_and_replays_the_same_answer(
        hub: HubProcess, village: CenterClient) -> None:
    number_a, number_b = village.case_number(), village.case_number()
    case_a = accepted(number_a)
    village.push_ok([case_a])
    too_early = picked_up(number_a, case_a["case_id"], 2)  # not ready for pickup yet
    case_b = accepted(number_b)
    results = village.push_ok([too_early, case_b])
    assert outcomes(results) == ["rejected", "accepted"]
    assert "还不能取件" in results[0]["reason"]
    again = village.push_ok([too_early, case_b])
    assert outcomes(again) == ["rejected", "duplicate"]
    assert again[0]["reason"] == results[0]["reason"]
    assert again[1]["server_seq"] == results[1]["server_seq"]
    assert event_counts(hub.data_dir, village.code) == {"accepted": 2, "rejected": 1}
    case = hub_case(hub.data_dir, number_a)
    assert case is not None
    assert case.state == "submitted"


def test_accepting_one_case_twice_under_different_event_ids_is_rejected(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    first = accepted(number)
    village.push_ok([first])
    twice = event(EventType.CASE_ACCEPTED, first["case_id"], 2, first["payload"])
    result = village.push_ok([twice])[0]
    assert result["outcome"] == "rejected"
    assert "重复受理" in result["reason"]
    assert event_counts(hub.data_dir, village.code) == {"accepted": 1, "rejected": 1}


def test_a_case_number_used_by_another_case_is_rejected(village: CenterClient) -> None:
    number = village.case_number()
    village.push_ok([accepted(number)])
    result = village.push_ok([accepted(number)])[0]
    assert result["outcome"] == "rejected"
    assert "已被另一个办件使用" in result["reason"]


def test_materials_supplied_needs_a_supplement_request(village: CenterClient) -> None:
    number = village.case_number()
    first = accepted(number)
    village.push_ok([first])
    result = village.push_ok([supplied(number, first["case_id"], 2)])[0]
    assert result["outcome"] == "rejected"
    assert "不需要补正" in result["reason"]


def test_a_poor_rating_needs_a_reason_and_a_visit_is_rated_once(village: CenterClient) -> None:
    first = accepted(village.case_number())
    village.push_ok([first])
    no_reason = rating(first["case_id"], 2, level="very_dissatisfied")
    assert outcomes(village.push_ok([no_reason])) == ["rejected"]
    # The rejected event took seq 2; the next event of the case is seq 3.
    good = rating(first["case_id"], 3, level="dissatisfied", reason="等候时间太长")
    assert outcomes(village.push_ok([good])) == ["accepted"]
    again = rating(first["case_id"], 4)
    result = village.push_ok([again])[0]
    assert result["outcome"] == "rejected"
    assert "只能评价一次" in result["reason"]


def test_another_centers_case_is_rejected_and_nothing_is_written_or_leaked(
        hub: HubProcess, village: CenterClient, other_village: CenterClient) -> None:
    mine = accepted(village.case_number())
    village.push_ok([mine])
    # Same case id from another village: the stream belongs to the first village.
    intruder = rating(mine["case_id"], 2)
    r = other_village.push(
        [intruder, accepted(village.case_number(), event_id=None)])
    assert r.status_code == 200
    results = r.json()["results"]
    assert outcomes(results) == ["rejected", "rejected"]
    assert results[0]["reason"] == "不是本中心的办件"
    assert results[1]["reason"] == "办件编号不属于本中心"
    assert village.code not in r.text
    assert event_counts(hub.data_dir, other_village.code) == {"rejected": 1}
    assert event_counts(hub.data_dir, village.code) == {"accepted": 1}
    assert all(item["case_id"] is None for item in other_village.feed_all())


def test_withdrawing_a_case_moves_it_and_a_decided_case_cannot_be_withdrawn(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    first = accepted(number)
    village.push_ok([first])
    withdraw = event(EventType.CASE_WITHDRAWN, first["case_id"], 2, {
        "case_number": number, "reason": "申请人不办了", "withdrawn_at": first["occurred_at"]})
    assert outcomes(village.push_ok([withdraw])) == ["accepted"]
    case = hub_case(hub.data_dir, number)
    assert case is not None
    assert case.state == "withdrawn"
    assert hub.cli("case", "approve", number).code == 2


def test_one_rating_per_case_number_even_under_fresh_case_ids(
        hub: HubProcess, village: CenterClient) -> None:
    """The center files each rating under its own id; the hub counts one per case number."""
    number = village.case_number()
    village.push_ok([accepted(number)])
    first = rating(str(uuid.uuid4()), 1, level="very_satisfied", case_number=number)
    second = rating(str(uuid.uuid4()), 1, level="very_satisfied", case_number=number)
    assert outcomes(village.push_ok([first])) == ["accepted"]
    [result] = village.push_ok([second])
    assert result["outcome"] == "rejected"
    assert "已经评价过" in result["reason"]
    assert village.push_ok([second]) == [result]  # replays give the same answer
    # Another case, and ratings of a visit without a case, are unaffected.
    other = village.case_number()
    village.push_ok([accepted(other)])
    assert outcomes(village.push_ok([
        rating(str(uuid.uuid4()), 1, case_number=other),
        rating(str(uuid.uuid4()), 1), rating(str(uuid.uuid4()), 1)])) == ["accepted"] * 3
