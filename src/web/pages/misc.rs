//! Small routes: `/healthz`, the site icon, alias and trailing-slash
//! redirects and the 404 for everything else (static files are in
//! `files.rs`).

use crate::content::Site;
use crate::web::error::AppError;
use crate::web::respond;
use crate::web::routes::{self, Links};
use crate::web::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

/// Liveness and readiness: the content is loaded, every table answers a
/// read, and the database file passes SQLite's integrity check. A verdict
/// is reused for a second, and the integrity check (the first verdict
/// being the start's own) runs in the background and is given as last
/// reached (`db::Health`), so a health check never
/// waits seconds for a large file and a flood of them costs little. 200
/// with `"status": "ok"`, or 503 with `"status": "unavailable"` and the
/// reason.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let site = state.site();
    let problem = if site.roles.is_empty() && site.articles.is_empty() {
        Some("no content is loaded".to_string())
    } else {
        let verdict = match state.health.recent() {
            Some(v) => Ok(v),
            None => {
                let checked = state.clone();
                state.db(move |c| Ok(checked.health.check(c))).await
            }
        };
        match verdict {
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(format!("database: {why}")),
            Err(_) => Some("database: no connection could be opened".to_string()),
        }
    };
    let mut body = serde_json::json!({
        "status": if problem.is_none() { "ok" } else { "unavailable" },
        "roles": site.roles.len(),
        "articles": site.articles.len(),
        "content_errors": state.content_errors().len(),
    });
    let status = match problem {
        None => StatusCode::OK,
        Some(reason) => {
            tracing::error!(%reason, "health check failed");
            body["reason"] = reason.into();
            StatusCode::SERVICE_UNAVAILABLE
        }
    };
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
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

/// Where a missing `path` should go instead, with `query` kept: an
/// alias's target, the same address of a renamed role's new slug
/// ([`Site::renamed_role`]), or the same path with a trailing slash when that is a
/// page route (`routes::with_slash`).
pub fn redirect_for(site: &Site, path: &str, query: &str, dev: bool) -> Option<String> {
    let target = site
        .aliases
        .get(path)
        .cloned()
        .or_else(|| {
            let slashed = format!("{path}/");
            (!path.ends_with('/'))
                .then(|| site.aliases.get(&slashed).cloned())
                .flatten()
        })
        .or_else(|| renamed(site, path, dev))
        .or_else(|| routes::with_slash(path, dev, site))?;
    Some(if query.is_empty() {
        target
    } else {
        format!("{target}?{query}")
    })
}

/// `path` with the role's new slug, when it is an address of a role
/// (its page, salaries, card, QR code, forms) under a slug the role's
/// `aliases` give up.
fn renamed(site: &Site, path: &str, dev: bool) -> Option<String> {
    let m = routes::find(path, dev)?;
    if !matches!(m.route.links, Some(Links::RolePage | Links::OfRole)) {
        return None;
    }
    let role = site.renamed_role(m.capture("slug")?)?;
    Some(m.with("slug", &role.slug))
}
