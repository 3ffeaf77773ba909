//! Building responses: HTML with a validator (ETag) and cache headers, and
//! 304 Not Modified when the browser's copy is current.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// How long browsers and CDNs may reuse a page before revalidating.
pub const HTML_MAX_AGE: u32 = 300;

/// A weak ETag over the body (weak, because compression changes the bytes).
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// True when the request's If-None-Match names `tag`.
pub fn not_modified(req: &HttpRequest, tag: &str) -> bool {
    let bare = tag.trim_start_matches("W/");
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.trim_start_matches("W/") == bare)
}

/// A cacheable response with `content_type` and `body`, or a 304.
pub fn cached(req: &HttpRequest, content_type: &'static str, body: String) -> HttpResponse {
    let tag = etag(body.as_bytes());
    let cache = format!("public, max-age={HTML_MAX_AGE}, must-revalidate");
    if not_modified(req, &tag) {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .insert_header((header::CACHE_CONTROL, cache))
            .finish();
    }
    let mut res = HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, cache))
        .body(body);
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

/// An HTML page.
pub fn html(req: &HttpRequest, body: String) -> HttpResponse {
    cached(req, "text/html; charset=utf-8", body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn matches_weak_and_strong_forms() {
        let tag = etag(b"hello");
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, tag.trim_start_matches("W/")))
            .to_http_request();
        assert!(not_modified(&req, &tag));
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"other\""))
            .to_http_request();
        assert!(!not_modified(&req, &tag));
    }
}
