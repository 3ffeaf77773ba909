//! Markdown to HTML with pulldown-cmark: tables, footnotes, smart
//! punctuation, heading ids (explicit `{#id}` or made from the words) with a
//! visible self-link, a table of contents, links from the first use of each
//! glossary term to its entry, and sanitizing by ammonia.

use super::glossary::{Terms, link_terms};
use super::html::Html;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A heading for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A rendered document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// The text without markup, for search and word counts.
    pub plain_text: String,
}

/// One `##` section of a role body.
#[derive(Debug, Clone)]
pub struct Section {
    /// The id from `{#id}` or made from the heading's words.
    pub id: String,
    /// The heading's words.
    pub title: String,
    /// 1-based line of the heading in the body (0 for text before the first heading).
    pub line: usize,
    /// Everything under the heading, rendered.
    pub html: Html,
}

/// The parser options every content renderer uses (and `check` walks links with).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Makes a URL- and id-safe slug: lower case ASCII letters, digits and single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c != '\'' && c != '\u{2019}' {
            pending_dash = true;
        }
    }
    out
}

/// True when `slugify(s) == s`, without building a string: lower-case
/// letters and digits in groups joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    s.is_empty()
        || s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Renders a whole document (an FAQ answer, a short note) without glossary links.
pub fn render(markdown: &str) -> Rendered {
    render_linked(markdown, &Terms::default())
}

/// Renders a whole document (an article), linking the first use of each of
/// `terms` to the glossary.
pub fn render_linked(markdown: &str, terms: &Terms) -> Rendered {
    let mut ids = HashSet::new();
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let events = link_terms(events, terms, &mut vec![false; terms.len()]);
    let (events, toc) = rewrite_headings(events, &mut ids);
    let plain_text = plain_text(&events);
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: sanitize(&out),
        toc,
        plain_text,
    }
}

/// Renders a short Markdown string (a note, an intro, an attribution) as
/// inline HTML, without the wrapping paragraph.
pub fn render_inline(text: &str) -> String {
    let html = render(text).html;
    let trimmed = html.trim();
    trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(trimmed)
        .to_string()
}

/// Renders a role body as sections split at each `##` heading. Text before
/// the first heading becomes a section with an empty id and title.
pub fn render_sections(markdown: &str) -> (Vec<Section>, String) {
    render_sections_linked(markdown, &Terms::default())
}

/// [`render_sections`], linking the first use of each of `terms` in the
/// whole body (not in each section) to the glossary.
pub fn render_sections_linked(markdown: &str, terms: &Terms) -> (Vec<Section>, String) {
    let mut ids = HashSet::new();
    let mut done = vec![false; terms.len()];
    let mut sections = Vec::new();
    let mut plain = String::new();
    let mut current: Option<(String, String, usize)> = Some((String::new(), String::new(), 0));
    let mut buffer: Vec<Event> = Vec::new();
    let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();
    let mut flush = |head: Option<(String, String, usize)>,
                     buffer: &mut Vec<Event<'_>>,
                     ids: &mut HashSet<String>| {
        let events = link_terms(std::mem::take(buffer), terms, &mut done);
        let (events, _) = rewrite_headings(events, ids);
        if let Some((id, title, line)) = head {
            let text = plain_text(&events);
            if !text.trim().is_empty() || !title.is_empty() {
                plain.push_str(&title);
                plain.push('\n');
                plain.push_str(&text);
                let mut out = String::new();
                html::push_html(&mut out, events.into_iter());
                sections.push(Section {
                    id,
                    title,
                    line,
                    html: sanitize(&out).into(),
                });
            }
        }
    };
    while let Some((event, range)) = parser.next() {
        if let Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            ..
        }) = &event
        {
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut inner = Vec::new();
            for (e, _) in parser.by_ref() {
                if matches!(e, Event::End(TagEnd::Heading(_))) {
                    break;
                }
                inner.push(e);
            }
            let title = plain_text(&inner).trim().to_string();
            let id = explicit.unwrap_or_else(|| slugify(&title));
            let id = unique(&mut ids, id);
            let line = markdown[..range.start].matches('\n').count() + 1;
            flush(current.take(), &mut buffer, &mut ids);
            current = Some((id, title, line));
            continue;
        }
        buffer.push(event);
    }
    flush(current.take(), &mut buffer, &mut ids);
    (sections, plain)
}

