//! Every route of the real app, read through CSS selectors.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use common::{TestSite, app, call, get};

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
    paths.extend(
        content
            .categories()
            .keys()
            .map(|c| careers::web::pages::articles::category_url(c)),
    );
    paths.extend(
        content
            .tags()
            .keys()
            .map(|t| careers::web::pages::articles::tag_url(t)),
    );
    paths.extend(content.authors.keys().map(|a| format!("/authors/{a}/")));
    assert!(
        content.roles.len() >= 13,
        "the pack has the seed roles and the roles on the way"
    );
    assert!(
        content.articles.len() >= 6,
        "the pack has at least six articles"
    );
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
async fn cmio_page_shows_the_ziprecruiter_figure_with_source_and_year() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/chief-medical-information-officer/").await;
    assert_eq!(page.status, StatusCode::OK);
    let card = page.text(".quick-facts");
    assert!(card.contains("$274,592"), "{card}");
    assert!(card.contains("ZipRecruiter"), "{card}");
    assert!(card.contains("2026"), "{card}");
    // No source gives the CMIO's years of study, so the card shows none.
    assert!(
        card.contains("Doctoral or professional degree at least"),
        "{card}"
    );
    assert!(!card.contains("years of"), "{card}");
}

#[actix_web::test]
async fn him_page_shows_the_may_2025_bls_median() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/health-information-manager/").await;
    let national = page.text("#salary ~ div table.wages, section[aria-labelledby=salary] table");
    assert!(national.contains("$123,860"), "{national}");
    assert!(national.contains("May 2025"), "{national}");
    let card = page.text(".quick-facts");
    assert!(
        card.contains("$123,860") && card.contains("May 2025"),
        "{card}"
    );
    // Both old published figures appear, each with its period.
    let salary = page.text("section[aria-labelledby=salary]");
    assert!(
        salary.contains("$100,980") && salary.contains("May 2019"),
        "{salary}"
    );
}

/// Reads the New York annual median for a SOC code from the BLS file itself.
fn ny_median_from_csv(soc: &str) -> i64 {
    let mut r = csv::Reader::from_path("content/data/bls/oews_state.csv").unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (area, code, mean) = (col("area_name"), col("soc_code"), col("annual_median_wage"));
    r.records()
        .map(|x| x.unwrap())
        .find(|rec| &rec[area] == "New York" && &rec[code] == soc)
        .map(|rec| rec[mean].parse().unwrap())
        .expect("a New York row")
}

#[actix_web::test]
async fn state_table_has_new_york_with_the_bls_mean() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/health-information-manager/").await;
    let row = page.text("tr#state-ny");
    assert!(row.starts_with("New York"), "{row}");
    let expected = careers::web::format::money(ny_median_from_csv("11-9111"));
    assert!(row.contains(&expected), "{row} should contain {expected}");
}

#[actix_web::test]
async fn faqs_and_testimonials_come_from_the_database() {
    let site = TestSite::new();
    {
        let conn = site.state.pool.get().unwrap();
        careers::db::insert_faq(
            &conn,
            Some("ehr-analyst"),
            99,
            "Is this question from the test?",
            "Yes, *inserted* by the test.",
        )
        .unwrap();
        careers::db::insert_testimonial(
            &conn,
            "ehr-analyst",
            "Testy",
            "Test background",
            "A real quote from the test.",
            false,
            "approved",
        )
        .unwrap();
        careers::db::insert_testimonial(
            &conn,
            "ehr-analyst",
            "Hidden",
            "Pending",
            "Not yet moderated.",
            false,
            "pending",
        )
        .unwrap();
    }
    let app = app(&site).await;
    let page = get(&app, "/roles/ehr-analyst/").await;
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
    let page = get(&app, "/roles/clinical-informatics-manager/").await;
    let figures = page.texts(".testimonial figcaption");
    assert!(!figures.is_empty(), "the seed role has testimonials");
    for caption in figures {
        assert!(caption.contains("Illustrative"), "{caption}");
    }
}

#[actix_web::test]
async fn role_sections_have_fixed_ids_and_self_links() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/clinical-informatics-manager/").await;
    for id in [
        "overview",
        "typical-day",
        "problems",
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
}

#[actix_web::test]
async fn unknown_pages_get_a_404_with_suggestions_and_aliases_redirect() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/health-information-manger/").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.text("main").contains("Health Information Manager"),
        "did-you-mean lists the close slug"
    );
    assert_eq!(page.texts("h1").len(), 1);
    let page = get(&app, "/roles/cmio/").await;
    assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        page.header("location"),
        "/roles/chief-medical-information-officer/"
    );
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
