//! `/articles/`, `/articles/{slug}/`, and the category, tag and author
//! listings.

use crate::content::article::Article;
use crate::content::markdown::{TocEntry, slugify};
use crate::content::registry::{Author, Source};
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// Articles per listing page.
pub const PER_PAGE: usize = 10;

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

pub fn category_url(name: &str) -> String {
    format!("/articles/category/{}/", slugify(name))
}

pub fn tag_url(name: &str) -> String {
    format!("/articles/tag/{}/", slugify(name))
}

/// Links to the previous and next pages of a listing.
pub struct Pager {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// `?page=N` on listings.
#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

impl PageQuery {
    /// The page number, or a 400 for anything that is not a positive number.
    fn number(&self) -> Result<usize, AppError> {
        match &self.page {
            None => Ok(1),
            Some(p) => p.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                AppError::BadRequest(format!("`page` must be a positive whole number, not `{p}`"))
            }),
        }
    }
}

/// Cuts `items` to one page; a page past the end is a 404.
fn paginate<'a>(
    items: &[&'a Article],
    page: usize,
    base: &str,
) -> Result<(Vec<&'a Article>, Pager), AppError> {
    let pages = items.len().div_ceil(PER_PAGE).max(1);
    if page > pages {
        return Err(AppError::NotFound);
    }
    let link = |n: usize| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}?page={n}")
        }
    };
    let slice = items
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .copied()
        .collect();
    Ok((
        slice,
        Pager {
            page,
            pages,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        },
    ))
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

/// Renders one listing page of `items`.
#[allow(clippy::too_many_arguments)]
fn listing(
    req: &HttpRequest,
    state: &AppState,
    items: &[&Article],
    query: &PageQuery,
    base: &str,
    heading: &str,
    intro: &str,
    crumbs: &[(&str, &str)],
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let (slice, pager) = paginate(items, query.number()?, base)?;
    let mut page = PageMeta::new(state, heading, intro, base).in_section("articles");
    if pager.page > 1 {
        page.title = format!("{heading}, page {} | {}", pager.page, site.info.title);
        page.canonical = format!("{}?page={}", page.canonical, pager.page);
    }
    for (title, url) in crumbs {
        page = page.crumb(title, url);
    }
    let categories = site
        .categories()
        .iter()
        .map(|(name, list)| (name.clone(), category_url(name), list.len()))
        .collect();
    let tags = site
        .tags()
        .iter()
        .map(|(name, list)| (name.clone(), tag_url(name), list.len()))
        .collect();
    let body = ListPage {
        page,
        heading: heading.to_string(),
        intro: intro.to_string(),
        articles: slice.into_iter().map(ArticleCard::new).collect(),
        pager,
        categories,
        tags,
    }
    .render()?;
    Ok(respond::html(req, body))
}

pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let all: Vec<&Article> = site.articles.iter().collect();
    listing(
        &req,
        &state,
        &all,
        &q,
        "/articles/",
        "Articles",
        "Guides to routes, credentials and pay in the field, newest first.",
        &[("Articles", "")],
    )
}

pub async fn category(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let cats = site.categories();
    let (name, list) = cats
        .iter()
        .find(|(n, _)| slugify(n) == *slug)
        .ok_or(AppError::NotFound)?;
    listing(
        &req,
        &state,
        list,
        &q,
        &category_url(name),
        name,
        &format!("Articles in the category “{name}”."),
        &[("Articles", "/articles/"), (name, "")],
    )
}

pub async fn tag(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let tags = site.tags();
    let (name, list) = tags
        .iter()
        .find(|(n, _)| slugify(n) == *slug)
        .ok_or(AppError::NotFound)?;
    listing(
        &req,
        &state,
        list,
        &q,
        &tag_url(name),
        &format!("Tagged “{name}”"),
        &format!("Articles tagged “{name}”."),
        &[("Articles", "/articles/"), (name, "")],
    )
}

pub async fn author(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let author = site.authors.get(id.as_str()).ok_or(AppError::NotFound)?;
    let list: Vec<&Article> = site
        .articles
        .iter()
        .filter(|a| a.fm.author == author.id)
        .collect();
    listing(
        &req,
        &state,
        &list,
        &q,
        &format!("/authors/{}/", author.id),
        &author.name,
        &author.bio,
        &[("Articles", "/articles/"), (&author.name, "")],
    )
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
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let article = site.article(&slug).ok_or(AppError::NotFound)?;
    let author = site.authors.get(&article.fm.author).ok_or_else(|| {
        AppError::Internal(format!("author {} missing after load", article.fm.author))
    })?;
    let mut page = PageMeta::new(
        &state,
        &article.fm.title,
        &article.fm.summary,
        &article.url(),
    )
    .crumb("Articles", "/articles/")
    .crumb(&article.fm.category, &category_url(&article.fm.category))
    .crumb(&article.fm.title, "")
    .in_section("articles");
    page.og_type = "article";
    page.jsonld = vec![super::handout::article_jsonld(&state, article, author)];
    let body = ArticlePage {
        cite: super::handout::article_citation(&state, article, author),
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
    }
    .render()?;
    Ok(respond::html(&req, body))
}
