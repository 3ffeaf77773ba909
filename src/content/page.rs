//! Editorial pages: `content/pages/*.md` (about, methodology, policies),
//! each served at `/{slug}/`. The body is Markdown; a line holding only
//! `{{ name }}` places a section the engine generates from the model (the
//! bibliography, the corrections log, ...), one of [`Block`], so such lists
//! are never typed by hand and never fall behind the content.

use super::date::Date;
use super::editorial::Correction;
use super::glossary::Terms;
use super::html::Html;
use super::markdown::{self, TocEntry};
use crate::closed_set;
use serde::Deserialize;
use std::sync::Arc;

/// The front matter of an editorial page. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// The page's heading and title, e.g. "About this guide".
    pub title: String,
    /// The URL segment (`/{slug}/`). Defaults to the file name without `.md`.
    #[serde(default)]
    pub slug: Option<String>,
    /// One or two sentences for the meta description and under the heading.
    pub summary: String,
    /// When an editor last reviewed the page.
    pub updated: Date,
    /// Author id (from `content/authors.toml`) of who reviewed it.
    #[serde(default)]
    pub reviewer: Option<String>,
    /// Keys from `content/sources.toml` that the page cites (`#ref-KEY`);
    /// listed under References.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Place in the footer's list of pages, lowest first (then by title).
    #[serde(default)]
    pub order: i64,
    /// Dated corrections of the page.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// A draft is left out of the site.
    #[serde(default)]
    pub draft: bool,
}

closed_set! {
    /// A section of an editorial page that the engine fills in: written
    /// `{{ key }}` on a line of its own.
    pub enum Block("generated section") {
        Authors = "authors" => "The authors and desks, with what each does",
        Sources = "sources" => "The bibliography, every source with its date, address and note",
        Datasets = "datasets" => "The data tables, with publisher, period and license",
        HeadlinePay = "headline-pay" => "Each role's headline pay, with its rule and why",
        Corrections = "corrections" => "The corrections log of every page",
        Sponsored = "sponsored" => "The programs whose listing is sponsored",
        CallsToAction = "calls-to-action" => "The institutions' calls to action and their tracking parameters",
        Retention = "retention" => "How long the reader forms keep what readers send",
    }
}

/// A piece of a page's body, in order.
#[derive(Debug, Clone)]
pub enum Part {
    /// Rendered Markdown.
    Html(Html),
    /// A generated section.
    Block(Block),
}

/// A compiled editorial page.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub fm: Arc<PageFrontMatter>,
    /// Path relative to the content folder.
    pub path: String,
    pub parts: Arc<[Part]>,
    /// h2 and h3 headings, for the table of contents.
    pub toc: Arc<[TocEntry]>,
}

impl Page {
    pub fn url(&self) -> String {
        format!("/{}/", self.slug)
    }

    /// Its draft flag, for [`super::Site::is_visible`].
    pub fn schedule(&self) -> super::site::Schedule {
        super::site::Schedule {
            draft: self.fm.draft,
            publish: None,
            expires: None,
        }
    }

    /// True when the page shows `block`.
    pub fn has(&self, block: Block) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p, Part::Block(b) if *b == block))
    }

    /// The rendered Markdown of the page, for the search index.
    pub fn text_html(&self) -> String {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Html(h) => Some(h.get()),
                Part::Block(_) => None,
            })
            .collect()
    }
}

/// The slug of the privacy page, which the reader forms link to.
pub const PRIVACY_SLUG: &str = "privacy";

/// The placeholder of a block on a line: `{{ key }}`.
fn placeholder(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    Some(inner.trim())
}

/// The paragraph a placeholder becomes while the body renders: digits
/// between marks no glossary term can match.
fn marker(i: usize) -> String {
    format!("@@@{i}@@@")
}

/// A rendered body: its parts in order and its table of contents.
pub type Body = (Vec<Part>, Vec<TocEntry>);

/// Problems of a body: (line within the body, from 1, message).
pub type LineErrors = Vec<(usize, String)>;

/// Renders a page body: Markdown with `{{ key }}` lines; unknown keys are
/// errors at their line.
pub fn render(body: &str, terms: &Terms) -> Result<Body, LineErrors> {
    let mut blocks = Vec::new();
    let mut errors = Vec::new();
    let mut text = String::with_capacity(body.len());
    let mut fence: Option<&str> = None;
    for (i, line) in body.lines().enumerate() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if let Some(key) = placeholder(line) {
            match Block::from_key(key) {
                Some(b) => {
                    text.push_str(&format!("\n{}\n\n", marker(blocks.len())));
                    blocks.push(b);
                    continue;
                }
                None => errors.push((
                    i + 1,
                    format!(
                        "`{{{{ {key} }}}}` is not a generated section; use one of: {}",
                        Block::keys().join(", ")
                    ),
                )),
            }
        }
        text.push_str(line);
        text.push('\n');
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let rendered = markdown::render_linked(&text, terms);
    let mut parts = Vec::new();
    let mut rest = rendered.html.as_str();
    for (i, b) in blocks.into_iter().enumerate() {
        let m = format!("<p>{}</p>", marker(i));
        let Some((before, after)) = rest.split_once(&m) else {
            continue;
        };
        if !before.trim().is_empty() {
            parts.push(Part::Html(Html::new(before)));
        }
        parts.push(Part::Block(b));
        rest = after;
    }
    if !rest.trim().is_empty() {
        parts.push(Part::Html(Html::new(rest)));
    }
    Ok((parts, rendered.toc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_blocks_in_place() {
        let body = "Intro.\n\n## Sources\n\n{{ sources }}\n\nAfter.\n\n```\n{{ nothing }}\n```\n";
        let (parts, toc) = render(body, &Terms::default()).unwrap();
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert!(matches!(parts[1], Part::Block(Block::Sources)));
        let Part::Html(after) = &parts[2] else {
            panic!("html after the block")
        };
        assert!(after.get().contains("After.") && after.get().contains("{{ nothing }}"));
        assert_eq!(toc.len(), 1);
    }

    #[test]
    fn unknown_placeholders_say_which_exist() {
        let e = render("One.\n{{ sorces }}\n", &Terms::default()).unwrap_err();
        assert_eq!(e[0].0, 2);
        assert!(
            e[0].1.contains("use one of: authors, sources"),
            "{}",
            e[0].1
        );
    }
}
