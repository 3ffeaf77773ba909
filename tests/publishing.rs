//! Publishing controls: drafts, `publish` and `expires` days hide pages from
//! every page, listing, feed, sitemap and related-articles list; `--drafts`
//! previews them; a changed slug keeps its old URL through `aliases`.

mod common;

use careers::commands::serve::reload::{Changed, ReloadError, reload};
use careers::content::date::Date;
use common::copy::{CopySite, replace_in};
use common::{get, serve};
use std::fs;
use std::path::Path;

/// An article sharing every role and tag of `wind-or-solar`, so it ranks
/// first among that article's related articles when visible.
fn article(title: &str, extra: &str) -> String {
    format!(
        r#"+++
title = "{title}"
summary = "A test article about scheduling."
published = 2029-01-05
author = "test-desk"
category = "Comparisons"
tags = ["entry"]
roles = ["wind-technician", "solar-installer"]
sources = ["test-guide"]
{extra}
+++

A short body for a test article.
"#
    )
}

const HIDDEN: [&str; 3] = ["zebra-future", "zebra-expired", "zebra-draft"];

fn add_scheduled_pages(content: &Path) {
    let dir = content.join("articles");
    fs::write(
        dir.join("zebra-future.md"),
        article("Zebra future", "publish = 2999-01-01"),
    )
    .unwrap();
    fs::write(
        dir.join("zebra-expired.md"),
        article("Zebra expired", "expires = 2000-01-01"),
    )
    .unwrap();
    fs::write(
        dir.join("zebra-draft.md"),
        article("Zebra draft", "draft = true"),
    )
    .unwrap();
    fs::write(
        dir.join("zebra-window.md"),
        article("Zebra window", "publish = 2000-01-01\nexpires = 2999-01-01"),
    )
    .unwrap();
    // A role that goes public in 2999, with transitions into existing roles.
    let role = fs::read_to_string(content.join("roles/solar-installer.md")).unwrap();
    let role = role
        .replacen(
            "title = \"Solar Installer\"",
            "title = \"Zebra Future Role\"\npublish = 2999-01-01",
            1,
        )
        .replace("featured = true\n", "");
    fs::write(content.join("roles/zebra-future-role.md"), role).unwrap();
}

#[actix_web::test]
async fn scheduled_expired_and_draft_pages_are_hidden_everywhere() {
    let site = CopySite::new(add_scheduled_pages);
    let app = serve(&site.state).await;

    for slug in HIDDEN {
        let page = get(&app, &format!("/articles/{slug}/")).await;
        assert_eq!(page.status, 404, "{slug} must not be served");
    }
    assert_eq!(get(&app, "/roles/zebra-future-role/").await.status, 404);
    assert_eq!(get(&app, "/articles/zebra-window/").await.status, 200);

    // Every listing, feed and the sitemap: the visible control article is
    // there where it belongs; the hidden ones are nowhere.
    let listings = [
        ("/", false),
        ("/roles/", false),
        ("/articles/", true),
        ("/articles/category/comparisons/", true),
        ("/articles/tag/entry/", true),
        ("/authors/test-desk/", true),
        ("/articles/wind-or-solar/", true),
        ("/roles/wind-technician/", true),
        ("/roles/electrician/", false),
        ("/sitemap.xml", true),
        ("/feed.xml", true),
    ];
    for (url, lists_window) in listings {
        let page = get(&app, url).await;
        assert_eq!(page.status, 200, "{url}");
        for slug in HIDDEN.iter().chain(&["zebra-future-role"]) {
            assert!(!page.body.contains(slug), "{url} mentions hidden {slug}");
        }
        assert!(!page.body.contains("Zebra Future Role"), "{url}");
        if lists_window {
            assert!(
                page.body.contains("/articles/zebra-window/"),
                "{url} should list the visible article"
            );
        }
    }
    let related = get(&app, "/articles/wind-or-solar/").await;
    assert!(related.body.contains("Zebra window"));

    // Search indexes only what readers may see, at start and after a reload.
    for round in ["start", "reload"] {
        let found = get(&app, "/search?q=zebra").await;
        assert!(found.body.contains("/articles/zebra-window/"), "{round}");
        for slug in HIDDEN.iter().chain(&["zebra-future-role"]) {
            assert!(!found.body.contains(slug), "{round}: search finds {slug}");
        }
        reload(&site.state, &site.content, Changed::Unknown).expect("reload");
    }
}

