//! `/questions/`: the site-wide questions and answers (FAQs with no role in
//! `content/data/faqs.toml`), with their sources and FAQPage JSON-LD.

use super::view::FaqView;
use crate::content::registry::Source;
use crate::db;
use crate::web::error::AppError;
use crate::web::jsonld;
use crate::web::layout::PageMeta;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// Where the site-wide questions live.
pub const URL: &str = "/questions/";

#[derive(Template)]
#[template(path = "questions.html")]
struct QuestionsPage<'a> {
    page: PageMeta,
    faqs: Vec<FaqView>,
    references: Vec<&'a Source>,
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let rows = state.db(|c| db::faqs(c, None)).await?;
    let faqs = FaqView::all(&site, &rows);
    let mut references: Vec<&Source> = Vec::new();
    for f in &faqs {
        if let Some(s) = site.sources.get(&f.source_key)
            && !references.iter().any(|r| r.key == s.key)
        {
            references.push(s);
        }
    }
    let mut page = PageMeta::new(
        &state,
        &site,
        "Common questions",
        "Short, sourced answers to what students and advisors ask most about these careers.",
        URL,
    )
    .crumb("Common questions", "");
    page.jsonld
        .extend(jsonld::faq_page(&FaqView::pairs(&faqs)).map(|f| jsonld::script_body(&f)));
    let body = QuestionsPage {
        page,
        faqs,
        references,
    }
    .render()?;
    Ok(respond::html(&req, body))
}
