//! The links mailed to readers, at `/email/{purpose}/?t=TOKEN`: GET shows
//! what the link will do with a button, POST does it (so a mail scanner
//! that opens links changes nothing). `List-Unsubscribe-Post` one-click
//! unsubscribes (RFC 8058) need no CSRF token: the signed link is the
//! proof. Also the mails themselves and the "check your email" page.

use super::share::refusal_message;
use super::tokens::{LinkError, Purpose};
use super::{Browser, check_post, link_url, private_page, see_other, with_retry};
use crate::db::{self, DbError, Holder, readers::Kind};
use crate::mail::{self, Letter};
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use crate::web::typed_query::Query;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "mail/verify.txt")]
struct VerifyMail<'a> {
    site_title: &'a str,
    name: &'a str,
    what: &'a str,
    link: &'a str,
    delete_link: &'a str,
    days: i64,
}

/// "Confirm it was you" for a testimonial or question.
pub fn verify_letter(
    _state: &AppState,
    site_title: &str,
    to: &str,
    name: &str,
    what: &str,
    link: &str,
    delete_link: &str,
) -> Result<Letter, DbError> {
    let body = VerifyMail {
        site_title,
        name,
        what,
        link,
        delete_link,
        days: db::retention::UNVERIFIED_DAYS,
    }
    .render()
    .map_err(|e| DbError::Invalid(format!("mail template: {e}")))?;
    Ok(Letter {
        to: to.to_string(),
        subject: format!("Please confirm {what}"),
        body,
        unsubscribe: None,
    })
}

#[derive(Template)]
#[template(path = "mail/newsletter.txt")]
struct NewsletterMail<'a> {
    site_title: &'a str,
    confirm_link: Option<&'a str>,
    unsubscribe_link: &'a str,
    delete_link: &'a str,
    days: i64,
}

/// The sign-up confirmation (`confirm`) or the welcome after it (`None`);
/// both carry the unsubscribe link and `List-Unsubscribe`.
pub fn newsletter_letter(
    state: &AppState,
    site_title: &str,
    to: &str,
    subscriber: i64,
    confirm: bool,
) -> Result<Letter, DbError> {
    let signer = &state.readers.signer;
    let site_url = &state.config.site_url;
    let subject = format!("{}{subscriber}", Holder::Subscriber.letter());
    let confirm_link = link_url(
        site_url,
        Purpose::Subscribe,
        &signer.link(Purpose::Subscribe, &subject),
    );
    let unsubscribe = link_url(
        site_url,
        Purpose::Unsubscribe,
        &signer.link(Purpose::Unsubscribe, &subject),
    );
    let delete = link_url(
        site_url,
        Purpose::DeleteData,
        &signer.link(Purpose::DeleteData, &subject),
    );
    let body = NewsletterMail {
        site_title,
        confirm_link: confirm.then_some(confirm_link.as_str()),
        unsubscribe_link: &unsubscribe,
        delete_link: &delete,
        days: db::retention::UNVERIFIED_DAYS,
    }
    .render()
    .map_err(|e| DbError::Invalid(format!("mail template: {e}")))?;
    Ok(Letter {
        to: to.to_string(),
        subject: if confirm {
            format!("Confirm your subscription to {site_title}")
        } else {
            format!("You are subscribed to {site_title}")
        },
        body,
        unsubscribe: Some(unsubscribe),
    })
}

#[derive(Template)]
#[template(path = "forms/link.html")]
struct LinkPage<'a> {
    page: PageMeta,
    /// The purpose's URL segment.
    purpose: &'a str,
    token: &'a str,
    csrf: String,
    /// Set when the link cannot be used: why.
    problem: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkQuery {
    pub t: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub t: String,
    pub csrf: String,
    #[serde(rename = "List-Unsubscribe")]
    pub one_click: String,
}

fn title(p: Purpose) -> &'static str {
    match p {
        Purpose::Subscribe => "Confirm your subscription",
        Purpose::Verify => "Confirm your email address",
        Purpose::Unsubscribe => "Unsubscribe from the newsletter",
        Purpose::DeleteData => "Delete your data",
    }
}

fn problem_text(e: LinkError) -> (StatusCode, String) {
    match e {
        LinkError::Invalid => (
            StatusCode::BAD_REQUEST,
            "This link is not one of ours, or it was cut short. Copy the whole link from the mail."
                .into(),
        ),
        LinkError::Expired => (
            StatusCode::GONE,
            "This link has expired. Send the form again to get a new one.".into(),
        ),
    }
}

fn render(
    state: &AppState,
    browser: &Browser,
    purpose: Purpose,
    token: &str,
    problem: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let path = format!("/email/{}/", purpose.segment());
    let page = PageMeta::new(state, &state.site(), title(purpose), title(purpose), &path);
    let body = LinkPage {
        page,
        purpose: purpose.segment(),
        token,
        csrf: browser.token(&state.readers),
        problem,
    }
    .render()?;
    Ok(private_page(&state.readers, Some(browser), status, body))
}

fn purpose_of(segment: &str) -> Result<Purpose, AppError> {
    Purpose::from_segment(segment).ok_or(AppError::NotFound)
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    segment: web::Path<String>,
    Query(query): Query<LinkQuery>,
) -> Result<HttpResponse, AppError> {
    let purpose = purpose_of(&segment)?;
    let browser = Browser::of(&req);
    match state.readers.signer.check_link(purpose, &query.t) {
        Ok(_) => render(&state, &browser, purpose, &query.t, None, StatusCode::OK),
        Err(e) => {
            let (status, text) = problem_text(e);
            render(&state, &browser, purpose, "", Some(text), status)
        }
    }
}

