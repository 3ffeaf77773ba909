//! `serve`: load the content, open and seed the database, and serve the site
//! until SIGINT or SIGTERM, finishing in-flight requests first.

use crate::config::ServeArgs;
use crate::content::{self, LoadOptions};
use crate::db;
use crate::web::{self, AppState, Assets, WebConfig};
use std::process::ExitCode;

mod framing;
mod memory;
pub mod reload;
pub mod server;

pub use memory::bound_heaps;

pub fn run(args: &ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the shared state: content loaded, database opened, migrated and seeded.
pub fn prepare(args: &ServeArgs) -> Result<AppState, String> {
    let content_dir = &args.db.content.content;
    hold_bodies_beside(&args.db.database);
    let mut compiled = content::CompileCache::default();
    let site = content::load_cached(
        content_dir,
        LoadOptions {
            drafts: args.db.content.drafts,
        },
        &mut compiled,
    )
    .map_err(|errors| format!("{errors}\nFix the content and start again."))?;
    let (pool, checked) =
        db::open_at_start(&args.db.database).map_err(|e| format!("database: {e}"))?;
    let mut conn = pool.get().map_err(|e| format!("database: {e}"))?;
    let report = db::seed(&mut conn, &site, content_dir)
        .map_err(|e| format!("seeding the database: {e}"))?;
    drop(conn);
    let assets = Assets::load(&args.static_dir).map_err(|e| {
        format!(
            "cannot read {}: {e}",
            args.static_dir.join("site.css").display()
        )
    })?;
    let config = WebConfig {
        site_url: args.site_url.clone(),
        static_dir: args.static_dir.clone(),
        dev: args.dev,
    };
    let readers = web::forms::Readers::new(
        &pool,
        &args.readers,
        &args.db.database,
        &args.site_url,
        &site.info.title,
    )?;
    let mut state = AppState::new(site, pool, config, assets, readers);
    if let Some(check) = checked {
        state.health.found_sound(check);
    }
    state.compiled = compiled.into();
    // Only what readers may see today is searchable (no drafts, no pages
    // before their `publish` day or after their `expires` day). The view is
    // the state's own, so the index's record of it is no second copy (and
    // is the loaded site itself when nothing is hidden).
    let visible = state.site();
    let conn = state.pool.own_connection().map_err(|e| e.to_string())?;
    let indexed = db::rebuild_search_index(&conn, &visible)
        .map_err(|e| format!("building the search index: {e}"))?;
    drop(conn);
    tracing::debug!(indexed, "search index built");
    if let Some(file) = content::html::body_file() {
        tracing::debug!(bytes = file.len(), "page bodies in the body file");
    }
    tracing::info!(?report, database = %args.db.database.display(), "database ready");
    state.indexed = Some(visible).into();
    memory::give_back_freed();
    if args.dev {
        reload::check_for_banner(&state, &args.db.content.content);
    }
    Ok(state)
}

/// Page bodies go to a body file in the database's folder (see
/// `content::html`), so the server does not hold them in memory; where
/// that folder takes no file, they stay in memory.
fn hold_bodies_beside(database: &std::path::Path) {
    let dir = match database.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| content::html::hold_in_file(dir)) {
        tracing::warn!(error = %e, folder = %dir.display(), "cannot make a body file; page bodies stay in memory");
    }
}

async fn serve(args: &ServeArgs) -> Result<(), String> {
    let state = actix_web::web::Data::new(prepare(args)?);
    let site = state.site();
    tracing::info!(
        roles = site.roles.len(),
        articles = site.articles.len(),
        "content loaded"
    );
    reload::log_warnings(&state.full_site());
    memory::trim_when_quiet(&state);
    // Dropping the watcher stops it, so it lives as long as the server.
    let _watcher = match reload::watch(state.clone(), args.db.content.content.clone()) {
        Ok(w) => {
            tracing::info!(
                content = %args.db.content.content.display(),
                "watching the content folder; edits are live after a successful recompile"
            );
            Some(w)
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot watch the content folder; restart to pick up edits");
            None
        }
    };
    let listener = std::net::TcpListener::bind((args.address.as_str(), args.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.address, args.port))?;
    let server = server::start(
        state.clone(),
        listener,
        args.workers,
        server::Limits::default(),
    )
    .map_err(|e| {
        format!(
            "cannot start the server on {}:{}: {e}",
            args.address, args.port
        )
    })?;
    println!(
        "Serving {} on http://{}:{}/ (Ctrl-C to stop)",
        site.info.title, args.address, args.port
    );
    server.await.map_err(|e| format!("server error: {e}"))
}
