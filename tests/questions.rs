//! `/questions/`: the site-wide questions, each answered with its source,
//! marked up as an FAQPage, linked from every page and found by search.

mod common;

use actix_web::http::StatusCode;
use common::{TestSite, app, get};
use scraper::Selector;

#[actix_web::test]
async fn site_wide_questions_have_a_page_with_sources() {
    let site = TestSite::new();
    let app = app(&site).await;
    let conn = site.state.pool.get().unwrap();
    let expected: Vec<String> = conn
        .prepare("SELECT question FROM faqs WHERE role_slug IS NULL ORDER BY position, id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!expected.is_empty(), "the pack has site-wide FAQs");

    let page = get(&app, "/questions/").await;
    assert_eq!(page.status, StatusCode::OK);
    let questions: Vec<String> = page
        .texts(".faq h3")
        .into_iter()
        .map(|q| q.trim_end_matches('#').trim().to_string())
        .collect();
    assert_eq!(questions, expected);

    // Every source link points at an entry of the page's references.
    let html = page.html();
    let cites = Selector::parse(".faq .cite a").unwrap();
    let refs: Vec<String> = html
        .select(&Selector::parse("ol.references li").unwrap())
        .filter_map(|li| li.value().attr("id").map(|id| format!("#{id}")))
        .collect();
    let cited: Vec<&str> = html
        .select(&cites)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(!cited.is_empty());
    for href in cited {
        assert!(refs.iter().any(|r| r == href), "{href} not in {refs:?}");
    }
    assert!(
        page.body.contains("\"@type\":\"FAQPage\""),
        "FAQPage JSON-LD"
    );

    // Linked from every page's footer, listed in the sitemap, and the
    // address without its slash redirects.
    let home = get(&app, "/").await;
    let footer = Selector::parse("footer a[href=\"/questions/\"]").unwrap();
    assert_eq!(home.html().select(&footer).count(), 1);
    assert!(
        get(&app, "/sitemap.xml")
            .await
            .body
            .contains("/questions/</loc>")
    );
    let bare = get(&app, "/questions").await;
    assert_eq!(bare.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(bare.header("location"), "/questions/");
}

#[actix_web::test]
async fn search_finds_site_wide_questions_on_their_page() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/search?q=newcomer+start").await;
    let links = page.hrefs(".search-results h2 a");
    assert!(
        links.iter().any(|l| l.starts_with("/questions/#faq-")),
        "{links:?}"
    );
    // The anchor exists on the questions page.
    let target = links
        .iter()
        .find(|l| l.starts_with("/questions/#"))
        .unwrap();
    let id = target.split('#').nth(1).unwrap();
    let questions = get(&app, "/questions/").await;
    assert!(questions.body.contains(&format!("id=\"{id}\"")), "{id}");
}
