"""SQL for staff accounts, windows and which groups each window serves."""

from __future__ import annotations

from core.db import Database, Row


def by_username(db: Database, username: str) -> Row | None:
    return db.one("SELECT * FROM staff WHERE username = ?", (username,))


def by_id(db: Database, staff_id: int) -> Row | None:
    return db.one("SELECT * FROM staff WHERE id = ?", (staff_id,))


def all_staff(db: Database) -> list[Row]:
    return db.all("SELECT * FROM staff ORDER BY id")


def insert_staff(db: Database, row: Row) -> int:
    return db.insert("staff", row)


def set_login_state(db: Database, staff_id: int, failed: int, locked_until: str | None) -> None:
    db.execute(
        "UPDATE staff SET failed_logins = ?, locked_until = ? WHERE id = ?",
        (failed, locked_until, staff_id),
    )


def set_password_hash(db: Database, staff_id: int, password_hash: str) -> None:
    db.execute(
        "UPDATE staff SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?",
        (password_hash, staff_id),
    )


def set_active(db: Database, staff_id: int, active: bool) -> None:
    db.execute("UPDATE staff SET active = ? WHERE id = ?", (int(active), staff_id))


def set_role(db: Database, staff_id: int, role: str) -> None:
    db.execute("UPDATE staff SET role = ? WHERE id = ?", (role, staff_id))


def window(db: Database, number: int) -> Row | None:
    return db.one("SELECT * FROM service_window WHERE number = ?", (number,))


def all_windows(db: Database) -> list[Row]:
    return db.all("SELECT * FROM service_window WHERE active = 1 ORDER BY number")


def upsert_window(db: Database, number: int, name: str) -> None:
    db.execute(
        "INSERT INTO service_window (number, name) VALUES (?, ?) "
        "ON CONFLICT(number) DO UPDATE SET name = excluded.name, active = 1",
        (number, name),
    )


def set_window_staff(db: Database, number: int, a_id: int | None, b_id: int | None) -> None:
    db.execute(
        "UPDATE service_window SET a_staff_id = ?, b_staff_id = ? WHERE number = ?",
        (a_id, b_id, number),
    )


def set_window_pause(db: Database, number: int, reason: str | None, at: str | None) -> None:
    db.execute(
        "UPDATE service_window SET paused = ?, pause_reason = ?, paused_at = ? WHERE number = ?",
        (int(reason is not None), reason, at, number),
    )


def window_group_ids(db: Database, number: int) -> list[int]:
    rows = db.all(
        "SELECT group_id FROM window_group WHERE window_number = ? ORDER BY group_id", (number,)
    )
    return [int(r["group_id"]) for r in rows]


def set_window_groups(db: Database, number: int, group_ids: list[int]) -> None:
    db.execute("DELETE FROM window_group WHERE window_number = ?", (number,))
    for group_id in group_ids:
        db.execute(
            "INSERT INTO window_group (window_number, group_id) VALUES (?, ?)", (number, group_id)
        )
