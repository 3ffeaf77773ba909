//! `/roles/{slug}/ask/`: "Ask a question". A verified question an editor
//! answers becomes a FAQ on the role page, marked as a reader's.

use super::fields::{self, Errors};
use super::share::refusal_message;
use super::tokens::Purpose;
use super::{
    Browser, SENT_URL, check_post, link_url, private_page, refused_status, see_other, with_retry,
};
use crate::content::role::Role;
use crate::db::{self, Holder};
use crate::mail;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AskForm {
    pub name: String,
    pub question: String,
    pub email: String,
    pub website: String,
    pub csrf: String,
}

pub const MAX_NAME: usize = 80;
pub const MIN_QUESTION: usize = 10;
pub const MAX_QUESTION: usize = 1000;

#[derive(Template)]
#[template(path = "forms/ask.html")]
struct AskPage<'a> {
    page: PageMeta,
    role: &'a Role,
    csrf: String,
    form: &'a AskForm,
    errors: &'a Errors,
}

/// The form's route (`web::routes::table`).
pub const PATTERN: &str = "/roles/{slug}/ask/";

/// The form of the role `slug`.
pub fn url(slug: &str) -> String {
    crate::web::routes::fill(PATTERN, [("slug", slug)])
}

fn render(
    state: &AppState,
    role: &Role,
    browser: &Browser,
    form: &AskForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let title = format!("Ask a question about the {} role", role.fm.title);
    let page = super::role_form_page(state, role, &title, "Ask a question", &url(&role.slug));
    let body = AskPage {
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
    render(
        &state,
        role,
        &Browser::of(&req),
        &AskForm::default(),
        &Errors::default(),
        StatusCode::OK,
    )
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<AskForm>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let form = form.into_inner();
    let refusal = check_post(&req, &state.readers, &state.config.site_url, &form.csrf).err();
    if refusal.is_none() && !form.website.is_empty() {
        return Ok(see_other(SENT_URL));
    }
    let mut errors = Errors::default();
    let name = fields::text(&mut errors, "name", &form.name, "your name", 0, MAX_NAME);
    let question = fields::text(
        &mut errors,
        "question",
        &form.question,
        "your question",
        MIN_QUESTION,
        MAX_QUESTION,
    );
    let email = fields::email(&mut errors, "email", &form.email);
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
            let id = db::readers::insert_reader_question(&tx, &slug, &name, &question, &email)?;
            let subject = format!("{}{id}", Holder::Question.letter());
            let letter = super::links::verify_letter(
                &st,
                &site_title,
                &email,
                &name,
                &format!("a question about the {role_title} role"),
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
