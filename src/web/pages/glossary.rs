//! `/glossary/`: the terms of `content/glossary.toml`, each at a stable
//! anchor (`/glossary/#go-live`) that the first use of the term on a role or
//! article page links to, with the sources of the definitions.

use super::view::source_name;
use crate::content::glossary::Term;
use crate::content::registry::Source;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use actix_web::HttpResponse;
use askama::Template;

/// Where the glossary lives.
pub use crate::content::glossary::URL;

/// One entry, ready to print.
pub struct Entry<'a> {
    pub term: &'a Term,
    /// The other spellings that link here, joined: "GFCI, GFCIs".
    pub also: String,
    pub source_name: String,
}

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage<'a> {
    page: PageMeta,
    entries: Vec<Entry<'a>>,
    references: Vec<&'a Source>,
}

pub async fn page(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let mut terms: Vec<&Term> = site.glossary.iter().collect();
    terms.sort_by_key(|t| t.term.to_lowercase());
    let mut references: Vec<&Source> = Vec::new();
    for t in &terms {
        if let Some(s) = site.sources.get(&t.source)
            && !references.iter().any(|r| r.key == s.key)
        {
            references.push(s);
        }
    }
    let entries = terms
        .into_iter()
        .map(|t| Entry {
            term: t,
            also: t.also.join(", "),
            source_name: source_name(site, &t.source),
        })
        .collect();
    let page = ctx
        .meta(
            "Glossary",
            "What the terms used on this site mean, in plain words, each with its source.",
            URL,
        )
        .crumb("Glossary", "");
    ctx.render(GlossaryPage {
        page,
        entries,
        references,
    })
}
