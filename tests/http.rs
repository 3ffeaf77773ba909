//! HTTP semantics over the route table itself (`web::routes::ROUTES`), so a
//! new route cannot miss them: HEAD answers like GET without a body (on a
//! real socket), other methods get 405 with `Allow`, a missing trailing
//! slash redirects on every page route keeping the query string, and query
//! parameters a route does not read redirect to the canonical URL instead
//! of making cache entries.

mod common;
#[path = "common/examples.rs"]
mod examples;
#[path = "common/net.rs"]
mod net;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use careers::commands::serve::server::Limits;
use careers::web::routes::{ALLOW, ALLOW_FORM, Kind};
use common::copy::{CopySite, add_paging_articles};
use common::{call, get};
use net::Conn;

/// The pack with enough articles that every listing route has a page 2.
fn site() -> CopySite {
    CopySite::new(|c| add_paging_articles(c, 12))
}

/// Headers that may differ between two answers to the same request.
fn comparable(res: &net::Response) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = res
        .headers
        .iter()
        .filter(|(n, _)| n != "date")
        .map(|(n, v)| match n.as_str() {
            // A form page sets a fresh CSRF cookie on every answer: the
            // same cookie, with another value.
            "set-cookie" => (n.clone(), v.split('=').next().unwrap_or("").to_string()),
            _ => (n.clone(), v.clone()),
        })
        .collect();
    h.sort();
    h
}

#[actix_web::test]
async fn head_answers_like_get_without_a_body_on_every_route() {
    let site = site();
    let app = atest::init_service(careers::web::app(site.state.clone())).await;
    let examples = examples::examples(&app, &site.state, false).await;
    let addr = net::serve(site.state.clone(), Limits::default());
    let mut conn = Conn::open(addr);
    for (route, path) in &examples {
        for encoding in ["br", "gzip", "identity"] {
            let headers = [("Accept-Encoding", encoding)];
            // HEAD first (a cache miss where the route is cached), then
            // GET, then HEAD again (a hit), one after the other on one
            // kept-alive connection: a body after a HEAD answer would be
            // read where the next status line should be.
            conn.send("HEAD", path, &headers);
            let cold = conn.read(true);
            conn.send("GET", path, &headers);
            let got = conn.read(false);
            conn.send("HEAD", path, &headers);
            let warm = conn.read(true);
            assert_eq!(got.status, 200, "{} ({path}): GET", route.pattern);
            for head in [&cold, &warm] {
                assert_eq!(head.status, got.status, "{path}: HEAD status");
                assert_eq!(
                    comparable(head),
                    comparable(&got),
                    "{path} ({encoding}): HEAD headers are GET's"
                );
            }
            if let Some(len) = got.header("content-length") {
                assert_eq!(len, got.body.len().to_string(), "{path}");
            }
        }
    }
}

#[actix_web::test]
async fn pipelined_head_and_get_keep_their_own_framing() {
    // actix-http frames each answer by the method of the last request it
    // parsed; the server hands it one request at a time, so HEAD, GET,
    // HEAD sent together still get no body, a body, no body.
    let site = common::TestSite::new();
    let role = site.state.site().roles[0].url();
    let addr = net::serve(site.state.clone(), Limits::default());
    let mut conn = Conn::open(addr);
    for _ in 0..3 {
        for (method, path) in [("HEAD", role.as_str()), ("GET", "/healthz"), ("HEAD", "/")] {
            conn.send(method, path, &[]);
        }
        let head = conn.read(true);
        let got = conn.read(false);
        let head2 = conn.read(true);
        assert_eq!((head.status, got.status, head2.status), (200, 200, 200));
        assert!(got.body.starts_with(b"{"), "the GET's own body");
        assert!(head.header("content-length").is_some());
    }
    // Twenty pipelined GETs come back in order, each whole.
    for _ in 0..20 {
        conn.send("GET", "/robots.txt", &[]);
    }
    for _ in 0..20 {
        let res = conn.read(false);
        assert_eq!(res.status, 200);
        assert!(res.body.starts_with(b"User-agent"));
    }
}

#[actix_web::test]
async fn dev_routes_answer_head_with_dev_and_do_not_exist_without() {
    let dev = CopySite::configured(|args| args.dev = true, |c| add_paging_articles(c, 12));
    let state = dev.state.clone();
    let dev_app = atest::init_service(careers::web::app(state.clone())).await;
    let plain = common::TestSite::new();
    let plain_app = common::app(&plain).await;
    let examples = examples::examples(&dev_app, &dev.state, true).await;
    let addr = net::serve(state, Limits::default());
    let mut conn = Conn::open(addr);
    for (route, path) in examples.iter().filter(|(r, _)| r.dev) {
        conn.send("HEAD", path, &[]);
        let head = conn.read(true);
        conn.send("GET", path, &[]);
        let got = conn.read(false);
        assert_eq!((head.status, got.status), (200, 200), "{}", route.pattern);
        assert_eq!(comparable(&head), comparable(&got), "{path}");
        assert_eq!(get(&plain_app, path).await.status, StatusCode::NOT_FOUND);
    }
}

