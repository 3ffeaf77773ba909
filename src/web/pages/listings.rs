//! The article listings: `/articles/`, `/articles/category/{slug}/`,
//! `/articles/tag/{slug}/` and `/authors/{id}/`, in pages of
//! [`PER_PAGE`](crate::content::listing::PER_PAGE).
//!
//! Page 1 is the listing's own address and page N > 1 is `{listing}page/N/`
//! (see `content::listing`). The old `?page=N` form answers 301 to the path
//! form, as does `page/1/` (to the listing) and a number written another way
//! (`page/02/`). A page past the end is a 404; anything that is not a
//! positive whole number is a 400.

use super::articles::ArticleCard;
use crate::content::Site;
use crate::content::article::Article;
use crate::content::listing::{PER_PAGE, author_url, category_url, page_count, page_url, tag_url};
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::typed_query::Query;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// The old `?page=N` form of a listing page.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

/// Links to the previous and next pages of a listing.
pub struct Pager {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// One listing, found from its address.
struct Listing<'a> {
    base: String,
    heading: String,
    intro: String,
    /// Crumbs between Home and the listing itself.
    parents: Vec<(String, String)>,
    /// The listing's own crumb title.
    crumb: String,
    items: Vec<&'a Article>,
}

fn all(site: &Site) -> Listing<'_> {
    Listing {
        base: "/articles/".into(),
        heading: "Articles".into(),
        intro: "Guides to routes, credentials and pay in the field, newest first.".into(),
        parents: Vec::new(),
        crumb: "Articles".into(),
        items: site.articles.iter().collect(),
    }
}

fn category<'a>(site: &'a Site, slug: &str) -> Result<Listing<'a>, AppError> {
    let term = site
        .categories()
        .find(|t| t.slug == slug)
        .ok_or(AppError::NotFound)?;
    let (name, items) = (term.name.clone(), site.term_articles(term).collect());
    Ok(Listing {
        base: category_url(&name),
        intro: format!("Articles in the category “{name}”."),
        heading: name.clone(),
        parents: vec![("Articles".into(), "/articles/".into())],
        crumb: name,
        items,
    })
}

fn tag<'a>(site: &'a Site, slug: &str) -> Result<Listing<'a>, AppError> {
    let term = site
        .tags()
        .find(|t| t.slug == slug)
        .ok_or(AppError::NotFound)?;
    let (name, items) = (term.name.clone(), site.term_articles(term).collect());
    Ok(Listing {
        base: tag_url(&name),
        heading: format!("Tagged “{name}”"),
        intro: format!("Articles tagged “{name}”."),
        parents: vec![("Articles".into(), "/articles/".into())],
        crumb: name,
        items,
    })
}

fn author<'a>(site: &'a Site, id: &str) -> Result<Listing<'a>, AppError> {
    let author = site.authors.get(id).ok_or(AppError::NotFound)?;
    Ok(Listing {
        base: author_url(&author.id),
        heading: author.name.clone(),
        intro: author.bio.clone(),
        parents: vec![("Articles".into(), "/articles/".into())],
        crumb: author.name.clone(),
        items: site.listing(&author_url(&author.id)).unwrap_or_default(),
    })
}

/// A page number as written in a path or `?page=`: a positive whole number.
fn page_number(raw: &str) -> Result<usize, AppError> {
    raw.parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| {
            AppError::BadRequest(format!(
                "The page number must be a positive whole number, not `{raw}`."
            ))
        })
}

fn moved(to: &str) -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, to.to_string()))
        .finish()
}

#[derive(Template)]
#[template(path = "articles/list.html")]
struct ListPage {
    page: PageMeta,
    heading: String,
    intro: String,
    articles: Vec<ArticleCard>,
    pager: Pager,
    categories: Vec<(String, String, usize)>,
    tags: Vec<(String, String, usize)>,
}

/// Answers for `listing`: page 1 at its own address (`number` is `None`),
/// or the page `number` of its `page/N/` form; redirects as the module doc
/// says.
fn respond(ctx: &Ctx, listing: Listing, number: Option<&str>) -> Result<HttpResponse, AppError> {
    let pages = page_count(listing.items.len());
    let page = match number {
        Some(raw) => {
            let n = page_number(raw)?;
            if n > pages {
                return Err(AppError::NotFound);
            }
            if n == 1 || raw != n.to_string() {
                return Ok(moved(&page_url(&listing.base, n)));
            }
            n
        }
        None => {
            let asked = Query::<PageQuery>::parse(ctx.req.query_string()).unwrap_or_default();
            if let Some(raw) = asked.page {
                let n = page_number(&raw)?;
                if n > pages {
                    return Err(AppError::NotFound);
                }
                return Ok(moved(&page_url(&listing.base, n)));
            }
            1
        }
    };
    render(ctx, listing, page, pages)
}

fn render(
    ctx: &Ctx,
    listing: Listing,
    page: usize,
    pages: usize,
) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let base = &listing.base;
    let mut meta = ctx
        .meta(&listing.heading, &listing.intro, &page_url(base, page))
        .in_section("articles");
    for (title, url) in &listing.parents {
        meta = meta.crumb(title, url);
    }
    if page > 1 {
        meta.title = format!("{}, page {page} | {}", listing.heading, site.info.title);
        meta = meta
            .crumb(&listing.crumb, base)
            .crumb(&format!("Page {page}"), "");
    } else {
        meta = meta.crumb(&listing.crumb, "");
    }
    let pager = Pager {
        page,
        pages,
        prev: (page > 1).then(|| page_url(base, page - 1)),
        next: (page < pages).then(|| page_url(base, page + 1)),
    };
    let terms = |url: fn(&str) -> String, t: &crate::content::site::Term| {
        (t.name.clone(), url(&t.name), site.term_articles(t).count())
    };
    ctx.render(ListPage {
        page: meta,
        heading: listing.heading,
        intro: listing.intro,
        articles: listing
            .items
            .iter()
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|a| ArticleCard::new(a))
            .collect(),
        pager,
        categories: site.categories().map(|t| terms(category_url, t)).collect(),
        tags: site.tags().map(|t| terms(tag_url, t)).collect(),
    })
}

/// `/articles/`
pub async fn index(ctx: Ctx) -> Result<HttpResponse, AppError> {
    respond(&ctx, all(&ctx.site), None)
}

/// `/articles/page/{n}/`
pub async fn index_page(ctx: Ctx, n: web::Path<String>) -> Result<HttpResponse, AppError> {
    respond(&ctx, all(&ctx.site), Some(&n))
}

/// `/articles/category/{slug}/`
pub async fn category_index(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    respond(&ctx, category(&ctx.site, &slug)?, None)
}

/// `/articles/category/{slug}/page/{n}/`
pub async fn category_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    respond(&ctx, category(&ctx.site, &path.0)?, Some(&path.1))
}

/// `/articles/tag/{slug}/`
pub async fn tag_index(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    respond(&ctx, tag(&ctx.site, &slug)?, None)
}

/// `/articles/tag/{slug}/page/{n}/`
pub async fn tag_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    respond(&ctx, tag(&ctx.site, &path.0)?, Some(&path.1))
}

/// `/authors/{id}/`
pub async fn author_index(ctx: Ctx, id: web::Path<String>) -> Result<HttpResponse, AppError> {
    respond(&ctx, author(&ctx.site, &id)?, None)
}

/// `/authors/{id}/page/{n}/`
pub async fn author_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    respond(&ctx, author(&ctx.site, &path.0)?, Some(&path.1))
}
