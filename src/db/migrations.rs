//! The database schema, as versioned migrations (rusqlite_migration keeps the
//! version in `PRAGMA user_version`). Never edit a migration that has shipped:
//! append a new `M::up` instead.
//!
//! Conventions: `STRICT` tables; dates are UTC ISO-8601 text; a value the
//! publisher did not give is SQL `NULL`.

use rusqlite_migration::{M, Migrations};

/// Every migration, oldest first.
pub const MIGRATION_LIST: &[M<'static>] = &[
    M::up(V1_SCHEMA).comment("initial schema"),
    M::up(V2_SEARCH).comment("full-text search index"),
    M::up(V3_READERS).comment("reader submissions, subscribers, editors, audit log, mail queue"),
    M::up(V4_MODEL).comment("wages by the pack's manifest; FAQ answers rendered once"),
    M::up(V5_SEARCH_TERMS).comment("the search vocabulary as a table of its own"),
    M::up(V6_SEARCH_TITLES).comment("the search index's titles indexed on their own"),
    M::up(V7_TERMS_BY_LEN).comment("the search vocabulary read by length from its index alone"),
    M::up(V8_LONGER_PREFIXES).comment("prefix indexes of five and six letters"),
];

/// The migrations `db::open` runs.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// Version 1: wage and projection tables, published figures, FAQs,
/// testimonials, seed bookkeeping. (Its comments were made pack-neutral;
/// the schema is as shipped.)
const V1_SCHEMA: &str = r#"
-- Files imported by `db::seed`, with a hash of their bytes, so an unchanged
-- file is not imported again. `path` is relative to the content folder.
CREATE TABLE seed_files (
    path       TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL,
    row_count  INTEGER NOT NULL,         -- rows in the target table from this file
    seeded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- Wages: one row per area x occupation x period, from the national, state
-- and metro files. Annual wages are whole dollars, hourly wages dollars and
-- cents. A NULL wage is listed in `not_released_fields` or `topcoded_fields`;
-- both hold ';'-separated CSV column names, '' for none.
CREATE TABLE wages (
    id                        INTEGER PRIMARY KEY,
    area_code                 TEXT NOT NULL,      -- 7 digits, e.g. 0000000 national
    area_type                 TEXT NOT NULL CHECK (area_type IN ('national', 'state', 'metro_or_nonmetro')),
    area_name                 TEXT NOT NULL,
    state_fips                TEXT,               -- 2 digits; NULL for the nation
    state_abbr                TEXT,               -- USPS code for state rows only ('NY', 'DC', 'PR'); NULL otherwise
    soc_code                  TEXT NOT NULL,      -- 6-digit SOC
    occupation_title          TEXT NOT NULL,
    period                    TEXT NOT NULL,      -- the release's period
    source_key                TEXT NOT NULL,      -- key in content/sources.toml
    employment                INTEGER,            -- jobs, excluding the self-employed
    employment_rse_pct        REAL,
    employment_per_1000_jobs  REAL,               -- NULL for the nation
    location_quotient         REAL,               -- NULL for the nation
    hourly_mean_wage          REAL,
    annual_mean_wage          INTEGER,
    wage_rse_pct              REAL,
    hourly_p10_wage           REAL,
    hourly_p25_wage           REAL,
    hourly_median_wage        REAL,
    hourly_p75_wage           REAL,
    hourly_p90_wage           REAL,
    annual_p10_wage           INTEGER,
    annual_p25_wage           INTEGER,
    annual_median_wage        INTEGER,
    annual_p75_wage           INTEGER,
    annual_p90_wage           INTEGER,
    not_released_fields       TEXT NOT NULL DEFAULT '',
    topcoded_fields           TEXT NOT NULL DEFAULT '',
    other_footnotes           TEXT NOT NULL DEFAULT '',
    seed_file                 TEXT NOT NULL,      -- seed_files.path this row came from
    seed_hash                 TEXT NOT NULL,      -- seed_files.sha256 of the import that wrote it
    UNIQUE (area_code, soc_code, period)
) STRICT;
-- national_wage, state_wages, top_metros (ordered by annual_mean_wage).
CREATE INDEX wages_by_soc ON wages (soc_code, period, area_type, annual_mean_wage);
-- state_wage by USPS code.
CREATE INDEX wages_by_state ON wages (state_abbr, soc_code, period) WHERE state_abbr IS NOT NULL;
-- Removing rows a re-imported file no longer has.
CREATE INDEX wages_by_seed ON wages (seed_file, seed_hash);

-- Projected jobs, from the projections file. Employment, change,
-- openings, exits, transfers and separations are in THOUSANDS; rates and
-- shares in percent.
CREATE TABLE projections (
    id                               INTEGER PRIMARY KEY,
    soc_code                         TEXT NOT NULL,
    title                            TEXT NOT NULL,
    occupation_type                  TEXT NOT NULL DEFAULT '',  -- 'Summary' or 'Line item'
    period                           TEXT NOT NULL,             -- the projection period
    source_key                       TEXT NOT NULL,             
    employment_2024                  REAL NOT NULL,
    employment_2034                  REAL NOT NULL,
    employment_share_2024_pct        REAL,
    employment_share_2034_pct        REAL,
    change_thousands                 REAL,
    change_pct                       REAL NOT NULL,
    self_employed_2024_pct           REAL,
    openings_per_year                REAL NOT NULL,
    median_wage_2024                 INTEGER,
    typical_entry_education          TEXT,                      -- NULL for the all-occupations row
    work_experience                  TEXT,                      -- 'None' is a value
    on_the_job_training              TEXT,
    labor_force_exit_rate_pct        REAL,
    occupational_transfer_rate_pct   REAL,
    total_separations_rate_pct       REAL,
    labor_force_exits_thousands      REAL,
    occupational_transfers_thousands REAL,
    total_separations_thousands      REAL,
    seed_file                        TEXT NOT NULL,
    seed_hash                        TEXT NOT NULL,
    UNIQUE (soc_code, period)
) STRICT;
CREATE INDEX projections_by_seed ON projections (seed_file, seed_hash);

-- Figures quoted from published sources (content/data/figures.toml). The
-- file owns this table: seeding upserts by id and deletes ids it no longer has.
CREATE TABLE published_figures (
    id          TEXT PRIMARY KEY,       
    position    INTEGER NOT NULL,       -- order in the file
    role_slug   TEXT,                   -- NULL = site-wide
    topic       TEXT NOT NULL,          -- pay | outlook | workforce | education | skills
    label       TEXT NOT NULL,
    value       REAL,
    high        REAL,                   -- upper end of a range
    unit        TEXT NOT NULL,          -- usd | usd-hour | percent | count | text
    text        TEXT,                   -- the words when unit = 'text'
    source_key  TEXT NOT NULL,
    period      TEXT NOT NULL,
    note        TEXT
) STRICT;
CREATE INDEX published_figures_by_role ON published_figures (role_slug, position);

-- Questions and answers. Rows with a seed_key come from content/data/faqs.toml
-- and follow the file; rows with a NULL seed_key were added by people and are
-- never touched by seeding.
CREATE TABLE faqs (
    id          INTEGER PRIMARY KEY,
    seed_key    TEXT UNIQUE,            -- NULL allowed (and repeatable)
    role_slug   TEXT,                   -- NULL = site-wide
    position    INTEGER NOT NULL,
    question    TEXT NOT NULL,
    answer_md   TEXT NOT NULL,          -- Markdown
    source_key  TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX faqs_by_role ON faqs (role_slug, position, id);

-- Testimonials. Seeds (content/data/testimonials.toml) are inserted as
-- 'approved'; submissions start 'pending'. Seeding updates the text of a
-- seeded row but never its status, so a moderator's decision stands.
CREATE TABLE testimonials (
    id            INTEGER PRIMARY KEY,
    seed_key      TEXT UNIQUE,
    role_slug     TEXT NOT NULL,
    name          TEXT NOT NULL,
    background    TEXT NOT NULL,
    quote         TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    illustrative  INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),  -- written by editors, not said by a real person
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX testimonials_by_role ON testimonials (role_slug, status, created_at, id);
"#;

/// Version 2: the site search. `db::rebuild_search_index` fills
/// `search_docs` from the compiled site and the `faqs` table at start, and
/// `db::update_search_index` rewrites the changed pages' rows on reload;
/// nothing else writes it.
const V2_SEARCH: &str = r#"
-- One row per searchable page or answer. `kind` is 'role', 'article' or
-- 'faq'; `url` is where the result links; only title, summary and body are
-- indexed. Ranking weighs title over summary
-- over body (bm25 column weights in db::search). Accents are folded and
-- case ignored by the tokenizer; prefix indexes make "informat*" cheap.
CREATE VIRTUAL TABLE search_docs USING fts5(
    kind UNINDEXED,
    url UNINDEXED,
    context UNINDEXED,                  -- shown beside the kind: a level, a category, a role
    title,
    summary,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
-- Every indexed word with the number of rows holding it: the vocabulary
-- that spelling suggestions are drawn from.
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_docs, 'row');
"#;

/// Version 3: what readers and editors write at run time. None of these
/// rows can be derived from `content/`: seeding never reads or writes them
/// (it touches only rows with a `seed_key`), and `careers db backup`,
/// `careers db restore` and Litestream exist to keep them. Emails are
/// stored trimmed and lower-cased, and never shown on a public page.
const V3_READERS: &str = r#"
-- Server secrets, generated on first use: `tokens` signs CSRF tokens and
-- the links in mails. Kept in the database so backups and replicas keep
-- links valid.
CREATE TABLE secrets (
    name        TEXT PRIMARY KEY,
    value       BLOB NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- "Share your experience", as the reader sent it. 'unverified' until the
-- reader follows the link mailed to `email`; then 'pending' in the
-- moderation queue; an editor approves (a row in `testimonials` is
-- published from it) or rejects.
CREATE TABLE reader_testimonials (
    id           INTEGER PRIMARY KEY,
    role_slug    TEXT NOT NULL,
    name         TEXT NOT NULL,          -- name or initials, as the reader wants it shown
    job_title    TEXT NOT NULL,          -- the reader's current role
    years        INTEGER NOT NULL CHECK (years BETWEEN 0 AND 70),  -- years in that role
    background   TEXT NOT NULL,
    quote        TEXT NOT NULL,
    email        TEXT NOT NULL,          -- to verify; never shown
    consent_at   TEXT NOT NULL,          -- when the reader agreed to publication
    status       TEXT NOT NULL DEFAULT 'unverified'
                 CHECK (status IN ('unverified', 'pending', 'published', 'rejected')),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    verified_at  TEXT,
    decided_at   TEXT,
    decided_by   TEXT                    -- editor's user name
) STRICT;
CREATE INDEX reader_testimonials_by_status ON reader_testimonials (status, created_at);
CREATE INDEX reader_testimonials_by_email ON reader_testimonials (email);

-- "Ask a question": 'unverified', then 'pending'; an editor answers it
-- (it becomes a row of `faqs`) or rejects it.
CREATE TABLE reader_questions (
    id           INTEGER PRIMARY KEY,
    role_slug    TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    question     TEXT NOT NULL,
    email        TEXT NOT NULL,          -- to verify; never shown
    status       TEXT NOT NULL DEFAULT 'unverified'
                 CHECK (status IN ('unverified', 'pending', 'published', 'rejected')),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    verified_at  TEXT,
    decided_at   TEXT,
    decided_by   TEXT
) STRICT;
CREATE INDEX reader_questions_by_status ON reader_questions (status, created_at);
CREATE INDEX reader_questions_by_email ON reader_questions (email);

-- A published reader testimonial points to its submission (deleting the
-- submission unpublishes it) and shows the reader's role and years.
ALTER TABLE testimonials ADD COLUMN submission_id INTEGER REFERENCES reader_testimonials (id) ON DELETE CASCADE;
ALTER TABLE testimonials ADD COLUMN job_title TEXT;
ALTER TABLE testimonials ADD COLUMN years INTEGER;
CREATE UNIQUE INDEX testimonials_by_submission ON testimonials (submission_id) WHERE submission_id IS NOT NULL;

-- An answered reader question; `answer_html` is rendered from the
-- editor's Markdown when the answer is saved.
ALTER TABLE faqs ADD COLUMN question_id INTEGER REFERENCES reader_questions (id) ON DELETE CASCADE;
ALTER TABLE faqs ADD COLUMN answer_html TEXT;
CREATE UNIQUE INDEX faqs_by_question ON faqs (question_id) WHERE question_id IS NOT NULL;

-- Newsletter: 'unconfirmed' until the reader follows the mailed link.
-- Unsubscribing deletes the row.
CREATE TABLE subscribers (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    status        TEXT NOT NULL DEFAULT 'unconfirmed' CHECK (status IN ('unconfirmed', 'confirmed')),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    confirmed_at  TEXT
) STRICT;

-- Editors who moderate at /admin/ (`careers admin add-user`).
CREATE TABLE admin_users (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,        -- argon2id, PHC string
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- Signed-in editors: the SHA-256 of the cookie's random value.
CREATE TABLE admin_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES admin_users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    expires_at  TEXT NOT NULL
) STRICT;

-- Who did what, when. Never holds an email address.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor    TEXT NOT NULL,              -- an editor's user name, or 'reader'
    action   TEXT NOT NULL,              -- e.g. 'approve', 'reject', 'edit', 'answer', 'delete-data'
    subject  TEXT NOT NULL,              -- e.g. 'testimonial 12', 'question 3'
    detail   TEXT NOT NULL DEFAULT ''
) STRICT;

-- Mails waiting to be sent, written in the same transaction as the row
-- they are about; the mail worker sends and deletes them.
CREATE TABLE mail_queue (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: outbox files are named by it
    recipient    TEXT NOT NULL,
    message      BLOB NOT NULL,          -- the whole RFC 5322 message
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_try_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_error   TEXT
) STRICT;
CREATE INDEX mail_queue_due ON mail_queue (next_try_at);
"#;

/// Version 4: the content model holds projections and published figures
/// (they are read from `content/` when it compiles), so their tables go;
/// wages keep only what pages and the API show, with period and source
/// taken from the pack's manifest rather than stored per row; FAQ answers
/// are stored rendered, so no request renders Markdown.
const V4_MODEL: &str = r#"
DROP TABLE projections;
DROP TABLE published_figures;
DROP TABLE wages;
-- Wages: one row per area x occupation code, from the wage files the pack's
-- manifest (content/data/datasets.toml) names. A NULL wage is listed in
-- `not_released` or `topcoded`: ';'-separated field names (`median`, `p90`,
-- `mean`, `hourly_mean`, `employment`), '' for none.
CREATE TABLE wages (
    area_code         TEXT NOT NULL,
    area_type         TEXT NOT NULL CHECK (area_type IN ('national', 'state', 'metro_or_nonmetro')),
    area_name         TEXT NOT NULL,
    state_fips        TEXT,               -- 2 digits; NULL for the nation
    state_abbr        TEXT,               -- USPS code on state rows only ('NY', 'DC', 'PR')
    soc_code          TEXT NOT NULL,
    occupation_title  TEXT NOT NULL,
    employment        INTEGER,            -- jobs, excluding the self-employed
    hourly_mean       REAL,
    annual_mean       INTEGER,
    annual_p10        INTEGER,
    annual_p25        INTEGER,
    annual_median     INTEGER,
    annual_p75        INTEGER,
    annual_p90        INTEGER,
    not_released      TEXT NOT NULL DEFAULT '',
    topcoded          TEXT NOT NULL DEFAULT '',
    seed_file         TEXT NOT NULL,      -- seed_files.path this row came from
    seed_hash         TEXT NOT NULL,      -- seed_files.sha256 of the import that wrote it
    PRIMARY KEY (area_code, soc_code)
) STRICT;
CREATE INDEX wages_by_soc ON wages (soc_code, area_type, annual_mean);
CREATE INDEX wages_by_state ON wages (state_abbr, soc_code) WHERE state_abbr IS NOT NULL;
CREATE INDEX wages_by_seed ON wages (seed_file, seed_hash);
-- Every wage file is imported again into the new table.
DELETE FROM seed_files;
-- `answer_html` came with version 3 (answers editors write in /admin/);
-- seeding now fills it for seeded rows too, and the plain text beside it.
UPDATE faqs SET answer_html = '' WHERE answer_html IS NULL;
ALTER TABLE faqs ADD COLUMN answer_text TEXT NOT NULL DEFAULT '';
"#;

/// Version 5: the words of the search index and how many rows hold each,
/// kept beside the index (`db::search_terms`) so a spelling suggestion reads
/// the words of about its own length instead of `search_vocab`, which counts
/// every word's rows on each read (a second at 20,000 pages). Filled by the
/// rebuild at start.
const V5_SEARCH_TERMS: &str = r#"
CREATE TABLE search_terms (
    term  TEXT PRIMARY KEY,
    len   INTEGER NOT NULL,               -- characters
    docs  INTEGER NOT NULL CHECK (docs > 0)
) STRICT, WITHOUT ROWID;
CREATE INDEX search_terms_by_len ON search_terms (len);
"#;

/// Version 6: the titles of `search_docs` again, in an index of their own
/// with the same rowids, written beside it by `db::search_index`. Which
/// results hold every word in their title (they are shown first) is read
/// here: the same question put to `search_docs` with a column filter walks
/// the words' whole posting lists, 4 ms for a common pair at 20,000 pages.
/// Filled by the rebuild at start.
const V6_SEARCH_TITLES: &str = r#"
CREATE VIRTUAL TABLE search_titles USING fts5(
    title,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
"#;

/// Version 7: the vocabulary's index by length holds each word's row count
/// too (the word itself is in every index of a WITHOUT ROWID table), so a
/// spelling suggestion reads the words of about its length from the index
/// alone instead of looking each one up in the table: 28,000 words for a
/// six-letter word at 20,000 pages.
const V7_TERMS_BY_LEN: &str = r#"
DROP INDEX search_terms_by_len;
CREATE INDEX search_terms_by_len ON search_terms (len, docs);
"#;

/// Version 8: prefix indexes of five and six letters too. A query word of
/// five or six letters is matched as a prefix (`word*`); without an index
/// of its length FTS5 merged the lists of every word it begins, about half
/// of an uncached search at 20,000 pages (a two-word query of such words:
/// 1.8 ms p50 before, 0.9 ms after). The index grows by a fifth. The tables
/// are left empty: the search index is rebuilt at every start.
const V8_LONGER_PREFIXES: &str = r#"
DROP TABLE search_vocab;
DROP TABLE search_docs;
DROP TABLE search_titles;
CREATE VIRTUAL TABLE search_docs USING fts5(
    kind UNINDEXED,
    url UNINDEXED,
    context UNINDEXED,
    title,
    summary,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6'
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_docs, 'row');
CREATE VIRTUAL TABLE search_titles USING fts5(
    title,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6'
);
DELETE FROM search_terms;
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        MIGRATIONS.validate().unwrap();
    }
}
