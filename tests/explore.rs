//! `/roles/` filters and sorts, and `/compare/`.

mod common;

use actix_web::http::StatusCode;
use careers::content::role::{Degree, Level, Role};
use careers::web::pages::explore::PayBand;
use common::{TestSite, app, get};
use std::collections::BTreeSet;

/// Role links in the filtered table, in order.
fn listed(page: &common::Page) -> Vec<String> {
    page.hrefs(".explore-table tbody th a")
}

/// Each role with the figure its headline pay sorts and bands by (the
/// low end of a range, the floor of a top-coded median), from the
/// compiled model.
fn pays(site: &TestSite) -> Vec<(Role, Option<i64>)> {
    let content = site.state.site();
    content
        .roles
        .iter()
        .map(|r| {
            let pay = content.facts(r).pay.as_ref().map(|p| p.amount.sort_value());
            (r.clone(), pay)
        })
        .collect()
}

fn in_band(b: PayBand, pay: Option<i64>) -> bool {
    let (min, below) = b.bounds();
    pay.is_some_and(|m| m >= min && below.is_none_or(|x| m < x))
}

fn urls<'a>(roles: impl Iterator<Item = &'a Role>) -> BTreeSet<String> {
    roles.map(|r| r.url()).collect()
}

#[actix_web::test]
async fn default_view_groups_by_stage_and_offers_the_filters() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.texts(".explore-table").is_empty());
    assert!(!page.texts("#level-entry").is_empty());
    for name in ["level", "education", "background", "pay", "sort"] {
        let sel = format!("form.filters fieldset select[name={name}]");
        assert_eq!(page.texts(&sel).len(), 1, "{name}");
    }
    assert!(page.body.contains("href=\"/compare/\""));
}

#[actix_web::test]
async fn each_filter_lists_exactly_the_matching_roles() {
    let site = TestSite::new();
    let app = app(&site).await;
    let roles = pays(&site);
    let all = || roles.iter().map(|(r, _)| r);

    for level in Level::ALL {
        let page = get(&app, &format!("/roles/?level={}", level.key())).await;
        assert_eq!(page.status, StatusCode::OK);
        let want = urls(all().filter(|r| r.fm.level == *level));
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "level {}",
            level.key()
        );
    }
    for degree in Degree::ALL {
        let page = get(&app, &format!("/roles/?education={}", degree.key())).await;
        let want = urls(all().filter(|r| r.fm.education.minimum <= *degree));
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "education {}",
            degree.key()
        );
    }
    let content = site.state.site();
    assert!(content.info.background.len() >= 3);
    for bg in &content.info.background {
        let page = get(&app, &format!("/roles/?background={}", bg.id)).await;
        let want = urls(all().filter(|r| r.fm.backgrounds.contains(&bg.id)));
        assert!(!want.is_empty(), "background {}", bg.id);
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "background {}",
            bg.id
        );
    }
    let mut banded = 0;
    for band in PayBand::ALL {
        let page = get(&app, &format!("/roles/?pay={}", band.key())).await;
        let want: BTreeSet<String> = roles
            .iter()
            .filter(|(_, p)| in_band(*band, *p))
            .map(|(r, _)| r.url())
            .collect();
        banded += want.len();
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "pay {}",
            band.key()
        );
    }
    assert_eq!(banded, roles.len(), "every role of the pack has a pay");
    // A top-coded median is banded by its floor, a range by its low end.
    assert!(
        listed(&get(&app, "/roles/?pay=150k-plus").await)
            .contains(&"/roles/plant-director/".to_string())
    );
    // Filters combine.
    let page = get(
        &app,
        "/roles/?level=mid&background=trades&education=associate",
    )
    .await;
    let want = urls(all().filter(|r| {
        r.fm.level == Level::Mid
            && r.fm.backgrounds.iter().any(|b| b == "trades")
            && r.fm.education.minimum <= Degree::Associate
    }));
    assert!(want.len() >= 2, "{want:?}");
    assert_eq!(listed(&page).into_iter().collect::<BTreeSet<_>>(), want);
    // Blank values (the form's "Any") filter nothing.
    let page = get(&app, "/roles/?level=&education=&background=&pay=&sort=name").await;
    assert_eq!(listed(&page).len(), roles.len());
}

