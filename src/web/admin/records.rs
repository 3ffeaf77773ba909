//! The audit log and the subscriber export.

use super::page;
use crate::db;
use crate::web::error::AppError;
use crate::web::forms::tokens::Purpose;
use crate::web::forms::{Browser, link_url};
use crate::web::layout::PageMeta;
use crate::web::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: PageMeta,
    entries: Vec<db::AuditEntry>,
}

/// `/admin/audit/`: the latest 500 entries, newest first.
pub async fn audit(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let entries = state.db(|c| db::audit_log(c, 500)).await?;
    let body = AuditPage {
        page: PageMeta::new(
            &state,
            &state.site(),
            "Audit log",
            "Audit log",
            "/admin/audit/",
        )
        .crumb("Moderation", "/admin/")
        .crumb("Audit log", ""),
        entries,
    }
    .render()?;
    Ok(page(&state, &Browser::of(&req), body))
}

/// `/admin/subscribers.csv`: confirmed subscribers with each one's
/// unsubscribe link (valid a year), for whatever sends the newsletter.
pub async fn subscribers(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let who = super::editor(&req)?.username;
    let rows = state
        .db(move |c| {
            let rows = db::confirmed_subscribers(c)?;
            db::audit(
                c,
                &who,
                "export",
                "subscribers",
                &format!("{} rows", rows.len()),
            )?;
            Ok(rows)
        })
        .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, rec: [&str; 3]| {
        out.write_record(rec)
            .map_err(|e| AppError::Internal(format!("csv: {e}")))
    };
    write(&mut out, ["email", "confirmed_at", "unsubscribe_url"])?;
    for s in rows {
        let token = state.readers.signer.link(
            Purpose::Unsubscribe,
            &format!("{}{}", db::Holder::Subscriber.letter(), s.id),
        );
        let url = link_url(&state.config.site_url, Purpose::Unsubscribe, &token);
        write(&mut out, [&s.email, &s.confirmed_at, &url])?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"subscribers.csv\"",
        ))
        .content_type("text/csv; charset=utf-8")
        .body(bytes))
}
