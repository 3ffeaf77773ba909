//! Every route of the real app on the engine test pack, read through CSS
//! selectors.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use careers::content::dataset::wages::WageField;
use careers::content::listing::{author_url, category_url, tag_url};
use careers::content::outline::Anchor;
use common::tables::Wages;
use common::{TestSite, app, call, get};
use std::path::Path;

#[actix_web::test]
async fn every_page_answers_200() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let mut paths: Vec<String> = vec![
        "/".into(),
        "/roles/".into(),
        "/articles/".into(),
        "/healthz".into(),
    ];
    paths.extend(content.roles.iter().map(|r| r.url()));
    paths.extend(content.articles.iter().map(|a| a.url()));
    paths.extend(content.categories().map(|c| category_url(&c.name)));
    paths.extend(content.tags().map(|t| tag_url(&t.name)));
    paths.extend(content.authors.keys().map(|a| author_url(a)));
    // The pack's roles and articles, without its draft and scheduled ones.
    assert_eq!(content.roles.len(), 8, "eight public roles");
    assert_eq!(content.articles.len(), 3, "three public articles");
    for path in &paths {
        let page = get(&app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        if path != "/healthz" {
            assert_eq!(page.texts("h1").len(), 1, "{path} has one h1");
            assert!(
                page.header("content-type").starts_with("text/html"),
                "{path}"
            );
        }
    }
}

#[actix_web::test]
async fn a_published_figure_leads_with_source_and_year() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/solar-site-lead/").await;
    assert_eq!(page.status, StatusCode::OK);
    let card = page.text(".quick-facts");
    assert!(card.contains("$81,500"), "{card}");
    assert!(
        card.contains("Average annual pay of solar site leads"),
        "{card}"
    );
    assert!(card.contains("Test Pay Survey"), "{card}");
    assert!(card.contains("2030"), "{card}");
    // Years of study show with the source that gives them.
    assert!(
        card.contains("2 to 4 years of higher education (Test Trade Association)"),
        "{card}"
    );
    // The salary section leads with the same figure and says why; the
    // other published figures follow, without the headline again.
    let lead = page.text(".pay-lead");
    assert!(lead.starts_with("$81,500: Average annual pay"), "{lead}");
    assert!(
        lead.contains("leads with the survey of site leads"),
        "{lead}"
    );
    let published = page.texts("section[aria-labelledby=salary] ul.figures li");
    assert_eq!(published.len(), 1, "{published:?}");
    assert!(
        published[0].contains("$70,000 to $92,000") && published[0].contains("2030"),
        "{published:?}"
    );
}

#[actix_web::test]
async fn a_code_median_leads_with_the_code_named() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/electrician/").await;
    let national = page.text("section[aria-labelledby=salary] table.wages");
    assert!(national.contains("$61,000"), "{national}");
    assert!(national.contains("June 2030"), "{national}");
    let card = page.text(".quick-facts");
    assert!(
        card.contains("$61,000") && card.contains("June 2030"),
        "{card}"
    );
    // The figure is the code's: the label names the code, not the role.
    assert!(
        card.contains("Median annual wage, Electricians (47-2111)"),
        "{card}"
    );
    // No published figures for this role: no list of them.
    assert!(page.texts("#salary-published").is_empty());
}

/// The New York median of `code` in the test pack's state table.
fn ny_median_from_csv(code: &str) -> i64 {
    let w = Wages::of(Path::new(common::PACK));
    let row = w
        .states
        .iter()
        .find(|r| w.area(r) == "New York" && w.code(r) == code)
        .expect("a New York row");
    w.whole(row, WageField::Median).expect("a median")
}

#[actix_web::test]
async fn state_table_has_new_york_with_the_csv_median() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/electrician/").await;
    let row = page.text("tr#state-ny");
    assert!(row.starts_with("New York"), "{row}");
    let expected = careers::web::format::money(ny_median_from_csv("47-2111"));
    assert!(row.contains(&expected), "{row} should contain {expected}");
    // A state the publisher did not release reads so.
    assert!(page.text("tr#state-dc").contains("not released"));
}

#[actix_web::test]
async fn faqs_and_testimonials_come_from_the_database() {
    let site = TestSite::new();
    {
        let conn = site.state.pool.get().unwrap();
        careers::db::insert_faq(
            &conn,
            Some("electrician"),
            99,
            "Is this question from the test?",
            "Yes, *inserted* by the test.",
        )
        .unwrap();
        careers::db::insert_testimonial(
            &conn,
            "electrician",
            "Testy",
            "Test background",
            "A real quote from the test.",
            false,
            "approved",
        )
        .unwrap();
        careers::db::insert_testimonial(
            &conn,
            "electrician",
            "Hidden",
            "Pending",
            "Not yet moderated.",
            false,
            "pending",
        )
        .unwrap();
    }
    let app = app(&site).await;
    let page = get(&app, "/roles/electrician/").await;
    let faq = page.text("section[aria-labelledby=faq]");
    assert!(
        faq.contains("Is this question from the test?")
            && faq.contains("Yes, inserted by the test."),
        "{faq}"
    );
    let t = page.text("section[aria-labelledby=testimonials]");
    assert!(t.contains("A real quote from the test."), "{t}");
    assert!(
        !t.contains("Not yet moderated."),
        "pending testimonials stay hidden: {t}"
    );
}