#[actix_web::test]
async fn sorts_by_pay_schooling_and_name() {
    let site = TestSite::new();
    let app = app(&site).await;
    let roles = pays(&site);
    let by_url = |u: &str| roles.iter().find(|(r, _)| r.url() == u).unwrap();

    let page = get(&app, "/roles/?sort=pay").await;
    let order = listed(&page);
    assert_eq!(order.len(), roles.len());
    let pays: Vec<i64> = order.iter().map(|u| by_url(u).1.unwrap_or(-1)).collect();
    assert!(pays.windows(2).all(|w| w[0] >= w[1]), "{pays:?}");
    assert_eq!(
        order[0], "/roles/plant-director/",
        "the top-coded median first"
    );

    let page = get(&app, "/roles/?sort=education").await;
    let degrees: Vec<_> = listed(&page)
        .iter()
        .map(|u| by_url(u).0.fm.education.minimum)
        .collect();
    assert!(degrees.windows(2).all(|w| w[0] <= w[1]), "{degrees:?}");

    let page = get(&app, "/roles/?sort=name&level=entry").await;
    let titles: Vec<String> = listed(&page)
        .iter()
        .map(|u| by_url(u).0.fm.title.clone())
        .collect();
    assert!(titles.len() >= 2);
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

#[actix_web::test]
async fn unknown_filter_values_are_a_400_that_names_the_valid_ones() {
    let site = TestSite::new();
    let app = app(&site).await;
    for (path, expect) in [
        ("/roles/?level=intern", "entry"),
        ("/roles/?education=phd", "doctorate"),
        ("/roles/?background=law", "trades"),
        ("/roles/?pay=lots", "150k-plus"),
        ("/roles/?sort=random", "pay"),
        ("/roles/?level=%ff%fe", "entry"),
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(page.texts("h1").len(), 1, "{path} is a page in the layout");
        let lede = page.text(".lede");
        assert!(lede.contains(expect), "{path}: {lede}");
    }
}

/// Column headings of the comparison table.
fn columns(page: &common::Page) -> Vec<String> {
    let html = page.html();
    let sel =
        scraper::Selector::parse(".compare-table thead th[scope=col] > a:first-child").unwrap();
    html.select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[actix_web::test]
async fn compares_two_to_four_roles_and_rejects_five() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let slugs: Vec<&str> = content.roles.iter().map(|r| r.slug.as_str()).collect();

    let two = get(&app, &format!("/compare/?roles={},{}", slugs[0], slugs[1])).await;
    assert_eq!(two.status, StatusCode::OK);
    assert_eq!(
        columns(&two),
        vec![content.roles[0].url(), content.roles[1].url()]
    );
    let rows = two.texts(".compare-table tbody th[scope=row]");
    assert_eq!(rows[0], "Pay", "{rows:?}");
    for want in [
        "Pay",
        "Pay across the occupation code",
        "Years of higher education",
        "Minimum degree",
        "certifications",
        "Skills",
        "Outlook",
        "come from",
        "leads",
    ] {
        assert!(
            rows.iter().any(|r| r.contains(want)),
            "no row {want}: {rows:?}"
        );
    }
    let table = two.text(".compare-table");
    assert!(
        table.contains("Test wages, June 2030"),
        "the code's pay source and period: {table}"
    );
    assert!(table.contains("Test outlook, 2030-2040"), "{table}");
    // Add and remove.
    assert!(two.texts("form.compare-add select[name=add] option").len() == slugs.len() - 2);
    let removes = two.texts(".compare-table a.remove");
    assert_eq!(removes.len(), 2);
    assert!(
        two.body
            .contains(&format!("href=\"/compare/?roles={}\"", slugs[1]))
    );

    let four = get(&app, &format!("/compare/?roles={}", slugs[..4].join(","))).await;
    assert_eq!(four.status, StatusCode::OK);
    assert_eq!(columns(&four).len(), 4);
    assert!(
        four.texts("form.compare-add").is_empty(),
        "no adding past four"
    );

    let five = get(&app, &format!("/compare/?roles={}", slugs[..5].join(","))).await;
    assert_eq!(five.status, StatusCode::BAD_REQUEST);
    assert!(columns(&five).is_empty());
    let msg = five.text(".message");
    assert!(msg.contains("at most 4"), "{msg}");
    assert_eq!(five.texts("h1").len(), 1);
    // The picker keeps the five ticked so one can be unticked.
    assert_eq!(
        five.texts(".compare-pick input[checked]").len(),
        five.html()
            .select(&scraper::Selector::parse(".compare-pick input[checked]").unwrap())
            .count()
    );
    assert_eq!(
        five.html()
            .select(&scraper::Selector::parse(".compare-pick input[checked]").unwrap())
            .count(),
        5
    );
}

#[actix_web::test]
async fn unknown_roles_and_short_lists_get_a_message_and_the_picker() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/compare/?roles=electrican,solar-installer").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text(".message").contains("electrican"));
    assert!(
        page.body.contains("href=\"/roles/electrician/\""),
        "did you mean"
    );
    assert!(!page.texts(".compare-pick").is_empty());

    let page = get(&app, "/compare/?roles=%ff,%3Cscript%3E").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(!page.body.contains("<script>"));

    let empty = get(&app, "/compare/").await;
    assert_eq!(empty.status, StatusCode::OK);
    let boxes = empty
        .html()
        .select(&scraper::Selector::parse(".compare-pick input[type=checkbox]").unwrap())
        .count();
    assert_eq!(boxes, site.state.site().roles.len());

    let one = get(&app, "/compare/?roles=solar-installer").await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.text(".message").contains("at least one more"));
}

#[actix_web::test]
async fn forms_redirect_to_the_shareable_url() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/compare/?pick=electrician&pick=solar-installer").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.header("location"),
        "/compare/?roles=electrician%2Csolar-installer"
    );
    let page = get(
        &app,
        "/compare/?roles=electrician,solar-installer&add=wind-technician",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.header("location"),
        "/compare/?roles=electrician%2Csolar-installer%2Cwind-technician"
    );
    let page = get(
        &app,
        "/compare/?roles=electrician%2Csolar-installer%2Cwind-technician",
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(columns(&page).len(), 3);
}

#[actix_web::test]
async fn role_pages_link_to_the_comparison() {
    let site = TestSite::new();
    let app = app(&site).await;
    for role in &site.state.site().roles {
        let page = get(&app, &role.url()).await;
        let link = format!("href=\"/compare/?roles={}\"", role.slug);
        assert!(page.body.contains(&link), "{}", role.slug);
        let target = get(&app, &format!("/compare/?roles={}", role.slug)).await;
        assert_eq!(target.status, StatusCode::OK);
    }
}
