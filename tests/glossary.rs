//! The glossary on a fixture pack (`tests/fixtures/minimal` with the overlay
//! `tests/fixtures/glossary/`): `/glossary/` lists every term at its
//! anchor, and the first use of a term on a role or article page, outside
//! headings, links and code, links there, once per page. The BLS files of
//! the real pack are copied in only so that the database can be seeded.

mod common;

use actix_web::web::Data;
use careers::commands::serve::prepare;
use careers::content::{self, CompileCache, LoadOptions};
use common::copy::copy_dir;
use common::{Page, get};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The minimal pack with the glossary overlay, in a temp folder.
fn pack() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("content");
    copy_dir(Path::new("tests/fixtures/minimal"), &root);
    copy_dir(Path::new("tests/fixtures/glossary"), &root);
    (dir, root)
}

async fn page(path: &str) -> Page {
    let (dir, root) = pack();
    let args = common::args(&dir, &root);
    let state = Data::new(prepare(&args).expect("fixture site prepares"));
    let app = actix_web::test::init_service(careers::web::app(state)).await;
    get(&app, path).await
}

/// `href`s of links into the glossary inside the page's main content.
fn term_links(p: &Page) -> Vec<String> {
    p.hrefs("main a[href^='/glossary/#']")
}

#[actix_web::test]
async fn the_glossary_lists_every_term_at_a_stable_anchor_with_its_source() {
    let p = page("/glossary/").await;
    assert_eq!(p.status, 200);
    let terms = p.texts("dl.glossary dt");
    assert_eq!(terms.len(), 2, "{terms:?}");
    // Alphabetical by term, each at the anchor of its id.
    assert!(
        terms[0].starts_with("electronic health record"),
        "{terms:?}"
    );
    assert!(terms[1].starts_with("go-live"), "{terms:?}");
    assert_eq!(p.texts("dt#ehr").len(), 1);
    assert_eq!(p.texts("dt#go-live").len(), 1);
    let ehr = p.text("dt#ehr + dd");
    assert!(ehr.contains("The digital record"), "{ehr}");
    assert!(ehr.contains("Also written: EHR"), "{ehr}");
    // The definition cites its source, listed under References.
    assert_eq!(p.hrefs("dt#ehr + dd a"), ["#ref-src"]);
    assert_eq!(p.texts("#ref-src").len(), 1);
}

#[actix_web::test]
async fn a_role_page_links_the_first_use_of_each_term_once() {
    let p = page("/roles/analyst/").await;
    assert_eq!(p.status, 200);
    // "EHR" is used five times: in the lead (linked), a heading, plain text,
    // a link's words and code. Only the first use links; "go-live" twice,
    // linked once, in a later section.
    assert_eq!(term_links(&p), ["/glossary/#ehr", "/glossary/#go-live"]);
    let lead = p.text("section[aria-labelledby=overview] p");
    assert!(lead.contains("Analysts keep the EHR tidy."), "{lead}");
    assert!(
        p.hrefs("h2#overview a").iter().all(|h| h == "#overview"),
        "headings keep only their self-link"
    );
    // The link keeps its words and gains no nested link.
    assert_eq!(
        p.texts("section[aria-labelledby=overview] a[href='/roles/manager/']"),
        ["the EHR manual"]
    );
    assert_eq!(p.texts("code").iter().filter(|c| *c == "EHR").count(), 1);
}

#[actix_web::test]
async fn an_article_links_terms_in_any_case_and_by_their_other_spellings() {
    let p = page("/articles/hello/").await;
    assert_eq!(p.status, 200);
    let links = p.html();
    let sel = scraper::Selector::parse("main a[href^='/glossary/#']").unwrap();
    let words: Vec<String> = links
        .select(&sel)
        .map(|a| a.text().collect::<String>())
        .collect();
    // "electronic health record" links the EHR term, so the later "EHR" does not.
    assert_eq!(words, ["electronic health record", "Go-Live"]);
}

#[test]
fn a_changed_glossary_recompiles_pages_the_cache_would_keep() {
    let (_dir, root) = pack();
    let mut cache = CompileCache::default();
    let opts = LoadOptions::default();
    let before = content::load_cached(&root, opts, &mut cache).expect("loads");
    let html = |site: &content::Site| site.role("analyst").unwrap().sections[0].html.get();
    assert!(html(&before).contains("/glossary/#ehr"));
    // Same role files, new glossary: the cached pages must not keep old links.
    fs::write(
        root.join("glossary.toml"),
        "[[term]]\nid = \"record\"\nterm = \"EHR\"\ndefinition = \"d\"\nsource = \"src\"\n",
    )
    .unwrap();
    let after = content::load_cached(&root, opts, &mut cache).expect("loads");
    assert!(!html(&after).contains("/glossary/#ehr"), "{}", html(&after));
    assert!(
        html(&after).contains("/glossary/#record"),
        "{}",
        html(&after)
    );
}
