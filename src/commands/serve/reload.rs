//! Live reload: recompile `content/` when it changes and swap the new site
//! in, keeping the last good one when the edit is broken.
//!
//! [`reload`] is the whole job and needs no watcher, so tests call it
//! directly; [`watch`] runs it after each burst of file changes (debounced),
//! on a thread that tries again, until it succeeds, a reload the database
//! made fail.

use crate::content::check::{self, Finding, Report};
use crate::content::date::Date;
use crate::content::{self, ContentError, ContentErrors, LoadOptions};
use crate::db::{self, SeedReport};
use crate::web::AppState;
use actix_web::web::Data;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// How long the folder must be quiet before a reload: editors save several
/// files at once, and many editors write a file in more than one step.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// What is known about the edits a reload picks up.
#[derive(Debug, Clone, Copy)]
pub enum Changed<'a> {
    /// Nothing: each page file's length and modification time are compared
    /// with those of its last compile.
    Unknown,
    /// A watcher saw exactly these paths change (written, created, removed
    /// or renamed); every other page file is reused without a look, and
    /// each folder's last listing stands but for these paths.
    Exactly(&'a [PathBuf]),
}

/// What a successful reload did.
#[derive(Debug, Clone)]
pub struct ReloadReport {
    /// The site's generation after the swap (see [`AppState::generation`]).
    pub generation: u64,
    pub roles: usize,
    pub articles: usize,
    /// Role and article files compiled again (the rest were unchanged).
    pub recompiled: usize,
    /// Rows the re-seed wrote: zero for content whose data did not change.
    pub seed: SeedReport,
}

/// Why a reload kept the last good site.
#[derive(Debug)]
pub enum ReloadError {
    /// The content has errors, each with file and line where known.
    Content(ContentErrors),
    /// The content loaded but the database could not be re-seeded from it.
    Database(String),
}

impl fmt::Display for ReloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReloadError::Content(errors) => write!(f, "{errors}"),
            ReloadError::Database(e) => write!(f, "re-seeding the database failed: {e}"),
        }
    }
}

impl std::error::Error for ReloadError {}

/// Loads `content_dir` again; on success re-seeds the database from it
/// (idempotent: rows upserted by key, unchanged CSV files skipped) and swaps
/// the new site in. On failure the current site keeps serving and the
/// problems are recorded in `state` for the `--dev` banner.
///
/// Only pages whose file changed are compiled again (see [`Changed`]), and
/// only their rows of the search index are rewritten.
pub fn reload(
    state: &AppState,
    content_dir: &Path,
    changed: Changed,
) -> Result<ReloadReport, ReloadError> {
    let opts = LoadOptions {
        drafts: state.full_site().preview,
    };
    let started = std::time::Instant::now();
    let mut compiled = state.compiled.lock().unwrap_or_else(|e| e.into_inner());
    if let Changed::Exactly(paths) = changed {
        compiled.changed(paths.iter().map(PathBuf::as_path));
    }
    let site = match content::load_cached(content_dir, opts, &mut compiled) {
        Ok(site) => site,
        Err(errors) => {
            state.set_content_errors(errors.0.clone());
            return Err(ReloadError::Content(errors));
        }
    };
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        "reload: content compiled"
    );
    let seeded = state
        .pool
        .get()
        .map_err(db::DbError::from)
        .and_then(|mut conn| {
            let mut rows = db::SiteRows::from(&site);
            // The served site's very tables: their wage files were imported
            // when it was seeded, and the load kept them, unchanged.
            if Arc::ptr_eq(&state.full_site().data, &site.data) {
                rows.wages = None;
            }
            db::seed_with(&mut conn, content_dir, rows)
        });
    let seed = match seeded {
        Ok(report) => report,
        // A wage file the load does not read (state and area rows are
        // read when seeding): a content error at its line, not retried.
        Err(db::DbError::Data {
            path,
            line,
            message,
        }) => {
            let mut e = ContentError::new(content::error::relative(&path, content_dir), message);
            if line > 0 {
                e = e.at_line(line as usize);
            }
            state.set_content_errors(vec![e.clone()]);
            return Err(ReloadError::Content(ContentErrors(vec![e])));
        }
        Err(e) => {
            let e = e.to_string();
            state.set_content_errors(vec![ContentError::new(
                "data",
                format!("the content is fine but the database was not updated, so the last good version is still served: {e}"),
            )]);
            return Err(ReloadError::Database(e));
        }
    };
    let (roles, articles) = (site.roles.len(), site.articles.len());
    let recompiled = compiled.compiled;
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        "reload: database seeded"
    );
    let replaced = state.full_site();
    log_new_warnings(&replaced, &site);
    state.replace_site(site);
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        "reload: site swapped"
    );
    let unindexed = update_search(state);
    retire([Some(replaced), unindexed]);
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        "reload: search index updated"
    );
    if state.config.dev {
        check_for_banner(state, content_dir);
    }
    Ok(ReloadReport {
        generation: state.generation(),
        roles,
        articles,
        recompiled,
        seed,
    })
}

