//! Reading what pages link to and say about themselves: internal links,
//! a crawl through them, the sitemap's addresses, JSON-LD blocks.

use super::{SITE_URL, selector};
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test as atest;
use scraper::Html;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Internal links of an HTML page: `href` and `src` values that are site
/// paths, and `href`, `src` and `<meta content>` values that are absolute
/// URLs under the site URL (canonical links, `og:image`), without
/// fragment; with `queries` false, without query string either.
pub fn internal_links(html: &str, queries: bool) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = selector("[href], [src], meta[content]");
    let mut out = Vec::new();
    for el in doc.select(&sel) {
        for name in ["href", "src", "content"] {
            let Some(value) = el.value().attr(name) else {
                continue;
            };
            let path = match value.strip_prefix(SITE_URL) {
                Some(rest) if rest.starts_with('/') => rest,
                _ if name == "content" => continue,
                _ if value.starts_with('/') && !value.starts_with("//") => value,
                _ => continue,
            };
            let path = path.split('#').next().unwrap_or("");
            let path = if queries {
                path
            } else {
                path.split('?').next().unwrap_or("")
            };
            if !path.is_empty() {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// The paths of the URLs a sitemap lists; every URL must be the site's.
pub fn sitemap_paths(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("sitemap parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|loc| {
            let url = loc.text().unwrap_or("");
            url.strip_prefix(SITE_URL)
                .unwrap_or_else(|| panic!("sitemap URL {url} is not the site's"))
                .to_string()
        })
        .collect()
}

/// One answer met on a crawl.
pub struct Crawled {
    pub status: StatusCode,
    pub content_type: String,
    pub location: String,
    pub body: Vec<u8>,
    /// The page that first linked it.
    pub from: String,
}

impl Crawled {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn is_html(&self) -> bool {
        self.content_type.starts_with("text/html")
    }
}

/// Crawls `app` from `starts` through every internal link of every HTML
/// page that answers 200, and through redirects: every address reached,
/// with its answer. With `queries`, links keep their query strings.
pub async fn crawl<S, B>(app: &S, starts: &[String], queries: bool) -> BTreeMap<String, Crawled>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut seen = BTreeMap::new();
    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    let mut queued = BTreeSet::new();
    for s in starts {
        if queued.insert(s.clone()) {
            queue.push_back((s.clone(), "(start)".to_string()));
        }
    }
    while let Some((path, from)) = queue.pop_front() {
        let req = atest::TestRequest::get().uri(&path).to_request();
        let res = atest::call_service(app, req).await;
        let status = res.status();
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let content_type = header("content-type");
        let location = header("location");
        let body = atest::read_body(res).await.to_vec();
        let mut next = Vec::new();
        if status == StatusCode::OK && content_type.starts_with("text/html") {
            next = internal_links(&String::from_utf8_lossy(&body), queries);
        } else if status.is_redirection() && location.starts_with('/') {
            next.push(location.clone());
        }
        for link in next {
            if queued.insert(link.clone()) {
                queue.push_back((link, path.clone()));
            }
        }
        seen.insert(
            path,
            Crawled {
                status,
                content_type,
                location,
                body,
                from,
            },
        );
    }
    seen
}

/// Every JSON-LD block of a page, parsed; `</` must be escaped in them.
pub fn jsonld(body: &str) -> Vec<Value> {
    let doc = Html::parse_document(body);
    let sel = selector(r#"script[type="application/ld+json"]"#);
    doc.select(&sel)
        .map(|e| {
            let text: String = e.text().collect();
            assert!(!text.contains("</"), "`</` is escaped in JSON-LD");
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("JSON-LD is not JSON ({e}): {text}"))
        })
        .collect()
}

/// The blocks of schema.org type `t`.
pub fn of_type<'a>(blocks: &'a [Value], t: &str) -> Vec<&'a Value> {
    blocks.iter().filter(|b| b["@type"] == t).collect()
}

/// Every `id` attribute of a page, in document order.
pub fn ids(body: &str) -> Vec<String> {
    let doc = Html::parse_document(body);
    doc.select(&selector("[id]"))
        .filter_map(|e| e.value().id().map(str::to_string))
        .collect()
}

/// The whole dollar amounts written in `text` (`$61,000` is 61000).
pub fn dollars(text: &str) -> Vec<i64> {
    text.split('$')
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}
