//! The SQLite storage layer: a connection pool, the schema (migrations), the
//! seeder that fills it from `content/`, and typed query functions.
//!
//! Query functions take a `&rusqlite::Connection` (a pooled connection derefs
//! to one) and return [`DbError`] with context.

mod content_rows;
mod error;
mod health;
mod maintenance;
pub mod migrations;
mod recovery;
pub mod search;
mod search_index;
mod seed;
mod seed_bls;
mod states;
mod wages;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub use content_rows::{
    Faq, FigureRow, TESTIMONIAL_STATUSES, Testimonial, faqs, figures_by_ids, figures_for_role,
    insert_faq, insert_testimonial, testimonials,
};
pub use error::DbError;
pub use health::{Health, file_integrity, integrity, probe};
pub use maintenance::{backup, counts};
pub use recovery::{DERIVED_TABLES, Holdings, holdings, is_damage, open_at_start};
pub use search::{SearchHit, SearchOutcome};
pub use search_index::{rebuild_search_index, update_search_index};
pub use seed::{SeedReport, SiteRows, seed, seed_bls, seed_with};
pub use seed_bls::{EP_PERIOD, EP_SOURCE, OEWS_PERIOD, OEWS_SOURCE};
pub use states::abbr_for_fips;
pub use wages::{
    Projection, Wage, all_occupations_projection, area_wage, national_wage, projection, state_wage,
    state_wages, top_metros,
};

use error::{Context, io_error};

/// A pool of SQLite connections, each with the pragmas of [`configure`].
pub type Pool = r2d2::Pool<SqliteConnectionManager>;

/// Most connections the pool keeps open.
const POOL_SIZE: u32 = 8;

/// Opens (creating if needed) the database at `path`: creates the parent
/// folder, sets the pragmas, runs pending migrations once, and returns a pool
/// of up to 8 connections.
pub fn open(path: &Path) -> Result<Pool, DbError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(io_error(format!("creating folder {}", parent.display())))?;
    }
    let mut conn =
        Connection::open(path).with_ctx(|| format!("opening database {}", path.display()))?;
    configure(&mut conn).with_ctx(|| format!("setting pragmas on {}", path.display()))?;
    // Take the write lock up front so two processes starting together wait
    // for each other (busy_timeout) instead of failing on lock upgrade.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    migrations::MIGRATIONS
        .to_latest(&mut conn)
        .map_err(|source| DbError::Migration {
            path: path.to_path_buf(),
            source,
        })?;
    drop(conn);

    let manager = SqliteConnectionManager::file(path).with_init(configure);
    let pool = r2d2::Pool::builder()
        .max_size(POOL_SIZE)
        .min_idle(Some(1))
        .build(manager)?;
    tracing::debug!(path = %path.display(), "database open");
    Ok(pool)
}

/// Per-connection settings: wait up to 5 s for a lock, WAL journal, foreign
/// keys enforced, `synchronous = NORMAL` (safe with WAL).
pub fn configure(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.commit_hook(Some(|| {
        WRITES.fetch_add(1, Ordering::SeqCst);
        false
    }))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA foreign_keys = ON;
         PRAGMA synchronous = NORMAL;",
    )
}

/// Counts commits made through this process's connections, so caches of
/// pages built from the database know when they are stale.
static WRITES: AtomicU64 = AtomicU64::new(0);

/// The number of commits so far; it changes after every write.
pub fn write_generation() -> u64 {
    WRITES.load(Ordering::SeqCst)
}
