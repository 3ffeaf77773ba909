//! `/`: the home page.

use super::articles::ArticleCard;
use super::view::{FigureView, RoleCard};
use crate::content::role::Level;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use actix_web::HttpResponse;
use askama::Template;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: PageMeta,
    intro_html: &'a str,
    featured: Vec<RoleCard>,
    /// Roles by level: the career ladder in text.
    ladder: Vec<(String, Vec<(String, String)>)>,
    articles: Vec<ArticleCard>,
    findings: Vec<FigureView>,
    signup: crate::web::forms::newsletter::Signup,
}

pub async fn home(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let ladder = Level::ALL
        .iter()
        .map(|l| {
            let roles: Vec<_> = site
                .roles_at(*l)
                .map(|r| (r.url(), r.fm.title.clone()))
                .collect();
            (l.to_string(), roles)
        })
        .filter(|(_, roles)| !roles.is_empty())
        .collect();
    ctx.render(HomePage {
        page: ctx.meta(&site.info.title, &site.info.description, "/"),
        intro_html: &site.info.intro_html,
        featured: site
            .roles
            .iter()
            .filter(|r| r.fm.featured)
            .map(|r| RoleCard::new(site, r))
            .collect(),
        ladder,
        articles: site.articles.iter().take(5).map(ArticleCard::new).collect(),
        findings: site
            .info
            .key_findings
            .iter()
            .filter_map(|id| site.figure(id))
            .map(|f| FigureView::new(f, site))
            .collect(),
        signup: crate::web::forms::newsletter::signup(&ctx.state),
    })
}
