//! Editorial pages on the engine test pack (`tests/fixtures/pack/pages/`):
//! the corrections log and its links both ways, reviewers, the footer, the
//! sections the engine generates from the model (so they always match
//! it), the privacy page's retention periods, search, `check` on page
//! bodies, and the load's checks of pages, reviewers and corrections.

mod common;

use actix_web::http::StatusCode;
use careers::content::check::{CheckOptions, check};
use careers::content::date::Date;
use careers::db::retention;
use common::copy::{replace_in, tree};
use common::{TestSite, app, get};
use std::fs;
use std::path::Path;

const PACK: &str = "tests/fixtures/pack";
const LOG: &str = "/editorial-policy/";

fn site() -> TestSite {
    TestSite::at(Path::new(PACK))
}

#[actix_web::test]
async fn the_corrections_log_gathers_every_page_and_links_both_ways() {
    let site = site();
    let app = app(&site).await;
    let log = get(&app, LOG).await;
    assert_eq!(log.status, StatusCode::OK);
    // Newest first: an article, a program, a role, a page.
    let entries = log.texts(".corrections-log li");
    let pages = log.hrefs(".corrections-log li a");
    assert_eq!(
        pages,
        [
            "/articles/pay-in-the-trades/",
            "/programs/example-wind-associate/",
            "/roles/wind-technician/",
            "/contact/",
        ]
    );
    assert!(
        entries[0].starts_with(
            "1 August 2026, article What the trades pay: A median was labelled as a mean."
        ),
        "{}",
        entries[0]
    );
    assert!(
        entries[2].contains("role Wind Technician"),
        "{}",
        entries[2]
    );
    let ids: Vec<String> = log
        .html()
        .select(&scraper::Selector::parse(".corrections-log li").unwrap())
        .filter_map(|li| li.value().attr("id").map(str::to_string))
        .collect();
    // Each corrected page shows its correction and links to its entry.
    for (page, id) in pages.iter().zip(&ids) {
        let p = get(&app, page).await;
        assert_eq!(p.status, StatusCode::OK, "{page}");
        assert_eq!(
            p.hrefs(".corrections-note a"),
            [format!("{LOG}#{id}")],
            "{page} does not link its log entry"
        );
        assert!(
            p.text(".corrections-note").starts_with("Corrected"),
            "{page}"
        );
    }
    // An uncorrected page shows no note.
    assert!(
        get(&app, "/roles/electrician/")
            .await
            .texts(".corrections-note")
            .is_empty()
    );
}

#[actix_web::test]
async fn pages_name_their_reviewer() {
    let site = site();
    let app = app(&site).await;
    let role = get(&app, "/roles/wind-technician/").await;
    assert!(
        role.text(".page-head .meta")
            .starts_with("Reviewed by Test Desk on 1 March 2030"),
        "{}",
        role.text(".page-head .meta")
    );
    assert!(
        role.hrefs(".page-head .meta a")
            .contains(&"/authors/test-desk/".to_string())
    );
    let plain = get(&app, "/roles/electrician/").await;
    let meta = plain.text(".page-head .meta");
    assert!(
        meta.starts_with("Reviewed 1 May 2030") && !meta.contains("Reviewed by"),
        "{meta}"
    );
    let article = get(&app, "/articles/pay-in-the-trades/").await;
    assert!(
        article
            .text(".page-head .meta")
            .contains("Reviewed by Test Desk")
    );
    let about = get(&app, "/about/").await;
    assert!(
        about
            .text(".page-head .meta")
            .starts_with("Reviewed by Test Desk on")
    );
}

#[actix_web::test]
async fn every_page_footer_links_the_editorial_pages_in_order() {
    let site = site();
    let app = app(&site).await;
    let expected = [
        "/about/",
        "/methodology/",
        "/data-sources/",
        "/editorial-policy/",
        "/disclosure/",
        "/privacy/",
        "/contact/",
    ];
    for url in [
        "/",
        "/roles/electrician/",
        "/programs/",
        "/articles/",
        "/about/",
    ] {
        let page = get(&app, url).await;
        assert_eq!(page.hrefs(".footer-pages a"), expected, "{url}");
    }
    for url in expected {
        assert_eq!(get(&app, url).await.status, StatusCode::OK, "{url}");
    }
}

#[actix_web::test]
async fn generated_sections_come_from_the_model() {
    let site = site();
    let app = app(&site).await;
    let model = site.state.site();
    // The bibliography: every source, by key, in the registry's order.
    let sources = get(&app, "/data-sources/").await;
    let keys: Vec<String> = sources.texts(".references li code");
    let registry: Vec<String> = model.sources.keys().cloned().collect();
    assert_eq!(keys, registry);
    let accessed = sources.text("#source-test-college");
    assert!(accessed.contains("Retrieved 1 June 2026"), "{accessed}");
    assert!(
        sources
            .text("#source-test-guide")
            .contains("Retrieval date not recorded")
    );
    // The data tables: each with its license and a link to its source.
    let rows = sources.texts(".table-wrap tbody tr");
    let tables = model.data.all_about();
    assert_eq!(rows.len(), tables.len());
    for (row, about) in rows.iter().zip(&tables) {
        assert!(
            row.contains(&about.name) && row.contains(&about.license),
            "{row}"
        );
    }
    // The headline pay table: one row per role, with the pay its page shows.
    let method = get(&app, "/methodology/").await;
    let rows = method.texts(".table-wrap tbody tr");
    assert_eq!(rows.len(), model.roles.len());
    let role = get(&app, "/roles/solar-site-lead/").await;
    let pay = role.text(".quick-facts .figure-value");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Solar Site Lead") && r.contains(&pay)),
        "{pay}: {rows:#?}"
    );
    // The desks.
    let about = get(&app, "/about/").await;
    let names: Vec<String> = about.texts(".authors dt");
    let authors: Vec<String> = model.authors.values().map(|a| a.name.clone()).collect();
    assert_eq!(names, authors);
    // Disclosure: the sponsored program and the one call to action.
    let disclosure = get(&app, "/disclosure/").await;
    assert_eq!(
        disclosure.hrefs(".program-card h3 a"),
        ["/programs/example-wind-associate/"]
    );
    let calls = disclosure.text("#calls-to-action ~ ul li");
    assert!(
        calls.contains("utm_medium=referral") && calls.contains("utm_source=careers-test"),
        "{calls}"
    );
}

