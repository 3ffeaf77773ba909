//! Signing in and out. A session is a random cookie value (HttpOnly,
//! SameSite=Strict, path `/admin/`, Secure when the site is https) whose
//! SHA-256 is stored with an expiry; login attempts are throttled per
//! client and per user name (429 with `Retry-After`).

use super::{LOGIN_URL, SESSION_COOKIE, editor, password, token_hash};
use crate::db;
use crate::web::error::AppError;
use crate::web::forms::fields::Errors;
use crate::web::forms::limits::retry_after;
use crate::web::forms::{Browser, private_page, see_other, tokens, with_retry};
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    pub csrf: String,
}

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage<'a> {
    page: PageMeta,
    csrf: String,
    username: &'a str,
    errors: &'a Errors,
}

fn render(
    state: &AppState,
    req: &HttpRequest,
    username: &str,
    errors: &Errors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let browser = Browser::of(req);
    let page = PageMeta::new(
        state,
        &state.site(),
        "Editors: sign in",
        "Sign in to moderate",
        LOGIN_URL,
    );
    let body = LoginPage {
        page,
        csrf: browser.token(&state.readers),
        username,
        errors,
    }
    .render()?;
    Ok(private_page(&state.readers, Some(&browser), status, body))
}

pub async fn form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(&state, &req, "", &Errors::default(), StatusCode::OK)
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let readers = &state.readers;
    let mut errors = Errors::default();
    let csrf_ok = req
        .cookie(crate::web::forms::CSRF_COOKIE)
        .is_some_and(|c| readers.signer.csrf_ok(c.value(), &form.csrf))
        && crate::web::forms::same_origin(&req, &state.config.site_url);
    if !csrf_ok {
        errors.form("This form was out of date or did not come from this site. Sign in again.");
        return render(&state, &req, &form.username, &errors, StatusCode::FORBIDDEN);
    }
    if let Err(wait) = readers.limits.login(&readers.client(&req), &form.username) {
        errors.form(format!(
            "Too many sign-in attempts. Wait {} seconds and try again.",
            retry_after(wait)
        ));
        let res = render(
            &state,
            &req,
            &form.username,
            &errors,
            StatusCode::TOO_MANY_REQUESTS,
        )?;
        return Ok(with_retry(res, Some(retry_after(wait))));
    }
    let username = form.username.trim().to_string();
    let pw = form.password;
    let cookie_value =
        tokens::random_hex(32).map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let hash = token_hash(&cookie_value);
    let who = username.clone();
    // Argon2 is slow on purpose: run it on the blocking pool.
    let signed_in = state
        .db(move |c| {
            let Some((id, stored)) = db::editor_login(c, &who)? else {
                password::verify_nobody(&pw);
                return Ok(false);
            };
            if !password::verify(&pw, &stored) {
                return Ok(false);
            }
            db::start_session(c, &hash, id)?;
            db::audit(c, &who, "sign-in", &format!("editor {who}"), "")?;
            Ok(true)
        })
        .await?;
    if !signed_in {
        tracing::info!(user = %username, "failed sign-in");
        errors.form("That user name and password do not match an editor's account.");
        return render(&state, &req, &username, &errors, StatusCode::UNAUTHORIZED);
    }
    let mut res = see_other("/admin/");
    let mut cookie = readers.cookie(SESSION_COOKIE, cookie_value, "/admin/");
    cookie.set_max_age(CookieDuration::hours(db::retention::SESSION_HOURS));
    res.add_cookie(&cookie)
        .map_err(|e| AppError::Internal(format!("session cookie: {e}")))?;
    Ok(res)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogoutForm {
    pub csrf: String,
}

pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LogoutForm>,
) -> Result<HttpResponse, AppError> {
    super::check_form(&req, &state, &form.csrf)?;
    let who = editor(&req)?;
    if let Some(c) = req.cookie(SESSION_COOKIE) {
        let hash = token_hash(c.value());
        state
            .db(move |c| {
                db::end_session(c, &hash)?;
                db::audit(
                    c,
                    &who.username,
                    "sign-out",
                    &format!("editor {}", who.username),
                    "",
                )
            })
            .await?;
    }
    let mut res = see_other(LOGIN_URL);
    let mut gone = state
        .readers
        .cookie(SESSION_COOKIE, String::new(), "/admin/");
    gone.make_removal();
    res.add_cookie(&gone)
        .map_err(|e| AppError::Internal(format!("session cookie: {e}")))?;
    Ok(res)
}
