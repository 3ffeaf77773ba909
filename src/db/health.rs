//! Is the database fit to serve? [`integrity`] runs SQLite's `quick_check`
//! over the whole file (at start, and for `/healthz`), [`probe`] reads a
//! row of every table, and [`Health`] keeps the last verdicts so a flood of
//! health checks runs at most one probe a second, and integrity checks in
//! the background, ten seconds apart or ten times as long as the last one
//! took (the first verdict being the start's own check, [`SoundCheck`]).

use super::error::{Context, DbError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
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

/// [`integrity`] through a new connection to the database file at `path`
/// (see [`file_of`]), so pages the pool's connections keep in memory do
/// not hide damage on disk.
pub fn file_integrity(path: &Path) -> Result<(), DbError> {
    let fresh = Connection::open_with_flags(
        path,
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

/// A whole-file integrity check that found the file sound: when, and how
/// long it took. Made at start ([`super::open_at_start`]), before there is
/// a [`Health`] to record it, and handed to [`Health::found_sound`].
#[derive(Debug, Clone, Copy)]
pub struct SoundCheck {
    at: Instant,
    took: Duration,
}

/// [`integrity`] on `conn`, timed when it passes.
pub fn timed_integrity(conn: &Connection) -> Result<SoundCheck, DbError> {
    let started = Instant::now();
    integrity(conn)?;
    Ok(SoundCheck {
        at: Instant::now(),
        took: started.elapsed(),
    })
}

/// A verdict and when it was reached.
type Verdict = Option<(Instant, Result<(), String>)>;

/// A verdict on the file's integrity, when it was reached and how long
/// the check took.
struct FileVerdict {
    at: Instant,
    took: Duration,
    result: Result<(), String>,
}

/// The file verdict and whether a check is under way, shared with the
/// thread that runs it.
#[derive(Default)]
struct FileState {
    last: Option<FileVerdict>,
    running: bool,
}

/// The last verdicts on the database, for `/healthz`. The integrity check
/// reads the whole file (seconds on a large one), so only the first one
/// is waited for: after that a request is given the last verdict, and a
/// stale one starts a new check in the background.
pub struct Health {
    /// The last whole verdict (probe and file), reused for [`Health::PROBE_INTERVAL`].
    last: Mutex<Verdict>,
    /// The last verdict on the file; held while the first check runs.
    file: Arc<Mutex<FileState>>,
    /// The least time between two integrity checks.
    min_interval: Duration,
}

impl Default for Health {
    fn default() -> Health {
        Health::with_interval(Health::FILE_INTERVAL)
    }
}

fn fresh(v: &Verdict, max_age: Duration) -> Option<Result<(), String>> {
    v.as_ref()
        .filter(|(at, _)| at.elapsed() < max_age)
        .map(|(_, r)| r.clone())
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// [`file_integrity`] on the file at `path`, timed.
fn check_file(path: &Path) -> FileVerdict {
    let started = Instant::now();
    let result = file_integrity(path).map_err(|e| e.to_string());
    FileVerdict {
        at: Instant::now(),
        took: started.elapsed(),
        result,
    }
}

impl Health {
    /// How long a whole verdict is reused.
    pub const PROBE_INTERVAL: Duration = Duration::from_secs(1);
    /// The least time between two integrity checks of the file.
    pub const FILE_INTERVAL: Duration = Duration::from_secs(10);
    /// A new integrity check waits at least this many times as long as the
    /// last one took, so the checks of a large file keep a core busy a
    /// tenth of the time at most.
    pub const COST_FACTOR: u32 = 10;

    /// Health whose integrity checks are at least `min_interval` apart
    /// (and [`Health::COST_FACTOR`] times the last check's duration).
    pub fn with_interval(min_interval: Duration) -> Health {
        Health {
            last: Mutex::default(),
            file: Arc::default(),
            min_interval,
        }
    }

    /// Takes `check` (the start's) as the first verdict on the file, so
    /// the first health check after start gives it rather than waiting
    /// for a check of its own (seconds on a large file); the next check
    /// comes when it goes stale, as after any other. Ignored once a
    /// verdict is held.
    pub fn found_sound(&self, check: SoundCheck) {
        let mut state = lock(&self.file);
        if state.last.is_none() {
            state.last = Some(FileVerdict {
                at: check.at,
                took: check.took,
                result: Ok(()),
            });
        }
    }

    /// The last whole verdict, when it is recent enough to give as is.
    pub fn recent(&self) -> Option<Result<(), String>> {
        fresh(&lock(&self.last), Self::PROBE_INTERVAL)
    }

    /// A new verdict through `conn`: [`probe`], then the file's integrity
    /// (the last verdict, with a new check started in the background when
    /// it is stale; the first time, a check waited for).
    pub fn check(&self, conn: &Connection) -> Result<(), String> {
        let verdict = probe(conn)
            .map_err(|e| e.to_string())
            .and_then(|()| self.file_verdict(conn));
        *lock(&self.last) = Some((Instant::now(), verdict.clone()));
        verdict
    }

    fn file_verdict(&self, conn: &Connection) -> Result<(), String> {
        let path = file_of(conn).map_err(|e| e.to_string())?;
        let mut state = lock(&self.file);
        let Some(last) = &state.last else {
            // The first check: wait for it, holding the lock so requests
            // that come meanwhile wait for the same verdict.
            let verdict = check_file(&path);
            let result = verdict.result.clone();
            state.last = Some(verdict);
            return result;
        };
        let result = last.result.clone();
        let spacing = self
            .min_interval
            .max(last.took.saturating_mul(Self::COST_FACTOR));
        if !state.running && last.at.elapsed() >= spacing {
            state.running = true;
            let shared = Arc::clone(&self.file);
            let spawned = std::thread::Builder::new()
                .name("integrity-check".into())
                .spawn(move || {
                    let verdict = check_file(&path);
                    let mut state = lock(&shared);
                    state.last = Some(verdict);
                    state.running = false;
                });
            if let Err(e) = spawned {
                state.running = false;
                tracing::warn!(error = %e, "could not start an integrity check");
            }
        }
        result
    }
}
