//! Content tests of the real pack's programs and editorial pages: each
//! program's page shows on the role pages it names, the one named program
//! carries no figure its source does not give, and every editorial page of
//! the product brief exists.

mod common;

use actix_web::http::StatusCode;
use common::{TestSite, app, get};
use std::path::Path;

#[actix_web::test]
async fn the_real_programs_show_where_their_sources_say() {
    let site = TestSite::at(Path::new("content"));
    let app = app(&site).await;
    let model = site.state.site();
    assert!(model.programs.len() >= 10, "{}", model.programs.len());
    for p in &model.programs {
        let page = get(&app, &p.url()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", p.url());
        for key in &p.fm.sources {
            assert!(
                page.body.contains(&format!("id=\"ref-{key}\"")),
                "{}: {key}",
                p.url()
            );
        }
        for slug in &p.fm.roles {
            let role = get(&app, &format!("/roles/{slug}/")).await;
            assert!(
                role.hrefs("#where-to-study ~ ul.study-list li > a")
                    .contains(&p.url()),
                "/roles/{slug}/ does not list {}",
                p.url()
            );
        }
        // No source of the pack ties a degree to an exam.
        assert!(p.fm.eligible.is_empty(), "{}", p.url());
    }
    let uic = model
        .programs
        .iter()
        .find(|p| p.fm.institution.as_deref() == Some("University of Illinois Chicago"))
        .expect("UIC's online MS in Health Information Management");
    assert_eq!(uic.fm.sources, ["uic-him"]);
    assert!(
        uic.figures().next().is_none(),
        "uic-him gives no length or cost"
    );
    assert!(uic.fm.accreditation.is_none() && uic.fm.call_to_action.is_none() && !uic.fm.sponsored);
}

#[actix_web::test]
async fn the_editorial_pages_of_the_brief_exist() {
    let site = TestSite::at(Path::new("content"));
    let app = app(&site).await;
    for url in [
        "/about/",
        "/methodology/",
        "/data-sources/",
        "/editorial-policy/",
        "/disclosure/",
        "/privacy/",
        "/contact/",
    ] {
        let page = get(&app, url).await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
        assert!(
            page.hrefs(".footer-pages a").contains(&url.to_string()),
            "{url}"
        );
    }
    let disclosure = get(&app, "/disclosure/").await;
    assert!(
        disclosure
            .body
            .contains("No program in the guide is sponsored")
    );
    let log = get(&app, "/editorial-policy/").await;
    assert_eq!(
        log.texts(".corrections-log li").len(),
        19,
        "16 roles, three of them twice"
    );
}
