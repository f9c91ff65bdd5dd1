"""Small pieces of the front desk: the kiosk's "请工作人员帮忙" button, intake forms saved
as the clerk types so that closing the window or a crash loses nothing, and whether the
hall's devices (board, kiosk, window rating devices) can speak.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.actor import Actor
from core.audit import record
from core.clock import Clock, from_iso, local, to_iso
from core.db import Database
from core.db import desk as store
from core.errors import Conflict
from core.i18n import _
from core.text import clean_text


@dataclass(frozen=True)
class HelpRequest:
    id: int
    at: dt.datetime
    place: str


class HelpDesk:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def ask(self, place: str = "自助服务机") -> HelpRequest:
        """A villager pressed 请工作人员帮忙; every staff client shows it until answered."""
        label = clean_text(place, field=_("位置"), max_length=30)
        with self._db.write():
            request_id = store.insert_help(self._db, to_iso(self._clock.now()), label)
            record(self._db, self._clock, Actor.kiosk(), "help.asked", "help", request_id,
                   {"place": label})
        return next(r for r in self.open() if r.id == request_id)

    def open(self) -> list[HelpRequest]:
        return [HelpRequest(int(r["id"]), from_iso(r["at"]), r["place"])
                for r in store.open_help(self._db)]

    def answer(self, request_id: int, actor: Actor) -> None:
        with self._db.write():
            if not store.answer_help(self._db, request_id, to_iso(self._clock.now()),
                                     actor.staff_id):
                raise Conflict(_("这个求助已经有人处理了"))
            record(self._db, self._clock, actor, "help.answered", "help", request_id)


class IntakeDrafts:
    """Per clerk and slot (e.g. a ticket number, or "blank"), the form as last typed.

    Drafts hold what the clerk typed, personal data included, in the center's own database
    like the cases themselves; they are not audited (nothing has been filed yet).
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def save(self, staff_id: int, slot: str, data: dict[str, Any]) -> None:
        with self._db.write():
            store.save_draft(self._db, staff_id, slot, json.dumps(data, ensure_ascii=False),
                             to_iso(self._clock.now()))

    def load(self, staff_id: int, slot: str) -> dict[str, Any] | None:
        row = store.load_draft(self._db, staff_id, slot)
        return None if row is None else dict(json.loads(row["data"]))

    def slots(self, staff_id: int) -> list[tuple[str, dt.datetime]]:
        return [(r["slot"], from_iso(r["updated_at"])) for r in store.drafts(self._db, staff_id)]

    def discard(self, staff_id: int, slot: str) -> None:
        with self._db.write():
            store.discard_draft(self._db, staff_id, slot)


@dataclass(frozen=True)
class DeviceVoice:
    device: str  # "board", "kiosk", "window-3"
    speaks: bool
    text: str  # the voice's own plain status ("普通话语音 …" or why there is none)
    reported_at: dt.datetime


class HallDevices:
    """Each device says at start-up whether it found a voice; the staff client shows the
    ones that could not, so a silent board does not go unnoticed."""

    def __init__(self, db: Database, clock: Clock, today: Callable[[], dt.date],
                 timezone: str) -> None:
        self._db = db
        self._clock = clock
        self._today = today
        self._tz = timezone

    def report_voice(self, device: str, speaks: bool, text: str) -> None:
        with self._db.write():
            store.report_voice(self._db, clean_text(device, field=_("设备"), max_length=30),
                               speaks, text[:500], to_iso(self._clock.now()))

    def voices(self) -> list[DeviceVoice]:
        return [DeviceVoice(r["device"], bool(r["voice_ok"]), r["voice_text"],
                            from_iso(r["reported_at"])) for r in store.device_voices(self._db)]

    def silent_today(self) -> list[DeviceVoice]:
        """Devices that started today without a voice (calls only chime and flash)."""
        today = self._today()
        return [v for v in self.voices()
                if not v.speaks and local(v.reported_at, self._tz).date() == today]
