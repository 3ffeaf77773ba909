//! The engine test pack is served by the whole app: a crawl from `/` and
//! from every address of the sitemap, through every internal link (query
//! strings kept: filters, sorts, comparisons, routes, the API), finds every
//! answer a 200 or a redirect to one; and no answer mentions health care
//! or names the real pack's roles, sources, occupation codes, data
//! releases, periods or top-code.

mod common;

use actix_web::http::StatusCode;
use common::html::{crawl, sitemap_paths};
use common::pack_terms::{mentioned, mentions, real_pack_terms};
use common::{TestSite, app, get};

#[test]
fn the_word_list_matches_whole_words_only() {
    let terms = real_pack_terms();
    let find = |t: &str| {
        terms
            .iter()
            .find(|x| x.text == t)
            .unwrap_or_else(|| panic!("`{t}` is not on the list"))
    };
    assert!(mentions("Health care, by the numbers", find("health care")));
    // The engine's own health checks are not the field's word.
    assert!(
        !terms
            .iter()
            .any(|t| mentions("GET /healthz; db::health", t))
    );
    assert!(mentions("an EHR analyst", find("EHR")));
    assert!(!mentions("ehrlich", find("EHR")));
    // Read from the real pack: its manifest's period and a code of its roles.
    assert!(terms.iter().any(|t| t.kind == "real data period"));
    assert!(terms.iter().any(|t| t.kind == "real SOC code"));
    assert!(terms.iter().any(|t| t.kind == "real source key"));
}

#[actix_web::test]
async fn every_page_of_the_test_pack_answers_and_names_nothing_of_the_real_pack() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let mut starts = vec!["/".to_string(), "/sitemap.xml".to_string()];
    starts.extend(sitemap_paths(&get(&app, "/sitemap.xml").await.body));
    let seen = crawl(&app, &starts, true).await;

    // Every address answers, or redirects to one that does.
    let mut broken = Vec::new();
    for (path, s) in &seen {
        let ok = s.status == StatusCode::OK
            || (s.status.is_redirection()
                && seen
                    .get(&s.location)
                    .is_some_and(|t| t.status == StatusCode::OK));
        if !ok {
            broken.push(format!("{path} ({}) linked from {}", s.status, s.from));
        }
    }
    assert!(broken.is_empty(), "broken: {broken:#?}");

    // The crawl reached the whole pack.
    let mut must: Vec<String> = content.roles.iter().map(|r| r.url()).collect();
    must.extend(content.articles.iter().map(|a| a.url()));
    must.extend(content.soc_codes().iter().map(|c| format!("/soc/{c}/")));
    must.extend(
        content
            .roles
            .iter()
            .map(|r| format!("/salaries/{}/", r.slug)),
    );
    must.extend(
        content
            .roles
            .iter()
            .map(|r| format!("/embed/roles/{}", r.slug)),
    );
    for path in [
        "/roles/",
        "/articles/",
        "/career-map/",
        "/pathways/",
        "/salaries/",
        "/compare/",
        "/questions/",
        "/api/",
        "/feed.xml",
        "/salaries/states/ny/",
    ] {
        must.push(path.to_string());
    }
    for path in &must {
        assert!(seen.contains_key(path), "the crawl never reached {path}");
    }
    assert!(seen.keys().any(|p| p.starts_with("/api/v1/")));
    assert!(seen.keys().any(|p| p.starts_with("/pathways/?from=")));
    assert!(seen.keys().any(|p| p.contains("?sort=")));

    // No answer names the real pack or its field.
    let terms = real_pack_terms();
    let mut named = Vec::new();
    for (path, s) in &seen {
        let text_like = [
            "text/",
            "application/json",
            "application/xml",
            "application/atom+xml",
            "image/svg+xml",
            "application/problem+json",
        ]
        .iter()
        .any(|t| s.content_type.starts_with(t));
        if !text_like {
            continue;
        }
        let body = s.text();
        for t in mentioned(&body, &terms) {
            named.push(format!("{path}: {} `{}`", t.kind, t.text));
        }
    }
    assert!(
        named.is_empty(),
        "pages of the test pack name the real pack or its field:\n{}",
        named.join("\n")
    );
}
