//! The moderation queues: testimonials and questions by status, one
//! submission to edit and approve, answer or reject. Every decision is in
//! the audit log; publishing writes the public row, which invalidates the
//! page cache, so the role page shows it at once.

use super::{check_form, editor, page};
use crate::content::markdown;
use crate::db;
use crate::db::readers::{self, Kind, QuestionSubmission, Status, TestimonialSubmission};
use crate::web::error::AppError;
use crate::web::forms::fields::{self, Errors};
use crate::web::forms::{Browser, see_other, share};
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "admin/index.html")]
struct IndexPage {
    page: PageMeta,
    csrf: String,
    editor: String,
    testimonials: i64,
    questions: i64,
}

pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let who = editor(&req)?;
    let (testimonials, questions) = state.db(readers::pending_counts).await?;
    let browser = Browser::of(&req);
    let body = IndexPage {
        page: PageMeta::new(&state, &state.site(), "Moderation", "Moderation", "/admin/"),
        csrf: browser.token(&state.readers),
        editor: who.username,
        testimonials,
        questions,
    }
    .render()?;
    Ok(page(&state, &browser, body))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub status: String,
}

fn status_of(q: &ListQuery) -> Result<Status, AppError> {
    if q.status.is_empty() {
        return Ok(Status::Pending);
    }
    Status::from_key(&q.status).ok_or_else(|| {
        AppError::BadRequest(format!(
            "status must be one of {}",
            Status::ALL.map(Status::key).join(", ")
        ))
    })
}

#[derive(Template)]
#[template(path = "admin/list.html")]
struct ListPage {
    page: PageMeta,
    kind: &'static str,
    status: &'static str,
    statuses: [&'static str; 4],
    /// (url, role, who, excerpt, created)
    rows: Vec<(String, String, String, String, String)>,
}

fn excerpt(s: &str) -> String {
    let mut e: String = s.chars().take(120).collect();
    if s.chars().count() > 120 {
        e.push('…');
    }
    e
}

pub async fn testimonials(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let status = status_of(&q)?;
    let rows = state
        .db(move |c| readers::reader_testimonials(c, status))
        .await?;
    let rows = rows
        .into_iter()
        .map(|t| {
            (
                format!("/admin/testimonials/{}/", t.id),
                t.role_slug,
                t.text.name,
                excerpt(&t.text.quote),
                t.created_at,
            )
        })
        .collect();
    list(&req, &state, Kind::Testimonial, status, rows)
}

pub async fn questions(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let status = status_of(&q)?;
    let rows = state
        .db(move |c| readers::reader_questions(c, status))
        .await?;
    let rows = rows
        .into_iter()
        .map(|t| {
            (
                format!("/admin/questions/{}/", t.id),
                t.role_slug,
                t.name,
                excerpt(&t.question),
                t.created_at,
            )
        })
        .collect();
    list(&req, &state, Kind::Question, status, rows)
}

fn list(
    req: &HttpRequest,
    state: &AppState,
    kind: Kind,
    status: Status,
    rows: Vec<(String, String, String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let title = format!("{}s: {}", kind.key(), status.key());
    let body = ListPage {
        page: PageMeta::new(
            state,
            &state.site(),
            &title,
            &title,
            &format!("/admin/{}s/", kind.key()),
        )
        .crumb("Moderation", "/admin/")
        .crumb(&title, ""),
        kind: kind.key(),
        status: status.key(),
        statuses: Status::ALL.map(Status::key),
        rows,
    }
    .render()?;
    Ok(page(state, &Browser::of(req), body))
}

#[derive(Template)]
#[template(path = "admin/testimonial.html")]
struct TestimonialPage<'a> {
    page: PageMeta,
    csrf: String,
    t: &'a TestimonialSubmission,
    errors: &'a Errors,
}

fn id_of(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

pub async fn testimonial(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&id)?;
    let t = state
        .db(move |c| readers::reader_testimonial(c, id))
        .await?
        .ok_or(AppError::NotFound)?;
    show_testimonial(&req, &state, &t, &Errors::default())
}

fn show_testimonial(
    req: &HttpRequest,
    state: &AppState,
    t: &TestimonialSubmission,
    errors: &Errors,
) -> Result<HttpResponse, AppError> {
    let browser = Browser::of(req);
    let title = format!("Testimonial {}", t.id);
    let body = TestimonialPage {
        page: PageMeta::new(
            state,
            &state.site(),
            &title,
            &title,
            &format!("/admin/testimonials/{}/", t.id),
        )
        .crumb("Moderation", "/admin/")
        .crumb("Testimonials", "/admin/testimonials/")
        .crumb(&title, ""),
        csrf: browser.token(&state.readers),
        t,
        errors,
    }
    .render()?;
    Ok(page(state, &browser, body))
}

/// An editor's decision on a testimonial: `save`, `approve` or `reject`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TestimonialDecision {
    pub csrf: String,
    pub action: String,
    pub name: String,
    pub job_title: String,
    pub years: String,
    pub background: String,
    pub quote: String,
}

