//! `/search?q=`: the site search over roles, articles, programs, editorial
//! pages and FAQs. Every
//! query gets a page: results, or "nothing found" with suggestions. Both
//! parameters are read as text, so no query string fails to parse.

use crate::db::DocKind;
use crate::db::search::{self, MAX_QUERY_CHARS, fold, tokenize};
use crate::text::{Letters, distance_within};
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::query::encode;
use crate::web::respond;
use crate::web::state::AppState;
use crate::web::typed_query::Query;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// Results on one page.
pub const PER_PAGE: usize = 10;
/// The highest page number we answer; later pages say there is nothing there.
const MAX_PAGE: usize = 1000;

/// `?q=words&page=N`; a page that is not a number counts as page 1.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    q: String,
    page: String,
}

/// A result ready for the template.
pub struct HitView {
    pub kind: &'static str,
    pub context: String,
    pub url: String,
    pub title: String,
    /// Escaped snippet with `<mark>` around matches (from `db::search::highlight`).
    pub snippet_html: String,
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct SearchPage {
    page: PageMeta,
    heading: String,
    /// The query as typed (cut to the length we read).
    q: String,
    /// Whether the query had any word to search for.
    searched: bool,
    hits: Vec<HitView>,
    total: usize,
    page_no: usize,
    pages: usize,
    first_number: usize,
    /// "cheif" -> "chief", as (typed, used).
    corrections: Vec<(String, String)>,
    also_searched: Vec<String>,
    partial: bool,
    /// The query with corrections applied, when any were made.
    corrected_query: String,
    prev_url: String,
    next_url: String,
    /// Roles whose titles are close to the query's words (when nothing matched).
    suggestions: Vec<(String, String)>,
}

pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let asked = Query::<SearchQuery>::parse(req.query_string()).unwrap_or_default();
    let q: String = asked.q.chars().take(MAX_QUERY_CHARS).collect();
    let page_no = (asked.page.trim().parse::<usize>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
        .min(MAX_PAGE);
    let site = state.site();
    let (s, q2) = (site.clone(), q.clone());
    let (outcome, suggestions) = state
        .db(move |c| {
            let outcome = search::search(c, &s, &q2, page_no, PER_PAGE)?;
            // The suggestions walk every role: on this blocking thread too.
            let suggestions = if outcome.total == 0 {
                close_roles(&s, &q2)
            } else {
                Vec::new()
            };
            Ok((outcome, suggestions))
        })
        .await?;
    let searched = !tokenize(&q).is_empty();
    let pages = outcome.total.div_ceil(PER_PAGE);
    let link = |n: usize| format!("/search?q={}&page={n}", encode(&q));
    let hits = outcome
        .hits
        .into_iter()
        .map(|h| HitView {
            kind: DocKind::from_key(&h.kind).map_or("Result", DocKind::label),
            context: if h.kind == DocKind::Faq.key() {
                format!("on the {} page", h.context)
            } else {
                h.context
            },
            url: h.url,
            title: h.title,
            snippet_html: h.snippet_html,
        })
        .collect();
    let (heading, description) = if searched {
        (
            format!("Search results for “{}”", q.trim()),
            "Roles, articles and answers matching your search.".to_string(),
        )
    } else {
        (
            "Search".to_string(),
            "Search every role, article and answer in the guide.".to_string(),
        )
    };
    let page = PageMeta::new(&state, &site, &heading, &description, "/search").crumb("Search", "");
    let body = SearchPage {
        page,
        heading,
        q: q.clone(),
        searched,
        hits,
        total: outcome.total,
        page_no,
        pages,
        first_number: (page_no - 1) * PER_PAGE + 1,
        corrected_query: if outcome.corrections.is_empty() {
            String::new()
        } else {
            outcome.words.join(" ")
        },
        corrections: outcome.corrections,
        also_searched: outcome.also_searched,
        partial: outcome.partial,
        prev_url: if page_no > 1 && page_no <= pages.max(1) {
            link(page_no - 1)
        } else {
            String::new()
        },
        next_url: if page_no < pages {
            link(page_no + 1)
        } else {
            String::new()
        },
        suggestions,
    }
    .render()?;
    Ok(respond::html(&req, body))
}

/// Up to five roles with a title word within two edits of a query word
/// (none when the query has no word of three letters or more). Runs when
/// nothing matched, over every role: words whose length or
/// letters rule them out are skipped before the edit distance, which gives
/// up past two edits.
fn close_roles(site: &crate::content::Site, q: &str) -> Vec<(String, String)> {
    const LIMIT: usize = 2;
    let words: Vec<(String, Letters)> = tokenize(q)
        .into_iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| {
            let letters = Letters::of(&w);
            (w, letters)
        })
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut cells = 0;
    let mut scored: Vec<(usize, String, String)> = Vec::new();
    for r in &site.roles {
        let title = fold(&r.fm.title);
        let mut best: Option<usize> = None;
        for t in title.split_whitespace() {
            for (w, letters) in &words {
                if !letters.could_be_within(t, LIMIT) {
                    continue;
                }
                if let Some(d) = distance_within(w, t, LIMIT, &mut cells) {
                    best = Some(best.map_or(d, |b| b.min(d)));
                }
            }
        }
        if let Some(best) = best {
            scored.push((best, r.url(), r.fm.title.clone()));
        }
    }
    scored.sort();
    scored
        .into_iter()
        .take(5)
        .map(|(_, url, title)| (url, title))
        .collect()
}
