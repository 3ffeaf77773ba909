//! Feeds and metadata: the Atom feed, the sitemap's new pages, Open Graph
//! and Twitter tags, and every JSON-LD block parsed and checked.

mod common;

use actix_web::http::StatusCode;
use careers::content::dataset::wages::WageField;
use careers::content::facts::Amount;
use common::html::{jsonld, of_type};
use common::{TestSite, app, get};
use scraper::Selector;
use serde_json::Value;

fn has(v: &Value, keys: &[&str], what: &str) {
    for k in keys {
        let x = &v[*k];
        assert!(
            !(x.is_null() || x.as_str() == Some("") || x.as_array().is_some_and(|a| a.is_empty())),
            "{what}: `{k}` is missing or empty in {v}"
        );
    }
    assert_eq!(v["@context"], "https://schema.org", "{what}");
}

#[actix_web::test]
async fn role_pages_carry_occupation_breadcrumbs_and_faq_structured_data() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    for role in &content.roles {
        let page = get(&app, &role.url()).await;
        let blocks = jsonld(&page.body);
        let what = role.url();
        let occ = of_type(&blocks, "Occupation");
        assert_eq!(occ.len(), 1, "{what}: one Occupation");
        let o = occ[0];
        has(
            o,
            &[
                "name",
                "description",
                "occupationalCategory",
                "educationRequirements",
                "skills",
                "occupationLocation",
            ],
            &what,
        );
        assert_eq!(o["name"], role.fm.title.as_str());
        assert_eq!(
            o["occupationalCategory"][0]["codeValue"],
            role.fm.soc.as_str()
        );
        assert_eq!(o["occupationLocation"]["@type"], "Country");
        assert_eq!(o["occupationLocation"]["name"], "US");
        assert_eq!(
            o["educationRequirements"]["@type"],
            "EducationalOccupationalCredential"
        );
        let has_credentials = !role.fm.licenses.is_empty() || !role.fm.certifications.is_empty();
        assert_eq!(
            !o["qualifications"].is_null(),
            has_credentials,
            "{what}: qualifications"
        );
        // The salary is the role's headline pay: the code's percentiles
        // when it is the code's median, else the published figure.
        let s = &o["estimatedSalary"];
        match &content.facts(role).pay {
            Some(pay) if pay.of_code.is_some() => {
                let w = content.data.national(&role.fm.soc).expect("the code's row");
                assert_eq!(s["@type"], "MonetaryAmountDistribution", "{what}");
                assert_eq!(s["currency"], "USD");
                assert_eq!(s["duration"], "P1Y");
                let name = s["name"].as_str().unwrap();
                assert!(name.contains(&pay.period), "{what}: period in {name}");
                assert!(name.contains(&w.code), "{what}: the code in {name}");
                match pay.amount {
                    Amount::Exact(v) => assert_eq!(s["median"].as_i64(), Some(v), "{what}"),
                    // A top-coded median is not invented.
                    _ => assert!(s["median"].is_null(), "{what}: {s}"),
                }
                assert_eq!(
                    s["percentile10"].as_i64(),
                    w.whole(WageField::P10),
                    "{what}: p10"
                );
                assert_eq!(
                    s["percentile90"].as_i64(),
                    w.whole(WageField::P90),
                    "{what}: p90"
                );
            }
            Some(pay) => {
                assert_eq!(s["@type"], "MonetaryAmount", "{what}");
                assert_eq!(s["currency"], "USD");
                let name = s["name"].as_str().unwrap();
                assert!(name.contains(&pay.period), "{what}: period in {name}");
                assert_eq!(
                    s["value"]["value"].as_i64(),
                    Some(pay.amount.sort_value()),
                    "{what}"
                );
            }
            None => assert!(s.is_null(), "{what}: no invented salary"),
        }
        // Breadcrumbs: Home > Roles > the role, absolute URLs.
        let bc = of_type(&blocks, "BreadcrumbList");
        assert_eq!(bc.len(), 1, "{what}");
        let items = bc[0]["itemListElement"].as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[2]["item"],
            format!("https://careers.test{}", role.url())
        );
        assert_eq!(items[0]["position"], 1);
        // FAQPage matches the visible questions.
        let visible = page.texts(".faq h3");
        let faq = of_type(&blocks, "FAQPage");
        if visible.is_empty() {
            assert!(faq.is_empty(), "{what}: no FAQPage without questions");
        } else {
            assert_eq!(faq.len(), 1, "{what}");
            let qs = faq[0]["mainEntity"].as_array().unwrap();
            assert_eq!(qs.len(), visible.len(), "{what}");
            for q in qs {
                assert_eq!(q["@type"], "Question");
                assert!(
                    visible
                        .iter()
                        .any(|v| v.starts_with(q["name"].as_str().unwrap()))
                );
                assert!(!q["acceptedAnswer"]["text"].as_str().unwrap().is_empty());
            }
        }
    }
}

