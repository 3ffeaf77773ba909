//! The web layer: the app factory and the middleware every response passes
//! through (logging, URI limit, headers, compression, canonical addresses,
//! the page cache, error pages). The URLs are in `routes`.

pub mod access_log;
pub mod admin;
pub mod api;
pub mod cache;
pub mod canonical;
pub mod compress;
pub mod ctx;
pub mod error;
pub mod format;
pub mod forms;
pub mod jsonld;
pub mod layout;
pub mod pages;
pub mod query;
pub mod respond;
pub mod routes;
pub mod state;
pub mod svg;
pub mod typed_query;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlers, from_fn};
use actix_web::{App, HttpResponse, web};
use pages::errors;
pub use state::{AppState, Assets, WebConfig};

/// The Content-Security-Policy of every page: no inline script or style,
/// nothing from other hosts, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The CSP under `--dev`: the same, except that scripts from the site itself
/// may run (the live-reload script, `/__dev/reload.js`).
pub const DEV_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The longest URI we answer; longer ones get 414.
pub const MAX_URI: usize = 16 * 1024;

/// Builds the application around `state`: used by `serve` and by the tests.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let dev = state.config.dev;
    App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::new(16 * 1024))
        .app_data(web::FormConfig::default().limit(16 * 1024))
        .app_data(web::JsonConfig::default().limit(16 * 1024))
        .configure(|cfg| routes::configure(cfg, dev))
        .wrap(ErrorHandlers::new().default_handler(errors::render))
        .wrap(from_fn(cache::middleware))
        .wrap(from_fn(canonical::middleware))
        .wrap(Compress::default())
        .wrap(
            DefaultHeaders::new()
                .add(("Content-Security-Policy", if dev { DEV_CSP } else { CSP }))
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
                .add(("X-Frame-Options", "DENY"))
                .add((
                    "Permissions-Policy",
                    "camera=(), microphone=(), geolocation=()",
                )),
        )
        .wrap(from_fn(pages::embed::allow_framing))
        .wrap(from_fn(limit_uri))
        .wrap(from_fn(cache::fast))
        .wrap(from_fn(access_log::middleware))
}

/// Rejects over-long URIs before routing.
async fn limit_uri(
    req: ServiceRequest,
    next: actix_web::middleware::Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.path().len() + req.query_string().len() > MAX_URI {
        let res = HttpResponse::build(StatusCode::URI_TOO_LONG)
            .content_type("text/plain; charset=utf-8")
            .body("The address is too long.");
        return Ok(req.into_response(res).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
