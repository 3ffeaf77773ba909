//! `/static/{path}`: the stylesheet under its content-hashed name (cached
//! for a year), and every other file of the static folder (`--static-dir`),
//! nested folders included, with a type from its extension, a strong ETag
//! and an hour's `Cache-Control` (their names are not content-hashed).
//!
//! Names are judged by `content::static_path`, the rule `check` uses for
//! links and images: `..`, hidden files, absolute paths and anything that
//! leads outside the folder are a 404, encoded or not.

use crate::content::static_path;
use crate::web::error::AppError;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

/// How long browsers and CDNs may keep a static file before revalidating.
pub const STATIC_CACHE: &str = "public, max-age=3600";

/// Types by extension (lower case); anything else is `application/octet-stream`.
const TYPES: &[(&str, &str)] = &[
    ("css", "text/css; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("mjs", "text/javascript; charset=utf-8"),
    ("json", "application/json"),
    ("map", "application/json"),
    ("xml", "application/xml; charset=utf-8"),
    ("txt", "text/plain; charset=utf-8"),
    ("md", "text/markdown; charset=utf-8"),
    ("csv", "text/csv; charset=utf-8"),
    ("html", "text/html; charset=utf-8"),
    ("htm", "text/html; charset=utf-8"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("avif", "image/avif"),
    ("ico", "image/vnd.microsoft.icon"),
    ("pdf", "application/pdf"),
    ("woff", "font/woff"),
    ("woff2", "font/woff2"),
    ("ttf", "font/ttf"),
    ("otf", "font/otf"),
    ("mp4", "video/mp4"),
    ("webm", "video/webm"),
    ("mp3", "audio/mpeg"),
    ("zip", "application/zip"),
];

/// The Content-Type of a file named `name`.
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    TYPES
        .iter()
        .find(|(e, _)| *e == ext)
        .map_or("application/octet-stream", |(_, t)| t)
}

/// A strong ETag: the bytes on disk are what is sent (before any
/// transfer compression).
pub fn strong_etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// `/static/{path}`.
pub async fn file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let name = path.into_inner();
    if format!("/static/{name}") == state.assets.css_url {
        return Ok(stylesheet(&req, &state));
    }
    if !static_path::is_plain(&name) {
        return Err(AppError::NotFound);
    }
    let dir = state.config.static_dir.clone();
    let lookup = name.clone();
    let body = web::block(move || {
        static_path::resolve(&dir, &lookup).and_then(|file| std::fs::read(file).ok())
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let tag = strong_etag(&body);
    if respond::not_modified(&req, &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .insert_header((header::CACHE_CONTROL, STATIC_CACHE))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(content_type(&name))
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, STATIC_CACHE))
        .body(body))
}

/// The stylesheet under its content-hashed name, cached for a year.
fn stylesheet(req: &HttpRequest, state: &AppState) -> HttpResponse {
    let tag = respond::etag(state.assets.css.as_bytes());
    if respond::not_modified(req, &tag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .finish();
    }
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(state.assets.css.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_by_extension() {
        assert_eq!(content_type("img/Chart.PNG"), "image/png");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("site.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
        assert_eq!(content_type("x.unknown"), "application/octet-stream");
    }

    #[test]
    fn etags_are_strong() {
        let tag = strong_etag(b"png");
        assert!(tag.starts_with('"') && tag.ends_with('"'), "{tag}");
    }
}
