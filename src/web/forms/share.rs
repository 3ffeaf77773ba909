//! `/roles/{slug}/share/`: "Share your experience". A verified, approved
//! submission shows in the role's testimonials, marked as a reader's.

use super::fields::{self, Errors};
use super::tokens::Purpose;
use super::{
    Browser, Refusal, SENT_URL, check_post, link_url, private_page, refused_status, see_other,
    with_retry,
};
use crate::content::role::Role;
use crate::db::{self, Holder, readers::TestimonialText};
use crate::mail;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// The form's fields, as sent (all optional, so any body parses).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ShareForm {
    pub name: String,
    pub job_title: String,
    pub years: String,
    pub background: String,
    pub quote: String,
    /// `yes` when the consent box is ticked.
    pub consent: String,
    pub email: String,
    /// The honeypot: people leave it empty.
    pub website: String,
    pub csrf: String,
}

/// Longest fields, in characters.
pub const MAX_NAME: usize = 80;
pub const MAX_JOB: usize = 120;
pub const MAX_BACKGROUND: usize = 300;
pub const MIN_QUOTE: usize = 20;
pub const MAX_QUOTE: usize = 2000;

#[derive(Template)]
#[template(path = "forms/share.html")]
struct SharePage<'a> {
    page: PageMeta,
    role: &'a Role,
    csrf: String,
    form: &'a ShareForm,
    errors: &'a Errors,
}

/// The form's route (`web::routes::table`).
pub const PATTERN: &str = "/roles/{slug}/share/";

/// The form of the role `slug`.
pub fn url(slug: &str) -> String {
    crate::web::routes::fill(PATTERN, [("slug", slug)])
}

fn render(
    state: &AppState,
    role: &Role,
    browser: &Browser,
    form: &ShareForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let title = format!("Share your experience as a {}", role.fm.title);
    let page = super::role_form_page(
        state,
        role,
        &title,
        "Share your experience",
        &url(&role.slug),
    );
    let body = SharePage {
        page,
        role,
        csrf: browser.token(&state.readers),
        form,
        errors,
    }
    .render()?;
    Ok(private_page(&state.readers, Some(browser), status, body))
}

pub async fn form(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let browser = Browser::of(&req);
    render(
        &state,
        role,
        &browser,
        &ShareForm::default(),
        &Errors::default(),
        StatusCode::OK,
    )
}

/// The checked text of a submission, or the problems to show.
pub fn check(form: &ShareForm, errors: &mut Errors) -> (TestimonialText, String) {
    let text = TestimonialText {
        name: fields::text(
            errors,
            "name",
            &form.name,
            "your name or initials",
            1,
            MAX_NAME,
        ),
        job_title: fields::text(
            errors,
            "job_title",
            &form.job_title,
            "your current role",
            1,
            MAX_JOB,
        ),
        years: fields::number(errors, "years", &form.years, "years in that role", 0, 70),
        background: fields::text(
            errors,
            "background",
            &form.background,
            "your background",
            1,
            MAX_BACKGROUND,
        ),
        quote: fields::text(
            errors,
            "quote",
            &form.quote,
            "your experience",
            MIN_QUOTE,
            MAX_QUOTE,
        ),
    };
    if form.consent != "yes" {
        errors.add(
            "consent",
            "Tick the box to agree that we may publish what you wrote",
        );
    }
    let email = fields::email(errors, "email", &form.email);
    (text, email)
}

/// The message for a refused POST, at the top of the form.
pub fn refusal_message(r: Refusal) -> String {
    match r {
        Refusal::Forged => "This form was out of date or did not come from this site, so nothing was saved. Check what you wrote and send it again.".into(),
        Refusal::Limited(wait) => format!(
            "Too many forms were sent from your connection, so nothing was saved. Wait {} seconds and send it again.",
            super::limits::retry_after(wait)
        ),
    }
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<ShareForm>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let form = form.into_inner();
    let refusal = check_post(&req, &state.readers, &state.config.site_url, &form.csrf).err();
    if refusal.is_none() && !form.website.is_empty() {
        // A bot filled the honeypot: it sees success, nothing is kept.
        return Ok(see_other(SENT_URL));
    }
    let mut errors = Errors::default();
    let (text, email) = check(&form, &mut errors);
    if let Some(r) = refusal {
        errors.form(refusal_message(r));
    }
    if !errors.is_empty() {
        let (status, retry) = refused_status(refusal);
        let res = render(&state, role, &Browser::of(&req), &form, &errors, status)?;
        return Ok(with_retry(res, retry));
    }
    let (slug, role_title) = (role.slug.clone(), role.fm.title.clone());
    let (site_url, site_title) = (state.config.site_url.clone(), site.info.title.clone());
    let st = state.clone();
    state
        .db(move |c| {
            let tx =
                rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate)?;
            let id = db::readers::insert_reader_testimonial(&tx, &slug, &text, &email)?;
            let subject = format!("{}{id}", Holder::Testimonial.letter());
            let letter = super::links::verify_letter(
                &st,
                &site_title,
                &email,
                &text.name,
                &format!("your experience as a {role_title}"),
                &link_url(
                    &site_url,
                    Purpose::Verify,
                    &st.readers.signer.link(Purpose::Verify, &subject),
                ),
                &link_url(
                    &site_url,
                    Purpose::DeleteData,
                    &st.readers.signer.link(Purpose::DeleteData, &subject),
                ),
            )?;
            mail::queue(&tx, &st.readers.from, &letter)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    state.readers.mail.wake();
    Ok(see_other(SENT_URL))
}