/// Logs the content warnings of `site` (what `check` reports as warnings
/// of the load: a page poorer than meant), one line each.
pub fn log_warnings(site: &content::Site) {
    for w in &site.warnings {
        tracing::warn!(warning = %w, "content warning");
    }
}

/// Logs the warnings of `new` that `old` did not have: a reload reports
/// what the edit brought, not every warning again.
fn log_new_warnings(old: &content::Site, new: &content::Site) {
    let before: std::collections::HashSet<String> =
        old.warnings.iter().map(ToString::to_string).collect();
    for w in &new.warnings {
        if !before.contains(&w.to_string()) {
            tracing::warn!(warning = %w, "content warning");
        }
    }
}

/// `--dev`: what `check` would warn about in the site served (its content
/// warnings, then its links and anchors), for the banner every page shows.
pub fn check_for_banner(state: &AppState, content_dir: &Path) {
    let mut report = Report::default();
    for w in &state.full_site().warnings {
        report.push(Finding::from_warning(w.clone()));
    }
    check::links::check_site(
        &state.full_site(),
        content_dir,
        &state.config.static_dir,
        Date::today(),
        &mut report,
    );
    report.sort();
    state.set_warnings(report.findings.iter().map(Finding::line).collect());
}

/// Drops the sites a reload replaced on a thread of their own, then hands
/// the memory back: freeing the records, indexes and facts of 20,000
/// pages took some 20 ms of the reload's time. Requests that still read
/// a replaced site keep it alive as before; the last of them frees it.
fn retire(sites: [Option<Arc<content::Site>>; 2]) {
    let spawned = std::thread::Builder::new()
        .name("retire".into())
        .spawn(move || {
            drop(sites);
            super::memory::give_back_freed();
        });
    if let Err(e) = spawned {
        // Then the sites were dropped here, with the closure.
        tracing::warn!(error = %e, "cannot start a thread to free the replaced site");
    }
}

/// Brings the search index to what readers may see today: only the rows of
/// pages that differ from the view it was last filled from (pages published
/// or expired since then included), or the whole index when that view is
/// unknown or the update failed. Gives back that view, for [`retire`].
fn update_search(state: &AppState) -> Option<Arc<content::Site>> {
    let mut indexed = state.indexed.lock().unwrap_or_else(|e| e.into_inner());
    let now = state.site();
    let conn = match state.pool.own_connection() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "updating the search index after a reload");
            return indexed.take();
        }
    };
    let base = indexed.take();
    let updated = match &base {
        Some(base) => db::update_search_index(&conn, base, &now).map(drop),
        None => db::rebuild_search_index(&conn, &now).map(drop),
    };
    let result = updated.or_else(|e| {
        tracing::warn!(error = %e, "updating the search index; rebuilding it whole");
        db::rebuild_search_index(&conn, &now).map(drop)
    });
    match result {
        Ok(()) => *indexed = Some(now),
        Err(e) => tracing::error!(error = %e, "rebuilding the search index after a reload"),
    }
    base
}

/// [`reload`], with the outcome logged: each content error on its own line
/// with file and line, so a terminal or log viewer shows where to look.
pub fn reload_and_log(
    state: &AppState,
    content_dir: &Path,
    changed: Changed,
) -> Result<ReloadReport, ReloadError> {
    let started = std::time::Instant::now();
    let outcome = reload(state, content_dir, changed);
    match &outcome {
        Ok(r) => tracing::info!(
            generation = r.generation,
            roles = r.roles,
            articles = r.articles,
            recompiled = r.recompiled,
            ms = started.elapsed().as_millis() as u64,
            seeded = %r.seed,
            "content reloaded"
        ),
        Err(ReloadError::Content(errors)) => {
            for e in &errors.0 {
                tracing::error!(
                    file = %e.path.display(),
                    line = e.line,
                    column = e.column,
                    "{e}"
                );
            }
            tracing::warn!(
                errors = errors.0.len(),
                "content has errors; still serving the last good version"
            );
        }
        Err(e) => tracing::error!("{e}; still serving the last good version"),
    }
    if outcome.is_ok() {
        super::memory::give_back_freed();
    }
    outcome
}