#[actix_web::test]
async fn illustrative_testimonials_are_labelled() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/electrician/").await;
    let figures = page.texts(".testimonial figcaption");
    assert!(!figures.is_empty(), "the pack's role has a testimonial");
    for caption in figures {
        assert!(caption.contains("Illustrative"), "{caption}");
    }
}

#[actix_web::test]
async fn role_sections_have_fixed_ids_and_self_links() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/electrician/").await;
    for id in [
        "overview",
        "typical-day",
        "salary",
        "outlook",
        "education",
        "skills",
        "certifications",
        "career-path",
        "testimonials",
        "faq",
        "references",
    ] {
        let link = page.texts(&format!("h2#{id} a.anchor[href='#{id}']"));
        assert_eq!(link.len(), 1, "section {id} has an h2 with a self-link");
    }
    // A section the role has no prose for is left out, and shown where
    // another role has it.
    assert!(page.texts("#problems").is_empty());
    let wind = get(&app, "/roles/wind-technician/").await;
    assert_eq!(
        wind.texts("h2#problems a.anchor[href='#problems']").len(),
        1
    );
    // Every body section of every role's outline is an h2 with a self-link,
    // in outline order.
    let content = site.state.site();
    for role in &content.roles {
        let page = get(&app, &role.url()).await;
        let outline = &content.facts(role).outline;
        let want: Vec<&str> = outline.body().map(|s| s.id()).collect();
        let got = page.attrs("main section > h2[id]", "id");
        assert_eq!(got, want, "{}", role.slug);
        for s in outline.body() {
            let h = page.texts(&format!("h2#{} a.anchor[href='#{}']", s.id(), s.id()));
            assert_eq!(h.len(), 1, "{}: #{}", role.slug, s.id());
        }
        assert!(outline.shows(Anchor::Salary));
    }
}

#[actix_web::test]
async fn unknown_pages_get_a_404_with_suggestions_and_aliases_redirect() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/electrican/").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.text("main").contains("Electrician"),
        "did-you-mean lists the close slug"
    );
    assert_eq!(page.texts("h1").len(), 1);
    let page = get(&app, "/roles/site-lead/").await;
    assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(page.header("location"), "/roles/solar-site-lead/");
    let page = get(&app, "/roles").await;
    assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(page.header("location"), "/roles/");
}

#[actix_web::test]
async fn malformed_requests_get_4xx_never_500() {
    let site = TestSite::new();
    let app = app(&site).await;
    let long = format!("/roles/{}/", "a".repeat(5000));
    for path in [
        "/roles/%FF%FE/",
        "/roles/%E0%A4%A/",
        "/articles/%00/",
        "/static/../Cargo.toml",
        "/static/..%2FCargo.toml",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/articles/?page=abc",
        "/articles/?page=0",
        "/articles/?page=99999999999999999999999",
        "/articles/?page=999",
        "/articles/tag/%ZZ/",
        long.as_str(),
    ] {
        let page = get(&app, path).await;
        assert!(page.status.is_client_error(), "{path} gave {}", page.status);
    }
    let bad = get(&app, "/articles/?page=abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text("main").contains("positive whole number"));
}

#[actix_web::test]
async fn security_and_cache_headers() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/").await;
    let csp = page.header("content-security-policy");
    assert!(
        csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert!(!page.header("referrer-policy").is_empty());
    let etag = page.header("etag");
    assert!(!etag.is_empty());
    let again = call(
        &app,
        atest::TestRequest::get()
            .uri("/roles/")
            .insert_header(("if-none-match", etag.as_str()))
            .to_request(),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // The stylesheet is served under its hashed name and cached for good.
    let css_url = site.state.assets.css_url.clone();
    let css = get(&app, &css_url).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("cache-control").contains("immutable"));
    assert_eq!(
        get(&app, "/static/site.0000000000.css").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn responses_are_compressed_when_asked() {
    let site = TestSite::new();
    let app = app(&site).await;
    let res = call(
        &app,
        atest::TestRequest::get()
            .uri("/roles/")
            .insert_header(("accept-encoding", "gzip"))
            .to_request(),
    )
    .await;
    assert_eq!(res.header("content-encoding"), "gzip");
}

#[actix_web::test]
async fn sitemap_lists_every_page_and_robots_names_it() {
    let site = TestSite::new();
    let app = app(&site).await;
    let map = get(&app, "/sitemap.xml").await;
    assert_eq!(map.status, StatusCode::OK);
    let content = site.state.site();
    for role in &content.roles {
        let entry = format!(
            "<loc>https://careers.test{}</loc><lastmod>{}</lastmod>",
            role.url(),
            role.fm.updated.iso()
        );
        assert!(map.body.contains(&entry), "{entry}");
    }
    for a in &content.articles {
        assert!(
            map.body
                .contains(&format!("https://careers.test{}", a.url()))
        );
    }
    let robots = get(&app, "/robots.txt").await;
    assert!(
        robots
            .body
            .contains("Sitemap: https://careers.test/sitemap.xml")
    );
}

#[actix_web::test]
async fn a_two_thousand_character_accented_query_gets_a_search_page() {
    let site = TestSite::new();
    let app = app(&site).await;
    let query = "%C3%A9".repeat(2000);
    let page = get(&app, &format!("/search?q={query}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1").len(), 1);
}
