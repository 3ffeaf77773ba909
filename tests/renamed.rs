//! Renaming a role's slug keeps every link: the engine test pack's
//! `solar-site-lead` was once `site-lead` (its `aliases` hold
//! `/roles/site-lead/`). Every address of the role under the old slug
//! redirects to the same address under the new one, on the server, in the
//! JSON API and in the static export; `check` says where an old link goes,
//! keeping its `#fragment`, and a reference to the old slug names the new.

mod common;

use actix_web::http::StatusCode;
use careers::content::check::targets::{Resolution, Targets};
use careers::content::check::{self, CheckOptions};
use careers::content::date::Date;
use careers::web::routes::{Links, ROUTES, Route};
use common::copy::{CopySite, replace_in, tree};
use common::{PACK, TestSite, app, get};

const OLD: &str = "site-lead";
const NEW: &str = "solar-site-lead";

/// The routes whose `{slug}` is a role.
fn role_routes() -> impl Iterator<Item = &'static Route> {
    ROUTES
        .iter()
        .filter(|r| matches!(r.links, Some(Links::RolePage | Links::OfRole)))
}

#[actix_web::test]
async fn every_address_of_the_old_slug_redirects_to_the_new_one() {
    let site = TestSite::new();
    let app = app(&site).await;
    let mut seen = 0;
    for route in role_routes() {
        let old = route.fill([("slug", OLD)]);
        let new = route.fill([("slug", NEW)]);
        assert_eq!(get(&app, &new).await.status, StatusCode::OK, "{new}");
        let res = get(&app, &old).await;
        assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY, "{old}");
        assert_eq!(res.header("location"), new, "{old}");
        seen += 1;
    }
    assert!(seen >= 5, "page, salaries, card, QR code and forms: {seen}");
    // The query string goes along.
    let res = get(&app, &format!("/salaries/{OLD}/?sort=median")).await;
    assert_eq!(
        res.header("location"),
        format!("/salaries/{NEW}/?sort=median")
    );
    // The JSON API sends the old resource on to the new one.
    let res = get(&app, &format!("/api/v1/roles/{OLD}")).await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.header("location"), format!("/api/v1/roles/{NEW}"));
    // A slug no role ever had is still a 404.
    let res = get(&app, "/salaries/never-a-role/").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn the_export_keeps_the_old_addresses() {
    // An article still links the old salaries page: the export follows the
    // redirect and warns, as `check` does, rather than failing.
    let site = CopySite::new(|c| {
        let article = c.join("articles/wind-or-solar.md");
        let text = std::fs::read_to_string(&article).unwrap();
        std::fs::write(
            &article,
            format!("{text}\n[Old pay page](/salaries/{OLD}/)\n"),
        )
        .unwrap();
    });
    let out = site.dir.path().join("out");
    let report = careers::commands::build::export(site.state.clone(), &out, None)
        .await
        .expect("export");
    assert!(report.broken.is_empty(), "{report}");
    assert!(
        report.redirected.contains(&(
            format!("/salaries/{OLD}/"),
            "/articles/wind-or-solar/".to_string(),
            format!("/salaries/{NEW}/")
        )),
        "{report}"
    );
    let mut kept = 0;
    for route in role_routes().filter(|r| r.links == Some(Links::OfRole)) {
        let target = route.fill([("slug", NEW)]);
        let Some((new_rel, new_bytes)) = exported(&out, &target) else {
            // Not exported (a reader form stays on the server).
            continue;
        };
        let (old_rel, old_bytes) = exported(&out, &route.fill([("slug", OLD)]))
            .unwrap_or_else(|| panic!("the old address of {new_rel} is exported"));
        if new_rel.ends_with(".html") {
            let page = String::from_utf8(old_bytes).unwrap();
            assert!(
                page.contains(&format!("content=\"0; url={target}\"")),
                "{old_rel} sends browsers to {target}"
            );
        } else {
            assert_eq!(old_bytes, new_bytes, "{old_rel} is a copy of {new_rel}");
        }
        kept += 1;
    }
    assert!(kept >= 3, "salaries, card and QR code: {kept}");
}

/// The file the export wrote for `path`, and its bytes.
fn exported(out: &std::path::Path, path: &str) -> Option<(String, Vec<u8>)> {
    [true, false].into_iter().find_map(|html| {
        let rel = careers::commands::build::file_for(path, html);
        std::fs::read(out.join(&rel)).ok().map(|b| (rel, b))
    })
}

#[test]
fn check_sends_old_links_on_with_their_fragment() {
    let site = TestSite::new();
    let content = site.state.site();
    let targets = Targets::new(&content, &site.state.config.static_dir, Date::today());
    assert_eq!(
        targets.resolve_link(None, &format!("/roles/{OLD}/#outlook")),
        Resolution::Redirects(format!("/roles/{NEW}/#outlook"))
    );
    assert_eq!(
        targets.resolve_link(None, &format!("/salaries/{OLD}/")),
        Resolution::Redirects(format!("/salaries/{NEW}/"))
    );
    assert_eq!(
        targets.resolve_link(None, &format!("/embed/roles/{OLD}")),
        Resolution::Redirects(format!("/embed/roles/{NEW}"))
    );
    // A misspelt address: the suggestion keeps the fragment too.
    match targets.resolve_link(None, "/roles/electrican/#outlook") {
        Resolution::NoPage(why) => assert!(
            why.contains("did you mean `/roles/electrician/#outlook`?"),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_reference_to_the_old_slug_names_the_new_one() {
    let (_dir, root) = tree(PACK);
    replace_in(
        &root.join("roles/electrician.md"),
        &format!("to = \"{NEW}\""),
        &format!("to = \"{OLD}\""),
    );
    let report = check::check(&root, &CheckOptions::new("static"));
    let finding = report
        .findings
        .iter()
        .find(|f| f.message.contains(&format!("role `{OLD}`")))
        .unwrap_or_else(|| panic!("no finding about {OLD}: {:?}", report.findings));
    assert_eq!(finding.file, "roles/electrician.md");
    assert!(
        finding.message.contains(&format!("renamed to `{NEW}`"))
            && finding.message.contains(&format!("write `{NEW}`"))
            && finding
                .message
                .contains(&format!("roles/{NEW}.md has the alias /roles/{OLD}/")),
        "{}",
        finding.message
    );
}

#[actix_web::test]
async fn a_rename_keeps_what_readers_sent_under_the_old_slug() {
    use careers::commands::serve::reload::{Changed, reload};
    let site = CopySite::new(|_| {});
    let conn = site.state.pool.get().unwrap();
    conn.execute(
        "INSERT INTO testimonials (role_slug, name, background, quote, status)
         VALUES (?1, 'R. Reader', 'trades', 'Sent in before the rename.', 'approved')",
        [OLD],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO reader_questions (role_slug, question, email, status)
         VALUES (?1, 'Asked before the rename?', 'reader@example.org', 'pending')",
        [OLD],
    )
    .unwrap();
    drop(conn);
    // The next load (here a reload) re-seeds, moving the rows.
    reload(&site.state, &site.content, Changed::Unknown).expect("reload");
    let page = get(&common::serve(&site.state).await, &format!("/roles/{NEW}/")).await;
    assert!(
        page.body.contains("Sent in before the rename."),
        "the testimonial shows"
    );
    let conn = site.state.pool.get().unwrap();
    for table in [
        "faqs",
        "testimonials",
        "reader_testimonials",
        "reader_questions",
    ] {
        let left: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE role_slug = ?1"),
                [OLD],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "{table} has no row under the old slug");
    }
}