#[actix_web::test]
async fn a_publish_day_is_reached_without_a_restart() {
    let site = CopySite::new(add_scheduled_pages);
    let today = site.state.site();
    assert!(today.article("zebra-future").is_none());
    assert!(today.role("zebra-future-role").is_none());
    // The same loaded site, seen on a later day: the scheduled pages are
    // public and the expired one is still gone.
    let later = site.state.site_on(Date::parse("2999-01-01").unwrap());
    assert!(later.article("zebra-future").is_some());
    assert!(later.role("zebra-future-role").is_some());
    assert!(later.article("zebra-expired").is_none());
    assert!(
        later.article("zebra-window").is_none(),
        "expires on 2999-01-01"
    );
    let day_before = site.state.site_on(Date::parse("2998-12-31").unwrap());
    assert!(day_before.article("zebra-future").is_none());
    assert!(day_before.article("zebra-window").is_some());
    // Long ago: only pages without a publish day, or one reached by then.
    let past = site.state.site_on(Date::parse("1999-12-31").unwrap());
    assert!(past.article("zebra-expired").is_some());
    assert!(past.article("zebra-window").is_none());
    // What readers get is still today's view.
    assert!(site.state.site().article("zebra-future").is_none());
}

#[actix_web::test]
async fn drafts_flag_previews_every_page() {
    let site = CopySite::with(true, add_scheduled_pages);
    let app = serve(&site.state).await;
    for slug in HIDDEN {
        let page = get(&app, &format!("/articles/{slug}/")).await;
        assert_eq!(page.status, 200, "{slug} is shown with --drafts");
    }
    assert_eq!(get(&app, "/roles/zebra-future-role/").await.status, 200);
    let listing = get(&app, "/articles/").await;
    assert!(listing.body.contains("/articles/zebra-future/"));
}

#[actix_web::test]
async fn an_expiry_before_the_publish_day_is_a_content_error() {
    let site = CopySite::new(|_| {});
    fs::write(
        site.content.join("articles/zebra-never.md"),
        article("Zebra never", "publish = 2030-01-01\nexpires = 2029-01-01"),
    )
    .unwrap();
    let Err(ReloadError::Content(errors)) = reload(&site.state, &site.content, Changed::Unknown)
    else {
        panic!("expected a content error")
    };
    let e = &errors.0[0];
    assert_eq!(e.path, Path::new("articles/zebra-never.md"));
    assert_eq!(e.line, Some(11), "{e}");
    assert!(e.message.contains("must be later than `publish`"), "{e}");
}

#[actix_web::test]
async fn a_changed_slug_keeps_its_old_url_as_an_alias() {
    let site = CopySite::new(|content| {
        replace_in(
            &content.join("articles/wind-or-solar.md"),
            "author = \"test-desk\"",
            "slug = \"wind-versus-solar\"\naliases = [\"/articles/wind-or-solar/\"]\nauthor = \"test-desk\"",
        );
    });
    let app = serve(&site.state).await;
    let old = get(&app, "/articles/wind-or-solar/").await;
    assert_eq!(old.status, 301);
    assert_eq!(old.header("location"), "/articles/wind-versus-solar/");
    let old_bare = get(&app, "/articles/wind-or-solar").await;
    assert_eq!(old_bare.status, 301);
    assert_eq!(old_bare.header("location"), "/articles/wind-versus-solar/");
    let new = get(&app, "/articles/wind-versus-solar/").await;
    assert_eq!(new.status, 200);
    assert!(new.text("h1").starts_with("Wind or solar"));
    // Listings link the new URL only.
    let listing = get(&app, "/articles/").await;
    assert!(listing.body.contains("/articles/wind-versus-solar/"));
    assert!(!listing.body.contains("href=\"/articles/wind-or-solar/\""));
}

#[actix_web::test]
async fn a_reload_on_a_later_day_brings_the_search_index_to_that_day() {
    let site = CopySite::new(add_scheduled_pages);
    let rows = |url: &str| -> i64 {
        let conn = site.state.pool.get().unwrap();
        conn.query_row(
            "SELECT count(*) FROM search_docs WHERE url = ?1",
            [url],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(
        rows("/articles/zebra-expired/"),
        0,
        "expired: not searchable"
    );
    // Pretend the index was last filled on a day when the expired page was
    // still public, as a server started back then would have it.
    let then = Date::parse("1999-12-31").unwrap();
    let old = site.state.site_on(then);
    {
        let conn = site.state.pool.get().unwrap();
        careers::db::rebuild_search_index(&conn, &old).unwrap();
    }
    *site.state.indexed.lock().unwrap() = Some(old);
    assert_eq!(rows("/articles/zebra-expired/"), 1);
    // A reload today, with no file changed, brings the index to today.
    reload(&site.state, &site.content, Changed::Unknown).expect("reload");
    assert_eq!(rows("/articles/zebra-expired/"), 0, "gone after the reload");
    assert_eq!(rows("/articles/zebra-window/"), 1, "public today");
}
