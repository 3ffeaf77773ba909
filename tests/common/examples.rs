//! One real address for every entry of the route table, found by crawling
//! the app from `/`, the sitemap and the links the site mails (signed as
//! the site signs them), so tests run over the table itself and a new
//! route cannot be left out: a route no page or mail links to has no
//! example, and the tests that use this fail saying so.

#![allow(dead_code)]

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use careers::commands::build::links;
use careers::web::forms::tokens::Purpose;
use careers::web::routes::{self, ROUTES, Route};
use careers::web::state::AppState;
use std::collections::{BTreeSet, HashMap, VecDeque};

/// The most addresses the crawl fetches.
const MAX_FETCHES: usize = 3000;

/// For each public route of the table (the `--dev` ones only when `dev`), a path
/// that answers 200 and matches it. Exact routes are their own example.
pub async fn examples<S, B>(app: &S, state: &AppState, dev: bool) -> Vec<(&'static Route, String)>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    // The editors' scope is behind a sign-in and has tests of its own
    // (tests/readers.rs); every other route is wanted.
    let wanted: Vec<&'static Route> = ROUTES
        .iter()
        .filter(|r| (dev || !r.dev) && r.kind != routes::Kind::Private)
        .collect();
    let mut found: HashMap<&'static str, String> = HashMap::new();
    for r in &wanted {
        if !r.pattern.contains('{') && r.kind != routes::Kind::Api {
            found.insert(r.pattern, r.pattern.to_string());
        }
    }
    let site_url = state.config.site_url.as_str();
    let mut queue: VecDeque<String> = VecDeque::from(["/".to_string()]);
    for p in Purpose::ALL {
        let token = state.readers.signer.link(p, "example");
        queue.push_back(format!("/email/{}/?t={token}", p.segment()));
        // Where the mailed link's form sends the reader when done.
        queue.push_back(format!("/email/done/{}/", p.segment()));
    }
    let sitemap = crate::common::get(app, "/sitemap.xml").await.body;
    for loc in sitemap.split("<loc>").skip(1) {
        if let Some(path) = loc
            .split("</loc>")
            .next()
            .and_then(|u| u.strip_prefix(site_url))
        {
            queue.push_back(path.replace("&amp;", "&"));
        }
    }
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut fetched = 0;
    while let Some(path) = queue.pop_front() {
        if found.len() == wanted.len() || fetched >= MAX_FETCHES {
            break;
        }
        fetched += 1;
        let page = crate::common::get(app, &path).await;
        if page.status != 200 {
            continue;
        }
        if let Some(m) = routes::find(path.split('?').next().unwrap_or(""), dev) {
            found.entry(m.route.pattern).or_insert_with(|| path.clone());
        }
        if page.header("content-type").starts_with("text/html") {
            for link in links(&page.body, site_url) {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
    }
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|r| !found.contains_key(r.pattern))
        .map(|r| r.pattern)
        .collect();
    assert!(
        missing.is_empty(),
        "no page links to an address of these routes, so they cannot be tested: {missing:?}"
    );
    wanted
        .into_iter()
        .map(|r| (r, found[r.pattern].clone()))
        .collect()
}