fn unique(ids: &mut HashSet<String>, id: String) -> String {
    let id = if id.is_empty() {
        "section".to_string()
    } else {
        id
    };
    if ids.insert(id.clone()) {
        return id;
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| ids.insert(candidate.clone()))
        .expect("an unused suffix exists")
}

/// Gives every heading an id and a self-link, wraps tables so they scroll
/// inside their own box, and collects h2/h3 into a table of contents.
fn rewrite_headings<'a>(
    events: Vec<Event<'a>>,
    ids: &mut HashSet<String>,
) -> (Vec<Event<'a>>, Vec<TocEntry>) {
    let mut out = Vec::with_capacity(events.len());
    let mut toc = Vec::new();
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let mut inner = Vec::new();
                for e in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
                let title = plain_text(&inner).trim().to_string();
                let id = unique(
                    ids,
                    id.map(|s| s.to_string()).unwrap_or_else(|| slugify(&title)),
                );
                let n = level as u8;
                if n == 2 || n == 3 {
                    toc.push(TocEntry {
                        level: n,
                        id: id.clone(),
                        title: title.clone(),
                    });
                }
                let mut inner_html = String::new();
                html::push_html(&mut inner_html, inner.into_iter());
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", crate::text::escape(&classes.join(" ")))
                };
                out.push(Event::Html(CowStr::from(format!(
                    "<h{n} id=\"{id}\"{class}>{inner_html} {}</h{n}>\n",
                    self_link(&id, &title)
                ))));
            }
            Event::Start(Tag::Table(a)) => {
                out.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-wrap\" tabindex=\"0\">",
                )));
                out.push(Event::Start(Tag::Table(a)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::Borrowed("</div>")));
            }
            other => out.push(other),
        }
    }
    (out, toc)
}

/// The visible "link to this section" anchor placed after a heading's words.
pub fn self_link(id: &str, title: &str) -> String {
    format!(
        "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to the section: {}\">#</a>",
        crate::text::escape(title)
    )
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => s.push('\n'),
            _ => {}
        }
    }
    s
}

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tag_attributes("a", ["aria-label"])
        .add_tag_attributes("div", ["tabindex"])
        .add_tags(["figure", "figcaption"])
        // `target` is never allowed, so no link opens a new browsing context
        // and `rel="noopener"` would only add bytes to every link.
        .link_rel(None);
    b
});

/// Removes scripts, event handlers, styles and anything else unsafe from HTML.
pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Strips tags from sanitized HTML: the words of a rendered body, for the
/// search index and plain-text fields of JSON-LD.
pub fn text_of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Counts words in plain text.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_slug_agrees_with_slugify() {
        for s in [
            "",
            "volt",
            "role-42",
            "a-b-c",
            "-a",
            "a-",
            "a--b",
            "A",
            "é",
            "a b",
            "a_b",
            "42",
            "x'y",
            "chief-wind-technician-officer",
        ] {
            assert_eq!(is_slug(s), slugify(s) == s, "{s:?}");
        }
    }

    #[test]
    fn text_of_html_drops_tags_and_entities() {
        assert_eq!(
            text_of_html("<p>A &amp; B\n<a href=\"/x\">link</a></p>"),
            "A & B link"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("What a PV installer earns (2030)"),
            "what-a-pv-installer-earns-2030"
        );
        assert_eq!(slugify("  Welder's route -- to IT "), "welders-route-to-it");
        assert_eq!(slugify("Überblick"), "berblick");
    }

    #[test]
    fn headings_get_ids_links_and_toc() {
        let r = render("## Pay and hours\n\ntext\n\n### Pay and hours\n\n## Custom {#pay}\n");
        assert!(
            r.html.contains(
                "<h2 id=\"pay-and-hours\">Pay and hours <a class=\"anchor\" href=\"#pay-and-hours\""
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"pay-and-hours-2\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"pay\">"), "{}", r.html);
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["pay-and-hours", "pay-and-hours-2", "pay"]);
    }

    #[test]
    fn raw_html_is_sanitized() {
        let r = render(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> <a href=\"javascript:x\">y</a>",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
    }

    #[test]
    fn sections_split_at_h2_with_fixed_ids() {
        let (s, plain) = render_sections(
            "Lead.\n\n## What the job is {#overview}\n\nMore.\n\n## A day {#typical-day}\n\n### Morning\n\nCoffee.\n",
        );
        let ids: Vec<_> = s.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["", "overview", "typical-day"]);
        assert_eq!(s[2].line, 7);
        assert!(s[2].html.get().contains("<h3 id=\"morning\">"));
        assert!(plain.contains("Coffee."));
    }
}