/// A running watcher; dropping it stops watching (and its reload thread).
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Edits waiting for a reload that succeeds.
#[derive(Debug, Default)]
enum Pending {
    #[default]
    None,
    /// Look at every file.
    Unknown,
    Paths(Vec<PathBuf>),
}

impl Pending {
    fn add(&mut self, more: Pending) {
        *self = match (std::mem::take(self), more) {
            (Pending::Unknown, _) | (_, Pending::Unknown) => Pending::Unknown,
            (Pending::None, p) | (p, Pending::None) => p,
            (Pending::Paths(mut a), Pending::Paths(b)) => {
                a.extend(b);
                Pending::Paths(a)
            }
        };
    }
}

/// The first wait before a reload that failed for a reason outside the
/// content (a locked or full database) is tried again; it doubles up to
/// [`RETRY_MAX`].
pub const RETRY_FIRST: Duration = Duration::from_millis(250);
pub const RETRY_MAX: Duration = Duration::from_secs(5);

/// Runs reloads one after another as the watcher reports edits. A reload
/// the database made fail is tried again, with the edits that arrived
/// meanwhile, until it succeeds: no edit is dropped. A content error is
/// not retried: the next edit reloads.
fn reloader(state: Data<AppState>, dir: PathBuf, edits: Receiver<Pending>) {
    let mut pending = Pending::None;
    let mut wait = RETRY_FIRST;
    loop {
        let next = match pending {
            Pending::None => edits.recv().map_err(|_| RecvTimeoutError::Disconnected),
            _ => edits.recv_timeout(wait),
        };
        match next {
            Ok(p) => pending.add(p),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        while let Ok(p) = edits.try_recv() {
            pending.add(p);
        }
        let outcome = match &pending {
            Pending::None => continue,
            Pending::Unknown => reload_and_log(&state, &dir, Changed::Unknown),
            Pending::Paths(paths) => reload_and_log(&state, &dir, Changed::Exactly(paths)),
        };
        if matches!(outcome, Err(ReloadError::Database(_))) {
            tracing::warn!(
                retry_in_ms = wait.as_millis() as u64,
                "the edit is not published yet; trying the reload again"
            );
            wait = (wait * 2).min(RETRY_MAX);
        } else {
            pending = Pending::None;
            wait = RETRY_FIRST;
        }
    }
}

/// Watches `content_dir` (recursively) and reloads after each burst of
/// changes, [`DEBOUNCE`] after the last one, on a thread of its own.
pub fn watch(state: Data<AppState>, content_dir: PathBuf) -> notify::Result<Watcher> {
    // The form of the path every other part of the program uses, so the
    // paths the watcher reports match the compile cache's.
    let dir = content::canonical_root(&content_dir);
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let dir = dir.clone();
        std::thread::Builder::new()
            .name("reload".into())
            .spawn(move || reloader(state, dir, rx))
            .map_err(|e| notify::Error::generic(&format!("cannot start the reload thread: {e}")))?;
    }
    // The first reload looks at every file: edits made between the start-up
    // load and the watcher starting have no event.
    let mut looked = false;
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let batch = match result {
            Ok(events) => {
                let writes: Vec<_> = events.iter().filter(|e| !e.kind.is_access()).collect();
                if writes.is_empty() {
                    return;
                }
                // After a rescan (say, the event queue overflowed)
                // the list is not the whole story.
                if !looked || writes.iter().any(|e| e.need_rescan()) {
                    looked = true;
                    Pending::Unknown
                } else {
                    Pending::Paths(
                        writes
                            .iter()
                            .flat_map(|e| e.paths.iter().cloned())
                            .collect(),
                    )
                }
            }
            Err(errors) => {
                for e in errors {
                    tracing::warn!(error = %e, "watching the content folder");
                }
                // Events may have been lost: look at every file.
                Pending::Unknown
            }
        };
        // The reload thread has stopped only when the watcher is being dropped.
        let _ = tx.send(batch);
    })?;
    debouncer.watch(&dir, RecursiveMode::Recursive)?;
    Ok(Watcher {
        _debouncer: debouncer,
    })
}
