//! `/api/`: the page for people. It documents the JSON API, the fixed
//! section ids of role pages, the embeddable card and the feeds, with
//! working examples drawn from the current content.

use crate::content::dataset::CodeNames;
use crate::content::outline::Anchor;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use actix_web::HttpResponse;
use askama::Template;

#[derive(Template)]
#[template(path = "api/index.html")]
struct ApiPage {
    page: PageMeta,
    /// The section ids of role pages with what each holds.
    sections: Vec<(&'static str, &'static str)>,
    /// A role to build examples from: (slug, title, SOC code).
    example: Option<(String, String, String)>,
    site_url: String,
    codes: CodeNames,
}

pub async fn page(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let example = site
        .roles
        .iter()
        .find(|r| r.fm.featured)
        .or(site.roles.first())
        .map(|r| (r.slug.clone(), r.fm.title.clone(), r.fm.soc.clone()));
    let page = ctx.meta(
        "Links, embeds and data for advisors",
        "Permanent links to every section of a role page, an embeddable role card, feeds, and a free read-only JSON API with the guide's pay, projections and FAQs.",
        "/api/",
    )
    .crumb("Links, embeds and data", "");
    ctx.render(ApiPage {
        page,
        sections: Anchor::ALL
            .iter()
            .filter_map(|a| a.describe().map(|d| (a.key(), d)))
            .collect(),
        example,
        site_url: ctx.base().to_string(),
        codes: site.data.codes().clone(),
    })
}
