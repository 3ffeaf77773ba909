//! What every page handler starts from: the request, the shared state, and
//! the one compiled site this request reads. The site is taken once, when
//! the handler's arguments are extracted, so a reload that lands mid-request
//! cannot make one response mix two content versions.

use super::error::AppError;
use super::layout::PageMeta;
use super::respond;
use super::state::AppState;
use crate::content::Site;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use std::future::{Ready, ready};
use std::sync::Arc;

/// A page request: use as a handler argument.
pub struct Ctx {
    pub req: HttpRequest,
    pub state: web::Data<AppState>,
    /// The site as readers see it today, for this whole request.
    pub site: Arc<Site>,
}

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = Ready<Result<Ctx, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.app_data::<web::Data<AppState>>()
                .cloned()
                .map(|state| Ctx {
                    req: req.clone(),
                    site: state.site(),
                    state,
                })
                .ok_or_else(|| AppError::Internal("no AppState registered".into())),
        )
    }
}

impl Ctx {
    /// The layout of the page at `path` (starting with `/`).
    pub fn meta(&self, title: &str, description: &str, path: &str) -> PageMeta {
        PageMeta::new(&self.state, &self.site, title, description, path)
    }

    /// The public base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        self.state.config.site_url.trim_end_matches('/')
    }

    /// An HTML page with a validator and cache headers (or a 304).
    pub fn html(&self, body: String) -> HttpResponse {
        respond::html(&self.req, body)
    }

    /// Renders `page` as an HTML response.
    pub fn render(&self, page: impl askama::Template) -> Result<HttpResponse, AppError> {
        Ok(self.html(page.render()?))
    }
}
