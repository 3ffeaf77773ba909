//! `/articles/{slug}/`, and the article cards that listings and the home
//! page show (the listings themselves are in `listings.rs`).

use crate::content::article::Article;
use crate::content::markdown::TocEntry;
use crate::content::registry::{Author, Source};
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use actix_web::{HttpResponse, web};
use askama::Template;

pub use crate::content::listing::{PER_PAGE, category_url, tag_url};

/// An article in a list.
pub struct ArticleCard {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub published_iso: String,
    pub published: String,
    pub category: String,
    pub category_url: String,
    pub minutes: usize,
}

impl ArticleCard {
    pub fn new(a: &Article) -> ArticleCard {
        ArticleCard {
            url: a.url(),
            title: a.fm.title.clone(),
            summary: a.fm.summary.clone(),
            published_iso: a.fm.published.iso(),
            published: a.fm.published.long(),
            category: a.fm.category.clone(),
            category_url: category_url(&a.fm.category),
            minutes: a.reading_minutes,
        }
    }
}

#[derive(Template)]
#[template(path = "articles/page.html")]
struct ArticlePage<'a> {
    page: PageMeta,
    article: &'a Article,
    author: &'a Author,
    category_url: String,
    tags: Vec<(String, String)>,
    toc: &'a [TocEntry],
    roles: Vec<(String, String)>,
    related: Vec<ArticleCard>,
    references: Vec<&'a Source>,
    /// APA reference for "Cite this page".
    cite: super::handout::Citation,
    signup: crate::web::forms::newsletter::Signup,
    reviewer: Option<super::editorial::Reviewer>,
    corrections: super::editorial::CorrectionsView,
}

pub async fn page(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let article = site.article(&slug).ok_or(AppError::NotFound)?;
    let author = site.authors.get(&article.fm.author).ok_or_else(|| {
        AppError::Internal(format!("author {} missing after load", article.fm.author))
    })?;
    let mut page = ctx
        .meta(&article.fm.title, &article.fm.summary, &article.url())
        .crumb("Articles", "/articles/")
        .crumb(&article.fm.category, &category_url(&article.fm.category))
        .crumb(&article.fm.title, "")
        .in_section("articles");
    page.og_type = "article";
    page.jsonld = vec![super::handout::article_jsonld(&ctx, article, author)];
    ctx.render(ArticlePage {
        reviewer: super::editorial::Reviewer::of(site, article.fm.reviewer.as_deref()),
        corrections: super::editorial::CorrectionsView::of(site, &article.url()),
        signup: crate::web::forms::newsletter::signup(&ctx.state),
        cite: super::handout::article_citation(&ctx, article, author),
        page,
        article,
        author,
        category_url: category_url(&article.fm.category),
        tags: article
            .fm
            .tags
            .iter()
            .map(|t| (t.clone(), tag_url(t)))
            .collect(),
        toc: &article.toc,
        roles: article
            .fm
            .roles
            .iter()
            .filter_map(|r| site.role(r))
            .map(|r| (r.url(), r.fm.title.clone()))
            .collect(),
        related: site
            .related_articles(article, 3)
            .into_iter()
            .map(ArticleCard::new)
            .collect(),
        references: article
            .fm
            .sources
            .iter()
            .filter_map(|k| site.sources.get(k))
            .collect(),
    })
}
