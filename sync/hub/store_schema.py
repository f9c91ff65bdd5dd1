"""The hub's schema: one script per version (``PRAGMA user_version``), append-only.

Run by :class:`sync.hub.store.Store` in one transaction; statements are split by SQLite's
own parser (:mod:`core.db.script`). Freeze the current schema first
(``scripts/make_hub_schema_fixture.py``), then append (docs/development.md).
"""

from __future__ import annotations

# Append-only: each entry upgrades the schema by one version (PRAGMA user_version).
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE centers (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0,
        feed_epoch INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE tokens (
        token_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
        center_code TEXT NOT NULL REFERENCES centers(code),
        family TEXT NOT NULL,
        device_id TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        rotated_at TEXT,
        revoked_at TEXT
    );
    CREATE INDEX tokens_family ON tokens(family);
    CREATE INDEX tokens_center ON tokens(center_code);
    -- server_seq is the global acceptance order (rejected events leave theirs unused)
    CREATE TABLE events (
        server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
        center_code TEXT NOT NULL REFERENCES centers(code),
        event_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        operator TEXT NOT NULL,
        payload TEXT NOT NULL,
        payload_sha256 TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
        reason TEXT,
        batch_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (center_code, event_id),
        UNIQUE (case_id, seq)
    );
    CREATE TABLE cases (
        case_id TEXT PRIMARY KEY,
        center_code TEXT NOT NULL REFERENCES centers(code),
        case_number TEXT UNIQUE,
        hub_case_number TEXT UNIQUE,
        state TEXT NOT NULL,
        tracking_hash TEXT,
        item_code TEXT NOT NULL,
        item_name TEXT NOT NULL,
        applicant_name TEXT NOT NULL,
        accepted_at TEXT,
        deadline TEXT,
        deadline_provisional INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX cases_center_state ON cases(center_code, state);
    CREATE TABLE feed (
        center_code TEXT NOT NULL REFERENCES centers(code),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        case_id TEXT,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (center_code, seq)
    );
    CREATE INDEX feed_case ON feed(case_id);
    CREATE TABLE catalogs (
        version INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        payload TEXT NOT NULL,
        published_at TEXT NOT NULL
    );
    CREATE TABLE calendars (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        payload TEXT NOT NULL,
        published_at TEXT NOT NULL
    );
    CREATE TABLE stats (
        id INTEGER PRIMARY KEY,
        center_code TEXT NOT NULL REFERENCES centers(code),
        at TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE INDEX stats_center ON stats(center_code, id);
    """,
    # 2: when a token was first used, so a refresh whose reply was lost can be retried
    # (the successor pair nobody has used yet is replaced, see auth.rotate).
    """
    ALTER TABLE tokens ADD COLUMN used_at TEXT
    """,
    # 3: a login lockout the county can lift (centers.locked_until), and one rating per
    # case number found without reading every event.
    """
    ALTER TABLE centers ADD COLUMN locked_until TEXT;
    CREATE INDEX events_rating_case ON events(center_code, json_extract(payload, '$.case_number'))
        WHERE type = 'rating_given' AND outcome = 'accepted';
    """,
    # 4: each center's audit anchors (the count and head hash of its audit chain), kept
    # in the order received; ``fork`` says why one does not extend the one before.
    """
    CREATE TABLE anchors (
        id INTEGER PRIMARY KEY,
        center_code TEXT NOT NULL REFERENCES centers(code),
        event_id TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 0),
        head_hash TEXT NOT NULL,
        prev_count INTEGER,
        prev_hash TEXT,
        anchored_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        fork TEXT,
        UNIQUE (center_code, event_id)
    );
    CREATE INDEX anchors_center ON anchors(center_code, id);
    """,
)