pub async fn act(
    req: HttpRequest,
    state: web::Data<AppState>,
    segment: web::Path<String>,
    Query(query): Query<LinkQuery>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, AppError> {
    let purpose = purpose_of(&segment)?;
    let token = if form.t.is_empty() { &query.t } else { &form.t };
    let browser = Browser::of(&req);
    let subject = match state.readers.signer.check_link(purpose, token) {
        Ok(s) => s,
        Err(e) => {
            let (status, text) = problem_text(e);
            return render(&state, &browser, purpose, "", Some(text), status);
        }
    };
    let one_click = purpose == Purpose::Unsubscribe && form.one_click == "One-Click";
    if !one_click
        && let Err(r) = check_post(&req, &state.readers, &state.config.site_url, &form.csrf)
    {
        let (status, retry) = super::refused_status(Some(r));
        let res = render(
            &state,
            &browser,
            purpose,
            token,
            Some(refusal_message(r)),
            status,
        )?;
        return Ok(with_retry(res, retry));
    }
    let (holder, id) = subject
        .split_at_checked(1)
        .and_then(|(h, id)| {
            Some((
                Holder::from_letter(h.chars().next()?)?,
                id.parse::<i64>().ok()?,
            ))
        })
        .ok_or_else(|| AppError::BadRequest("This link names nothing we know.".into()))?;
    let site_title = state.site().info.title.clone();
    let st = state.clone();
    let done = state
        .db(move |c| {
            let tx =
                rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate)?;
            let done = perform(&st, &tx, purpose, holder, id, &site_title)?;
            tx.commit()?;
            Ok(done)
        })
        .await?;
    state.readers.mail.wake();
    Ok(see_other(&format!(
        "/email/done/{}/{}",
        purpose.segment(),
        if done { "" } else { "?gone=1" }
    )))
}

/// Does what the link is for; false when its row no longer exists.
fn perform(
    state: &AppState,
    c: &rusqlite::Connection,
    purpose: Purpose,
    holder: Holder,
    id: i64,
    site_title: &str,
) -> Result<bool, DbError> {
    let subject = format!(
        "{} {id}",
        match holder {
            Holder::Testimonial => "testimonial",
            Holder::Question => "question",
            Holder::Subscriber => "subscriber",
        }
    );
    match (purpose, holder) {
        (Purpose::Verify, Holder::Testimonial | Holder::Question) => {
            let kind = if holder == Holder::Testimonial {
                Kind::Testimonial
            } else {
                Kind::Question
            };
            let found = db::readers::verify(c, kind, id)?;
            if found {
                db::audit(c, "reader", "verify", &subject, "")?;
            }
            Ok(found)
        }
        (Purpose::Subscribe, Holder::Subscriber) => match db::confirm_subscriber(c, id)? {
            Some(email) => {
                db::audit(c, "reader", "subscribe", &subject, "")?;
                let letter = newsletter_letter(state, site_title, &email, id, false)?;
                mail::queue(c, &state.readers.from, &letter)?;
                Ok(true)
            }
            None => Ok(false),
        },
        (Purpose::Unsubscribe, Holder::Subscriber) => {
            let found = db::unsubscribe(c, id)?;
            if found {
                db::audit(c, "reader", "unsubscribe", &subject, "")?;
            }
            Ok(found)
        }
        (Purpose::DeleteData, _) => match db::email_of(c, holder, id)? {
            Some(email) => {
                let d = db::delete_reader_data(c, &email)?;
                db::audit(
                    c,
                    "reader",
                    "delete-data",
                    &subject,
                    &format!(
                        "{} testimonials, {} questions, {} subscriptions, {} queued mails",
                        d.testimonials, d.questions, d.subscriptions, d.mails
                    ),
                )?;
                Ok(true)
            }
            None => Ok(false),
        },
        _ => Err(DbError::Invalid(format!(
            "a {} link cannot name {subject}",
            purpose.segment()
        ))),
    }
}

#[derive(Template)]
#[template(path = "forms/done.html")]
struct DonePage {
    page: PageMeta,
    /// The purpose's segment, or `sent` for "check your email".
    what: &'static str,
    gone: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    pub gone: String,
}

/// `/email/sent/`: "check your email" after a form was sent.
pub async fn sent(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let page = PageMeta::new(
        &state,
        &state.site(),
        "Check your email",
        "Check your email",
        super::SENT_URL,
    );
    let body = DonePage {
        page,
        what: "sent",
        gone: false,
    }
    .render()?;
    Ok(private_page(&state.readers, None, StatusCode::OK, body))
}

/// `/email/done/{purpose}/`: what a link did.
pub async fn done(
    state: web::Data<AppState>,
    segment: web::Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let purpose = purpose_of(&segment)?;
    let page = PageMeta::new(
        &state,
        &state.site(),
        title(purpose),
        title(purpose),
        &format!("/email/done/{}/", purpose.segment()),
    );
    let body = DonePage {
        page,
        what: purpose.segment(),
        gone: !query.gone.is_empty(),
    }
    .render()?;
    Ok(private_page(&state.readers, None, StatusCode::OK, body))
}
