//! Is the database fit to serve? [`integrity`] runs SQLite's `quick_check`
//! over the whole file (at start, and for `/healthz`), [`probe`] reads a
//! row of every table, and [`Health`] keeps the last verdicts so a flood of
//! health checks runs at most one probe a second and one integrity check
//! every ten seconds.

use super::error::{Context, DbError};
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Runs `PRAGMA quick_check` on `conn`: every page of every table and
/// index is read and checked. An error says which pages are damaged.
pub fn integrity(conn: &Connection) -> Result<(), DbError> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .ctx("checking the database's integrity")?;
    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    let mut detail = problems.into_iter().take(5).collect::<Vec<_>>().join("; ");
    if detail.is_empty() {
        detail = "quick_check returned nothing".into();
    }
    Err(DbError::Corrupt(detail))
}

/// The file of the main database of `conn`.
pub fn file_of(conn: &Connection) -> Result<PathBuf, DbError> {
    conn.query_row(
        "SELECT file FROM pragma_database_list WHERE name = 'main'",
        [],
        |r| r.get::<_, String>(0),
    )
    .map(PathBuf::from)
    .ctx("finding the database file")
}

/// [`integrity`] through a new connection to the file of `conn`, so pages
/// the pool's connections keep in memory do not hide damage on disk.
pub fn file_integrity(conn: &Connection) -> Result<(), DbError> {
    let path = file_of(conn)?;
    let fresh = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_ctx(|| format!("opening {}", path.display()))?;
    fresh
        .busy_timeout(Duration::from_secs(2))
        .ctx("setting a busy timeout")?;
    integrity(&fresh)
}

/// Reads one row of every table (virtual tables included), so a table
/// that cannot be read fails here.
pub fn probe(conn: &Connection) -> Result<(), DbError> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .ctx("listing tables")?;
    for t in tables {
        let sql = format!("SELECT 1 FROM \"{}\" LIMIT 1", t.replace('"', "\"\""));
        conn.prepare_cached(&sql)
            .and_then(|mut s| s.query([])?.next().map(|_| ()))
            .with_ctx(|| format!("reading table {t}"))?;
    }
    Ok(())
}

/// A verdict and when it was reached.
type Verdict = Option<(Instant, Result<(), String>)>;

/// The last verdicts on the database, for `/healthz`.
#[derive(Default)]
pub struct Health {
    /// The last whole verdict (probe and file), reused for [`Health::PROBE_INTERVAL`].
    last: Mutex<Verdict>,
    /// The last integrity verdict on the file, reused for [`Health::FILE_INTERVAL`].
    file: Mutex<Verdict>,
    /// Held while an integrity check runs.
    running: Mutex<()>,
}

fn fresh(v: &Verdict, max_age: Duration) -> Option<Result<(), String>> {
    v.as_ref()
        .filter(|(at, _)| at.elapsed() < max_age)
        .map(|(_, r)| r.clone())
}

impl Health {
    /// How long a whole verdict is reused.
    pub const PROBE_INTERVAL: Duration = Duration::from_secs(1);
    /// How long a verdict on the file's integrity is reused.
    pub const FILE_INTERVAL: Duration = Duration::from_secs(10);

    /// The last whole verdict, when it is recent enough to give as is.
    pub fn recent(&self) -> Option<Result<(), String>> {
        fresh(
            &self.last.lock().unwrap_or_else(|e| e.into_inner()),
            Self::PROBE_INTERVAL,
        )
    }

    /// A new verdict through `conn`: [`probe`], then the file's integrity
    /// (the last verdict when recent or while another check runs,
    /// otherwise a new [`file_integrity`]).
    pub fn check(&self, conn: &Connection) -> Result<(), String> {
        let verdict = probe(conn)
            .map_err(|e| e.to_string())
            .and_then(|()| self.file_verdict(conn));
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), verdict.clone()));
        verdict
    }

    fn file_verdict(&self, conn: &Connection) -> Result<(), String> {
        if let Some(r) = fresh(
            &self.file.lock().unwrap_or_else(|e| e.into_inner()),
            Self::FILE_INTERVAL,
        ) {
            return r;
        }
        let _running = match self.running.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                // Another request is checking: wait for its verdict.
                let wait = self.running.lock().unwrap_or_else(|e| e.into_inner());
                let last = self.file.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((_, r)) = last.as_ref() {
                    return r.clone();
                }
                drop(last);
                wait
            }
        };
        let verdict = file_integrity(conn).map_err(|e| e.to_string());
        *self.file.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), verdict.clone()));
        verdict
    }
}
