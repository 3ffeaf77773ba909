//! `/static/share.png`: the default image link previews show (Open Graph
//! and Twitter cards), read once from the static folder.

use crate::web::error::AppError;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::OnceLock;

static IMAGE: OnceLock<Option<Vec<u8>>> = OnceLock::new();

pub async fn image(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let bytes = IMAGE
        .get_or_init(|| std::fs::read(state.config.static_dir.join("share.png")).ok())
        .as_ref()
        .ok_or(AppError::NotFound)?;
    let tag = respond::etag(bytes);
    let cache = "public, max-age=86400";
    if respond::not_modified(&req, &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .insert_header((header::CACHE_CONTROL, cache))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, cache))
        .body(bytes.clone()))
}
