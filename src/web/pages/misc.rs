//! Small routes: `/healthz`, the stylesheet, alias redirects and the 404
//! page for everything else.

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

/// The stylesheet under its content-hashed name, cached for a year.
pub async fn stylesheet(
    req: HttpRequest,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if format!("/static/{name}") != state.assets.css_url {
        return Err(AppError::NotFound);
    }
    let tag = respond::etag(state.assets.css.as_bytes());
    if respond::not_modified(&req, &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(state.assets.css.as_str().to_owned()))
}

/// Anything no route matched: an alias redirect, a missing trailing slash,
/// or the 404 page with suggestions.
pub async fn fallback(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let path = req.path();
    let with_slash = format!("{path}/");
    if let Some(target) = site
        .aliases
        .get(path)
        .or_else(|| site.aliases.get(&with_slash))
    {
        return Ok(redirect(target));
    }
    if !path.ends_with('/') && site.all_pages().any(|(url, _)| url == with_slash) {
        return Ok(redirect(&with_slash));
    }
    Err(AppError::NotFound)
}

fn redirect(to: &str) -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, to))
        .finish()
}
