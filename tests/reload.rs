//! Live reload: a good edit goes live, a bad edit keeps the last good site
//! serving with the errors recorded, and the database-backed parts (FAQs,
//! testimonials, wages) are neither lost nor duplicated by a reload.

mod common;

use careers::commands::serve::reload::{Changed, ReloadError, reload, watch};
use careers::db;
use common::copy::{CopySite, replace_in};
use common::{get, serve};
use std::time::{Duration, Instant};

const ARTICLE: &str = "articles/wind-or-solar.md";
const URL: &str = "/articles/wind-or-solar/";
const OLD_TITLE: &str = "Wind or solar: choosing a first trade";

/// Rows per table, for the tables the seeder fills from `content/data/`.
fn seeded_counts(site: &CopySite) -> Vec<(String, i64)> {
    let conn = site.state.pool.get().unwrap();
    db::counts(&conn)
        .unwrap()
        .into_iter()
        .filter(|(t, _)| ["faqs", "testimonials", "wages"].contains(&t.as_str()))
        .collect()
}

fn count_where(site: &CopySite, sql: &str, value: &str) -> i64 {
    let conn = site.state.pool.get().unwrap();
    conn.query_row(sql, [value], |r| r.get(0)).unwrap()
}

#[actix_web::test]
async fn good_edit_goes_live_and_bad_edit_keeps_the_last_good_site() {
    let site = CopySite::new(|_| {});
    let app = serve(&site.state).await;
    let before = seeded_counts(&site);
    assert!(before.iter().all(|(_, n)| *n > 0), "seeded: {before:?}");
    assert_eq!(site.state.generation(), 0);

    // An unchanged tree reloads cleanly and writes nothing.
    let report = reload(&site.state, &site.content, Changed::Unknown).expect("clean reload");
    assert_eq!(report.generation, 1);
    assert_eq!(
        report.seed,
        db::SeedReport::default(),
        "nothing changed, nothing written"
    );
    assert_eq!(seeded_counts(&site), before);

    // A good edit: the article's title changes on its page.
    let path = site.content.join(ARTICLE);
    replace_in(&path, OLD_TITLE, "Wind or solar, edited live");
    reload(&site.state, &site.content, Changed::Unknown).expect("edited reload");
    let page = get(&app, URL).await;
    assert_eq!(page.text("h1"), "Wind or solar, edited live");

    // A bad edit: broken TOML. The error names the file and line; the
    // last good site keeps serving; the generation does not move.
    replace_in(
        &path,
        "published = 2026-05-01",
        "published = \"not a date\"",
    );
    let err = reload(&site.state, &site.content, Changed::Unknown).expect_err("broken content");
    let ReloadError::Content(errors) = err else {
        panic!("expected content errors, got {err}")
    };
    let e = &errors.0[0];
    assert_eq!(e.path, std::path::Path::new(ARTICLE));
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.message.contains("not a date"), "{e}");
    assert_eq!(site.state.generation(), 2);
    assert_eq!(site.state.content_errors().len(), errors.0.len());
    let page = get(&app, URL).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Wind or solar, edited live");
    assert_eq!(seeded_counts(&site), before);

    // Fixed again: the errors clear and the next generation serves.
    replace_in(
        &path,
        "published = \"not a date\"",
        "published = 2026-05-01",
    );
    replace_in(&path, "Wind or solar, edited live", "Wind or solar, fixed");
    let report = reload(&site.state, &site.content, Changed::Unknown).expect("fixed reload");
    assert_eq!(report.generation, 3);
    assert!(site.state.content_errors().is_empty());
    let page = get(&app, URL).await;
    assert_eq!(page.text("h1"), "Wind or solar, fixed");
}

#[actix_web::test]
async fn reloads_update_database_rows_without_losing_or_duplicating_them() {
    let site = CopySite::new(|_| {});
    let before = seeded_counts(&site);
    let faqs = site.content.join("data/faqs.toml");
    let old_q = "Where should a newcomer start?";
    let new_q = "Where should a newcomer begin?";
    let by_question = "SELECT COUNT(*) FROM faqs WHERE question = ?1";
    assert_eq!(count_where(&site, by_question, old_q), 1);

    replace_in(&faqs, old_q, new_q);
    let report = reload(&site.state, &site.content, Changed::Unknown).expect("reload");
    assert_eq!(report.seed.faqs, 1, "one FAQ changed: {:?}", report.seed);
    assert_eq!(count_where(&site, by_question, old_q), 0);
    assert_eq!(count_where(&site, by_question, new_q), 1);
    assert_eq!(seeded_counts(&site), before, "no row lost or duplicated");

    // Reloading again, and after a failed reload, changes nothing.
    reload(&site.state, &site.content, Changed::Unknown).expect("reload again");
    std::fs::write(site.content.join("roles/broken.md"), "no front matter").unwrap();
    reload(&site.state, &site.content, Changed::Unknown).expect_err("broken role file");
    std::fs::remove_file(site.content.join("roles/broken.md")).unwrap();
    reload(&site.state, &site.content, Changed::Unknown).expect("reload after the fix");
    assert_eq!(count_where(&site, by_question, new_q), 1);
    assert_eq!(seeded_counts(&site), before);
}