pub async fn decide_testimonial(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<TestimonialDecision>,
) -> Result<HttpResponse, AppError> {
    check_form(&req, &state, &form.csrf)?;
    let who = editor(&req)?.username;
    let id = id_of(&id)?;
    let f = form.into_inner();
    let mut errors = Errors::default();
    let reader_form = share::ShareForm {
        name: f.name,
        job_title: f.job_title,
        years: f.years,
        background: f.background,
        quote: f.quote,
        consent: "yes".into(),
        email: "editor@example.org".into(),
        ..Default::default()
    };
    let (text, _) = share::check(&reader_form, &mut errors);
    let action = f.action;
    if !matches!(action.as_str(), "save" | "approve" | "reject") {
        return Err(AppError::BadRequest(
            "action must be save, approve or reject".into(),
        ));
    }
    if !errors.is_empty() {
        let mut t = state
            .db(move |c| readers::reader_testimonial(c, id))
            .await?
            .ok_or(AppError::NotFound)?;
        t.text = text;
        return show_testimonial(&req, &state, &t, &errors);
    }
    let found = state
        .db(move |c| {
            let tx =
                rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate)?;
            let before = readers::reader_testimonial(&tx, id)?;
            let Some(before) = before else {
                return Ok(false);
            };
            let subject = format!("testimonial {id}");
            if before.text != text {
                readers::edit_reader_testimonial(&tx, id, &text)?;
                db::audit(&tx, &who, "edit", &subject, "")?;
            }
            let decision = match action.as_str() {
                "approve" => Some((Status::Published, "approve")),
                "reject" => Some((Status::Rejected, "reject")),
                _ => None,
            };
            if let Some((status, verb)) = decision
                && readers::decide(&tx, Kind::Testimonial, id, status, &who)?
            {
                db::audit(&tx, &who, verb, &subject, &before.role_slug)?;
            }
            tx.commit()?;
            Ok(true)
        })
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!("/admin/testimonials/{id}/")))
}

#[derive(Template)]
#[template(path = "admin/question.html")]
struct QuestionPage<'a> {
    page: PageMeta,
    csrf: String,
    q: &'a QuestionSubmission,
    answer: &'a str,
    errors: &'a Errors,
}

pub async fn question(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&id)?;
    let q = state
        .db(move |c| readers::reader_question(c, id))
        .await?
        .ok_or(AppError::NotFound)?;
    let answer = q.answer_md.clone().unwrap_or_default();
    show_question(&req, &state, &q, &answer, &Errors::default())
}

fn show_question(
    req: &HttpRequest,
    state: &AppState,
    q: &QuestionSubmission,
    answer: &str,
    errors: &Errors,
) -> Result<HttpResponse, AppError> {
    let browser = Browser::of(req);
    let title = format!("Question {}", q.id);
    let body = QuestionPage {
        page: PageMeta::new(
            state,
            &state.site(),
            &title,
            &title,
            &format!("/admin/questions/{}/", q.id),
        )
        .crumb("Moderation", "/admin/")
        .crumb("Questions", "/admin/questions/")
        .crumb(&title, ""),
        csrf: browser.token(&state.readers),
        q,
        answer,
        errors,
    }
    .render()?;
    Ok(page(state, &browser, body))
}

/// An editor's decision on a question: `answer` (publish) or `reject`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuestionDecision {
    pub csrf: String,
    pub action: String,
    pub question: String,
    /// Markdown.
    pub answer: String,
}

pub async fn decide_question(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<QuestionDecision>,
) -> Result<HttpResponse, AppError> {
    check_form(&req, &state, &form.csrf)?;
    let who = editor(&req)?.username;
    let id = id_of(&id)?;
    let f = form.into_inner();
    let mut errors = Errors::default();
    let question = fields::text(
        &mut errors,
        "question",
        &f.question,
        "the question",
        1,
        1000,
    );
    let answer = if f.action == "answer" {
        fields::text(&mut errors, "answer", &f.answer, "the answer", 1, 10_000)
    } else {
        fields::clean(&f.answer)
    };
    if !matches!(f.action.as_str(), "answer" | "reject") {
        return Err(AppError::BadRequest(
            "action must be answer or reject".into(),
        ));
    }
    if !errors.is_empty() {
        let mut q = state
            .db(move |c| readers::reader_question(c, id))
            .await?
            .ok_or(AppError::NotFound)?;
        q.question = question;
        return show_question(&req, &state, &q, &answer, &errors);
    }
    // Rendered (and sanitized) once, when saved; pages only place it.
    let html = markdown::render(&answer).html;
    let action = f.action;
    let found = state
        .db(move |c| {
            let tx =
                rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate)?;
            let subject = format!("question {id}");
            let Some(before) = readers::reader_question(&tx, id)? else {
                return Ok(false);
            };
            if action == "answer" {
                if readers::answer_question(&tx, id, &question, &answer, &html, &who)? {
                    let what = if before.answer_md.is_some() {
                        "edit-answer"
                    } else {
                        "answer"
                    };
                    db::audit(&tx, &who, what, &subject, &before.role_slug)?;
                }
            } else if readers::decide(&tx, Kind::Question, id, Status::Rejected, &who)? {
                db::audit(&tx, &who, "reject", &subject, &before.role_slug)?;
            }
            tx.commit()?;
            Ok(true)
        })
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!("/admin/questions/{id}/")))
}
