"""The hub's own SQLite file: pragmas, schema, transactions and every SQL statement.

Nothing else in the hub speaks SQL, so a PostgreSQL store can later stand behind the same
:class:`Tx` methods. One connection per thread; each request is one transaction.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.db.script import statements
from core.errors import StorageError
from core.i18n import _
from core.private_files import make_private_dir, touch_private
from sync.hub.records import (
    Case,
    Center,
    FeedRow,
    StatsRow,
    StoredAnchor,
    StoredEvent,
    Token,
)
from sync.hub.store_schema import MIGRATIONS as MIGRATIONS
from sync.protocol import JsonObject, canonical_json

BUSY_TIMEOUT_MS = 15_000
FILE_NAME = "hub.sqlite3"


def _json(value: object) -> str:
    return canonical_json(value).decode("utf-8")


def _center(row: sqlite3.Row) -> Center:
    columns = row.keys()  # a database still on schema 2 (fixtures) has no locked_until
    locked = row["locked_until"] if "locked_until" in columns else None
    return Center(row["code"], row["name"], row["password_hash"], bool(row["revoked"]),
                  row["feed_epoch"], row["created_at"], locked)


def _token(row: sqlite3.Row) -> Token:
    return Token(row["token_hash"], row["kind"], row["center_code"], row["family"],
                 row["device_id"], row["expires_at"], row["rotated_at"], row["revoked_at"],
                 row["issued_at"], row["used_at"])


def _event(row: sqlite3.Row) -> StoredEvent:
    return StoredEvent(row["server_seq"], row["center_code"], row["event_id"], row["case_id"],
                       row["seq"], row["type"], row["occurred_at"], json.loads(row["operator"]),
                       row["payload_sha256"], row["outcome"], row["reason"],
                       row["received_at"])


def _case(row: sqlite3.Row) -> Case:
    return Case(row["case_id"], row["center_code"], row["case_number"],
                row["hub_case_number"], row["state"], row["tracking_hash"], row["item_code"],
                row["item_name"], row["applicant_name"], row["accepted_at"], row["deadline"],
                bool(row["deadline_provisional"]), row["created_at"], row["updated_at"])


def _anchor(row: sqlite3.Row) -> StoredAnchor:
    return StoredAnchor(row["center_code"], row["event_id"], row["count"], row["head_hash"],
                        row["prev_count"], row["prev_hash"], row["anchored_at"],
                        row["received_at"], row["fork"])


def _feed(row: sqlite3.Row) -> FeedRow:
    return FeedRow(row["center_code"], row["seq"], row["type"], row["case_id"],
                   json.loads(row["payload"]), row["created_at"])


# ------------------------------------------------------------------ store


class Store:
    """The hub database file; hands each thread its own connection."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._migrate()

    @classmethod
    def in_dir(cls, data_dir: Path) -> Store:
        """The store in ``data_dir``: the folder 0700, the database and its -wal/-shm 0600
        (it holds residents' names and the centers' events)."""
        make_private_dir(data_dir)
        return cls(data_dir / FILE_NAME)

    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            # check_same_thread=False only so close() may run on another thread; each
            # connection is still used by the one thread that opened it.
            conn = sqlite3.connect(str(self.path), isolation_level=None,
                                   timeout=self._busy_timeout_ms / 1000,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_ms)}")
        except sqlite3.DatabaseError as exc:
            raise StorageError(_("无法打开上级数据库 {path}：{reason}").format(
                path=self.path, reason=exc)) from exc
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn

    def _refuse_newer(self) -> None:
        """Read the schema version without changing anything (no WAL switch, no -wal
        file), so a database from a newer hub is left exactly as it was."""
        if not self.path.exists():
            return
        try:
            probe = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                version = int(probe.execute("PRAGMA user_version").fetchone()[0])
            finally:
                probe.close()
        except sqlite3.DatabaseError as exc:
            raise StorageError(_("无法打开上级数据库 {path}：{reason}").format(
                path=self.path, reason=exc)) from exc
        if version > len(MIGRATIONS):
            raise StorageError(_("上级数据库的版本（{v}）比本程序新，请升级 bianmin-hub")
                               .format(v=version))

    def _migrate(self) -> None:
        self._refuse_newer()
        touch_private(self.path)  # SQLite gives -wal/-shm the database file's mode
        for name in (self.path.name + "-wal", self.path.name + "-shm"):
            if self.path.with_name(name).exists():
                touch_private(self.path.with_name(name))
        with self.write() as tx:
            version = tx.user_version()
            if version > len(MIGRATIONS):
                raise StorageError(_("上级数据库的版本（{v}）比本程序新，请升级 bianmin-hub")
                                   .format(v=version))
            for number in range(version, len(MIGRATIONS)):
                tx.run_script(MIGRATIONS[number])
                tx.set_user_version(number + 1)

    @contextlib.contextmanager
    def write(self) -> Iterator[Tx]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) to queue writers."""
        with self._transaction("BEGIN IMMEDIATE") as tx:
            yield tx

    @contextlib.contextmanager
    def read(self) -> Iterator[Tx]:
        """A read transaction: every query inside sees the same snapshot."""
        with self._transaction("BEGIN") as tx:
            yield tx

    @contextlib.contextmanager
    def _transaction(self, begin: str) -> Iterator[Tx]:
        conn = self._connect()
        try:
            conn.execute(begin)
        except sqlite3.OperationalError as exc:
            raise StorageError(_("上级数据库正忙，请稍后再试（{reason}）").format(
                reason=exc)) from exc
        try:
            yield Tx(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK")
            raise StorageError(_("上级数据库写入失败：{reason}").format(reason=exc)) from exc

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()


class Tx:
    """The queries of one transaction. All SQL of the hub is here."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _one(self, sql: str, *params: Any) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
        return row

    def _all(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        return self._conn.execute(sql, params).fetchall()

    def _run(self, sql: str, *params: Any) -> int:
        return self._conn.execute(sql, params).rowcount

    # -- schema

    def user_version(self) -> int:
        row = self._one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def set_user_version(self, version: int) -> None:
        self._conn.execute(f"PRAGMA user_version={int(version)}")

    def run_script(self, script: str) -> None:
        # Not executescript(): it would commit the surrounding transaction.
        for statement in statements(script):
            self._conn.execute(statement)

    def integrity_check(self) -> str:
        row = self._one("PRAGMA integrity_check")
        return str(row[0]) if row else ""

    # -- centers

    def center(self, code: str) -> Center | None:
        row = self._one("SELECT * FROM centers WHERE code = ?", code)
        return _center(row) if row else None

    def centers(self) -> list[Center]:
        return [_center(r) for r in self._all("SELECT * FROM centers ORDER BY code")]

    def active_center_codes(self) -> list[str]:
        return [r[0] for r in self._all("SELECT code FROM centers WHERE revoked = 0")]

    def add_center(self, code: str, name: str, password_hash: str, now: str) -> None:
        self._run("INSERT INTO centers (code, name, password_hash, created_at) "
                  "VALUES (?, ?, ?, ?)", code, name, password_hash, now)

    def set_password(self, code: str, password_hash: str) -> None:
        self._run("UPDATE centers SET password_hash = ? WHERE code = ?", password_hash, code)

    def set_revoked(self, code: str) -> None:
        self._run("UPDATE centers SET revoked = 1 WHERE code = ?", code)

    def set_locked_until(self, code: str, until: str | None) -> None:
        """Lock a center's login until ``until`` (ISO time), or lift the lock (None)."""
        self._run("UPDATE centers SET locked_until = ? WHERE code = ?", until, code)

    def bump_feed_epoch(self, code: str) -> int:
        self._run("UPDATE centers SET feed_epoch = feed_epoch + 1 WHERE code = ?", code)
        row = self._one("SELECT feed_epoch FROM centers WHERE code = ?", code)
        return int(row[0]) if row else 0

    # -- tokens (stored as SHA-256 hashes only)

    def add_token(self, token_hash: str, kind: str, center_code: str, family: str,
                  device_id: str, issued_at: str, expires_at: str) -> None:
        self._run("INSERT INTO tokens (token_hash, kind, center_code, family, device_id, "
                  "issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  token_hash, kind, center_code, family, device_id, issued_at, expires_at)

    def token(self, token_hash: str) -> Token | None:
        row = self._one("SELECT * FROM tokens WHERE token_hash = ?", token_hash)
        return _token(row) if row else None

    def mark_rotated(self, token_hash: str, now: str) -> None:
        self._run("UPDATE tokens SET rotated_at = ? WHERE token_hash = ?", now, token_hash)

    def revoke_family(self, family: str, now: str) -> None:
        self._run("UPDATE tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL",
                  now, family)

    def revoke_center_tokens(self, center_code: str, now: str) -> None:
        self._run("UPDATE tokens SET revoked_at = ? "
                  "WHERE center_code = ? AND revoked_at IS NULL", now, center_code)

    def mark_used(self, token_hash: str, now: str) -> None:
        self._run("UPDATE tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                  now, token_hash)

    def unused_successor(self, family: str, issued_at: str) -> bool:
        """Whether the pair issued at ``issued_at`` in ``family`` is live and never used."""
        row = self._one(
            "SELECT count(*) AS live, sum(used_at IS NOT NULL OR rotated_at IS NOT NULL) "
            "AS used FROM tokens WHERE family = ? AND issued_at = ? AND revoked_at IS NULL",
            family, issued_at)
        return row is not None and int(row["live"]) == 2 and not row["used"]

    def revoke_issued(self, family: str, issued_at: str, now: str) -> None:
        self._run("UPDATE tokens SET revoked_at = ? WHERE family = ? AND issued_at = ? "
                  "AND revoked_at IS NULL", now, family, issued_at)

    def prune_access_tokens(self, family: str, now: str) -> None:
        self._run("DELETE FROM tokens WHERE family = ? AND kind = 'access' AND expires_at < ?",
                  family, now)

    # -- events

    def event(self, center_code: str, event_id: str) -> StoredEvent | None:
        row = self._one("SELECT * FROM events WHERE center_code = ? AND event_id = ?",
                        center_code, event_id)
        return _event(row) if row else None

    def stream(self, case_id: str) -> tuple[str | None, int]:
        """The center that owns a case's events (they never mix) and its last seq (0: none)."""
        row = self._one("SELECT center_code, MAX(seq) FROM events WHERE case_id = ?", case_id)
        if row is None or row[1] is None:
            return None, 0
        return str(row[0]), int(row[1])

    def case_number_rated(self, center_code: str, case_number: str) -> bool:
        """Whether a center's accepted ratings already include one for this case number."""
        return self._one(
            "SELECT 1 FROM events WHERE center_code = ? AND type = 'rating_given' "
            "AND outcome = 'accepted' AND json_extract(payload, '$.case_number') = ?",
            center_code, case_number) is not None

    def stream_has(self, case_id: str, event_type: str) -> bool:
        return self._one("SELECT 1 FROM events WHERE case_id = ? AND type = ? "
                         "AND outcome = 'accepted'", case_id, event_type) is not None

    def insert_event(self, *, center_code: str, batch_id: str, event_id: str, case_id: str,
                     seq: int, event_type: str, occurred_at: str, operator: JsonObject,
                     payload: JsonObject, payload_sha256: str, outcome: str,
                     reason: str | None, now: str) -> int:
        cursor = self._conn.execute(
            "INSERT INTO events (center_code, event_id, case_id, seq, type, occurred_at, "
            "operator, payload, payload_sha256, outcome, reason, batch_id, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (center_code, event_id, case_id, seq, event_type, occurred_at, _json(operator),
             _json(payload), payload_sha256, outcome, reason, batch_id, now),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def events_of_case(self, case_id: str) -> list[StoredEvent]:
        return [_event(r) for r in self._all(
            "SELECT * FROM events WHERE case_id = ? ORDER BY seq", case_id)]

    def event_counts(self, center_code: str | None = None) -> dict[str, int]:
        """Stored events by outcome, for one center or all."""
        rows = self._all("SELECT outcome, COUNT(*) FROM events "
                         "WHERE ?1 IS NULL OR center_code = ?1 GROUP BY outcome", center_code)
        return {str(r[0]): int(r[1]) for r in rows}

    def ratings(self) -> dict[str, dict[str, int]]:
        """Accepted ratings by center and level."""
        rows = self._all("SELECT center_code, json_extract(payload, '$.level'), COUNT(*) "
                         "FROM events WHERE type = 'rating_given' AND outcome = 'accepted' "
                         "GROUP BY 1, 2")
        out: dict[str, dict[str, int]] = {}
        for code, level, count in rows:
            out.setdefault(code, {})[level] = count
        return out

    # -- audit anchors

    def insert_anchor(self, anchor: StoredAnchor) -> None:
        self._run("INSERT INTO anchors (center_code, event_id, count, head_hash, prev_count, "
                  "prev_hash, anchored_at, received_at, fork) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  anchor.center_code, anchor.event_id, anchor.count, anchor.head_hash,
                  anchor.prev_count, anchor.prev_hash, anchor.anchored_at,
                  anchor.received_at, anchor.fork)

    def latest_anchor(self, center_code: str) -> StoredAnchor | None:
        row = self._one("SELECT * FROM anchors WHERE center_code = ? ORDER BY id DESC LIMIT 1",
                        center_code)
        return _anchor(row) if row else None

    def anchors(self, center_code: str) -> list[StoredAnchor]:
        return [_anchor(r) for r in self._all(
            "SELECT * FROM anchors WHERE center_code = ? ORDER BY id", center_code)]

    def anchor_forks(self) -> dict[str, int]:
        """Anchors that do not extend the one before, by center."""
        return {str(r[0]): int(r[1]) for r in self._all(
            "SELECT center_code, COUNT(*) FROM anchors WHERE fork IS NOT NULL GROUP BY 1")}

    # -- cases

    def case_by_id(self, case_id: str) -> Case | None:
        row = self._one("SELECT * FROM cases WHERE case_id = ?", case_id)
        return _case(row) if row else None

    def case_by_number(self, case_number: str) -> Case | None:
        row = self._one("SELECT * FROM cases WHERE case_number = ?", case_number)
        return _case(row) if row else None

    def insert_case(self, case: Case) -> None:
        self._run(
            "INSERT INTO cases (case_id, center_code, case_number, hub_case_number, state, "
            "tracking_hash, item_code, item_name, applicant_name, accepted_at, deadline, "
            "deadline_provisional, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            case.case_id, case.center_code, case.case_number, case.hub_case_number,
            case.state, case.tracking_hash, case.item_code, case.item_name,
            case.applicant_name, case.accepted_at, case.deadline,
            int(case.deadline_provisional), case.created_at, case.updated_at,
        )

    def set_case_state(self, case_id: str, state: str, now: str) -> None:
        self._run("UPDATE cases SET state = ?, updated_at = ? WHERE case_id = ?",
                  state, now, case_id)

    def set_hub_case_number(self, case_id: str, hub_case_number: str) -> None:
        self._run("UPDATE cases SET hub_case_number = ? WHERE case_id = ?",
                  hub_case_number, case_id)

    def last_hub_case_number(self, prefix: str) -> str | None:
        row = self._one("SELECT MAX(hub_case_number) FROM cases "
                        "WHERE hub_case_number >= ? AND hub_case_number < ?",
                        prefix, prefix + "\uffff")
        return str(row[0]) if row and row[0] is not None else None

    def cases(self, *, center_code: str | None = None, state: str | None = None) -> list[Case]:
        rows = self._all("SELECT * FROM cases WHERE (?1 IS NULL OR center_code = ?1) "
                         "AND (?2 IS NULL OR state = ?2) ORDER BY created_at, case_id",
                         center_code, state)
        return [_case(r) for r in rows]

    # -- feed (a gap-free sequence per center, assigned inside the writing transaction)

    def append_feed(self, center_code: str, kind: str, case_id: str | None,
                    payload: JsonObject, now: str) -> int:
        seq = self.feed_max(center_code) + 1
        self._run("INSERT INTO feed (center_code, seq, type, case_id, payload, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?)", center_code, seq, kind, case_id, _json(payload),
                  now)
        return seq

    def feed_max(self, center_code: str) -> int:
        row = self._one("SELECT MAX(seq) FROM feed WHERE center_code = ?", center_code)
        return int(row[0]) if row and row[0] is not None else 0

    def feed_after(self, center_code: str, after: int, limit: int) -> list[FeedRow]:
        rows = self._all("SELECT * FROM feed WHERE center_code = ? AND seq > ? "
                         "ORDER BY seq LIMIT ?", center_code, after, limit)
        return [_feed(r) for r in rows]

    def feed_of_case(self, case_id: str) -> list[FeedRow]:
        return [_feed(r) for r in self._all(
            "SELECT * FROM feed WHERE case_id = ? ORDER BY seq", case_id)]

    def last_feed_by_case(self, center_code: str) -> dict[str, FeedRow]:
        rows = self._all(
            "SELECT f.* FROM feed f JOIN (SELECT case_id, MAX(seq) AS seq FROM feed "
            "WHERE center_code = ?1 AND case_id IS NOT NULL GROUP BY case_id) last "
            "ON f.case_id = last.case_id AND f.seq = last.seq WHERE f.center_code = ?1",
            center_code)
        return {r["case_id"]: _feed(r) for r in rows}

    # -- catalog and calendars

    def add_catalog(self, version: int, sha256: str, payload: JsonObject, now: str) -> None:
        self._run("INSERT INTO catalogs (version, sha256, payload, published_at) "
                  "VALUES (?, ?, ?, ?)", version, sha256, _json(payload), now)

    def latest_catalog(self) -> JsonObject | None:
        row = self._one("SELECT payload FROM catalogs ORDER BY version DESC LIMIT 1")
        return json.loads(row[0]) if row else None

    def add_calendar(self, year: int, payload: JsonObject, now: str) -> None:
        self._run("INSERT INTO calendars (year, payload, published_at) VALUES (?, ?, ?)",
                  year, _json(payload), now)

    def latest_calendars(self) -> list[JsonObject]:
        rows = self._all("SELECT payload FROM calendars WHERE id IN "
                         "(SELECT MAX(id) FROM calendars GROUP BY year) ORDER BY year")
        return [json.loads(r[0]) for r in rows]

    # -- stats

    def add_stats(self, center_code: str, at: str, payload: JsonObject, now: str) -> None:
        self._run("INSERT INTO stats (center_code, at, payload, received_at) "
                  "VALUES (?, ?, ?, ?)", center_code, at, _json(payload), now)

    def prune_stats(self, center_code: str, keep: int) -> None:
        """Keep only a center's ``keep`` latest reports."""
        self._run("DELETE FROM stats WHERE center_code = ?1 AND id NOT IN "
                  "(SELECT id FROM stats WHERE center_code = ?1 ORDER BY id DESC LIMIT ?2)",
                  center_code, keep)

    def latest_stats(self) -> dict[str, StatsRow]:
        rows = self._all("SELECT * FROM stats WHERE id IN "
                         "(SELECT MAX(id) FROM stats GROUP BY center_code)")
        return {r["center_code"]: StatsRow(r["center_code"], r["at"], json.loads(r["payload"]),
                                           r["received_at"]) for r in rows}
