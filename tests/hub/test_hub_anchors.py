"""The hub keeps each center's audit anchors and checks that they extend each other
(issue 12, finding 2): a chain that got shorter, a different hash at a count already
anchored, or an anchor that does not name the one before, show as a fork on
``bianmin-hub center anchors CODE`` and stay in the hub's data."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sync.protocol import EventType
from tests.hub.hubkit import CenterClient, HubProcess, event, outcomes


def h(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def anchor(count: int, head: str, previous: tuple[int, str | None] | None = None,
           ) -> dict[str, Any]:
    return event(EventType.AUDIT_ANCHOR, str(uuid.uuid4()), 1, {
        "count": count, "head_hash": head,
        "previous": None if previous is None else {"count": previous[0], "hash": previous[1]},
        "anchored_at": "2027-03-01T09:00:00+08:00"})


def _anchors(hub: HubProcess, village: CenterClient) -> tuple[int, list[str]]:
    shown = hub.cli("center", "anchors", village.code)
    return shown.code, shown.out.splitlines()


def test_anchors_that_extend_each_other_are_kept_in_order(hub: HubProcess,
                                                          village: CenterClient) -> None:
    results = village.push_ok([anchor(5, h("5"))])
    assert outcomes(results) == ["accepted"]
    village.push_ok([anchor(9, h("9"), (5, h("5")))])
    village.push_ok([anchor(9, h("9"), (9, h("9")))])  # nothing new since: the same anchor
    code, lines = _anchors(hub, village)
    assert code == 0, lines
    rows = [ln for ln in lines if h("5")[:12] in ln or h("9")[:12] in ln]
    assert len(rows) == 3 and all("正常" in ln for ln in rows)
    assert "3个锚点，没有分叉" in lines[-1]


def test_a_chain_that_got_shorter_is_a_fork(hub: HubProcess, village: CenterClient) -> None:
    village.push_ok([anchor(9, h("9"))])
    assert outcomes(village.push_ok([anchor(7, h("7"), (9, None))])) == ["accepted"]
    code, lines = _anchors(hub, village)
    assert code == 1
    (fork,) = [ln for ln in lines if "分叉：" in ln and h("7")[:12] in ln]
    assert "变短" in fork and "9" in fork


def test_another_hash_at_an_anchored_count_is_a_fork(hub: HubProcess,
                                                     village: CenterClient) -> None:
    village.push_ok([anchor(9, h("9"))])
    village.push_ok([anchor(9, h("nine"), (9, h("nine")))])
    code, lines = _anchors(hub, village)
    assert code == 1
    assert any("分叉" in ln and h("nine")[:12] in ln for ln in lines)


def test_a_chain_rewritten_then_grown_is_a_fork(hub: HubProcess,
                                                village: CenterClient) -> None:
    village.push_ok([anchor(5, h("5"))])
    # the center's row 5 now hashes differently: it was re-hashed, then more rows came
    village.push_ok([anchor(12, h("12"), (5, h("rewritten 5")))])
    code, lines = _anchors(hub, village)
    assert code == 1
    (fork,) = [ln for ln in lines if "分叉：" in ln]
    assert "第5条" in fork


def test_an_anchor_that_forgets_the_one_before_is_a_fork(hub: HubProcess,
                                                         village: CenterClient) -> None:
    village.push_ok([anchor(5, h("5"))])
    village.push_ok([anchor(12, h("12"))])  # its outbox lost the acknowledged anchor
    code, lines = _anchors(hub, village)
    assert code == 1
    assert any("分叉" in ln and "没有接上" in ln for ln in lines)


def test_a_centers_anchors_are_its_own(hub: HubProcess, village: CenterClient,
                                       other_village: CenterClient) -> None:
    village.push_ok([anchor(5, h("5"))])
    other_village.push_ok([anchor(3, h("3"))])  # not a fork of the first village's chain
    assert _anchors(hub, other_village)[0] == 0
    code, lines = _anchors(hub, village)
    assert code == 0 and not any(h("3")[:12] in ln for ln in lines)


def test_a_center_without_anchors_says_so(hub: HubProcess, village: CenterClient) -> None:
    code, lines = _anchors(hub, village)
    assert code == 0 and "还没有收到" in "\n".join(lines)
    missing = hub.cli("center", "anchors", "330110109999")
    assert missing.code == 2 and "没有这个中心" in missing.err
