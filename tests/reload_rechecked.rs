//! A reload told that only role and article files changed, after a load
//! with no error, runs the cross-file checks over those pages alone; its
//! outcome (the errors, or the site's warnings) is always the one a full
//! load of the same tree has, and any error found sends it through the
//! full checks so that errors read as they always do.

mod common;

use careers::commands::serve::reload::{Changed, ReloadError, reload};
use careers::content::{LoadOptions, load};
use common::copy::CopySite;
use std::fs;
use std::path::Path;

/// Errors, or the warnings of a site that loaded: sorted messages.
type Outcome = Result<Vec<String>, Vec<String>>;

fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = items.collect();
    v.sort();
    v
}

/// A first load of the tree, with nothing cached.
fn full(content: &Path) -> Outcome {
    match load(content, LoadOptions::default()) {
        Ok(site) => Ok(sorted(site.warnings.iter().map(|w| w.to_string()))),
        Err(e) => Err(sorted(e.0.iter().map(|e| e.to_string()))),
    }
}

/// A reload naming `path`: its outcome, and the pages it checked alone
/// (`None` when it ran every check).
fn named(site: &CopySite, path: &Path) -> (Outcome, Option<usize>) {
    let outcome = match reload(
        &site.state,
        &site.content,
        Changed::Exactly(&[path.to_path_buf()]),
    ) {
        Ok(_) => Ok(sorted(
            site.state
                .full_site()
                .warnings
                .iter()
                .map(|w| w.to_string()),
        )),
        Err(ReloadError::Content(e)) => Err(sorted(e.0.iter().map(|e| e.to_string()))),
        Err(other) => panic!("the reload failed outside the content: {other}"),
    };
    let rechecked = site.state.compiled.lock().unwrap().rechecked;
    (outcome, rechecked)
}

/// Writes `text` to `path`, reloads naming it, and checks the outcome
/// against a full load: returns it with whether the checks ran alone.
fn write(site: &CopySite, path: &Path, text: &str) -> (Outcome, Option<usize>) {
    fs::write(path, text).unwrap();
    let (outcome, rechecked) = named(site, path);
    assert_eq!(
        outcome,
        full(&site.content),
        "after writing {}",
        path.display()
    );
    (outcome, rechecked)
}

fn errors_with(outcome: &Outcome, needle: &str) -> bool {
    outcome
        .as_ref()
        .err()
        .is_some_and(|e| e.iter().any(|m| m.contains(needle)))
}

#[actix_web::test]
async fn a_changed_role_or_article_is_checked_alone_and_agrees_with_a_full_load() {
    let site = CopySite::new(|_| {});
    let role = site.content.join("roles/grid-analyst.md");
    let role_text = fs::read_to_string(&role).unwrap();
    let article = site.content.join("articles/pay-in-the-trades.md");
    let article_text = fs::read_to_string(&article).unwrap();

    // A body edit: checked alone, no error.
    let (outcome, rechecked) = write(&site, &role, &format!("{role_text}\nMore.\n"));
    assert!(outcome.is_ok());
    assert_eq!(rechecked, Some(1));

    // A code the wage table lacks: the role's warning appears, and goes
    // again with the edit undone.
    let warned = role_text.replace("soc = \"15-2031\"", "soc = \"15-9999\"");
    let (outcome, rechecked) = write(&site, &role, &warned);
    assert_eq!(rechecked, Some(1));
    let warnings = outcome.expect("a warning is no error");
    assert!(warnings.iter().any(|w| w.contains("no row for 15-9999")));
    let (outcome, rechecked) = write(&site, &role, &role_text);
    assert_eq!(rechecked, Some(1));
    assert!(!outcome.unwrap().iter().any(|w| w.contains("15-9999")));

    // An alias that is an unchanged page's address: the full checks report it.
    let alias = role_text.replace(
        "soc = \"15-2031\"\n",
        "soc = \"15-2031\"\naliases = [\"/articles/wind-or-solar/\"]\n",
    );
    let (outcome, rechecked) = write(&site, &role, &alias);
    assert!(
        errors_with(&outcome, "used by roles/grid-analyst.md"),
        "{outcome:?}"
    );
    assert_eq!(rechecked, None);
    // The load after a failed one checks everything; the next, alone again.
    let (outcome, rechecked) = write(&site, &role, &role_text);
    assert!(outcome.is_ok());
    assert_eq!(rechecked, None);
    let (_, rechecked) = write(&site, &article, &format!("{article_text}\nMore.\n"));
    assert_eq!(rechecked, Some(1));

    // An article that takes an unchanged article's address.
    let taken = article_text.replace("+++\ntitle", "+++\nslug = \"wind-or-solar\"\ntitle");
    let (outcome, _) = write(&site, &article, &taken);
    assert!(errors_with(&outcome, "is also used by"), "{outcome:?}");
    assert!(write(&site, &article, &article_text).0.is_ok());
    assert!(
        write(&site, &article, &format!("{article_text}\n"))
            .0
            .is_ok()
    );

    // An article that names no role.
    let unknown = article_text.replace("\"energy-manager\"]", "\"no-such-role\"]");
    let (outcome, _) = write(&site, &article, &unknown);
    assert!(errors_with(&outcome, "no-such-role"), "{outcome:?}");
    assert!(write(&site, &article, &article_text).0.is_ok());
    let (_, rechecked) = write(&site, &article, &format!("{article_text}\n"));
    assert_eq!(rechecked, Some(1));

    // A new article dated ahead warns; removed, its warning goes with it.
    let ahead = site.content.join("articles/dated-ahead.md");
    let text = article_text
        .replace("published = 2026-07-01", "published = 2999-01-01")
        .replace("updated = 2026-08-01", "updated = 2999-02-01");
    let (outcome, rechecked) = write(&site, &ahead, &text);
    assert_eq!(rechecked, Some(1));
    assert!(outcome.unwrap().iter().any(|w| w.contains("in the future")));
    fs::remove_file(&ahead).unwrap();
    let (outcome, rechecked) = named(&site, &ahead);
    assert_eq!(outcome, full(&site.content));
    assert_eq!(rechecked, Some(0));
    assert!(!outcome.unwrap().iter().any(|w| w.contains("in the future")));
}

#[actix_web::test]
async fn a_role_slug_that_comes_or_goes_checks_every_page() {
    let site = CopySite::new(|_| {});
    let role = site.content.join("roles/energy-manager.md");
    let text = fs::read_to_string(&role).unwrap();
    // Renamed: the article that names it now names no role.
    let renamed = text.replace("+++\ntitle", "+++\nslug = \"energy-lead\"\ntitle");
    let (outcome, rechecked) = write(&site, &role, &renamed);
    assert!(errors_with(&outcome, "energy-manager"), "{outcome:?}");
    assert_eq!(rechecked, None);
    assert!(write(&site, &role, &text).0.is_ok());
    // A new role: its slug joins the set, so every page is checked; and
    // again when it leaves.
    let added = site.content.join("roles/added-role.md");
    let (outcome, rechecked) = write(&site, &added, &text.replace("Energy Manager", "Added"));
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(rechecked, None);
    fs::remove_file(&added).unwrap();
    let (outcome, rechecked) = named(&site, &added);
    assert_eq!(outcome, full(&site.content));
    assert_eq!(rechecked, None);
}
