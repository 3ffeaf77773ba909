//! A reload told which files changed patches what the last load made
//! instead of making it again: each folder's listing gains and loses the
//! files named, and a role's facts are the last load's while its record,
//! the articles about it and the roles sharing its profile are unchanged
//! and no other file changed (a registry, the figures, the data); the data
//! tables are the last load's while no file but roles and articles changed.

mod common;

use careers::commands::serve::reload::{Changed, reload};
use careers::content::Site;
use careers::content::facts::RoleFacts;
use careers::content::outline::Anchor;
use common::copy::CopySite;
use std::fs;
use std::path::Path;
use std::sync::Arc;

fn facts<'a>(site: &'a Site, slug: &str) -> &'a RoleFacts {
    site.facts(site.role(slug).expect("the role is loaded"))
}

/// Whether `slug`'s facts in `now` are the very ones of `before`.
fn kept(before: &Site, now: &Site, slug: &str) -> bool {
    std::ptr::eq(facts(before, slug), facts(now, slug))
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn named(site: &CopySite, path: &Path) -> Arc<Site> {
    reload(
        &site.state,
        &site.content,
        Changed::Exactly(&[path.to_path_buf()]),
    )
    .expect("the named reload succeeds");
    site.state.full_site()
}

#[actix_web::test]
async fn a_named_role_or_article_decides_again_only_the_facts_it_changes() {
    let site = CopySite::new(|_| {});
    let start = site.state.full_site();
    assert!(!facts(&start, "grid-analyst").outline.shows(Anchor::Fit));
    assert!(
        !facts(&start, "grid-analyst")
            .outline
            .shows(Anchor::PathReading)
    );

    // The role's own file: its outline gains the section written.
    let role = site.content.join("roles/grid-analyst.md");
    fs::write(
        &role,
        fs::read_to_string(&role).unwrap() + "\n## Is it for you? {#fit}\n\nIf you like models.\n",
    )
    .unwrap();
    let now = named(&site, &role);
    assert!(facts(&now, "grid-analyst").outline.shows(Anchor::Fit));
    assert!(!kept(&start, &now, "grid-analyst"));
    assert!(
        kept(&start, &now, "electrician"),
        "an unchanged role keeps its facts"
    );
    assert!(
        Arc::ptr_eq(&start.data, &now.data) && Arc::ptr_eq(&start.onet, &now.onet),
        "the data tables are not read again"
    );

    // An article that now names the role: its page gains further reading.
    let article = site.content.join("articles/wind-or-solar.md");
    edit(
        &article,
        "roles = [\"wind-technician\",",
        "roles = [\"grid-analyst\", \"wind-technician\",",
    );
    let after = named(&site, &article);
    assert!(
        facts(&after, "grid-analyst")
            .outline
            .shows(Anchor::PathReading)
    );
    assert!(kept(&start, &after, "electrician"));

    // A registry every role's references read: every role is decided again.
    let sources = site.content.join("sources.toml");
    fs::write(&sources, fs::read_to_string(&sources).unwrap() + "\n").unwrap();
    let again = named(&site, &sources);
    assert!(!kept(&after, &again, "electrician"));
    assert!(!Arc::ptr_eq(&after.data, &again.data) && !Arc::ptr_eq(&after.onet, &again.onet));
    assert_eq!(
        facts(&after, "electrician").references,
        facts(&again, "electrician").references
    );
}

#[actix_web::test]
async fn a_named_file_joins_or_leaves_its_folder_without_the_folder_read_again() {
    let site = CopySite::new(|_| {});
    let hello = fs::read_to_string(site.content.join("articles/wind-or-solar.md")).unwrap();
    let added = site.content.join("articles/added-page.md");
    fs::write(&added, hello.replace("Wind or solar", "An added page")).unwrap();
    // Not named: the folder's last listing stands (the watcher is trusted).
    reload(&site.state, &site.content, Changed::Exactly(&[])).expect("trusted");
    assert!(site.state.full_site().article("added-page").is_none());
    let now = named(&site, &added);
    assert_eq!(
        now.article("added-page").map(|a| a.fm.title.as_str()),
        Some("An added page: choosing a first trade")
    );
    fs::remove_file(&added).unwrap();
    assert!(named(&site, &added).article("added-page").is_none());
    // A look at every file lists what the folder holds.
    fs::write(&added, hello.replace("Wind or solar", "An added page")).unwrap();
    reload(&site.state, &site.content, Changed::Unknown).expect("looked");
    assert!(site.state.full_site().article("added-page").is_some());
}

#[actix_web::test]
async fn a_named_edit_that_moves_no_record_keeps_the_order_and_indexes() {
    let site = CopySite::new(|_| {});
    let start = site.state.full_site();
    let order = |s: &Site| s.roles.iter().map(|r| r.slug.clone()).collect::<Vec<_>>();
    // A body and a summary: nothing any index reads. (Debug builds check
    // that kept indexes equal the ones the records make.)
    let role = site.content.join("roles/grid-analyst.md");
    edit(&role, "Models how power", "Models how electric power");
    let now = named(&site, &role);
    assert!(Arc::ptr_eq(&start.aliases, &now.aliases), "indexes kept");
    assert_eq!(order(&start), order(&now));
    assert_eq!(
        now.role("grid-analyst").unwrap().fm.summary,
        "Models how electric power flows through the grid and where it will bottleneck."
    );
    // A title: the role moves in the order, so everything is made again.
    edit(
        &role,
        "title = \"Grid Analyst\"",
        "title = \"Zonal Grid Analyst\"",
    );
    let moved = named(&site, &role);
    assert!(!Arc::ptr_eq(&now.aliases, &moved.aliases));
    let full = careers::content::load(&site.content, Default::default()).unwrap();
    assert_eq!(order(&moved), order(&full));
    assert_ne!(order(&moved), order(&now));
    // An article's tags: its listing changes.
    let article = site.content.join("articles/pay-in-the-trades.md");
    edit(
        &article,
        "tags = [\"pay\"]",
        "tags = [\"pay\", \"added-tag\"]",
    );
    let tagged = named(&site, &article);
    assert!(!Arc::ptr_eq(&moved.aliases, &tagged.aliases));
    assert!(tagged.tags().any(|t| t.name == "added-tag"));
}
