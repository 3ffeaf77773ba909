//! Error pages in the site's layout. Handlers return `AppError`; this
//! middleware hook turns any 4xx or 5xx without a body into a page, with
//! "did you mean" suggestions on a 404.

use crate::content::Site;
use crate::content::markdown::slugify;
use crate::web::error::ErrorInfo;
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    page: PageMeta,
    status: u16,
    heading: String,
    message: String,
    suggestions: Vec<(String, String)>,
}

/// The most characters of a missing path's last segment that are compared
/// with slugs and titles; the rest is ignored, so the suggestions of a 404
/// cost the same whatever the length of the path.
pub const MAX_COMPARED: usize = 64;

/// Up to five pages whose slugs or titles are close to the missing path.
pub fn suggestions(site: &Site, path: &str) -> Vec<(String, String)> {
    suggest(site, path).0
}

/// [`suggestions`], with the number of edit-distance cells computed to
/// find them (the work done, which tests bound).
pub fn suggest(site: &Site, path: &str) -> (Vec<(String, String)>, usize) {
    let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
    let cut = last
        .char_indices()
        .nth(MAX_COMPARED * 4)
        .map_or(last, |(at, _)| &last[..at]);
    let wanted: String = slugify(cut).chars().take(MAX_COMPARED).collect();
    if wanted.is_empty() {
        return (Vec::new(), 0);
    }
    let limit = wanted.len().max(4) / 2;
    let mut cells = 0;
    let mut scored: Vec<(usize, String, String)> = Vec::new();
    for (url, title) in site.all_pages() {
        let slug = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let score = if slug.contains(wanted.as_str()) || wanted.contains(slug) {
            Some(0)
        } else {
            let by_slug = crate::text::distance_within(&wanted, slug, limit, &mut cells);
            let by_title =
                crate::text::distance_within(&wanted, &slugify(title), limit, &mut cells);
            by_slug.into_iter().chain(by_title).min()
        };
        if let Some(d) = score {
            scored.push((d, url, title.to_string()));
        }
    }
    scored.sort();
    let found = scored
        .into_iter()
        .take(5)
        .map(|(_, url, title)| (url, title))
        .collect();
    (found, cells)
}

/// Renders the error page for a response that has no HTML body yet.
pub fn render<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let already_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/"));
    let Some(state) = res.request().app_data::<web::Data<AppState>>().cloned() else {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    };
    if already_html {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    if status.as_u16() == 404
        && let Some(target) = super::misc::redirect_for(
            &state.site(),
            res.request().path(),
            res.request().query_string(),
            state.config.dev,
        )
        && let Ok(location) = HeaderValue::try_from(target)
    {
        let (req, _) = res.into_parts();
        // 301 lets clients turn any method into GET; 308 keeps the method.
        let status = if matches!(*req.method(), Method::GET | Method::HEAD) {
            StatusCode::MOVED_PERMANENTLY
        } else {
            StatusCode::PERMANENT_REDIRECT
        };
        let redirect = HttpResponse::build(status)
            .insert_header((header::LOCATION, location))
            .finish();
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, redirect).map_into_right_body(),
        ));
    }
    let info = res.response().extensions().get::<ErrorInfo>().cloned();
    let site = state.site();
    let (heading, default_message) = match status.as_u16() {
        404 => ("Page not found", "We could not find that page."),
        400..=499 => (
            "That request did not work",
            "The request was not one we can answer.",
        ),
        _ => (
            "Something went wrong",
            "Something went wrong on our side. Please try again in a moment.",
        ),
    };
    let suggestions = if status.as_u16() == 404 {
        suggestions(&site, res.request().path())
    } else {
        Vec::new()
    };
    let mut page = PageMeta::new(
        &state,
        &site,
        heading,
        default_message,
        res.request().path(),
    );
    page.title = format!("{heading} | {}", site.info.title);
    let body = ErrorPage {
        page,
        status: status.as_u16(),
        heading: heading.to_string(),
        message: info
            .map(|i| i.message)
            .unwrap_or_else(|| default_message.to_string()),
        suggestions,
    }
    .render()
    .unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page template failed");
        format!(
            "<!doctype html><html lang=\"en\"><title>{heading}</title><h1>{heading}</h1></html>"
        )
    });
    let (req, mut res) = res.into_parts();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let res = res.set_body(BoxBody::new(body));
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, res).map_into_right_body(),
    ))
}

/// Type helper so the app factory can name the body type.
pub type Body<B> = EitherBody<B, BoxBody>;
