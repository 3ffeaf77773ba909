//! The page cache serves the same bytes as a fresh render, in every
//! encoding, and never serves a page that a reload or a database write has
//! made stale.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use common::{TestSite, app, call, get};
use std::io::Read;

const PAGE: &str = "/roles/electrician/";

#[actix_web::test]
async fn second_request_is_served_from_the_cache_with_the_same_bytes() {
    let site = TestSite::new();
    let app = app(&site).await;
    let first = get(&app, PAGE).await;
    assert_eq!(first.status, StatusCode::OK);
    site.state.cache.settled().await;
    let (entries, bytes) = site.state.cache.stats();
    assert!(
        entries >= 1 && bytes > first.body.len(),
        "{entries} entries, {bytes} bytes"
    );
    let second = get(&app, PAGE).await;
    assert_eq!(second.body, first.body);
    assert_eq!(second.header("etag"), first.header("etag"));
    assert!(second.header("vary").contains("accept-encoding"));
    assert!(
        !second.header("content-security-policy").is_empty(),
        "headers still apply to cached pages"
    );
}

/// A brotli body decoded.
fn unbrotli(body: &[u8]) -> String {
    let mut s = String::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[actix_web::test]
async fn compressed_copies_decode_to_the_page() {
    let site = TestSite::new();
    let app = app(&site).await;
    let plain = get(&app, PAGE).await.body;
    for (enc, decode) in [
        ("br", Box::new(unbrotli) as Box<dyn Fn(&[u8]) -> String>),
        (
            "gzip",
            Box::new(|b: &[u8]| {
                let mut s = String::new();
                flate2::read::GzDecoder::new(b)
                    .read_to_string(&mut s)
                    .unwrap();
                s
            }),
        ),
    ] {
        let req = atest::TestRequest::get()
            .uri(PAGE)
            .insert_header(("accept-encoding", enc))
            .to_request();
        let res = atest::call_service(&app, req).await;
        assert_eq!(res.headers().get("content-encoding").unwrap(), enc);
        let body = atest::read_body(res).await;
        assert_eq!(decode(&body), plain, "{enc} copy");
    }
}

#[actix_web::test]
async fn each_copy_is_made_when_first_asked_for_and_kept() {
    let site = TestSite::new();
    let app = app(&site).await;
    let ask = |enc: &'static str| {
        atest::TestRequest::get()
            .uri(PAGE)
            .insert_header(("accept-encoding", enc))
            .to_request()
    };
    let plain = get(&app, PAGE).await.body;
    site.state.cache.settled().await;
    let (_, page_only) = site.state.cache.stats();
    let renders = site.state.cache.renders();
    let first = atest::call_service(&app, ask("br")).await;
    assert_eq!(first.headers().get("content-encoding").unwrap(), "br");
    let first = atest::read_body(first).await;
    site.state.cache.settled().await;
    let again = atest::read_body(atest::call_service(&app, ask("br")).await).await;
    assert_eq!(unbrotli(&first), plain, "the first answer is the page");
    assert_eq!(unbrotli(&again), plain, "the copy kept is the page");
    assert!(
        again.len() < first.len(),
        "the copy kept ({} bytes) is made at the serving level, which compresses harder than the first answer's ({} bytes)",
        again.len(),
        first.len()
    );
    assert_eq!(
        site.state.cache.stats().1,
        page_only + again.len(),
        "a page asked for only as itself was not compressed; the brotli copy was added when asked for"
    );
    let gzip = atest::call_service(&app, ask("gzip")).await;
    assert_eq!(gzip.headers().get("content-encoding").unwrap(), "gzip");
    site.state.cache.settled().await;
    assert!(site.state.cache.stats().1 > page_only + again.len());
    assert_eq!(
        site.state.cache.renders(),
        renders,
        "copies are made from the page kept, without a render"
    );
}