#[actix_web::test]
async fn the_privacy_page_states_the_retention_rules_in_force() {
    let site = site();
    let app = app(&site).await;
    let page = get(&app, "/privacy/").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text(".prose");
    for needle in [
        format!("within {} days", retention::UNVERIFIED_DAYS),
        format!(
            "deleted {} days after the decision",
            retention::REJECTED_DAYS
        ),
        format!("dropped after {} days", retention::UNSENT_MAIL_DAYS),
        format!("at most {} hours", retention::SESSION_HOURS),
    ] {
        assert!(text.contains(&needle), "{needle} missing: {text}");
    }
    // The forms link to it.
    let form = get(&app, "/newsletter/").await;
    assert!(form.hrefs("a").contains(&"/privacy/".to_string()));
}

#[actix_web::test]
async fn search_finds_programs_and_pages() {
    let site = site();
    let app = app(&site).await;
    let page = get(&app, "/search?q=desks").await;
    assert!(
        page.hrefs(".results a, ol a, li a")
            .contains(&"/about/".to_string()),
        "{}",
        page.body
    );
    assert!(page.texts(".kind").iter().any(|k| k.starts_with("Page")));
    let page = get(&app, "/search?q=apprenticeship").await;
    assert!(
        page.hrefs("a")
            .contains(&"/programs/electrical-apprenticeship/".to_string())
    );
}

#[test]
fn check_follows_links_in_pages_and_programs() {
    let today = Date::parse("2026-12-01").unwrap();
    let opts = CheckOptions {
        today,
        ..CheckOptions::new("static")
    };
    let clean = check(Path::new(PACK), &opts);
    assert_eq!(clean.errors(), 0, "{:#?}", clean.findings);
    let (_dir, root) = tree(PACK);
    replace_in(
        &root.join("pages/contact.md"),
        "(/roles/)",
        "(/roles/nobody/)",
    );
    replace_in(
        &root.join("programs/grid-operations-fellowship.md"),
        "Invented test content.",
        "See [the list](/programs/nothing/).",
    );
    let report = check(&root, &opts);
    let broken: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.kind == careers::content::check::Kind::BrokenLink)
        .map(|f| format!("{}:{}", f.file, f.line.unwrap_or(0)))
        .collect();
    assert_eq!(
        broken,
        [
            "pages/contact.md:12",
            "programs/grid-operations-fellowship.md:16"
        ],
        "{:#?}",
        report.findings
    );
}

/// A change to a copy of the pack.
type Edit = Box<dyn FnOnce(&Path)>;

/// The load's error messages for the pack with `edit` applied.
fn errors(edit: impl FnOnce(&Path)) -> Vec<String> {
    let (_dir, root) = tree(PACK);
    edit(&root);
    match careers::content::load(&root, Default::default()) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn the_load_checks_pages_reviewers_and_corrections() {
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|r: &Path| {
                replace_in(&r.join("pages/about.md"), "{{ authors }}", "{{ writers }}")
            }),
            "pages/about.md:13: `{{ writers }}` is not a generated section; use one of: authors, sources",
        ),
        (
            Box::new(|r: &Path| {
                fs::rename(r.join("pages/contact.md"), r.join("pages/roles.md")).unwrap()
            }),
            "slug `roles` is taken",
        ),
        (
            Box::new(|r: &Path| {
                replace_in(
                    &r.join("pages/about.md"),
                    "reviewer = \"test-desk\"",
                    "reviewer = \"ghost\"",
                )
            }),
            "pages/about.md:5:1: unknown author `ghost` as reviewer",
        ),
        (
            Box::new(|r: &Path| {
                replace_in(
                    &r.join("roles/wind-technician.md"),
                    "date = 2026-05-02",
                    "date = 2099-05-02",
                )
            }),
            "is dated 2099-05-02, in the future",
        ),
        (
            Box::new(|r: &Path| {
                replace_in(
                    &r.join("articles/pay-in-the-trades.md"),
                    "updated = 2026-08-01\n",
                    "",
                )
            }),
            "the correction of 2026-08-01 is later than `updated` (2026-07-01)",
        ),
        (
            Box::new(|r: &Path| {
                replace_in(
                    &r.join("pages/methodology.md"),
                    "order = 2",
                    "order = 2\nsources = [\"nope\"]",
                )
            }),
            "pages/methodology.md:6:12: unknown source `nope`",
        ),
    ];
    for (edit, expected) in cases {
        let errors = errors(edit);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "expected “{expected}”, got {errors:#?}"
        );
    }
    // Without a privacy page the site loads, with a warning saying why.
    let (_dir, root) = tree(PACK);
    fs::remove_file(root.join("pages/privacy.md")).unwrap();
    let site = careers::content::load(&root, Default::default()).expect("loads");
    assert!(
        site.warnings
            .iter()
            .any(|w| w.to_string().contains("there is no pages/privacy.md")),
        "{:?}",
        site.warnings
    );
}
