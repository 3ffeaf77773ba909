//! What every page shares for the editorial record: who reviewed it
//! (`reviewer`, an author id) and its dated `corrections`. The corrections
//! of every role, article, program and editorial page are gathered into one
//! log, newest first, shown where a page includes the `corrections` block
//! and linked from each page corrected.

use super::date::Date;
use super::site::Site;
use serde::Deserialize;

/// `[[corrections]]`: one dated correction of a page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The day the page was corrected, e.g. `2030-06-02`.
    pub date: Date,
    /// What was wrong and what it says now, in a sentence or two (Markdown).
    pub text: String,
}

/// What kind of page a correction belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Role,
    Article,
    Program,
    Page,
}

impl PageKind {
    pub fn label(self) -> &'static str {
        match self {
            PageKind::Role => "Role",
            PageKind::Article => "Article",
            PageKind::Program => "Program",
            PageKind::Page => "Page",
        }
    }
}

/// One entry of the corrections log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub date: Date,
    /// The page corrected: its address, title and kind.
    pub url: String,
    pub title: String,
    pub kind: PageKind,
    /// The correction, rendered (inline HTML).
    pub html: String,
    /// Its id in the log, stable while the page and date stay:
    /// `correction-{page}-{date}`, with `-2`, `-3` for more on one day.
    pub id: String,
}

/// Every correction of `site`'s pages, newest first (then by page address).
pub fn log(site: &Site) -> Vec<LogEntry> {
    // Only pages with corrections: an address is made for each page listed.
    let pages = site
        .roles
        .iter()
        .filter(|r| !r.fm.corrections.is_empty())
        .map(|r| (r.url(), &r.fm.title, PageKind::Role, &r.fm.corrections))
        .chain(
            site.articles
                .iter()
                .filter(|a| !a.fm.corrections.is_empty())
                .map(|a| (a.url(), &a.fm.title, PageKind::Article, &a.fm.corrections)),
        )
        .chain(
            site.programs
                .iter()
                .filter(|p| !p.fm.corrections.is_empty())
                .map(|p| (p.url(), &p.fm.title, PageKind::Program, &p.fm.corrections)),
        )
        .chain(
            site.pages
                .iter()
                .filter(|p| !p.fm.corrections.is_empty())
                .map(|p| (p.url(), &p.fm.title, PageKind::Page, &p.fm.corrections)),
        );
    let raw: Vec<(Date, String, String, PageKind, &str)> = pages
        .flat_map(|(url, title, kind, list)| {
            list.iter()
                .map(move |c| (c.date, url.clone(), title.clone(), kind, c.text.as_str()))
        })
        .collect();
    // Ids in file order, so a later correction never renumbers an earlier one.
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let mut entries: Vec<LogEntry> = raw
        .into_iter()
        .map(|(date, url, title, kind, text)| {
            let base = format!(
                "correction-{}-{date}",
                super::markdown::slugify(url.trim_matches('/'))
            );
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            LogEntry {
                date,
                url,
                title,
                kind,
                html: super::markdown::render_inline(text),
                id,
            }
        })
        .collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    entries
}

/// The problems of a page's `reviewer` and `corrections`: a reviewer that
/// is no author, an empty correction, a correction dated in the future or
/// after the page's last review (`updated`).
pub fn problems(
    reviewer: Option<&str>,
    corrections: &[Correction],
    updated: Date,
    is_author: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(r) = reviewer
        && !is_author(r)
    {
        out.push((
            "reviewer".to_string(),
            format!("unknown author `{r}` as reviewer; it must be an id in content/authors.toml"),
        ));
    }
    let today = Date::today();
    for c in corrections {
        let at = c.date.iso();
        if c.text.trim().is_empty() {
            out.push((at.clone(), format!("the correction of {at} says nothing; write what was wrong and what the page says now")));
        }
        if c.date > today {
            out.push((at.clone(), format!("the correction is dated {at}, in the future; date it the day the page was corrected")));
        } else if c.date > updated {
            out.push((at.clone(), format!("the correction of {at} is later than `updated` ({updated}); a corrected page was reviewed that day, so set `updated = {at}`")));
        }
    }
    out
}