#[actix_web::test]
async fn cached_pages_answer_304_to_a_matching_etag() {
    let site = TestSite::new();
    let app = app(&site).await;
    let etag = get(&app, PAGE).await.header("etag");
    let res = call(
        &app,
        atest::TestRequest::get()
            .uri(PAGE)
            .insert_header(("if-none-match", etag.as_str()))
            .to_request(),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert!(res.body.is_empty());
}

#[actix_web::test]
async fn a_database_write_makes_cached_pages_stale() {
    let site = TestSite::new();
    let app = app(&site).await;
    let before = get(&app, PAGE).await;
    assert!(!before.body.contains("Written after the first request?"));
    {
        let conn = site.state.pool.get().unwrap();
        careers::db::insert_faq(
            &conn,
            Some("electrician"),
            50,
            "Written after the first request?",
            "Yes.",
        )
        .unwrap();
    }
    let after = get(&app, PAGE).await;
    assert!(
        after.body.contains("Written after the first request?"),
        "the new FAQ shows at once"
    );
}

#[actix_web::test]
async fn a_reload_makes_cached_pages_stale() {
    let site = TestSite::new();
    let app = app(&site).await;
    let before = get(&app, PAGE).await;
    let mut changed = (*site.state.site()).clone();
    let role = changed
        .roles
        .iter_mut()
        .find(|r| r.slug == "electrician")
        .unwrap();
    std::sync::Arc::make_mut(&mut role.make_mut().fm).summary =
        "A summary changed by a reload.".into();
    site.state.replace_site(changed);
    let after = get(&app, PAGE).await;
    assert_ne!(before.body, after.body);
    assert!(after.body.contains("A summary changed by a reload."));
}

#[actix_web::test]
async fn a_burst_of_requests_for_a_cold_page_renders_it_once() {
    let site = TestSite::new();
    let app = std::rc::Rc::new(atest::init_service(careers::web::app(site.state.clone())).await);
    let before = site.state.cache.renders();
    let requests: Vec<_> = (0..16)
        .map(|_| {
            let app = app.clone();
            actix_web::rt::spawn(async move { get(&*app, PAGE).await })
        })
        .collect();
    let mut bodies = Vec::new();
    for r in requests {
        let page = r.await.expect("request task");
        assert_eq!(page.status, StatusCode::OK);
        bodies.push(page.body);
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "same bytes for all"
    );
    assert_eq!(
        site.state.cache.renders() - before,
        1,
        "one render served the whole burst"
    );
}

#[actix_web::test]
async fn a_hit_answered_ahead_of_the_middleware_is_the_same_answer() {
    // The first request renders, the second is a hit that goes down the
    // whole stack (and leaves its outer headers in the entry), the third is
    // answered by the fast path: same status, headers and body each time.
    let site = TestSite::new();
    let app = app(&site).await;
    let compare = |what: &str, a: &common::Page, b: &common::Page| {
        assert_eq!(a.status, b.status, "{what}");
        assert_eq!(a.body, b.body, "{what}");
        let names: std::collections::BTreeSet<String> = a
            .headers
            .keys()
            .chain(b.headers.keys())
            .map(|n| n.to_string())
            .filter(|n| n != "date")
            .collect();
        for n in names {
            assert_eq!(a.header(&n), b.header(&n), "{what}: header {n}");
        }
    };
    let request = |path: &str, headers: &[(&str, &str)]| {
        let mut req = atest::TestRequest::get().uri(path);
        for h in headers {
            req = req.insert_header(*h);
        }
        req.to_request()
    };
    for path in [PAGE, "/", "/embed/roles/electrician", "/feed.xml"] {
        let first = call(&app, request(path, &[])).await;
        assert_eq!(first.status, StatusCode::OK, "{path}");
        // Answers from the cache (after the first, the fast path keeps the
        // headers the stack gave; a write by a background task in between
        // may send one more down the stack).
        let mut fast_hit = None;
        for _ in 0..5 {
            let before = site.state.cache.fast_hits();
            let again = call(&app, request(path, &[])).await;
            compare(path, &first, &again);
            if site.state.cache.fast_hits() > before {
                fast_hit = Some(again);
                break;
            }
        }
        let third = fast_hit.unwrap_or_else(|| panic!("{path}: no hit took the fast path"));
        for enc in ["br", "gzip"] {
            let res = atest::call_service(&app, request(path, &[("accept-encoding", enc)])).await;
            assert_eq!(
                res.headers().get("content-encoding").unwrap(),
                enc,
                "{path}"
            );
        }
        let etag = third.header("etag");
        let not_modified = call(&app, request(path, &[("if-none-match", etag.as_str())])).await;
        assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(not_modified.body.is_empty());
        assert_eq!(
            not_modified.header("content-security-policy"),
            third.header("content-security-policy")
        );
    }
}
