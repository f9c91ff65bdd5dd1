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

SCHEMA_0002 = """
CREATE TABLE catalog_version (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('import', 'hub')),
    imported_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 0,
    item_count INTEGER NOT NULL,
    snapshot TEXT NOT NULL
);

CREATE UNIQUE INDEX catalog_version_one_active ON catalog_version (active) WHERE active = 1;

CREATE TABLE catalog_item (
    version_id INTEGER NOT NULL REFERENCES catalog_version(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    initials TEXT NOT NULL,
    group_prefix TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (version_id, code)
);

-- A case points at the catalog item it was filed against; versions are immutable, so
-- a newer catalog never changes a case already filed.
CREATE TRIGGER catalog_item_immutable_update BEFORE UPDATE ON catalog_item
BEGIN
    SELECT RAISE(ABORT, 'catalog versions are immutable');
END;

CREATE TRIGGER catalog_item_immutable_delete BEFORE DELETE ON catalog_item
BEGIN
    SELECT RAISE(ABORT, 'catalog versions are immutable');
END;

CREATE TRIGGER catalog_version_immutable BEFORE UPDATE OF version, sha256, snapshot, item_count
ON catalog_version
BEGIN
    SELECT RAISE(ABORT, 'catalog versions are immutable');
END;

CREATE TABLE calendar_override (
    day TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('hub', 'local')),
    working INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (day, source)
);

CREATE INDEX calendar_override_year ON calendar_override (year);

CREATE TABLE calendar_published (
    year INTEGER PRIMARY KEY,
    source_text TEXT NOT NULL,
    published_at TEXT NOT NULL
);

CREATE TABLE case_file (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN (
        'draft', 'notice_issued', 'accepted', 'submitted', 'received', 'supplement_requested',
        'approved', 'denied', 'ready_for_pickup', 'completed', 'not_accepted', 'withdrawn')),
    catalog_version_id INTEGER NOT NULL REFERENCES catalog_version(id),
    item_code TEXT NOT NULL,
    item_name TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    applicant_id_type TEXT NOT NULL CHECK (applicant_id_type IN ('resident_id', 'credit_code')),
    applicant_id_number TEXT NOT NULL,
    applicant_id_last4 TEXT NOT NULL,
    applicant_phone TEXT,
    applicant_address TEXT,
    agent_staff_id INTEGER REFERENCES staff(id),
    agent_name TEXT,
    agent_relation TEXT,
    first_contact_staff_id INTEGER REFERENCES staff(id),
    ticket_id INTEGER REFERENCES ticket(id),
    case_number TEXT UNIQUE,
    tracking_token TEXT,
    accept_date TEXT,
    serial INTEGER,
    received_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    state_since TEXT NOT NULL,
    accepted_at TEXT,
    deadline TEXT,
    deadline_provisional INTEGER NOT NULL DEFAULT 0,
    clock_stopped_on TEXT,
    reason TEXT,
    competent_office TEXT,
    result TEXT,
    pickup_place TEXT,
    hub_case_number TEXT,
    completed_at TEXT,
    UNIQUE (accept_date, serial)
);

CREATE INDEX case_state ON case_file (state, deadline);
CREATE INDEX case_id_number ON case_file (applicant_id_number);
CREATE INDEX case_name ON case_file (applicant_name);
CREATE INDEX case_ticket ON case_file (ticket_id);

CREATE TABLE case_material (
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    requirement TEXT NOT NULL CHECK (requirement IN ('required', 'optional', 'deferrable')),
    received INTEGER NOT NULL DEFAULT 0,
    received_at TEXT,
    PRIMARY KEY (case_id, name)
);

CREATE TABLE case_event (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    staff_id INTEGER,
    on_behalf_of INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX case_event_case ON case_event (case_id, id);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL,
    stream_seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    operator TEXT NOT NULL,
    payload TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN (
        'pending', 'in_flight', 'acked', 'rejected', 'quarantined')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    reason TEXT,
    server_seq INTEGER,
    acked_at TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (stream_id, stream_seq)
);

CREATE INDEX outbox_state ON outbox (state, id);

CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE rating (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    ticket_id INTEGER UNIQUE REFERENCES ticket(id),
    case_id INTEGER UNIQUE REFERENCES case_file(id),
    level TEXT NOT NULL CHECK (level IN (
        'very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied')),
    reasons TEXT NOT NULL DEFAULT '[]',
    comment TEXT,
    channel TEXT NOT NULL,
    rated_at TEXT NOT NULL,
    CHECK ((ticket_id IS NULL) != (case_id IS NULL))
);

CREATE TABLE follow_up (
    id INTEGER PRIMARY KEY,
    rating_id INTEGER NOT NULL UNIQUE REFERENCES rating(id),
    due_date TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    result TEXT,
    closed_at TEXT,
    closed_by INTEGER REFERENCES staff(id)
);
"""

SCHEMA_0003 = """
CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN (
        'ticket', 'pickup', 'notice', 'guide', 'receipt', 'rejection', 'supplement',
        'daily_report', 'monthly_report')),
    number TEXT UNIQUE,
    ticket_id INTEGER REFERENCES ticket(id),
    case_id INTEGER REFERENCES case_file(id),
    item_code TEXT,
    period TEXT,
    paper TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pages INTEGER NOT NULL,
    missing_chars TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    printed_at TEXT,
    print_failed INTEGER NOT NULL DEFAULT 0,
    print_error TEXT
);

CREATE INDEX document_case ON document (case_id, id);
CREATE INDEX document_ticket ON document (ticket_id, id);
CREATE INDEX document_reprint ON document (print_failed) WHERE print_failed = 1;

CREATE TABLE document_serial (
    word TEXT NOT NULL,
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    PRIMARY KEY (word, year)
);
"""

SCHEMA_0004 = """
CREATE TABLE help_request (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    place TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered')),
    answered_at TEXT,
    answered_by INTEGER REFERENCES staff(id)
);

CREATE INDEX help_request_open ON help_request (state) WHERE state = 'open';

CREATE TABLE intake_draft (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    slot TEXT NOT NULL,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (staff_id, slot)
);
"""

SCHEMA_0005 = """
CREATE TABLE rating_request (
    window_number INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
    staff_id INTEGER REFERENCES staff(id),
    requested_at TEXT NOT NULL
);

CREATE TABLE lookup_attempt (
    case_number TEXT PRIMARY KEY,
    misses INTEGER NOT NULL DEFAULT 0,
    last_miss_at TEXT NOT NULL,
    locked_until TEXT
);

-- How many wait, by kind, without reading a row (the kiosk's "前面还有N人" on a long line).
CREATE INDEX ticket_waiting_kind ON ticket (business_date, state, group_id, priority, queued_at);

CREATE TABLE device_status (
    device TEXT PRIMARY KEY,
    voice_ok INTEGER NOT NULL,
    voice_text TEXT NOT NULL,
    reported_at TEXT NOT NULL
);
"""