#[actix_web::test]
async fn articles_carry_article_structured_data_and_every_page_below_home_breadcrumbs() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    for a in &content.articles {
        let page = get(&app, &a.url()).await;
        let blocks = jsonld(&page.body);
        let art = of_type(&blocks, "Article");
        assert_eq!(art.len(), 1, "{}", a.url());
        has(
            art[0],
            &[
                "headline",
                "datePublished",
                "dateModified",
                "author",
                "publisher",
                "url",
                "image",
            ],
            &a.url(),
        );
        assert_eq!(art[0]["headline"], a.fm.title.as_str());
        assert_eq!(art[0]["datePublished"], a.fm.published.iso());
        assert_eq!(of_type(&blocks, "BreadcrumbList").len(), 1, "{}", a.url());
    }
    let home = get(&app, "/").await;
    assert!(
        of_type(&jsonld(&home.body), "BreadcrumbList").is_empty(),
        "none on home"
    );
    for path in ["/roles/", "/articles/", "/api/", "/soc/47-2111/"] {
        let page = get(&app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let blocks = jsonld(&page.body);
        assert_eq!(of_type(&blocks, "BreadcrumbList").len(), 1, "{path}");
    }
}

#[actix_web::test]
async fn every_page_has_open_graph_and_twitter_tags_with_a_png_share_image() {
    let site = TestSite::new();
    let app = app(&site).await;
    for path in ["/", "/roles/", "/roles/electrician/", "/articles/", "/api/"] {
        let page = get(&app, path).await;
        let doc = page.html();
        let meta = |sel: &str| {
            let s = Selector::parse(sel).unwrap();
            doc.select(&s)
                .next()
                .and_then(|e| e.value().attr("content").map(str::to_string))
                .unwrap_or_else(|| panic!("{path}: no {sel}"))
        };
        assert!(!meta(r#"meta[name="description"]"#).is_empty());
        assert!(!meta(r#"meta[property="og:title"]"#).is_empty());
        assert!(!meta(r#"meta[property="og:description"]"#).is_empty());
        assert_eq!(
            meta(r#"meta[property="og:url"]"#),
            format!("https://careers.test{path}")
        );
        assert_eq!(
            meta(r#"meta[property="og:image"]"#),
            "https://careers.test/static/share.png"
        );
        assert_eq!(meta(r#"meta[name="twitter:card"]"#), "summary_large_image");
    }
    let img = get(&app, "/static/share.png").await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.header("content-type"), "image/png");
    assert!(!img.header("etag").is_empty());
}

#[actix_web::test]
async fn the_atom_feed_lists_every_article_with_absolute_links() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let feed = get(&app, "/feed.xml").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.header("content-type")
            .starts_with("application/atom+xml")
    );
    assert!(feed.body.starts_with("<?xml"));
    assert!(
        feed.body
            .contains(r#"<feed xmlns="http://www.w3.org/2005/Atom""#)
    );
    assert!(feed.body.contains(
        r#"<link rel="self" type="application/atom+xml" href="https://careers.test/feed.xml"/>"#
    ));
    assert_eq!(feed.body.matches("<entry>").count(), content.articles.len());
    for a in &content.articles {
        let url = format!("https://careers.test{}", a.url());
        assert!(feed.body.contains(&format!("<id>{url}</id>")), "{url}");
    }
    // The full text is escaped HTML; root-relative links became absolute.
    assert!(
        !feed.body.contains("href=&quot;/"),
        "relative links in the feed"
    );
    assert!(
        !feed.body.contains("<p>"),
        "HTML is escaped inside <content>"
    );
    // Well-formed: every element closes (xmllint runs in the browser suite).
    assert_eq!(
        feed.body.matches("<entry>").count(),
        feed.body.matches("</entry>").count()
    );
    // Pages point feed readers to it.
    let home = get(&app, "/").await;
    assert!(
        home.body
            .contains(r#"<link rel="alternate" type="application/atom+xml" href="/feed.xml""#)
    );
}

#[actix_web::test]
async fn the_sitemap_lists_the_new_pages() {
    let site = TestSite::new();
    let app = app(&site).await;
    let map = get(&app, "/sitemap.xml").await;
    for path in ["/api/", "/soc/47-2111/", "/soc/11-3051.00/"] {
        assert!(
            map.body
                .contains(&format!("<loc>https://careers.test{path}</loc>")),
            "{path}"
        );
    }
    let robots = get(&app, "/robots.txt").await;
    assert!(
        robots
            .body
            .contains("Sitemap: https://careers.test/sitemap.xml")
    );
}