#[actix_web::test]
async fn the_watcher_recompiles_after_a_file_changes() {
    let site = CopySite::new(|_| {});
    let app = serve(&site.state).await;
    let _watcher = watch(site.state.clone(), site.content.clone()).expect("watcher starts");
    // Let the watcher settle before the edit.
    tokio::time::sleep(Duration::from_millis(300)).await;
    replace_in(
        &site.content.join(ARTICLE),
        OLD_TITLE,
        "Wind or solar, seen by the watcher",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = get(&app, URL).await;
        if page.text("h1") == "Wind or solar, seen by the watcher" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the page did not change within 20 s; generation {}",
            site.state.generation()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(site.state.generation() >= 1);
}

#[actix_web::test]
async fn dev_mode_shows_errors_and_serves_the_reload_script() {
    let site = CopySite::configured(|args| args.dev = true, |_| {});
    let app = serve(&site.state).await;
    let page = get(&app, "/roles/").await;
    assert!(
        page.header("content-security-policy")
            .contains("script-src 'self'")
    );
    let script = page.html();
    let sel = scraper::Selector::parse("script[src='/__dev/reload.js']").unwrap();
    let token = script
        .select(&sel)
        .next()
        .and_then(|e| e.value().attr("data-state"))
        .expect("the reload script is on the page")
        .to_string();
    assert!(page.texts(".dev-banner").is_empty(), "no errors, no banner");
    let js = get(&app, "/__dev/reload.js").await;
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert!(js.body.contains("/__dev/state"));
    assert_eq!(get(&app, "/__dev/state").await.body, token);

    // A broken edit: the banner lists the error with file and line, and the
    // state the script polls changes, so open pages reload to show it.
    let path = site.content.join(ARTICLE);
    replace_in(&path, "published = 2026-05-01", "published = 2026-13-45");
    reload(&site.state, &site.content, Changed::Unknown).expect_err("broken date");
    let page = get(&app, "/roles/").await;
    let banner = page.text(".dev-banner");
    assert!(banner.contains("articles/wind-or-solar.md:4"), "{banner}");
    assert!(banner.contains("1 error;"), "{banner}");
    let broken = get(&app, "/__dev/state").await.body;
    assert_ne!(broken, token);

    // Fixed: generation moves on, banner gone.
    replace_in(&path, "published = 2026-13-45", "published = 2026-05-01");
    reload(&site.state, &site.content, Changed::Unknown).expect("fixed");
    let fixed = get(&app, "/__dev/state").await.body;
    assert!(fixed.starts_with("1-"), "{fixed}");
    assert_ne!(fixed, broken);
    assert!(get(&app, "/roles/").await.texts(".dev-banner").is_empty());

    // A broken link goes live (it is no load error), and the banner lists
    // it as `check` would, at its file and line, until it is mended.
    let good = std::fs::read_to_string(&path).unwrap();
    let line = good.lines().count() + 2;
    std::fs::write(
        &path,
        format!("{good}\nSee [the pay](/roles/no-such-role/#pay).\n"),
    )
    .unwrap();
    reload(&site.state, &site.content, Changed::Unknown).expect("a broken link loads");
    let banner = get(&app, "/roles/").await.text(".dev-banner");
    assert!(banner.contains("1 warning"), "{banner}");
    assert!(
        banner.contains(&format!("articles/wind-or-solar.md:{line}:")),
        "{banner}"
    );
    assert!(banner.contains("no role with this slug"), "{banner}");
    assert_ne!(get(&app, "/__dev/state").await.body, fixed);
    std::fs::write(&path, &good).unwrap();
    reload(&site.state, &site.content, Changed::Unknown).expect("mended");
    assert!(get(&app, "/roles/").await.texts(".dev-banner").is_empty());

    // A content warning of the load shows there too: a future `published`
    // date without `publish` (the article goes live at once).
    replace_in(&path, "published = 2026-05-01", "published = 2099-05-01");
    replace_in(&path, "updated = 2026-06-01", "updated = 2099-06-01");
    reload(&site.state, &site.content, Changed::Unknown).expect("a warning loads");
    let banner = get(&app, "/roles/").await.text(".dev-banner");
    assert!(banner.contains("1 warning"), "{banner}");
    assert!(banner.contains("is in the future"), "{banner}");
}

#[actix_web::test]
async fn without_dev_there_is_no_script_and_no_dev_route() {
    let site = CopySite::new(|_| {});
    let app = serve(&site.state).await;
    let page = get(&app, "/roles/").await;
    assert!(
        page.header("content-security-policy")
            .contains("script-src 'none'")
    );
    assert!(!page.body.contains("/__dev/"), "no reload script");
    assert_eq!(get(&app, "/__dev/reload.js").await.status, 404);
    assert_eq!(get(&app, "/__dev/state").await.status, 404);
    // Errors of a failed reload are not shown to readers.
    std::fs::write(site.content.join("roles/broken.md"), "no front matter").unwrap();
    reload(&site.state, &site.content, Changed::Unknown).expect_err("broken");
    assert!(get(&app, "/roles/").await.texts(".dev-banner").is_empty());
}

#[actix_web::test]
async fn a_reload_recompiles_and_reindexes_only_the_files_that_changed() {
    let site = CopySite::new(|_| {});
    let app = serve(&site.state).await;
    let rows = |site: &CopySite| {
        count_where(
            site,
            "SELECT count(*) FROM search_docs WHERE kind <> ?1",
            "faq",
        )
    };
    let hits = |site: &CopySite, word: &str| {
        count_where(
            site,
            "SELECT count(*) FROM search_docs WHERE search_docs MATCH ?1",
            word,
        )
    };
    let indexed = rows(&site);

    let report = reload(&site.state, &site.content, Changed::Unknown).expect("clean reload");
    assert_eq!(report.recompiled, 0, "no file changed");

    // One article gains a word in its body: only that file compiles again,
    // and the index finds the word on that page only.
    let path = site.content.join(ARTICLE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nA paragraph about quuxplainers.\n")).unwrap();
    let report = reload(&site.state, &site.content, Changed::Unknown).expect("edited reload");
    assert_eq!(report.recompiled, 1);
    assert_eq!(hits(&site, "quuxplainers"), 1);
    assert_eq!(
        rows(&site),
        indexed,
        "the page's row was replaced, not added"
    );
    let results = get(&app, "/search?q=quuxplainers").await;
    let links = scraper::Selector::parse("main a").unwrap();
    assert!(
        results
            .html()
            .select(&links)
            .any(|a| a.value().attr("href") == Some(URL)),
        "the search page finds the edited article"
    );

    // A file named by the watcher compiles again even when its length and
    // time look the same.
    let named = std::slice::from_ref(&path);
    let report = reload(&site.state, &site.content, Changed::Exactly(named)).expect("named");
    assert_eq!(report.recompiled, 1);
    assert_eq!(hits(&site, "quuxplainers"), 1);

    // The watcher's list is trusted: a file it did not name is not looked
    // at, so an edit it missed waits for the next look at every file.
    let other = site
        .content
        .join("articles/how-to-become-an-electrician.md");
    let before = std::fs::read_to_string(&other).unwrap();
    std::fs::write(
        &other,
        format!("{before}\nA paragraph about zorbwidgets.\n"),
    )
    .unwrap();
    let report = reload(&site.state, &site.content, Changed::Exactly(&[])).expect("trusted");
    assert_eq!(report.recompiled, 0);
    assert_eq!(hits(&site, "zorbwidgets"), 0);
    let report = reload(&site.state, &site.content, Changed::Unknown).expect("looked");
    assert_eq!(report.recompiled, 1);
    assert_eq!(hits(&site, "zorbwidgets"), 1);
    std::fs::write(&other, before).unwrap();
    reload(&site.state, &site.content, Changed::Unknown).expect("restored other");

    // A removed article leaves the index; put back, it returns.
    std::fs::remove_file(&path).unwrap();
    let report = reload(&site.state, &site.content, Changed::Unknown).expect("removal");
    assert_eq!(report.recompiled, 0);
    assert_eq!(hits(&site, "quuxplainers"), 0);
    assert_eq!(rows(&site), indexed - 1);
    std::fs::write(&path, &text).unwrap();
    let report = reload(&site.state, &site.content, Changed::Unknown).expect("restored");
    assert_eq!(report.recompiled, 1);
    assert_eq!(rows(&site), indexed);
    assert_eq!(
        count_where(
            &site,
            "SELECT count(*) FROM search_docs WHERE url = ?1",
            URL
        ),
        1
    );
}

#[actix_web::test]
async fn a_manifest_naming_a_missing_column_keeps_the_last_good_site() {
    let site = CopySite::new(|_| {});
    let app = serve(&site.state).await;
    let before = seeded_counts(&site);
    replace_in(
        &site.content.join("data/datasets.toml"),
        "median = \"pct50\"",
        "median = \"pct_50\"",
    );
    let Err(ReloadError::Content(errors)) = reload(&site.state, &site.content, Changed::Unknown)
    else {
        panic!("expected a content error")
    };
    let e = errors
        .0
        .iter()
        .find(|e| e.message.contains("pct_50"))
        .unwrap_or_else(|| panic!("no error names the column: {errors}"));
    assert_eq!(
        e.path,
        std::path::Path::new("data/tables/wages_national.csv"),
        "{e}"
    );
    assert_eq!(e.line, Some(1), "the header line: {e}");
    assert!(
        e.message.contains("`median`"),
        "names the manifest key: {e}"
    );
    // The last good site keeps serving its figures.
    let page = get(&app, "/roles/electrician/").await;
    assert_eq!(page.status, 200);
    assert!(page.text(".quick-facts").contains("$61,000"));
    assert_eq!(seeded_counts(&site), before);
}

#[actix_web::test]
async fn a_broken_row_of_a_state_wage_file_is_a_content_error_at_its_line() {
    // The state and area files are read when the database is seeded, not
    // by the load: a bad row there is still the editor's mistake, at its
    // file and line, and not a database failure to retry.
    let site = CopySite::with(false, |_| {});
    let _app = serve(&site.state).await;
    replace_in(
        &site.content.join("data/tables/wages_states.csv"),
        "80000,38.00,79040",
        "lots,38.00,79040",
    );
    let Err(ReloadError::Content(errors)) = reload(&site.state, &site.content, Changed::Unknown)
    else {
        panic!("expected a content error, not a database error to retry")
    };
    let e = &errors.0[0];
    assert_eq!(
        e.path,
        std::path::Path::new("data/tables/wages_states.csv"),
        "{e}"
    );
    assert_eq!(e.line, Some(2), "{e}");
    assert!(!e.message.contains("database was not updated"), "{e}");
}

#[actix_web::test]
async fn the_server_reads_page_bodies_from_its_body_file_through_reloads() {
    // `serve` keeps no page body in memory: each is deflated into one
    // file beside the database, unlinked once open.
    let site = CopySite::new(|_| {});
    let app = serve(&site.state).await;
    let file = careers::content::html::body_file().expect("the server holds bodies in a file");
    let loaded = site.state.full_site();
    let bodies = loaded.articles.iter().map(|a| &a.html).chain(
        loaded
            .roles
            .iter()
            .flat_map(|r| r.sections.iter().map(|s| &s.html)),
    );
    for html in bodies {
        assert_eq!(html.stored_len(), 0, "{html:?} is held in memory");
    }
    // Whichever test's folder it was made in, no name leads to it.
    let open: Vec<String> = std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .map(|target| target.to_string_lossy().into_owned())
        .filter(|t| t.contains(".careers-bodies-"))
        .collect();
    assert!(!open.is_empty(), "the body file is open");
    assert!(open.iter().all(|t| t.ends_with(" (deleted)")), "{open:?}");
    assert!(
        get(&app, URL)
            .await
            .text("#working-at-height + p")
            .contains("Turbines are tall.")
    );

    // An edited body is written to the file and served from it; the
    // others are reused as they were.
    let before = file.len();
    replace_in(
        &site.content.join(ARTICLE),
        "Turbines are tall.",
        "Turbines are taller than most buildings.",
    );
    reload(&site.state, &site.content, Changed::Unknown).expect("edited reload");
    assert!(file.len() > before, "the new body was written");
    let page = get(&app, URL).await;
    assert_eq!(
        page.text("#working-at-height + p"),
        "Turbines are taller than most buildings."
    );
    assert_eq!(page.text("#working-on-roofs + p"), "Roofs are hot.");
}
