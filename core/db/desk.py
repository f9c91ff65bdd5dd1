"""SQL for the kiosk's calls for help and the clerks' half-typed intake forms."""

from __future__ import annotations

from core.db import Database, Row


def insert_help(db: Database, at: str, place: str) -> int:
    return db.insert("help_request", {"at": at, "place": place})


def open_help(db: Database) -> list[Row]:
    return db.all("SELECT * FROM help_request WHERE state = 'open' ORDER BY id")


def answer_help(db: Database, request_id: int, at: str, staff_id: int | None) -> int:
    return db.execute(
        "UPDATE help_request SET state = 'answered', answered_at = ?, answered_by = ? "
        "WHERE id = ? AND state = 'open'", (at, staff_id, request_id)).rowcount


def save_draft(db: Database, staff_id: int, slot: str, data: str, at: str) -> None:
    db.execute(
        "INSERT INTO intake_draft (staff_id, slot, data, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(staff_id, slot) DO UPDATE SET data = excluded.data, "
        "updated_at = excluded.updated_at", (staff_id, slot, data, at))


def load_draft(db: Database, staff_id: int, slot: str) -> Row | None:
    return db.one("SELECT * FROM intake_draft WHERE staff_id = ? AND slot = ?", (staff_id, slot))


def drafts(db: Database, staff_id: int) -> list[Row]:
    return db.all("SELECT * FROM intake_draft WHERE staff_id = ? ORDER BY updated_at DESC",
                  (staff_id,))


def discard_draft(db: Database, staff_id: int, slot: str) -> None:
    db.execute("DELETE FROM intake_draft WHERE staff_id = ? AND slot = ?", (staff_id, slot))


def report_voice(db: Database, device: str, voice_ok: bool, text: str, at: str) -> None:
    db.execute("INSERT INTO device_status (device, voice_ok, voice_text, reported_at) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET "
               "voice_ok = excluded.voice_ok, voice_text = excluded.voice_text, "
               "reported_at = excluded.reported_at",
               (device, int(voice_ok), text, at))


def device_voices(db: Database) -> list[Row]:
    return db.all("SELECT * FROM device_status ORDER BY device")
