//! Small routes: `/healthz`, the site icon, alias redirects and the 404
//! page for everything else (static files are in `files.rs`).

use super::articles::{category_url, tag_url};
use crate::content::Site;
use crate::content::listing::split_page_path;
use crate::web::error::AppError;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

/// Liveness and readiness: the content is loaded and the database answers.
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let ok = state
        .db(|c| {
            c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))
                .map_err(crate::db::DbError::from)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(serde_json::json!({
            "status": if ok == 1 { "ok" } else { "degraded" },
            "roles": site.roles.len(),
            "articles": site.articles.len(),
        })))
}

/// The site icon.
pub async fn favicon(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let mut res = respond::cached(
        &req,
        "image/svg+xml",
        state.assets.favicon.as_str().to_owned(),
    );
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("public, max-age=86400"),
    );
    res
}

/// Anything no route matched: a 404, which the error page hook turns into
/// an alias redirect, a trailing-slash redirect or the 404 page.
pub async fn fallback() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// Where a missing `path` should go instead: an alias's target, or the same
/// path with a trailing slash when that is a page.
pub fn redirect_for(site: &Site, path: &str) -> Option<String> {
    if let Some(target) = site.aliases.get(path) {
        return Some(target.clone());
    }
    if path.ends_with('/') {
        return None;
    }
    let with_slash = format!("{path}/");
    if let Some(target) = site.aliases.get(&with_slash) {
        return Some(target.clone());
    }
    let listings = [
        "/roles/",
        "/articles/",
        "/career-map/",
        "/pathways/",
        "/salaries/",
        super::questions::URL,
    ];
    let known = listings.contains(&with_slash.as_str())
        || site.all_pages().any(|(url, _)| url == with_slash)
        || site
            .categories()
            .any(|c| category_url(&c.name) == with_slash)
        || site.tags().any(|t| tag_url(&t.name) == with_slash)
        || site
            .authors
            .keys()
            .any(|a| format!("/authors/{a}/") == with_slash)
        || split_page_path(&with_slash).is_some_and(|(base, _)| site.listing(base).is_some());
    known.then_some(with_slash)
}
