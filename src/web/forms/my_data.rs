//! `/my-data/`: a reader asks for a link that deletes everything stored
//! under their address. What the forms store and for how long is the
//! privacy page, an editorial page of the pack (`content/pages/privacy.md`)
//! whose retention periods `pages::editorial` fills from `db::retention`.

use super::fields::{self, Errors};
use super::share::refusal_message;
use super::tokens::Purpose;
use super::{
    Browser, SENT_URL, check_post, link_url, private_page, refused_status, see_other, with_retry,
};
use crate::db::{self, retention};
use crate::mail::{self, Letter};
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

pub const URL: &str = "/my-data/";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MyDataForm {
    pub email: String,
    pub website: String,
    pub csrf: String,
}

#[derive(Template)]
#[template(path = "forms/my_data.html")]
struct MyDataPage<'a> {
    page: PageMeta,
    csrf: String,
    form: &'a MyDataForm,
    errors: &'a Errors,
}

#[derive(Template)]
#[template(path = "mail/delete.txt")]
struct DeleteMail<'a> {
    site_title: &'a str,
    link: &'a str,
    days: i64,
}

fn render(
    state: &AppState,
    browser: &Browser,
    form: &MyDataForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = PageMeta::new(
        state,
        &state.site(),
        "Delete your data",
        "Delete your data",
        URL,
    )
    .crumb("Delete your data", "");
    let body = MyDataPage {
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
        &MyDataForm::default(),
        &Errors::default(),
        StatusCode::OK,
    )
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<MyDataForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let refusal = check_post(&req, &state.readers, &state.config.site_url, &form.csrf).err();
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
            // Mail only an address we hold; the page says the same either way.
            if let Some((holder, id)) = db::holder_of(c, &email)? {
                let token = st
                    .readers
                    .signer
                    .link(Purpose::DeleteData, &format!("{}{id}", holder.letter()));
                let link = link_url(&st.config.site_url, Purpose::DeleteData, &token);
                let body = DeleteMail {
                    site_title: &site_title,
                    link: &link,
                    days: retention::UNVERIFIED_DAYS,
                }
                .render()
                .map_err(|e| db::DbError::Invalid(format!("mail template: {e}")))?;
                let letter = Letter {
                    to: email.clone(),
                    subject: format!("Delete your data at {site_title}"),
                    body,
                    unsubscribe: None,
                };
                mail::queue(c, &st.readers.from, &letter)?;
            }
            Ok(())
        })
        .await?;
    state.readers.mail.wake();
    Ok(see_other(SENT_URL))
}
