//! The schema, as an append-only list of migrations. The position in the list is the schema
//! version kept in SQLite's `user_version`. Entries are never edited or removed once released:
//! databases in the field were built by them. A change is a new entry at the end.

/// Every migration, oldest first. `MIGRATIONS[n]` takes a database from version `n` to `n + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the registry, the requirement catalogue, decisions, imports and the audit chain.
    r#"
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    state TEXT NOT NULL CHECK (length(state) = 2),
    name TEXT NOT NULL CHECK (name <> ''),
    identity TEXT NOT NULL,
    kind TEXT NOT NULL,
    county TEXT,
    ori TEXT UNIQUE,
    has_jail INTEGER,
    contact TEXT,
    UNIQUE (state, identity)
);
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    model TEXT NOT NULL,
    component TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_on TEXT,
    signed_on TEXT,
    moa TEXT,
    moa_url TEXT,
    addendum TEXT,
    last_listed_on TEXT,
    UNIQUE (agency_id, model, component)
);
CREATE TABLE status_changes (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    on_date TEXT NOT NULL,
    by TEXT NOT NULL,
    note TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX status_changes_by_agreement ON status_changes (agreement_id);
CREATE TABLE nominees (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    name TEXT NOT NULL,
    us_citizen INTEGER,
    years_experience REAL,
    background TEXT NOT NULL,
    background_on TEXT,
    pending_discipline INTEGER,
    clearance_eligible INTEGER,
    course TEXT,
    training_completed TEXT,
    exam_scores TEXT NOT NULL,
    certified_on TEXT,
    authorization_expires TEXT,
    last_refresher TEXT
);
CREATE INDEX nominees_by_agreement ON nominees (agreement_id);
CREATE TABLE attestations (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    requirement_id TEXT NOT NULL,
    met INTEGER NOT NULL,
    on_date TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (agreement_id, requirement_id)
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    held_on TEXT NOT NULL,
    note TEXT
);
CREATE INDEX meetings_by_agreement ON meetings (agreement_id);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    component TEXT NOT NULL,
    outcome TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    official TEXT NOT NULL,
    grounds TEXT,
    override_justification TEXT,
    waived TEXT NOT NULL,
    catalogue_version INTEGER NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX decisions_by_agreement ON decisions (agreement_id);
CREATE TABLE requirements (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    as_of TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE review_items (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    file TEXT NOT NULL,
    row INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    value TEXT NOT NULL,
    message TEXT NOT NULL,
    agreement_id INTEGER REFERENCES agreements (id),
    state TEXT NOT NULL DEFAULT 'open',
    resolution TEXT,
    resolved_by TEXT,
    resolved_at TEXT
);
CREATE INDEX review_items_open ON review_items (state);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    agency_id INTEGER,
    action TEXT NOT NULL,
    changes TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_agency ON audit_log (agency_id);
"#,
    // 2: complaints and termination notices (the compliance calendar), and every version of
    // the requirement catalogue (a decision shows the catalogue it was made under).
    r#"
CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    received_on TEXT NOT NULL,
    summary TEXT NOT NULL CHECK (summary <> ''),
    ice_told_on TEXT,
    resolved_on TEXT,
    resolution TEXT
);
CREATE INDEX complaints_by_agreement ON complaints (agreement_id);
CREATE TABLE termination_notices (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    given_on TEXT NOT NULL,
    given_by TEXT NOT NULL,
    note TEXT
);
CREATE INDEX termination_notices_by_agreement ON termination_notices (agreement_id);
CREATE TABLE catalogue_versions (
    version INTEGER PRIMARY KEY,
    requirements TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
INSERT INTO catalogue_versions (version, requirements, recorded_at)
SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'catalogue_version'), 1),
       (SELECT json_group_array(json(body)) FROM (SELECT body FROM requirements ORDER BY position)),
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE EXISTS (SELECT 1 FROM requirements);
"#,
    // 3: the MOA's terms as ICE's real MOAs state them. Per officer: the authorization date
    // (TFM: valid two years from it), credentials issued and returned, leaving and ICE told of
    // it. Per complaint: results reported (JEM: 30 days). Per attestation: who recorded it.
    // Per agreement: both signatures of the MOA, its template year and addenda. The catalogue's
    // terms, kept with every catalogue version, and the shipped corrections a coordinator's
    // own edit holds back until they adopt or keep theirs. Claims of U.S. citizenship, with
    // their times (reported to ICE within one hour under JEM and WSO). A suspension's end.
    r#"
