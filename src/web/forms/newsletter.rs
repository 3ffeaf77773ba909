//! The newsletter sign-up (double opt-in): `/newsletter/`, and the small
//! form on the home page and article pages ([`Signup`]). Those pages are
//! cached for everyone, so their form carries a page token (signed, valid
//! for a day or two, not bound to a browser) and the POST must come from
//! this site (`Origin`, `Sec-Fetch-Site`); a stale or foreign one gets the
//! full form back, address kept, with this browser's own token.

use super::fields::{self, Errors};
use super::share::refusal_message;
use super::{
    Browser, Refusal, SENT_URL, private_page, refused_status, same_origin, see_other, with_retry,
};
use crate::db::{self, Subscription};
use crate::mail;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

pub const URL: &str = "/newsletter/";

/// What the sign-up partial (`partials/signup.html`) needs.
pub struct Signup {
    pub action: &'static str,
    pub token: String,
}

/// The sign-up form for a cached page.
pub fn signup(state: &AppState) -> Signup {
    Signup {
        action: URL,
        token: state.readers.signer.page(),
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SignupForm {
    pub email: String,
    pub website: String,
    pub csrf: String,
}

#[derive(Template)]
#[template(path = "forms/newsletter.html")]
struct NewsletterPage<'a> {
    page: PageMeta,
    csrf: String,
    form: &'a SignupForm,
    errors: &'a Errors,
}

fn render(
    state: &AppState,
    browser: &Browser,
    form: &SignupForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let title = format!("The {} newsletter", site.info.title);
    let page = PageMeta::new(state, &state.site(), &title, &title, URL).crumb("Newsletter", "");
    let body = NewsletterPage {
        page,
        csrf: browser.token(&state.readers),
        form,
        errors,
    }
    .render()?;
    Ok(private_page(&state.readers, Some(browser), status, body))
}

pub async fn form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(
        &state,
        &Browser::of(&req),
        &SignupForm::default(),
        &Errors::default(),
        StatusCode::OK,
    )
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignupForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let readers = &state.readers;
    let site_url = &state.config.site_url;
    // This browser's token, or a fresh page token from this site.
    let refusal = match super::check_post(&req, readers, site_url, &form.csrf) {
        Err(Refusal::Forged)
            if readers.signer.page_ok(&form.csrf) && same_origin(&req, site_url) =>
        {
            readers
                .limits
                .submission(&readers.client(&req))
                .err()
                .map(Refusal::Limited)
        }
        r => r.err(),
    };
    if refusal.is_none() && !form.website.is_empty() {
        return Ok(see_other(SENT_URL));
    }
    let mut errors = Errors::default();
    let email = fields::email(&mut errors, "email", &form.email);
    if let Some(r) = refusal {
        errors.form(refusal_message(r));
    }
    if !errors.is_empty() {
        let (status, retry) = refused_status(refusal);
        let res = render(&state, &Browser::of(&req), &form, &errors, status)?;
        return Ok(with_retry(res, retry));
    }
    let site_title = state.site().info.title.clone();
    let st = state.clone();
    state
        .db(move |c| {
            let tx =
                rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate)?;
            match db::subscribe(&tx, &email)? {
                Subscription::New(id) | Subscription::Unconfirmed(id) => {
                    let letter =
                        super::links::newsletter_letter(&st, &site_title, &email, id, true)?;
                    mail::queue(&tx, &st.readers.from, &letter)?;
                }
                // Already subscribed: say nothing that tells a stranger so.
                Subscription::Confirmed(_) => {}
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    state.readers.mail.wake();
    Ok(see_other(SENT_URL))
}
