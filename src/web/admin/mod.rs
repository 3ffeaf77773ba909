//! `/admin/`: editors moderate what readers sent. Every path under
//! `/admin/` but the login page passes [`guard`], which needs a session
//! (GET and HEAD are sent to the login page, anything else gets 403).
//! Pages here are private (`no-store`), and every form carries this
//! browser's CSRF token.

pub mod password;
pub mod queue;
pub mod records;
pub mod session;

use crate::db::Editor;
use crate::web::error::AppError;
use crate::web::forms::{Browser, CSRF_COOKIE, private_page, see_other};
use crate::web::state::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{Next, from_fn};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};

/// The session cookie (path `/admin/`).
pub const SESSION_COOKIE: &str = "careers_admin";
pub const LOGIN_URL: &str = "/admin/login/";

/// Every route under `/admin/` (method, path), for the tests that check
/// each is closed without a session; [`scope`] registers the same.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/admin/"),
    ("GET", "/admin/testimonials/"),
    ("GET", "/admin/testimonials/{id}/"),
    ("POST", "/admin/testimonials/{id}/"),
    ("GET", "/admin/questions/"),
    ("GET", "/admin/questions/{id}/"),
    ("POST", "/admin/questions/{id}/"),
    ("GET", "/admin/audit/"),
    ("GET", "/admin/subscribers.csv"),
    ("POST", "/admin/logout/"),
];

/// Where the editors' pages live.
pub const PREFIX: &str = "/admin";

/// The `/admin` scope: login, then everything behind the guard.
pub fn scope() -> actix_web::Scope<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::scope(PREFIX)
        .app_data(web::FormConfig::default().limit(64 * 1024))
        .route("/login/", web::get().to(session::form))
        .route("/login/", web::post().to(session::login))
        .route("/logout/", web::post().to(session::logout))
        .route("/", web::get().to(queue::index))
        .route("/testimonials/", web::get().to(queue::testimonials))
        .route("/testimonials/{id}/", web::get().to(queue::testimonial))
        .route(
            "/testimonials/{id}/",
            web::post().to(queue::decide_testimonial),
        )
        .route("/questions/", web::get().to(queue::questions))
        .route("/questions/{id}/", web::get().to(queue::question))
        .route("/questions/{id}/", web::post().to(queue::decide_question))
        .route("/audit/", web::get().to(records::audit))
        .route("/subscribers.csv", web::get().to(records::subscribers))
        .default_service(web::to(|| async {
            Err::<HttpResponse, _>(AppError::NotFound)
        }))
        .wrap(from_fn(guard))
}

/// SHA-256 of a session cookie's value: what the database keeps.
pub fn token_hash(value: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Lets through requests with a valid session (the editor goes into the
/// request's extensions) and the login page; refuses everything else.
async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let path = req.path().to_string();
    if path == LOGIN_URL {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let editor = match (
        req.app_data::<web::Data<AppState>>().cloned(),
        req.cookie(SESSION_COOKIE),
    ) {
        (Some(state), Some(cookie)) => {
            let hash = token_hash(cookie.value());
            state
                .db(move |c| crate::db::session_editor(c, &hash))
                .await
                .map_err(actix_web::Error::from)?
        }
        _ => None,
    };
    match editor {
        Some(e) => {
            req.extensions_mut().insert(e);
            next.call(req)
                .await
                .map(ServiceResponse::map_into_left_body)
        }
        None => {
            let res = if matches!(*req.method(), Method::GET | Method::HEAD) {
                see_other(LOGIN_URL)
            } else {
                HttpResponse::Forbidden()
                    .insert_header(("Cache-Control", "no-store"))
                    .content_type("text/plain; charset=utf-8")
                    .body("Sign in at /admin/login/ first.")
            };
            Ok(req.into_response(res).map_into_right_body())
        }
    }
}

/// The signed-in editor (set by [`guard`]).
pub fn editor(req: &HttpRequest) -> Result<Editor, AppError> {
    req.extensions()
        .get::<Editor>()
        .cloned()
        .ok_or_else(|| AppError::Internal("admin handler without a session".into()))
}

/// Checks the CSRF token of an admin form (no rate limit: editors only).
pub fn check_form(req: &HttpRequest, state: &AppState, token: &str) -> Result<(), AppError> {
    let ok = req
        .cookie(CSRF_COOKIE)
        .is_some_and(|c| state.readers.signer.csrf_ok(c.value(), token))
        && crate::web::forms::same_origin(req, &state.config.site_url);
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "This form was out of date or did not come from this site; nothing was changed. Go back, reload the page and try again.".into(),
        ))
    }
}

/// An admin page: private, with the CSRF cookie when new.
pub fn page(state: &AppState, browser: &Browser, body: String) -> HttpResponse {
    private_page(&state.readers, Some(browser), StatusCode::OK, body)
}