#[actix_web::test]
async fn other_methods_get_405_with_allow_on_every_route() {
    let site = site();
    let app = atest::init_service(careers::web::app(site.state.clone())).await;
    for (route, path) in examples::examples(&app, &site.state, false).await {
        let (methods, allow): (&[&str], &str) = match route.kind {
            // A reader form takes POST (tested in tests/readers.rs).
            Kind::Form => (&["PUT", "DELETE", "PATCH", "OPTIONS"], ALLOW_FORM),
            _ => (&["POST", "PUT", "DELETE", "PATCH", "OPTIONS"], ALLOW),
        };
        for method in methods.iter().copied() {
            let req = atest::TestRequest::default()
                .method(method.parse().unwrap())
                .uri(&path)
                .to_request();
            let res = call(&app, req).await;
            if route.kind == Kind::Api {
                // The API's own answers: a preflight, or a problem document.
                if method == "OPTIONS" {
                    assert_eq!(res.status, StatusCode::NO_CONTENT, "{path}");
                } else {
                    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
                    assert_eq!(res.header("allow"), "GET, HEAD, OPTIONS");
                }
                continue;
            }
            assert_eq!(
                res.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} ({})",
                route.pattern
            );
            assert_eq!(res.header("allow"), allow, "{method} {path}");
            assert!(res.header("content-type").starts_with("text/html"));
        }
    }
}

#[actix_web::test]
async fn a_missing_slash_redirects_on_every_page_route_keeping_the_query() {
    let site = site();
    let app = atest::init_service(careers::web::app(site.state.clone())).await;
    let pages: Vec<String> = examples::examples(&app, &site.state, false)
        .await
        .into_iter()
        .filter(|(r, p)| r.kind == Kind::Page && p != "/")
        .map(|(_, p)| p)
        .collect();
    assert!(pages.len() > 10, "{pages:?}");
    for page in pages {
        let bare = page.trim_end_matches('/');
        let query = "level=entry&x=%2F1";
        for (method, status) in [
            ("GET", StatusCode::MOVED_PERMANENTLY),
            ("HEAD", StatusCode::MOVED_PERMANENTLY),
            ("POST", StatusCode::PERMANENT_REDIRECT),
        ] {
            let req = atest::TestRequest::default()
                .method(method.parse().unwrap())
                .uri(&format!("{bare}?{query}"))
                .to_request();
            let res = call(&app, req).await;
            assert_eq!(res.status, status, "{method} {bare}");
            assert_eq!(res.header("location"), format!("{page}?{query}"));
        }
        let res = get(&app, bare).await;
        assert_eq!(res.header("location"), page, "no query, none added");
    }
    // Exact resources do not move.
    assert_eq!(get(&app, "/healthz/").await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn unknown_query_parameters_redirect_to_the_canonical_url() {
    let site = site();
    let app = atest::init_service(careers::web::app(site.state.clone())).await;
    for (route, path) in examples::examples(&app, &site.state, false).await {
        if route.kind == Kind::Api {
            continue;
        }
        let path = path.split('?').next().unwrap_or_default().to_string();
        let known = (route.params)().first().map(|p| format!("{p}=v"));
        let query = match &known {
            Some(k) => format!("nc=1&{k}&&utm_source=x"),
            None => "nc=1".to_string(),
        };
        let res = get(&app, &format!("{path}?{query}")).await;
        assert_eq!(
            res.status,
            StatusCode::MOVED_PERMANENTLY,
            "{path}?{query} ({})",
            route.pattern
        );
        let want = match known {
            Some(k) => format!("{path}?{k}"),
            None => path.clone(),
        };
        assert_eq!(res.header("location"), want);
    }
}

#[actix_web::test]
async fn unique_unknown_parameters_make_no_cache_entries() {
    let site = site();
    let app = atest::init_service(careers::web::app(site.state.clone())).await;
    let role = site.state.site().roles[0].url();
    assert_eq!(get(&app, &role).await.status, StatusCode::OK);
    assert_eq!(get(&app, "/robots.txt").await.status, StatusCode::OK);
    site.state.cache.settled().await;
    let before = site.state.cache.stats();
    let long = "a".repeat(16_000);
    for n in 0..200 {
        let res = get(&app, &format!("{role}?nc={n}")).await;
        assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
        let res = get(&app, &format!("/robots.txt?N={n}{long}")).await;
        assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    }
    site.state.cache.settled().await;
    assert_eq!(site.state.cache.stats(), before, "no entry was added");
}

#[actix_web::test]
async fn not_found_suggestions_take_bounded_work_whatever_the_path_length() {
    use careers::content::markdown::slugify;
    use careers::web::pages::errors::{MAX_COMPARED, suggest};
    let site = common::TestSite::new();
    let s = site.state.site();
    let slug = s.roles[0].slug.clone();
    // The most work any path can cost: the cut path against every slug and title.
    let bound: usize = s
        .all_pages()
        .map(|(url, title)| MAX_COMPARED * (url.len() + slugify(title).chars().count()))
        .sum();
    let short = format!("/{}", slug.repeat(MAX_COMPARED / slug.len() + 1));
    let long = format!("/{}", slug.repeat(16_000 / slug.len()));
    let (_, short_cells) = suggest(&s, &short);
    let (_, long_cells) = suggest(&s, &long);
    assert!(long_cells <= bound, "{long_cells} cells > {bound}");
    assert_eq!(long_cells, short_cells, "a longer path costs no more");
    // And a small typo still finds the page.
    let typo = format!("/roles/{}x/", &slug[..slug.len() - 1]);
    let (found, _) = suggest(&s, &typo);
    assert!(
        found.iter().any(|(url, _)| *url == s.roles[0].url()),
        "{typo}: {found:?}"
    );
    let app = common::app(&site).await;
    let page = get(&app, &long).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}
