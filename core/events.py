"""The names of what a center reports upward: one vocabulary for the outbox and the wire."""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    CASE_ACCEPTED = "case_accepted"
    CASE_NOT_ACCEPTED = "case_not_accepted"
    NOTICE_ISSUED = "notice_issued"
    MATERIALS_SUPPLIED = "materials_supplied"
    CASE_PICKED_UP = "case_picked_up"
    CASE_WITHDRAWN = "case_withdrawn"
    RATING_GIVEN = "rating_given"
    FOLLOW_UP_CLOSED = "follow_up_closed"
    # The audit chain's length and head hash, kept by the hub (core/anchors.py). Added to
    # protocol v1 without a version bump: a hub older than it refuses the one event as
    # invalid_event, the client sets it aside and sends nothing else differently.
    AUDIT_ANCHOR = "audit_anchor"
