//! The HTML side of the export: which links a page has to crawl, and the
//! exported form of a page (the static note, links to the live server).

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The note every exported page carries, saying what needs the live server.
pub fn static_note(live_url: Option<&str>) -> String {
    match live_url {
        Some(url) => {
            let url = escape_attr(url.trim_end_matches('/'));
            format!(
                "<div class=\"wrap static-note\"><p>This is a static copy of the guide. \
Search, filters, comparisons, the reader forms and the data API run on the live site at <a href=\"{url}/\">{url}</a>.</p></div>\n"
            )
        }
        None => "<div class=\"wrap static-note\"><p>This is a static copy of the guide. \
Search, filters, comparisons, the reader forms and the data API need the live server: here search, filters and comparisons show their starting page only, and reader form and data API links do not work.</p></div>\n"
            .to_string(),
    }
}

/// Internal links of a page to crawl: `href` and `src` values that are site
/// paths, and `href`, `src` and `content` values that are absolute URLs
/// under `site_url` (the canonical link, `og:image`), as paths without
/// fragment or query string.
pub fn links(html: &str, site_url: &str) -> Vec<String> {
    let site_url = site_url.trim_end_matches('/');
    let mut out = Vec::new();
    for attr in ["href", "src", "content"] {
        for value in attr_values(html, attr) {
            let value = unescape(value);
            let path = match value.strip_prefix(site_url) {
                Some(rest) if !site_url.is_empty() && rest.starts_with('/') => rest,
                _ if attr == "content" => continue,
                _ if value.starts_with('/') && !value.starts_with("//") => value.as_str(),
                _ => continue,
            };
            let path = path.split(['#', '?']).next().unwrap_or("");
            if !path.is_empty() {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// The exported form of a page: the static note before the last
/// `</footer>` and, with a live URL, server-only targets pointed at it:
/// forms, links with a query string, and links to `server_only` paths.
/// Without a live URL, links to `server_only` paths keep their target as
/// [`LIVE_ONLY`] instead of `href`, so a plain server is never asked for
/// what it cannot answer. A page without the site's footer (the framable
/// role card) gets no note: it has nothing that needs the server, and it is
/// shown inside other sites.
pub fn finish_page(html: &str, live_url: Option<&str>, server_only: &BTreeSet<String>) -> String {
    let mut page = match live_url {
        Some(live) => point_to_live(html, live.trim_end_matches('/'), server_only),
        None => mark_live_only(html, server_only),
    };
    if let Some(at) = page.rfind("</footer>") {
        page.insert_str(at, &static_note(live_url));
    }
    page
}

/// The attribute that holds a link's target in place of `href` when the
/// export has no live server to send it to.
pub const LIVE_ONLY: &str = "data-live-only";

/// Links to `server_only` paths with their `href` renamed [`LIVE_ONLY`].
fn mark_live_only(html: &str, server_only: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("href=\"/") {
        let value_start = i + "href=\"".len();
        let value_end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |j| value_start + j);
        let value = &rest[value_start..value_end];
        let path = value.split(['#', '?']).next().unwrap_or("");
        let attribute = rest[..i].ends_with(|c: char| c.is_ascii_whitespace());
        out.push_str(&rest[..i]);
        if attribute && !value.starts_with("//") && server_only.contains(&unescape(path)) {
            out.push_str(LIVE_ONLY);
            out.push_str("=\"");
        } else {
            out.push_str("href=\"");
        }
        out.push_str(value);
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

/// Form actions and links with a query string, rewritten to the live server.
fn point_to_live(html: &str, live: &str, server_only: &BTreeSet<String>) -> String {
    let live = escape_attr(live);
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    loop {
        let next = ["action=\"/", "href=\"/"]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, *a)))
            .min();
        let Some((i, attr)) = next else {
            out.push_str(rest);
            break;
        };
        let value_start = i + attr.len() - 1;
        out.push_str(&rest[..value_start]);
        let value_end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |j| value_start + j);
        let value = &rest[value_start..value_end];
        let path = value.split(['#', '?']).next().unwrap_or("");
        let needs_server = attr.starts_with("action")
            || value.contains('?')
            || server_only.contains(&unescape(path));
        if needs_server && !value.starts_with("//") {
            out.push_str(&live);
        }
        out.push_str(value);
        rest = &rest[value_end..];
    }
    out
}

/// A page that sends visitors from an old URL to `target`.
pub(super) fn redirect_page(absolute: &str, target: &str) -> String {
    let abs = escape_attr(absolute);
    let t = escape_attr(target);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n\
<link rel=\"canonical\" href=\"{abs}\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n\
<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{t}\">{t}</a>.</p>\n</body>\n</html>\n"
    );
    s
}

