//! Shared state of the running site: the current compiled content (swapped
//! whole on reload), the database pool, settings and static assets.

use super::error::AppError;
use crate::content::Site;
use crate::db::{self, DbError};
use actix_web::web;
use arc_swap::ArcSwap;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Settings the web layer needs.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public base URL, e.g. `https://careers.example.org`.
    pub site_url: String,
    /// Folder of static files.
    pub static_dir: PathBuf,
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

pub struct AppState {
    site: ArcSwap<Site>,
    pub pool: db::Pool,
    pub config: WebConfig,
    pub assets: Assets,
}

impl AppState {
    pub fn new(site: Site, pool: db::Pool, config: WebConfig, assets: Assets) -> AppState {
        AppState {
            site: ArcSwap::from_pointee(site),
            pool,
            config,
            assets,
        }
    }

    /// The current site; a reload swaps it without blocking readers.
    pub fn site(&self) -> Arc<Site> {
        self.site.load_full()
    }

    /// Replaces the site after a successful reload.
    pub fn replace_site(&self, site: Site) {
        self.site.store(Arc::new(site));
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
