//! Reader forms: "Share your experience" and "Ask a question" on role
//! pages, the newsletter sign-up, the links mailed to readers and "delete
//! my data" (the privacy page is an editorial page of the pack). This module holds what every form shares:
//! the state ([`Readers`]), CSRF cookies and tokens, origin checks, rate
//! limits, field checks, and private (never cached) responses.
//!
//! Every form works without JavaScript: a POST that fails comes back as the
//! same form with the reader's input, an error summary and per-field
//! messages; one that succeeds answers 303 (Post/Redirect/Get) only after
//! its transaction committed.

pub mod ask;
pub mod fields;
pub mod limits;
pub mod links;
pub mod my_data;
pub mod newsletter;
pub mod share;
pub mod tokens;

use crate::config::ReaderArgs;
use crate::db;
use crate::mail::{self, Mailer, worker::MailWorker};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use lettre::message::Mailbox;
use std::path::Path;
use std::time::Duration;
use tokens::Signer;

/// The cookie that binds CSRF tokens to one browser.
pub const CSRF_COOKIE: &str = "careers_csrf";
/// The hidden field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf";

/// What the reader forms share: the signer, the mail worker, rate limits.
pub struct Readers {
    pub signer: Signer,
    pub from: Mailbox,
    pub mail: MailWorker,
    pub limits: limits::Limits,
    pub trust_forwarded: bool,
    /// Cookies get `Secure` when the site's URL is https.
    pub secure: bool,
}

impl Readers {
    /// Reads (or creates) the server secret, starts the mail worker.
    pub fn new(
        pool: &db::Pool,
        args: &ReaderArgs,
        database: &Path,
        site_url: &str,
        site_title: &str,
    ) -> Result<Readers, String> {
        let conn = pool.get().map_err(|e| format!("database: {e}"))?;
        let fresh = tokens::random_hex(32).map_err(|e| format!("no random numbers: {e}"))?;
        let key = db::secret(&conn, "tokens", fresh.as_bytes()).map_err(|e| e.to_string())?;
        drop(conn);
        let outbox = args.outbox.clone().unwrap_or_else(|| {
            database
                .parent()
                .unwrap_or_else(|| Path::new("."))
                .join("outbox")
        });
        let mailer = Mailer::new(args.smtp_url.as_deref(), &outbox).map_err(|e| e.to_string())?;
        let from = mail::sender(args.mail_from.as_deref(), site_title, site_url)
            .map_err(|e| format!("CAREERS_MAIL_FROM: {e}"))?;
        let worker = MailWorker::start(pool.clone(), mailer, from.clone())
            .map_err(|e| format!("starting the mail worker: {e}"))?;
        Ok(Readers {
            signer: Signer::new(key),
            from,
            mail: worker,
            limits: limits::Limits::new(args.submit_per_minute, args.submit_per_second),
            trust_forwarded: args.trust_forwarded,
            secure: site_url.starts_with("https://"),
        })
    }

    /// The rate-limit key of the client: its address (or the last
    /// `X-Forwarded-For` entry behind a trusted proxy).
    pub fn client(&self, req: &HttpRequest) -> String {
        if self.trust_forwarded
            && let Some(last) = req
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
        {
            return last.trim().to_string();
        }
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }

    /// A cookie with the flags every cookie of ours has.
    pub fn cookie<'c>(&self, name: &'c str, value: String, path: &'c str) -> Cookie<'c> {
        Cookie::build(name, value)
            .path(path)
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure)
            .finish()
    }
}

/// The browser's CSRF cookie, or a new one to set with the response.
pub struct Browser {
    pub cookie: String,
    new: bool,
}

impl Browser {
    pub fn of(req: &HttpRequest) -> Browser {
        match req.cookie(CSRF_COOKIE) {
            Some(c)
                if c.value().len() == 32 && c.value().bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                Browser {
                    cookie: c.value().to_string(),
                    new: false,
                }
            }
            _ => Browser {
                cookie: tokens::random_hex(16).unwrap_or_default(),
                new: true,
            },
        }
    }

    /// The token forms shown to this browser carry.
    pub fn token(&self, readers: &Readers) -> String {
        readers.signer.csrf(&self.cookie)
    }
}

/// Why a POST was refused before its fields were looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// From another site, or without this browser's CSRF token.
    Forged,
    /// Over a rate limit: try again after this long.
    Limited(Duration),
}

/// True when the request says it comes from a page of this site (or says
/// nothing: browsers send `Origin` on every form POST, other clients
/// need the token anyway).
pub fn same_origin(req: &HttpRequest, site_url: &str) -> bool {
    if let Some(site) = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    let site_origin = origin_of(site_url);
    let info = req.connection_info();
    let host_origin = format!("{}://{}", info.scheme(), info.host());
    origin == site_origin || origin == host_origin
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    let start = url.find("://").map_or(0, |i| i + 3);
    let end = url[start..].find('/').map_or(url.len(), |i| start + i);
    &url[..end]
}

/// Checks origin and CSRF token, then the submission rate limits.
pub fn check_post(
    req: &HttpRequest,
    readers: &Readers,
    site_url: &str,
    token: &str,
) -> Result<(), Refusal> {
    let cookie = req.cookie(CSRF_COOKIE);
    let bound = cookie.is_some_and(|c| readers.signer.csrf_ok(c.value(), token));
    if !bound || !same_origin(req, site_url) {
        return Err(Refusal::Forged);
    }
    readers
        .limits
        .submission(&readers.client(req))
        .map_err(Refusal::Limited)
}

/// The layout of a reader form about `role` at `url`: its title, and the
/// crumbs Roles > the role > `crumb`.
pub fn role_form_page(
    state: &super::state::AppState,
    role: &crate::content::role::Role,
    title: &str,
    crumb: &str,
    url: &str,
) -> super::layout::PageMeta {
    super::layout::PageMeta::new(state, &state.site(), title, title, url)
        .crumb("Roles", "/roles/")
        .crumb(&role.fm.title, &role.url())
        .crumb(crumb, "")
        .in_section("roles")
}

/// A page for one visitor: never cached or stored (`no-store`, no ETag),
/// with the CSRF cookie when the browser had none.
pub fn private_page(
    readers: &Readers,
    browser: Option<&Browser>,
    status: StatusCode,
    body: String,
) -> HttpResponse {
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type("text/html; charset=utf-8");
    if let Some(b) = browser.filter(|b| b.new) {
        res.cookie(readers.cookie(CSRF_COOKIE, b.cookie.clone(), "/"));
    }
    res.body(body)
}

/// The status of a form shown again, with `Retry-After` when limited.
pub fn refused_status(refusal: Option<Refusal>) -> (StatusCode, Option<u64>) {
    match refusal {
        Some(Refusal::Forged) => (StatusCode::FORBIDDEN, None),
        Some(Refusal::Limited(wait)) => (
            StatusCode::TOO_MANY_REQUESTS,
            Some(limits::retry_after(wait)),
        ),
        None => (StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

/// Adds `Retry-After` to a limited response.
pub fn with_retry(mut res: HttpResponse, retry: Option<u64>) -> HttpResponse {
    if let Some(secs) = retry
        && let Ok(v) = header::HeaderValue::from_str(&secs.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// 303 See Other to `location` (the "Get" of Post/Redirect/Get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// Where a successful submission sends the reader: "check your email".
pub const SENT_URL: &str = "/email/sent/";

/// The absolute URL of a mailed link.
pub fn link_url(site_url: &str, purpose: tokens::Purpose, token: &str) -> String {
    format!(
        "{}/email/{}/?t={token}",
        site_url.trim_end_matches('/'),
        purpose.segment()
    )
}
