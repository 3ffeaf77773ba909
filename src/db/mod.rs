//! The SQLite storage layer: a connection pool, the schema (migrations), the
//! seeder that fills it from `content/`, and typed query functions.
//!
//! Query functions take a `&rusqlite::Connection` (a pooled connection derefs
//! to one) and return [`DbError`] with context.

mod content_rows;
mod editors;
mod error;
mod health;
mod mail_queue;
mod maintenance;
pub mod migrations;
pub mod readers;
mod recovery;
pub mod search;
mod search_index;
mod search_rank;
mod search_snippet;
mod search_terms;
mod seed;
mod seed_wages;
mod subscribers;
mod wages;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::hooks::Action;
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

pub use content_rows::{
    Faq, TESTIMONIAL_STATUSES, Testimonial, faqs, insert_faq, insert_testimonial, testimonials,
};
pub use editors::{
    AuditEntry, Editor, add_editor, audit, audit_log, editor_login, end_session, secret,
    session_editor, start_session,
};
pub use error::DbError;
pub use health::{Health, SoundCheck, file_integrity, file_of, integrity, probe};
pub use mail_queue::{QueuedMail, due_mail, enqueue_mail, mail_failed, mail_sent};
pub use maintenance::{backup, counts, restore};
pub use recovery::{DERIVED_TABLES, Holdings, holdings, is_damage, open_at_start};
pub use search::{SearchHit, SearchOutcome};
pub use search_index::{DocKind, rebuild_search_index, update_search_index};
pub use seed::{SeedReport, SiteRows, seed, seed_with};
pub use subscribers::{
    Deleted, Holder, Subscriber, Subscription, confirm_subscriber, confirmed_subscribers,
    delete_reader_data, email_of, holder_of, purge_expired, retention, subscribe, unsubscribe,
};
pub use wages::{area_wage, national_wage, state_wage, state_wages, states_of, top_metros};

use error::{Context, io_error};

/// A pool of SQLite connections to one database, each with the pragmas
/// of [`configure`], and the count of commits made through them.
#[derive(Clone)]
pub struct Pool {
    conns: r2d2::Pool<SqliteConnectionManager>,
    writes: Arc<AtomicU64>,
    path: PathBuf,
}

impl Pool {
    /// A connection, waiting for one to be free.
    pub fn get(&self) -> Result<r2d2::PooledConnection<SqliteConnectionManager>, r2d2::Error> {
        self.conns.get()
    }

    /// A connection of its own, outside the pool, with the same settings
    /// and counted in [`Pool::write_generation`]; closed when dropped.
    /// Writes to the search index go through one: FTS5 keeps, per
    /// connection, a hash table of pending index writes that never shrinks
    /// after a commit, and every prefix query on that connection walks all
    /// of its slots. After a rebuild at 20,000 pages that made each search
    /// on the pooled connection that did it several milliseconds slower.
    pub fn own_connection(&self) -> Result<Connection, DbError> {
        let mut conn = Connection::open(&self.path)
            .with_ctx(|| format!("opening database {}", self.path.display()))?;
        configure(&mut conn, &self.writes)
            .with_ctx(|| format!("setting pragmas on {}", self.path.display()))?;
        Ok(conn)
    }

    /// The number of commits through this pool so far, except those that
    /// changed only [`PRIVATE_TABLES`]; it changes after every write a
    /// public page may show, so cached pages know when they are stale.
    pub fn write_generation(&self) -> u64 {
        self.writes.load(Ordering::SeqCst)
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("writes", &self.write_generation())
            .finish_non_exhaustive()
    }
}

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
    let writes = Arc::new(AtomicU64::new(0));
    configure(&mut conn, &writes).with_ctx(|| format!("setting pragmas on {}", path.display()))?;
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

    let manager = SqliteConnectionManager::file(path).with_init({
        let writes = writes.clone();
        move |c| configure(c, &writes)
    });
    let conns = r2d2::Pool::builder()
        .max_size(POOL_SIZE)
        .min_idle(Some(1))
        .build(manager)?;
    tracing::debug!(path = %path.display(), "database open");
    Ok(Pool {
        conns,
        writes,
        path: path.to_path_buf(),
    })
}

/// Per-connection settings: wait up to 5 s for a lock, WAL journal, foreign
/// keys enforced, `synchronous = FULL`: every commit is on disk when it
/// returns, so a reader's submission acknowledged after its commit survives
/// a crash or a SIGKILL. The hooks count commits in `writes` for the page
/// cache ([`Pool::write_generation`]), except those that changed only
/// [`PRIVATE_TABLES`].
fn configure(conn: &mut Connection, writes: &Arc<AtomicU64>) -> Result<(), rusqlite::Error> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // Bit 1: a private table changed; bit 2: any other table changed.
    let touched = Arc::new(AtomicU8::new(0));
    conn.update_hook(Some({
        let touched = touched.clone();
        move |_: Action, _: &str, table: &str, _: i64| {
            let bit = if PRIVATE_TABLES.contains(&table) {
                1
            } else {
                2
            };
            touched.fetch_or(bit, Ordering::Relaxed);
        }
    }))?;
    conn.commit_hook(Some({
        let touched = touched.clone();
        let writes = writes.clone();
        move || {
            // A commit that changed nothing the hook saw (a schema change,
            // a truncating DELETE) counts too.
            if touched.swap(0, Ordering::Relaxed) != 1 {
                writes.fetch_add(1, Ordering::SeqCst);
            }
            false
        }
    }))?;
    conn.rollback_hook(Some(move || touched.store(0, Ordering::Relaxed)))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;",
    )
}

/// Tables no public page reads (reader submissions before they are
/// published, subscribers, editors, sessions, the audit log, the mail
/// queue, secrets): a commit that changes only these leaves cached pages
/// valid. Any table not listed here invalidates them.
pub const PRIVATE_TABLES: &[&str] = &[
    "secrets",
    "reader_testimonials",
    "reader_questions",
    "subscribers",
    "admin_users",
    "admin_sessions",
    "audit_log",
    "mail_queue",
];

#[cfg(test)]
mod tests {
    #[test]
    fn new_connections_and_an_empty_purge_are_no_writes() {
        // The page cache trusts the write counter: opening connections or
        // a retention pass that deletes nothing must not move it.
        let dir = tempfile::tempdir().unwrap();
        let pool = super::open(&dir.path().join("db.sqlite")).unwrap();
        let before = pool.write_generation();
        let held: Vec<_> = (0..4).map(|_| pool.get().unwrap()).collect();
        assert_eq!(super::purge_expired(&held[0]).unwrap(), 0);
        drop(held);
        assert_eq!(pool.write_generation(), before);
        pool.get()
            .unwrap()
            .execute_batch("INSERT INTO faqs (position, question, answer_md) VALUES (1, 'q', 'a')")
            .unwrap();
        assert_eq!(pool.write_generation(), before + 1, "a public write counts");
    }
}
