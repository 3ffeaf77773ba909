//! `/`: the home page.

use super::articles::ArticleCard;
use super::view::{FigureView, RoleCard, lead_pay};
use crate::content::role::{Level, Role};
use crate::db;
use crate::web::error::AppError;
use crate::web::layout::{PageMeta, inline_markdown};
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: PageMeta,
    intro_html: String,
    featured: Vec<RoleCard>,
    /// Roles by level: the career ladder in text.
    ladder: Vec<(String, Vec<(String, String)>)>,
    articles: Vec<ArticleCard>,
    findings: Vec<FigureView>,
    signup: crate::web::forms::newsletter::Signup,
}

pub async fn home(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let s = site.clone();
    let (pays, findings) = state
        .db(move |c| {
            let featured: Vec<&Role> = s.roles.iter().filter(|r| r.fm.featured).collect();
            Ok((
                lead_pay(c, &s, &featured)?,
                db::figures_by_ids(c, &s.info.key_findings)?,
            ))
        })
        .await?;
    let featured = site
        .roles
        .iter()
        .filter(|r| r.fm.featured)
        .zip(pays)
        .map(|(r, p)| RoleCard::new(r, p))
        .collect();
    let ladder = Level::ALL
        .iter()
        .map(|l| {
            (
                l.to_string(),
                site.roles_at(*l)
                    .map(|r| (r.url(), r.fm.title.clone()))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, roles)| !roles.is_empty())
        .collect();
    let body = HomePage {
        page: PageMeta::new(&state, &site.info.title, &site.info.description, "/"),
        intro_html: inline_markdown(&site.info.intro),
        featured,
        ladder,
        articles: site.articles.iter().take(5).map(ArticleCard::new).collect(),
        findings: findings.iter().map(|f| FigureView::new(f, &site)).collect(),
        signup: crate::web::forms::newsletter::signup(&state),
    }
    .render()?;
    Ok(respond::html(&req, body))
}
