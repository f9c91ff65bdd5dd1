"""``python -m tests.sync.old_hub serve …``: the real hub as it answered before the
``audit_anchor`` event existed, for the test that an older hub is safe to talk to.

Only the event vocabulary its request check knows is narrowed, exactly as the older code
had it (``sync.protocol.messages.EVENT``'s ``type`` choice without ``audit_anchor``); the
rest is today's hub, so its answer to an anchor is the one an older hub gives: ``422
invalid_event`` naming that event."""

from __future__ import annotations

import dataclasses
import sys

from sync.protocol import EventType, messages
from sync.protocol.specs import Choice


def narrow() -> None:
    known = tuple(t for t in EventType if t is not EventType.AUDIT_ANCHOR)
    fields = {**messages.EVENT.fields, "type": Choice(known)}
    messages.EVENT = dataclasses.replace(messages.EVENT, fields=fields)


if __name__ == "__main__":
    narrow()
    from sync.hub.cli import main

    sys.exit(main(sys.argv[1:]))
