"""SQL for catalog versions and their items, and the calendar overrides."""

from __future__ import annotations

from core.db import Database, Row


def version_by_hash(db: Database, sha256: str) -> Row | None:
    return db.one("SELECT * FROM catalog_version WHERE sha256 = ? ORDER BY id DESC LIMIT 1",
                  (sha256,))


def version_by_label(db: Database, label: str) -> Row | None:
    return db.one("SELECT * FROM catalog_version WHERE version = ?", (label,))


def active_version(db: Database) -> Row | None:
    return db.one("SELECT * FROM catalog_version WHERE active = 1")


def versions(db: Database) -> list[Row]:
    return db.all("SELECT id, version, sha256, source, imported_at, active, item_count "
                  "FROM catalog_version ORDER BY id")


def insert_version(db: Database, row: Row) -> int:
    return db.insert("catalog_version", row)


def insert_item(db: Database, row: Row) -> None:
    db.insert("catalog_item", row)


def activate(db: Database, version_id: int) -> None:
    db.execute("UPDATE catalog_version SET active = 0 WHERE active = 1")
    db.execute("UPDATE catalog_version SET active = 1 WHERE id = ?", (version_id,))


def items(db: Database, version_id: int) -> list[Row]:
    return db.all("SELECT * FROM catalog_item WHERE version_id = ? ORDER BY rowid", (version_id,))


def item(db: Database, version_id: int, code: str) -> Row | None:
    return db.one("SELECT * FROM catalog_item WHERE version_id = ? AND code = ?",
                  (version_id, code))


def overrides_for_year(db: Database, year: int) -> list[Row]:
    return db.all("SELECT day, source, working, note FROM calendar_override WHERE year = ?",
                  (year,))


def published_years(db: Database) -> list[int]:
    return [int(r["year"]) for r in db.all("SELECT year FROM calendar_published")]


def put_override(db: Database, row: Row) -> None:
    db.execute(
        "INSERT INTO calendar_override (day, source, working, note, year, updated_at) "
        "VALUES (:day, :source, :working, :note, :year, :updated_at) "
        "ON CONFLICT(day, source) DO UPDATE SET working = excluded.working, "
        "note = excluded.note, updated_at = excluded.updated_at", row)


def delete_override(db: Database, day: str, source: str) -> int:
    return db.execute("DELETE FROM calendar_override WHERE day = ? AND source = ?",
                      (day, source)).rowcount


def replace_hub_year(db: Database, year: int) -> None:
    db.execute("DELETE FROM calendar_override WHERE year = ? AND source = 'hub'", (year,))


def mark_published(db: Database, year: int, source_text: str, at: str) -> None:
    db.execute(
        "INSERT INTO calendar_published (year, source_text, published_at) VALUES (?, ?, ?) "
        "ON CONFLICT(year) DO UPDATE SET source_text = excluded.source_text, "
        "published_at = excluded.published_at", (year, source_text, at))


def local_overrides(db: Database) -> list[Row]:
    return db.all("SELECT day, working, note FROM calendar_override WHERE source = 'local' "
                  "ORDER BY day")


def calendar_revision(db: Database) -> tuple[object, ...]:
    """Changes whenever any process changes the overrides or a published calendar."""
    row = db.one(
        "SELECT (SELECT count(*) FROM calendar_override) AS n, "
        "(SELECT max(updated_at) FROM calendar_override) AS at, "
        "(SELECT group_concat(year || published_at) FROM calendar_published) AS pub")
    return tuple(row.values()) if row else ()