ALTER TABLE nominees ADD COLUMN authorized_on TEXT;
ALTER TABLE nominees ADD COLUMN credentials_issued_on TEXT;
ALTER TABLE nominees ADD COLUMN credentials_returned_on TEXT;
ALTER TABLE nominees ADD COLUMN leaves_on TEXT;
ALTER TABLE nominees ADD COLUMN leaving_reported_on TEXT;
ALTER TABLE complaints ADD COLUMN results_reported_on TEXT;
ALTER TABLE attestations ADD COLUMN recorded_by TEXT;
ALTER TABLE agreements ADD COLUMN agency_signer_name TEXT;
ALTER TABLE agreements ADD COLUMN agency_signer_title TEXT;
ALTER TABLE agreements ADD COLUMN agency_signed_on TEXT;
ALTER TABLE agreements ADD COLUMN component_signer_name TEXT;
ALTER TABLE agreements ADD COLUMN component_signer_title TEXT;
ALTER TABLE agreements ADD COLUMN component_signed_on TEXT;
ALTER TABLE agreements ADD COLUMN template_year INTEGER;
ALTER TABLE agreements ADD COLUMN addenda TEXT;
CREATE TABLE terms (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    body TEXT NOT NULL
);
ALTER TABLE catalogue_versions ADD COLUMN terms TEXT;
CREATE TABLE citizenship_claims (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    claimed_at TEXT NOT NULL,
    reported_at TEXT,
    note TEXT
);
CREATE INDEX citizenship_claims_by_agreement ON citizenship_claims (agreement_id);
ALTER TABLE decisions ADD COLUMN suspended_until TEXT;
CREATE TABLE shipped_changes (
    requirement_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    shipped TEXT NOT NULL,
    theirs TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    resolved_by TEXT,
    resolved_at TEXT
);
"#,
    // 4: the history that proves the registry: one entry per transaction, chained by SHA-256,
    // carrying the full new row of every row it wrote and the id of every row it deleted, in
    // every table (see `store::history`). An older database's audit chain is verified and the
    // registry recorded as it stood in the first entry (`store::convert_to_history`); the
    // chain's entries keep their hashes, new ones carry none.
    r#"
CREATE TABLE history (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    changes TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
"#,
    // 5: the national list of law enforcement agencies (the FBI's, one row per ORI; read from
    // the copy shipped in assets/ when a registry is created or upgraded, refreshed from a newer
    // file on the coordinator's word), the files it was read from, and how each agency of the
    // registry is linked to it. The link is a table of its own, not new columns of `agencies`,
    // so that the history's rows of agencies stay as they were written.
    r#"
CREATE TABLE national_agencies (
    id INTEGER PRIMARY KEY,
    ori TEXT NOT NULL UNIQUE CHECK (length(ori) = 9),
    state TEXT NOT NULL CHECK (length(state) = 2),
    name TEXT NOT NULL,
    county TEXT,
    kind TEXT NOT NULL,
    population INTEGER,
    sworn_officers INTEGER,
    civilians INTEGER,
    data_year INTEGER NOT NULL
);
CREATE INDEX national_agencies_by_state ON national_agencies (state);
CREATE TABLE national_lists (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    agencies INTEGER NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    loaded_at TEXT NOT NULL,
    loaded_by TEXT NOT NULL
);
CREATE TABLE ori_links (
    agency_id INTEGER PRIMARY KEY REFERENCES agencies (id),
    standing TEXT NOT NULL CHECK (standing IN ('exact', 'name_county', 'confirmed', 'review', 'undone', 'none')),
    note TEXT,
    matched_ori TEXT,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX ori_links_by_matched_ori ON ori_links (matched_ori);
"#,
    // 6: documents kept with the record (issue 14). A document's bytes are stored once per
    // SHA-256 (`document_contents`, outside the history: the history proves them through the
    // hash and size in `documents`, which it carries, and `verify` hashes every content); each
    // attachment to an agreement, nominee, decision, complaint or meeting is a row of its own,
    // removed by marking it. `moa_checks`: what the reading of an MOA disagrees with or would
    // fill in, waiting on the Review screen for a coordinator.
    r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    bytes INTEGER NOT NULL CHECK (bytes >= 0),
    kind TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE TABLE document_contents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    content BLOB NOT NULL
);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    subject TEXT NOT NULL CHECK (subject IN ('agreement', 'nominee', 'decision', 'complaint', 'meeting')),
    subject_id INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (name <> ''),
    role TEXT,
    moa_read TEXT,
    attached_at TEXT NOT NULL,
    attached_by TEXT NOT NULL,
    removed_at TEXT,
    removed_by TEXT
);
CREATE INDEX attachments_by_subject ON attachments (subject, subject_id);
CREATE INDEX attachments_by_document ON attachments (document_id);
CREATE TABLE moa_checks (
    id INTEGER PRIMARY KEY,
    attachment_id INTEGER NOT NULL REFERENCES attachments (id),
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    kind TEXT NOT NULL CHECK (kind IN ('disagrees', 'fills')),
    field TEXT NOT NULL,
    in_moa TEXT NOT NULL,
    in_registry TEXT,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'dismissed')),
    note TEXT,
    resolved_by TEXT,
    resolved_at TEXT
);
CREATE INDEX moa_checks_by_agreement ON moa_checks (agreement_id);
"#,
    // 7: a team shares one registry. Each record's version is the newest entry of the
    // descriptive log about it (who changed it, when, and what): a save over a change made
    // since its form was opened is refused with them. This index finds that entry at once.
    r#"
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
"#,
];
