//! The JSON API under `/api/v1`: read-only, no key, readable from any origin.
//!
//! One module per resource. Every answer is JSON with a weak ETag (304 on a
//! match); every error is an RFC 9457 problem document
//! (`application/problem+json`), which the HTML error hook passes through.
//! The OpenAPI document (`openapi.json` beside this file) describes every
//! response; `tests/api.rs` validates real responses against it.

pub mod articles;
pub mod docs;
pub mod faqs;
pub mod model;
pub mod programs;
pub mod roles;
pub mod salaries;

use crate::web::respond;
use crate::web::routes::read;
use crate::web::state::AppState;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::Serialize;
use std::collections::HashMap;

/// Where the API lives; every resource is under it.
pub const PREFIX: &str = "/api/v1";

/// The OpenAPI 3.1 document, served as is.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The `/api/v1` scope: every resource, CORS for GET from any origin, and
/// a problem document for unknown paths.
pub fn scope() -> actix_web::Scope<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::scope(PREFIX)
        .wrap(
            DefaultHeaders::new()
                .add(("Access-Control-Allow-Origin", "*"))
                .add(("Access-Control-Expose-Headers", "ETag"))
                .add(("Vary", "Accept-Encoding")),
        )
        .service(resource("/openapi.json").route(read().to(openapi)))
        .service(resource("/roles").route(read().to(roles::list)))
        .service(resource("/roles/{slug}").route(read().to(roles::one)))
        .service(resource("/salaries").route(read().to(salaries::get)))
        .service(resource("/faqs").route(read().to(faqs::list)))
        .service(resource("/articles").route(read().to(articles::list)))
        .service(resource("/programs").route(read().to(programs::list)))
        .service(resource("/programs/{slug}").route(read().to(programs::one)))
        .default_service(web::to(unknown))
}

/// A resource whose other methods get a problem document (405) or, for
/// OPTIONS, a CORS preflight answer.
fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(other_method))
}

/// A problem document (RFC 9457). `kind` names the problem type; its URI is
/// the matching section of the API page.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
}

/// The API's error: a status, a problem type and a sentence for the caller.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// A query parameter is missing or malformed (400).
    #[error("bad parameter: {0}")]
    BadParameter(String),
    /// The thing asked for does not exist (404).
    #[error("not found: {0}")]
    NotFound(String),
    /// Only GET (and HEAD, OPTIONS) are answered (405).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Something failed on our side; the cause is logged, not shown (500).
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    fn parts(&self) -> (&'static str, &'static str, String) {
        match self {
            ApiError::BadParameter(d) => ("bad-parameter", "Bad parameter", d.clone()),
            ApiError::NotFound(d) => ("not-found", "Not found", d.clone()),
            ApiError::MethodNotAllowed => (
                "method-not-allowed",
                "Method not allowed",
                "The API is read-only: use GET.".into(),
            ),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "API internal error");
                (
                    "internal",
                    "Internal error",
                    "Something went wrong on our side. Please try again in a moment.".into(),
                )
            }
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadParameter(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let (slug, title, detail) = self.parts();
        let problem = Problem {
            kind: format!("/api/#problem-{slug}"),
            title,
            status: self.status_code().as_u16(),
            detail,
            instance: None,
        };
        let body = serde_json::to_string(&problem).unwrap_or_else(|_| {
            format!(
                "{{\"type\":\"about:blank\",\"title\":\"{title}\",\"status\":{}}}",
                problem.status
            )
        });
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CACHE_CONTROL, "no-store"));
        if matches!(self, ApiError::MethodNotAllowed) {
            res.insert_header((header::ALLOW, "GET, HEAD, OPTIONS"));
        }
        let mut res = res.body(body);
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        res
    }
}

impl From<crate::web::error::AppError> for ApiError {
    fn from(e: crate::web::error::AppError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

/// A JSON answer with a weak ETag and cache headers, or a 304.
pub fn json<T: Serialize>(req: &HttpRequest, value: &T) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_string(value)
        .map_err(|e| ApiError::Internal(format!("serializing a response: {e}")))?;
    Ok(respond::cached(req, "application/json", body))
}

/// Reads the query string into a map; a malformed one is a 400. Repeated
/// keys keep the last value.
pub fn query(req: &HttpRequest) -> Result<HashMap<String, String>, ApiError> {
    web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .map_err(|_| ApiError::BadParameter("The query string is not valid URL encoding.".into()))
}

/// Rejects query parameters other than `allowed`, so a typo (`?rol=`) is an
/// error rather than silently ignored.
pub fn only(params: &HashMap<String, String>, allowed: &[&str]) -> Result<(), ApiError> {
    let mut unknown: Vec<&str> = params
        .keys()
        .map(String::as_str)
        .filter(|k| !allowed.contains(k))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    unknown.sort_unstable();
    let allowed = if allowed.is_empty() {
        "This endpoint takes no parameters.".to_string()
    } else {
        format!("It takes: {}.", allowed.join(", "))
    };
    Err(ApiError::BadParameter(format!(
        "Unknown query parameter `{}`. {allowed}",
        unknown.join("`, `")
    )))
}

/// `/api/v1/openapi.json`.
pub async fn openapi(req: HttpRequest) -> HttpResponse {
    respond::cached(&req, "application/json", OPENAPI.to_string())
}

/// A method other than GET on a resource: OPTIONS is a CORS preflight,
/// anything else a 405.
pub async fn other_method(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if req.method() == Method::OPTIONS {
        return Ok(preflight());
    }
    Err(ApiError::MethodNotAllowed)
}

fn preflight() -> HttpResponse {
    HttpResponse::NoContent()
        .insert_header(("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"))
        .insert_header(("Access-Control-Allow-Headers", "If-None-Match"))
        .insert_header(("Access-Control-Max-Age", "86400"))
        .finish()
}

/// Any other path under `/api/v1`.
pub async fn unknown(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if req.method() == Method::OPTIONS {
        return Ok(preflight());
    }
    Err(ApiError::NotFound(format!(
        "There is no API resource at {}. The list of resources is at /api/v1/openapi.json.",
        req.path()
    )))
}

/// The site's base URL without a trailing slash.
pub fn base(state: &AppState) -> &str {
    state.config.site_url.trim_end_matches('/')
}
