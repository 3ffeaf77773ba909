//! Starting on a damaged database. [`open_at_start`] opens the file and
//! checks its integrity; when the file is damaged (not a database, or pages
//! that fail `quick_check`), it looks at what the file holds:
//!
//! - only rows derived from `content/` (every table holding rows is in
//!   [`DERIVED_TABLES`], and its rows meet the table's condition): the file
//!   is moved aside, kept beside the original name, and a new database is
//!   created, which seeding fills from `content/` again;
//! - any row a reader wrote, in a table of the list or in any other table
//!   (so a table added later counts as readers' data until it is listed),
//!   or a file too damaged to tell: nothing is touched, and start fails
//!   with a message naming the file and saying how to restore a backup.
//!
//! Other failures (a locked file, a folder we may not write, a database
//! from a newer version) are never taken for damage.

use super::error::DbError;
use super::{Pool, health, open};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};

/// Every table whose rows `db::seed` and the search index derive from
/// `content/`, with the condition its derived rows meet; rows that do not
/// meet it were written by readers or moderators. Tables not listed here
/// hold readers' data. Keep this list beside the migrations that create
/// the tables.
pub const DERIVED_TABLES: &[(&str, &str)] = &[
    ("seed_files", "1"),
    ("wages", "1"),
    // The server's signing secret is made again on first use; a new one
    // only ends the mailed links still out, which expire anyway.
    ("secrets", "1"),
    // Seeded questions carry their key; questions readers asked do not.
    ("faqs", "seed_key IS NOT NULL"),
    // Seeded testimonials are approved on seeding; another status is a
    // moderator's decision, which content/ does not hold.
    (
        "testimonials",
        "seed_key IS NOT NULL AND status = 'approved'",
    ),
    // The shadow tables of the FTS5 search index (`search_docs`).
    ("search_docs_data", "1"),
    ("search_docs_idx", "1"),
    ("search_docs_content", "1"),
    ("search_docs_docsize", "1"),
    ("search_docs_config", "1"),
    // And of its titles' index (`search_titles`).
    ("search_titles_data", "1"),
    ("search_titles_idx", "1"),
    ("search_titles_content", "1"),
    ("search_titles_docsize", "1"),
    ("search_titles_config", "1"),
    // Its vocabulary (`db::search_terms`).
    ("search_terms", "1"),
];

/// What a damaged file holds, as far as it can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holdings {
    /// Only rows derived from `content/`: it can be rebuilt.
    Derived,
    /// Rows readers wrote, by table.
    ReaderRows(Vec<(String, i64)>),
    /// Too damaged to tell; why.
    Unknown(String),
}

/// True when `e` says the file is damaged (rather than locked, missing,
/// unwritable or newer than this program).
pub fn is_damage(e: &DbError) -> bool {
    let sqlite = |e: &rusqlite::Error| {
        matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        )
    };
    match e {
        DbError::Corrupt(_) => true,
        DbError::Sqlite { source, .. } => sqlite(source),
        DbError::Migration { source, .. } => matches!(
            source,
            rusqlite_migration::Error::RusqliteError { err, .. } if sqlite(err)
        ),
        _ => false,
    }
}

/// Looks at what the database at `path` holds, reading it only.
pub fn holdings(path: &Path) -> Holdings {
    let conn = match Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) {
        Ok(c) => c,
        Err(e) => return Holdings::Unknown(format!("it cannot be opened ({e})")),
    };
    let tables: Result<Vec<(String, bool)>, _> = conn
        .prepare(
            "SELECT name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect());
    let tables = match tables {
        Ok(t) => t,
        Err(e) => return Holdings::Unknown(format!("its list of tables cannot be read ({e})")),
    };
    let mut readers = Vec::new();
    for (table, is_virtual) in tables {
        if is_virtual {
            continue; // no rows of its own: they live in shadow tables
        }
        let condition = DERIVED_TABLES
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, c)| *c);
        let sql = match condition {
            Some("1") => continue, // derived whole, whatever state it is in
            Some(c) => format!("SELECT count(*) FROM \"{table}\" WHERE NOT ({c})"),
            None => format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\"")),
        };
        match conn.query_row(&sql, [], |r| r.get::<_, i64>(0)) {
            Ok(0) => {}
            Ok(n) => readers.push((table, n)),
            Err(e) => {
                return Holdings::Unknown(format!("table {table} cannot be read ({e})"));
            }
        }
    }
    if readers.is_empty() {
        Holdings::Derived
    } else {
        Holdings::ReaderRows(readers)
    }
}

/// Opens the database at `path` for serving: [`open`] and an integrity
/// check, whose passing is returned for `Health::found_sound`; a damaged
/// file that holds only derived rows is moved aside and replaced by a new,
/// empty database (the caller seeds it; no check is returned). Anything
/// else is an error that says what to do.
pub fn open_at_start(path: &Path) -> Result<(Pool, Option<health::SoundCheck>), DbError> {
    let cause = match open(path).and_then(|pool| {
        let conn = pool.get()?;
        let check = health::timed_integrity(&conn)?;
        drop(conn);
        Ok((pool, check))
    }) {
        Ok((pool, check)) => return Ok((pool, Some(check))),
        Err(e) if is_damage(&e) => e.to_string(),
        Err(e) => return Err(e),
    };
    let refuse = |why: String| DbError::Refused {
        path: path.to_path_buf(),
        cause: cause.clone(),
        why,
    };
    match holdings(path) {
        Holdings::Derived => {}
        Holdings::ReaderRows(rows) => {
            let rows: Vec<String> = rows.iter().map(|(t, n)| format!("{t}: {n}")).collect();
            return Err(refuse(format!(
                "It holds rows that readers wrote ({}), which content/ cannot give back, \
so it was not rebuilt.",
                rows.join(", ")
            )));
        }
        Holdings::Unknown(why) => {
            return Err(refuse(format!(
                "It is too damaged to tell whether it holds rows that readers wrote: {why}. \
If you know it held nothing readers wrote, move it aside and start again to rebuild it from content/."
            )));
        }
    }
    let moved = move_aside(path)?;
    tracing::warn!(
        database = %path.display(),
        moved_to = %moved.display(),
        %cause,
        "the database was damaged and held only rows derived from content/: \
    it was moved aside (kept) and is being rebuilt from content/"
    );
    Ok((open(path)?, None))
}

/// Renames `path` (and its `-wal` and `-shm` files) to a free name
/// `{name}.damaged-{UTC time}`; returns the new name of the database.
fn move_aside(path: &Path) -> Result<PathBuf, DbError> {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_else(|_| "unknown-time".into());
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut n = 0;
    let target = loop {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let candidate = path.with_file_name(format!("{name}.damaged-{stamp}{suffix}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    for companion in ["-wal", "-shm"] {
        let from = sibling(path, companion);
        if from.exists() {
            let to = sibling(&target, companion);
            std::fs::rename(&from, &to).map_err(super::error::io_error(format!(
                "moving {} to {}",
                from.display(),
                to.display()
            )))?;
        }
    }
    std::fs::rename(path, &target).map_err(super::error::io_error(format!(
        "moving {} to {}",
        path.display(),
        target.display()
    )))?;
    Ok(target)
}

/// `path` with `suffix` appended to its file name (`db.sqlite3-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}
