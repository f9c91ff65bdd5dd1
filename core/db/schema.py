"""The SQL text of each schema step, referenced by name from ``core.db.migrations``.

Shipped steps are frozen: a change is a new constant and a new migration.
"""

SCHEMA_0001 = """
CREATE TABLE center (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL CHECK (length(code) = 12),
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('village', 'township')),
    created_at TEXT NOT NULL
);

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE service_window (
    number INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 99),
    name TEXT NOT NULL,
    a_staff_id INTEGER REFERENCES staff(id),
    b_staff_id INTEGER REFERENCES staff(id),
    paused INTEGER NOT NULL DEFAULT 0,
    pause_reason TEXT,
    paused_at TEXT,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE service_group (
    id INTEGER PRIMARY KEY,
    prefix TEXT NOT NULL UNIQUE CHECK (length(prefix) = 1 AND prefix BETWEEN 'A' AND 'Z'),
    name TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE window_group (
    window_number INTEGER NOT NULL REFERENCES service_window(number),
    group_id INTEGER NOT NULL REFERENCES service_group(id),
    PRIMARY KEY (window_number, group_id)
);

CREATE TABLE ticket (
    id INTEGER PRIMARY KEY,
    business_date TEXT NOT NULL,
    prefix TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    number TEXT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES service_group(id),
    priority TEXT CHECK (priority IN ('elderly', 'disabled', 'military', 'pregnant')),
    state TEXT NOT NULL CHECK (state IN (
        'waiting', 'called', 'serving', 'held', 'done', 'no_show', 'cancelled', 'expired')),
    issued_at TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    state_since TEXT NOT NULL,
    first_called_at TEXT,
    last_called_at TEXT,
    finished_at TEXT,
    window_number INTEGER REFERENCES service_window(number),
    staff_id INTEGER REFERENCES staff(id),
    recall_count INTEGER NOT NULL DEFAULT 0,
    waiting_ahead INTEGER NOT NULL DEFAULT 0,
    print_failed INTEGER NOT NULL DEFAULT 0,
    channel TEXT NOT NULL DEFAULT 'kiosk',
    UNIQUE (business_date, prefix, seq)
);

CREATE INDEX ticket_queue ON ticket (business_date, state, group_id, queued_at);
CREATE INDEX ticket_open ON ticket (state, business_date);
CREATE INDEX ticket_window ON ticket (window_number, state);

CREATE TABLE ticket_event (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    window_number INTEGER,
    staff_id INTEGER,
    on_behalf_of INTEGER,
    detail TEXT
);

CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id, id);
CREATE INDEX ticket_event_window ON ticket_event (window_number, action, id);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    on_behalf_of INTEGER,
    device TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
"""
