//! `/api/`: the page for people. It documents the JSON API, the fixed
//! section ids of role pages, the embeddable card and the feeds, with
//! working examples drawn from the current content.

use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// A role page section advisors can link to: id and what it holds.
pub const SECTION_DOCS: &[(&str, &str)] = &[
    (
        "overview",
        "What the job is, with the O*NET definition of its occupation.",
    ),
    (
        "typical-day",
        "A typical day and the core tasks reported to O*NET.",
    ),
    (
        "problems",
        "The problems people in the role solve (on roles that describe them).",
    ),
    (
        "salary",
        "Pay: BLS national percentiles, published figures, pay by state and the best-paying metro areas.",
    ),
    (
        "salary-states",
        "The table of pay by state; a single state's row is #state-ny, #state-ca and so on.",
    ),
    (
        "outlook",
        "The BLS employment projection and other published figures.",
    ),
    (
        "education",
        "Degrees, typical years of study and fields of study.",
    ),
    (
        "experience",
        "Experience employers ask for (on roles that describe it).",
    ),
    (
        "skills",
        "Skills, O*NET skill ratings and technology in demand.",
    ),
    ("certifications", "Licenses and certifications."),
    (
        "career-path",
        "Where people come from and where they go next.",
    ),
    ("testimonials", "People in the role, in their words."),
    ("faq", "Questions and answers."),
    ("references", "Every source the page cites."),
    (
        "cite",
        "A citation for students' papers (APA style) and the code to embed the role card.",
    ),
];

#[derive(Template)]
#[template(path = "api/index.html")]
struct ApiPage {
    page: PageMeta,
    sections: &'static [(&'static str, &'static str)],
    /// A role to build examples from: (slug, title, SOC code).
    example: Option<(String, String, String)>,
    site_url: String,
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let example = site
        .roles
        .iter()
        .find(|r| r.fm.featured)
        .or(site.roles.first())
        .map(|r| (r.slug.clone(), r.fm.title.clone(), r.fm.soc.clone()));
    let page = PageMeta::new(
        &state,
        "Links, embeds and data for advisors",
        "Permanent links to every section of a role page, an embeddable role card, feeds, and a free read-only JSON API with the guide's pay, projections and FAQs.",
        "/api/",
    )
    .crumb("Links, embeds and data", "");
    let body = ApiPage {
        page,
        sections: SECTION_DOCS,
        example,
        site_url: state.config.site_url.trim_end_matches('/').to_string(),
    }
    .render()?;
    Ok(respond::html(&req, body))
}
