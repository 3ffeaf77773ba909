//! Shared state of the running site: the current compiled content (swapped
//! whole on reload), the database pool, settings and static assets.

use super::error::AppError;
use crate::content::date::Date;
use crate::content::{CompileCache, ContentError, Site};
use crate::db::{self, DbError};
use actix_web::web;
use arc_swap::ArcSwap;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Settings the web layer needs.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public base URL, e.g. `https://careers.example.org`.
    pub site_url: String,
    /// Folder of static files.
    pub static_dir: PathBuf,
    /// `--dev`: pages show the current content errors and reload themselves
    /// after a successful recompile (a script allowed by the dev CSP only).
    pub dev: bool,
}

/// The stylesheet, loaded once and served under a content-hashed name, and
/// the site icon.
#[derive(Debug, Clone)]
pub struct Assets {
    pub css_url: String,
    pub css: Arc<String>,
    pub favicon: Arc<String>,
}

impl Assets {
    pub fn load(static_dir: &Path) -> std::io::Result<Assets> {
        let css = std::fs::read_to_string(static_dir.join("site.css"))?;
        let digest = Sha256::digest(css.as_bytes());
        let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
        Ok(Assets {
            css_url: format!("/static/site.{hash}.css"),
            css: Arc::new(css),
            favicon: Arc::new(std::fs::read_to_string(static_dir.join("favicon.svg"))?),
        })
    }
}

/// The site as readers see it on one day (see [`Site::visible_on`]).
struct View {
    day: Date,
    site: Arc<Site>,
}

pub struct AppState {
    /// Everything loaded, scheduled and expired pages included.
    site: ArcSwap<Site>,
    /// What readers see today; rebuilt when the day changes or the site is replaced.
    view: ArcSwap<View>,
    /// Serializes rebuilding `view`, so a reload and a new day never race.
    view_lock: Mutex<()>,
    /// Problems of the last failed reload; empty when the content is clean.
    content_errors: ArcSwap<Vec<ContentError>>,
    /// `--dev`: what `check` would warn about in the current site (its
    /// content warnings, broken or redirecting links and anchors), as
    /// `file:line:column: severity: message`, for the banner.
    warnings: ArcSwap<Vec<String>>,
    /// Counts successful reloads (0 for the content loaded at start).
    generation: AtomicU64,
    pub pool: db::Pool,
    pub config: WebConfig,
    pub assets: Assets,
    /// Rendered pages with their compressed copies (see `web::cache`).
    pub cache: super::cache::PageCache,
    /// The last verdicts on the database, for `/healthz`.
    pub health: db::Health,
    /// Compiled pages kept between reloads, so a reload compiles only the
    /// files that changed; the lock also keeps two reloads from overlapping.
    pub compiled: Mutex<CompileCache>,
    /// The site view the search index was last filled from (of whatever
    /// day), so a reload rewrites only the rows that differ from today's
    /// view; `None` when the index must be rebuilt whole.
    pub indexed: Mutex<Option<Arc<Site>>>,
    /// Reader forms: server secret, mail worker, rate limits.
    pub readers: super::forms::Readers,
}

impl AppState {
    pub fn new(
        site: Site,
        pool: db::Pool,
        config: WebConfig,
        assets: Assets,
        readers: super::forms::Readers,
    ) -> AppState {
        let site = Arc::new(site);
        let day = Date::today();
        AppState {
            view: ArcSwap::from_pointee(View {
                day,
                site: visible(&site, day),
            }),
            site: ArcSwap::new(site),
            view_lock: Mutex::new(()),
            content_errors: ArcSwap::from_pointee(Vec::new()),
            warnings: ArcSwap::from_pointee(Vec::new()),
            generation: AtomicU64::new(0),
            pool,
            config,
            assets,
            cache: Default::default(),
            health: Default::default(),
            compiled: Default::default(),
            indexed: Default::default(),
            readers,
        }
    }

    /// The site as readers see it now: drafts, pages whose `publish` day has
    /// not come and pages past their `expires` day are left out. A reload
    /// swaps it without blocking readers; a new day rebuilds it on the next
    /// request, so scheduled pages appear without a restart.
    pub fn site(&self) -> Arc<Site> {
        self.site_on(Date::today())
    }

    /// The site as readers see it on `day`.
    pub fn site_on(&self, day: Date) -> Arc<Site> {
        let view = self.view.load();
        if view.day == day {
            return view.site.clone();
        }
        if day != Date::today() {
            return visible(&self.site.load_full(), day);
        }
        let _guard = self.view_lock.lock().unwrap_or_else(|e| e.into_inner());
        let view = self.view.load();
        if view.day == day {
            return view.site.clone();
        }
        let site = visible(&self.site.load_full(), day);
        self.view.store(Arc::new(View {
            day,
            site: site.clone(),
        }));
        site
    }

    /// Everything loaded, whatever its schedule: for seeding and reloads.
    pub fn full_site(&self) -> Arc<Site> {
        self.site.load_full()
    }

    /// Replaces the site after a successful reload: clears the content
    /// errors and counts one more generation.
    pub fn replace_site(&self, site: Site) {
        let _guard = self.view_lock.lock().unwrap_or_else(|e| e.into_inner());
        let site = Arc::new(site);
        let day = Date::today();
        self.view.store(Arc::new(View {
            day,
            site: visible(&site, day),
        }));
        self.site.store(site);
        self.content_errors.store(Arc::new(Vec::new()));
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Records the problems of a failed reload; the last good site keeps serving.
    pub fn set_content_errors(&self, errors: Vec<ContentError>) {
        self.content_errors.store(Arc::new(errors));
    }

    /// Records what `check` would warn about in the current site (`--dev`).
    pub fn set_warnings(&self, warnings: Vec<String>) {
        self.warnings.store(Arc::new(warnings));
    }

    /// The content warnings and the broken or redirecting links and
    /// anchors of the current site, as last checked (`--dev` only; empty
    /// otherwise).
    pub fn warnings(&self) -> Arc<Vec<String>> {
        self.warnings.load_full()
    }

    /// Problems of the last failed reload; empty when the content is clean.
    pub fn content_errors(&self) -> Arc<Vec<ContentError>> {
        self.content_errors.load_full()
    }

    /// How many times the site has been replaced since start.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Runs `f` with a pooled connection on the blocking thread pool, so
    /// SQLite never blocks an async worker.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Connection) -> Result<T, DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let conn = pool.get()?;
            f(&conn).map_err(AppError::from)
        })
        .await?
    }
}

/// `site` as readers see it on `day`; the same `Arc` when nothing is hidden.
fn visible(site: &Arc<Site>, day: Date) -> Arc<Site> {
    if site.hides_any_on(day) {
        Arc::new(site.visible_on(day))
    } else {
        site.clone()
    }
}