/// Every text between `start` and `end`.
pub(super) fn between_all(text: &str, start: &str, end: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(start) {
        rest = &rest[i + start.len()..];
        match rest.find(end) {
            Some(j) => {
                out.push(rest[..j].to_string());
                rest = &rest[j + end.len()..];
            }
            None => break,
        }
    }
    out
}

/// Every double-quoted value of the attribute `name` (`name="..."` after
/// whitespace, so `data-src` is not `src`).
fn attr_values<'h>(html: &'h str, name: &str) -> Vec<&'h str> {
    let needle = format!("{name}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle) {
        let start = from + i;
        let value_start = start + needle.len();
        from = value_start;
        if !html[..start].ends_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        if let Some(len) = html[value_start..].find('"') {
            out.push(&html[value_start..value_start + len]);
            from = value_start + len;
        }
    }
    out
}

pub(super) fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

pub(super) fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_site_paths_without_fragment_or_query() {
        let html = r#"<a href="/roles/#top">x</a><a href="https://x.org/">y</a>
<a href="//cdn/x">z</a><img src="/favicon.svg"><a href="/compare/?roles=a&amp;b">c</a>"#;
        assert_eq!(
            links(html, "https://site.test"),
            vec!["/roles/", "/compare/", "/favicon.svg"]
        );
        let head = r#"<link rel="canonical" href="https://site.test/roles/">
<meta property="og:image" content="https://site.test/static/share.png">
<meta name="description" content="/not/a/link"><img data-src="/x.png">
<a href="https://site.testing/other/">o</a>"#;
        assert_eq!(
            links(head, "https://site.test/"),
            vec!["/roles/", "/static/share.png"]
        );
    }

    #[test]
    fn live_url_takes_forms_and_query_links() {
        let html = r#"<form action="/search"><a href="/roles/?level=entry">e</a><a href="/roles/">r</a></footer>"#;
        let api: BTreeSet<String> = ["/api/v1/roles".to_string()].into();
        let html = format!("{html}<a href=\"/api/v1/roles\">api</a>");
        let out = finish_page(&html, Some("https://live.example/"), &api);
        assert!(out.contains(r#"href="https://live.example/api/v1/roles""#));
        assert!(out.contains(r#"action="https://live.example/search""#));
        assert!(out.contains(r#"href="https://live.example/roles/?level=entry""#));
        assert!(out.contains(r#"<a href="/roles/">r</a>"#));
        assert!(out.contains("static copy"));
        let card = "<body class=\"embed\"><a href=\"/roles/\">r</a></body>";
        assert_eq!(finish_page(card, None, &api), card, "no footer, no note");
    }

    #[test]
    fn without_a_live_url_server_only_links_lose_their_href() {
        let api: BTreeSet<String> = ["/api/v1/roles".to_string()].into();
        let html = r#"<a href="/api/v1/roles">a</a><a href="/api/v1/roles?x=1&amp;y">b</a>
<a href="/api/">docs</a><a data-href="/api/v1/roles">c</a></footer>"#;
        let out = finish_page(html, None, &api);
        assert!(
            out.contains(r#"<a data-live-only="/api/v1/roles">a</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"<a data-live-only="/api/v1/roles?x=1&amp;y">b</a>"#));
        assert!(out.contains(r#"<a href="/api/">docs</a>"#));
        assert!(
            out.contains(r#"<a data-href="/api/v1/roles">c</a>"#),
            "not an href"
        );
        assert!(!out.contains(r#" href="/api/v1"#));
    }
}
