//! Internal links: every link and image in the Markdown of roles, articles,
//! programs, editorial pages, FAQ answers and `site.toml` must reach a page, listing, route or static
//! file that exists, and a `#fragment` must name an id on the target page.
//!
//! Links are found by walking pulldown-cmark's events with their byte
//! offsets (the same parser options the site renders with), plus `href` and
//! `src` attributes in raw HTML; each finding names the file, line and
//! column of the link's address. External links (`https:`, `mailto:`, ...)
//! are not fetched.

use super::report::{Finding, Kind, Report};
use super::targets::{Resolution, Targets};
use crate::content::date::Date;
use crate::content::error::line_col;
use crate::content::front_matter;
use crate::content::markdown;
use crate::content::site::Site;
use pulldown_cmark::{Event, Parser, Tag};
use serde::Deserialize;
use std::fs;
use std::path::Path;
use toml::Spanned;

/// A link or image address found in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address as written, e.g. `/roles/old-title/#salary`.
    pub dest: String,
    /// Byte offset of the address (or, failing that, of the link) in the text.
    pub offset: usize,
    /// An image (`![alt](src)` or `<img src>`) rather than a link.
    pub image: bool,
}

/// The links of a Markdown text, in order; offsets are into `text`.
pub fn markdown_links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, markdown::options()).into_offset_iter() {
        let source = &text[range.clone()];
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let image = source.starts_with('!');
                // The address as written sits after the `](`; search there first.
                let at = source
                    .find("](")
                    .and_then(|i| source[i..].find(dest_url.as_ref()).map(|j| i + j))
                    .or_else(|| source.find(dest_url.as_ref()))
                    .unwrap_or(0);
                out.push(Link {
                    dest: dest_url.to_string(),
                    offset: range.start + at,
                    image,
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (dest, at, image) in html_attributes(&html) {
                    let at = source.find(&dest).unwrap_or(at.min(source.len()));
                    out.push(Link {
                        dest,
                        offset: range.start + at,
                        image,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// `href` and `src` values in raw HTML: (value, offset, is an image source).
fn html_attributes(html: &str) -> Vec<(String, usize, bool)> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    for attr in ["href=", "src="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr) {
            let start = from + i;
            from = start + attr.len();
            let before = lower[..start].chars().last();
            if before.is_some_and(|c| !c.is_whitespace()) {
                continue;
            }
            let rest = &html[from..];
            let (value, skip) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
                    Some(end) => (&rest[1..1 + end], 1),
                    None => continue,
                },
                _ => {
                    let end = rest
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(rest.len());
                    (&rest[..end], 0)
                }
            };
            out.push((value.to_string(), from + skip, attr == "src="));
        }
    }
    out
}

/// The finding for one link, if it does not resolve; no position yet.
fn finding_for(targets: &Targets, page: Option<&str>, file: &str, link: &Link) -> Option<Finding> {
    let what = if link.image { "image" } else { "link" };
    let dest = &link.dest;
    Some(match targets.resolve_link(page, dest) {
        Resolution::Ok | Resolution::External => return None,
        Resolution::Redirects(to) => Finding::warning(
            Kind::RedirectingLink,
            file,
            format!("{what} `{dest}` works only through a redirect; link to `{to}` instead"),
        ),
        Resolution::NoPage(why) => Finding::error(
            if link.image {
                Kind::MissingFile
            } else {
                Kind::BrokenLink
            },
            file,
            format!("{what} `{dest}` goes nowhere: {why}"),
        ),
        Resolution::NoFile(why) => Finding::error(
            Kind::MissingFile,
            file,
            format!("{what} `{dest}` goes nowhere: {why}"),
        ),
        Resolution::NoFragment(why) => Finding::error(
            Kind::BrokenFragment,
            file,
            format!("{what} `{dest}` points to a missing anchor: {why}"),
        ),
        Resolution::UnknownSource(why) => Finding::error(
            Kind::UnknownSource,
            file,
            format!("{what} `{dest}` cites no known source: {why}"),
        ),
        // A hidden page may link to another hidden page.
        Resolution::NotYetPublic(_) if page.is_some_and(|p| targets.hidden_today(p)) => {
            return None;
        }
        Resolution::NotYetPublic(why) => Finding::warning(
            Kind::UnpublishedLink,
            file,
            format!("{what} `{dest}` leads to a page readers cannot see yet: {why}"),
        ),
    })
}

/// Checks the links of a Markdown body that starts at `body_at` in `file_text`.
fn check_body(
    targets: &Targets,
    page: Option<&str>,
    file: &str,
    file_text: &str,
    body_at: usize,
    report: &mut Report,
) {
    for link in markdown_links(&file_text[body_at..]) {
        report.checked.links += 1;
        if let Some(f) = finding_for(targets, page, file, &link) {
            let (line, col) = line_col(file_text, body_at + link.offset);
            report.push(f.at(line, Some(col)));
        }
    }
}

/// Where a slice of `outer` starts in it (both from the same allocation).
fn offset_of(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

#[derive(Deserialize)]
struct FaqAnswers {
    #[serde(default)]
    faq: Vec<FaqAnswer>,
}

#[derive(Deserialize)]
struct FaqAnswer {
    #[serde(default)]
    role: Option<String>,
    answer: Spanned<String>,
}

#[derive(Deserialize)]
struct SiteMarkdown {
    intro: Spanned<String>,
    #[serde(default)]
    attributions: Vec<Spanned<String>>,
}

/// Checks a Markdown string that lives inside a TOML file: escapes may
/// shift offsets, so each address is found by searching the raw string.
fn check_toml_string(
    targets: &Targets,
    page: Option<&str>,
    file: &str,
    file_text: &str,
    value: &Spanned<String>,
    report: &mut Report,
) {
    let span = value.span();
    let raw = file_text.get(span.clone()).unwrap_or("");
    let mut from = 0;
    for link in markdown_links(value.get_ref()) {
        report.checked.links += 1;
        let at = raw[from..].find(&link.dest).map(|i| from + i);
        if let Some(at) = at {
            from = at;
        }
        if let Some(f) = finding_for(targets, page, file, &link) {
            let (line, col) = line_col(file_text, span.start + at.unwrap_or(0));
            report.push(f.at(line, Some(col)));
        }
    }
}

/// Checks every internal link of the loaded `site` (read from `root`),
/// with static files under `static_dir`. Pages not public on `today` count as missing (expired) or as a warning
/// (scheduled). Usable on its own, e.g. by the server after a reload.
pub fn check_site(site: &Site, root: &Path, static_dir: &Path, today: Date, report: &mut Report) {
    let targets = Targets::new(site, static_dir, today);
    let pages = site
        .roles
        .iter()
        .map(|r| (r.path.clone(), r.url()))
        .chain(site.articles.iter().map(|a| (a.path.clone(), a.url())))
        .chain(site.programs.iter().map(|p| (p.path.clone(), p.url())))
        .chain(site.pages.iter().map(|p| (p.path.clone(), p.url())));
    for (path, url) in pages {
        let Ok(text) = fs::read_to_string(root.join(&path)) else {
            continue;
        };
        let Ok(split) = front_matter::split(Path::new(&path), &text) else {
            continue;
        };
        let body_at = offset_of(&text, split.body);
        check_body(&targets, Some(&url), &path, &text, body_at, report);
    }
    let faqs = "data/faqs.toml";
    if let Ok(text) = fs::read_to_string(root.join(faqs))
        && let Ok(file) = toml::from_str::<FaqAnswers>(&text)
    {
        for f in &file.faq {
            let page = f.role.as_ref().map(|r| format!("/roles/{r}/"));
            check_toml_string(&targets, page.as_deref(), faqs, &text, &f.answer, report);
        }
    }
    let site_toml = "site.toml";
    if let Ok(text) = fs::read_to_string(root.join(site_toml))
        && let Ok(file) = toml::from_str::<SiteMarkdown>(&text)
    {
        for s in std::iter::once(&file.intro).chain(&file.attributions) {
            check_toml_string(&targets, Some("/"), site_toml, &text, s, report);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_images_and_html_with_offsets() {
        let t = "Intro [a](/roles/x/#pay) and ![pic](/static/p.png).\n\n<a href=\"/articles/y/\">y</a>\n";
        let links = markdown_links(t);
        let dests: Vec<_> = links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["/roles/x/#pay", "/static/p.png", "/articles/y/"]);
        assert_eq!(&t[links[0].offset..links[0].offset + 9], "/roles/x/");
        assert!(links[1].image && !links[0].image);
        assert_eq!(&t[links[2].offset..links[2].offset + 11], "/articles/y");
    }

    #[test]
    fn html_attributes_need_a_word_boundary() {
        let a = html_attributes("<img data-src=\"/no\" src='/yes.png'>");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, "/yes.png");
        assert!(a[0].2);
    }
}
