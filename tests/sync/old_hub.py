"""``python -m tests.sync.old_hub serve …``: the real hub as it answered before the
``audit_anchor`` event existed, for the test that an older hub is safe to talk to.

Only the event vocabulary its request check knows is narrowed, exactly as the older code
had it (``sync.protocol.messages.EVENT``: the envelope's ``type`` choice and the payload
shapes without ``audit_anchor``); the rest is today's hub, so its answer to an anchor is
the one an older hub gives: ``422 invalid_event`` naming that event."""

from __future__ import annotations

import dataclasses
import sys

from sync.protocol import EventType, messages
from sync.protocol.specs import Choice

ANCHOR = str(EventType.AUDIT_ANCHOR)


def narrow() -> None:
    event = messages.EVENT
    known = tuple(t for t in EventType if t is not EventType.AUDIT_ANCHOR)
    envelope = dataclasses.replace(event.envelope,
                                   fields={**event.envelope.fields, "type": Choice(known)})
    bodies = {tag: ref for tag, ref in event.bodies.items() if tag != ANCHOR}
    messages.EVENT = dataclasses.replace(event, envelope=envelope, bodies=bodies)


if __name__ == "__main__":
    narrow()
    from sync.hub.cli import main

    sys.exit(main(sys.argv[1:]))
