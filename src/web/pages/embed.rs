//! `/embed/roles/{slug}`: a compact role card for other sites' iframes.
//!
//! Every other response refuses framing (`X-Frame-Options: DENY` and
//! `frame-ancestors 'none'` from `DefaultHeaders`). This handler sets its own
//! Content-Security-Policy with `frame-ancestors *`, which `DefaultHeaders`
//! leaves alone (it only adds headers a response lacks), and
//! [`allow_framing`] drops `X-Frame-Options` from exactly those responses.

use super::view::{PayView, ProjectionView};
use crate::content::role::Role;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use askama::Template;

/// The embed's policy: the site's own CSP, but any site may frame it.
pub const EMBED_CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors *";

#[derive(Template)]
#[template(path = "embed/role.html")]
struct EmbedCard<'a> {
    role: &'a Role,
    site_title: String,
    site_url: String,
    css_url: String,
    /// Absolute URL of the role page.
    url: String,
    pay: Option<PayView>,
    outlook: Option<ProjectionView>,
}

pub async fn role(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let base = ctx.base().to_string();
    let mut res = ctx.render(EmbedCard {
        role,
        site_title: site.info.title.clone(),
        url: format!("{base}{}", role.url()),
        site_url: base,
        css_url: ctx.state.assets.css_url.clone(),
        pay: PayView::of(site, role),
        outlook: ProjectionView::of(site, &role.fm.soc),
    })?;
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(EMBED_CSP),
    );
    Ok(res)
}

/// Drops `X-Frame-Options` from responses whose own CSP allows framing by
/// any site (the embed route). Wraps `DefaultHeaders`, so it runs after the
/// header was added.
pub async fn allow_framing(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let framable = res
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.ends_with("frame-ancestors *"));
    if framable {
        res.headers_mut().remove(header::X_FRAME_OPTIONS);
    }
    Ok(res)
}
