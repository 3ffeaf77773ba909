//! Listing pages live at paths a static export can hold: page 1 at the
//! listing's address, page N at `{listing}page/N/`; the old `?page=N` form
//! and `page/1/` redirect; bad numbers are 400s and pages past the end 404s.
//! The test pack has three public articles, so these tests add more to a
//! copy of it ([`add_paging_articles`]).

mod common;

use actix_web::http::StatusCode;
use careers::content::listing::{PER_PAGE, page_count, page_url};
use common::copy::{CopySite, add_paging_articles};
use common::{get, serve};
use std::fs;

/// Articles added to the copy: all in one category, tag and author.
const EXTRA: usize = 2 * PER_PAGE + 4;

fn site() -> CopySite {
    CopySite::new(|content| add_paging_articles(content, EXTRA))
}

/// The listings to test, with their expected page counts.
fn listings(site: &CopySite) -> Vec<(String, Vec<String>)> {
    let s = site.state.site();
    [
        "/articles/",
        "/articles/category/paging-tests/",
        "/articles/tag/paging/",
        "/authors/data-desk/",
    ]
    .iter()
    .map(|base| {
        let list = s.listing(base).expect("listing exists");
        (base.to_string(), list.iter().map(|a| a.url()).collect())
    })
    .collect()
}

#[actix_web::test]
async fn later_pages_live_at_paths_with_links_titles_and_canonicals() {
    let site = site();
    let app = serve(&site.state).await;
    for (base, urls) in listings(&site) {
        let pages = page_count(urls.len());
        assert!(pages >= 3, "{base} has {} articles", urls.len());
        for n in 1..=pages {
            let path = page_url(&base, n);
            let page = get(&app, &path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert_eq!(
                page.attrs("link[rel=canonical]", "href"),
                [format!("https://careers.test{path}")],
                "{path}"
            );
            let title = page.text("title");
            assert_eq!(title.contains(&format!(", page {n} |")), n > 1, "{title}");
            let expected: Vec<&String> = urls
                .iter()
                .skip((n - 1) * PER_PAGE)
                .take(PER_PAGE)
                .collect();
            let shown = page.attrs(".article-card h2 a", "href");
            assert_eq!(shown.iter().collect::<Vec<_>>(), expected, "{path}");
            let prev = page.attrs(".pager a[rel=prev]", "href");
            let next = page.attrs(".pager a[rel=next]", "href");
            let want_prev: Vec<String> = (n > 1)
                .then(|| page_url(&base, n - 1))
                .into_iter()
                .collect();
            let want_next: Vec<String> = (n < pages)
                .then(|| page_url(&base, n + 1))
                .into_iter()
                .collect();
            assert_eq!(prev, want_prev, "{path}");
            assert_eq!(next, want_next, "{path}");
            assert!(!page.body.contains("?page="), "{path} links the query form");
        }
    }
}

#[actix_web::test]
async fn query_form_page_one_and_odd_numbers_redirect_to_the_path_form() {
    let site = site();
    let app = serve(&site.state).await;
    for (from, to) in [
        ("/articles/?page=2", "/articles/page/2/"),
        ("/articles/?page=1", "/articles/"),
        ("/articles/page/1/", "/articles/"),
        ("/articles/page/02/", "/articles/page/2/"),
        ("/articles/page/2", "/articles/page/2/"),
        (
            "/articles/tag/paging/?page=3",
            "/articles/tag/paging/page/3/",
        ),
        (
            "/articles/category/paging-tests/page/1/",
            "/articles/category/paging-tests/",
        ),
        ("/authors/data-desk/?page=2", "/authors/data-desk/page/2/"),
        ("/authors/data-desk/page/2", "/authors/data-desk/page/2/"),
    ] {
        let page = get(&app, from).await;
        assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{from}");
        assert_eq!(page.header("location"), to, "{from}");
    }
}

#[actix_web::test]
async fn bad_numbers_are_400_and_pages_past_the_end_404() {
    let site = site();
    let app = serve(&site.state).await;
    let last = page_count(site.state.site().articles.len());
    let past = format!("/articles/page/{}/", last + 1);
    let past_query = format!("/articles/?page={}", last + 1);
    for (path, status) in [
        (past.as_str(), StatusCode::NOT_FOUND),
        (past_query.as_str(), StatusCode::NOT_FOUND),
        ("/articles/tag/paging/page/9/", StatusCode::NOT_FOUND),
        ("/articles/tag/no-such-tag/page/2/", StatusCode::NOT_FOUND),
        ("/authors/nobody/page/2/", StatusCode::NOT_FOUND),
        ("/articles/page/0/", StatusCode::BAD_REQUEST),
        ("/articles/page/abc/", StatusCode::BAD_REQUEST),
        ("/articles/page/-1/", StatusCode::BAD_REQUEST),
        ("/articles/page/%FF/", StatusCode::BAD_REQUEST),
        (
            "/articles/page/99999999999999999999999/",
            StatusCode::BAD_REQUEST,
        ),
        ("/articles/?page=0", StatusCode::BAD_REQUEST),
        ("/articles/?page=x", StatusCode::BAD_REQUEST),
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, status, "{path}");
        assert_eq!(page.texts("h1").len(), 1, "{path} has an error page");
    }
}

#[actix_web::test]
async fn sitemap_lists_later_pages_in_the_path_form() {
    let site = site();
    let app = serve(&site.state).await;
    let xml = get(&app, "/sitemap.xml").await.body;
    for (base, urls) in listings(&site) {
        for n in 2..=page_count(urls.len()) {
            let loc = format!("<loc>https://careers.test{}</loc>", page_url(&base, n));
            assert!(xml.contains(&loc), "sitemap lacks {loc}");
        }
    }
    assert!(!xml.contains("page="), "sitemap has a query-string page");
}

#[actix_web::test]
async fn the_static_export_holds_every_listing_page() {
    let site = site();
    let out = site.export().await;
    for (base, urls) in listings(&site) {
        for n in 1..=page_count(urls.len()) {
            let path = page_url(&base, n);
            let file = out.join(path.trim_start_matches('/')).join("index.html");
            let html =
                fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let doc = scraper::Html::parse_document(&html);
            let sel = scraper::Selector::parse(".article-card h2 a").expect("selector");
            assert_eq!(
                doc.select(&sel).count(),
                (urls.len() - (n - 1) * PER_PAGE).min(PER_PAGE),
                "{path}"
            );
        }
    }
}
