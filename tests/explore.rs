//! `/roles/` filters and sorts, and `/compare/`.

mod common;

use actix_web::http::StatusCode;
use careers::content::role::{Background, Degree, Level, Role};
use careers::web::pages::explore::{BACKGROUNDS, DEGREES, PAY_BANDS, PayBand};
use common::{TestSite, app, get};
use std::collections::BTreeSet;

/// Role links in the filtered table, in order.
fn listed(page: &common::Page) -> Vec<String> {
    let html = page.html();
    let sel = scraper::Selector::parse(".explore-table tbody th a").unwrap();
    html.select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// Each role's BLS national median (and whether it is top-coded), read
/// straight from the database.
fn medians(site: &TestSite) -> Vec<(Role, Option<i64>, bool)> {
    let conn = site.state.pool.get().unwrap();
    let content = site.state.site();
    content
        .roles
        .iter()
        .map(|r| {
            let w = careers::db::national_wage(&conn, &r.fm.soc).unwrap();
            let top = w
                .as_ref()
                .is_some_and(|w| w.is_topcoded("annual_median_wage"));
            (r.clone(), w.and_then(|w| w.annual_median), top)
        })
        .collect()
}

fn in_band(b: &PayBand, median: Option<i64>, top: bool) -> bool {
    if top {
        return b.below.is_none();
    }
    median.is_some_and(|m| m >= b.min && b.below.is_none_or(|x| m < x))
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
    let roles = medians(&site);
    let all = || roles.iter().map(|(r, _, _)| r);

    for level in Level::ALL {
        let page = get(&app, &format!("/roles/?level={}", level.key())).await;
        assert_eq!(page.status, StatusCode::OK);
        let want = urls(all().filter(|r| r.fm.level == level));
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "level {}",
            level.key()
        );
    }
    for (key, degree) in DEGREES {
        let page = get(&app, &format!("/roles/?education={key}")).await;
        let want = urls(all().filter(|r| r.fm.education.minimum <= *degree));
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "education {key}"
        );
    }
    for (key, bg) in BACKGROUNDS {
        let page = get(&app, &format!("/roles/?background={key}")).await;
        let want = urls(all().filter(|r| r.fm.backgrounds.contains(bg)));
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "background {key}"
        );
    }
    let mut banded = 0;
    for band in PAY_BANDS {
        let page = get(&app, &format!("/roles/?pay={}", band.key)).await;
        let want: BTreeSet<String> = roles
            .iter()
            .filter(|(_, m, top)| in_band(band, *m, *top))
            .map(|(r, _, _)| r.url())
            .collect();
        banded += want.len();
        assert_eq!(
            listed(&page).into_iter().collect::<BTreeSet<_>>(),
            want,
            "pay {}",
            band.key
        );
    }
    assert!(banded > 0, "no role has a BLS median");
    // Filters combine.
    let page = get(
        &app,
        "/roles/?level=mid&background=clinical&education=bachelor",
    )
    .await;
    let want = urls(all().filter(|r| {
        r.fm.level == Level::Mid
            && r.fm.backgrounds.contains(&Background::Clinical)
            && r.fm.education.minimum <= Degree::Bachelor
    }));
    assert_eq!(listed(&page).into_iter().collect::<BTreeSet<_>>(), want);
    // Blank values (the form's "Any") filter nothing.
    let page = get(&app, "/roles/?level=&education=&background=&pay=&sort=name").await;
    assert_eq!(listed(&page).len(), roles.len());
}

#[actix_web::test]
async fn sorts_by_pay_schooling_and_name() {
    let site = TestSite::new();
    let app = app(&site).await;
    let roles = medians(&site);
    let by_url = |u: &str| roles.iter().find(|(r, _, _)| r.url() == u).unwrap();

    let page = get(&app, "/roles/?sort=pay").await;
    let order = listed(&page);
    assert_eq!(order.len(), roles.len());
    let pays: Vec<i64> = order
        .iter()
        .map(|u| {
            let (_, m, top) = by_url(u);
            if *top { i64::MAX } else { m.unwrap_or(-1) }
        })
        .collect();
    assert!(pays.windows(2).all(|w| w[0] >= w[1]), "{pays:?}");

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
        ("/roles/?background=law", "clinical"),
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
    for want in [
        "Typical pay",
        "Pay range",
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
        table.contains("BLS OEWS, May 2025"),
        "pay source and period: {table}"
    );
    assert!(table.contains("BLS Employment Projections"), "{table}");
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
    let page = get(
        &app,
        "/compare/?roles=chief-medical-informaton-officer,physician",
    )
    .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.text(".message")
            .contains("chief-medical-informaton-officer")
    );
    assert!(
        page.body
            .contains("href=\"/roles/chief-medical-information-officer/\""),
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

    let one = get(&app, "/compare/?roles=physician").await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.text(".message").contains("at least one more"));
}

#[actix_web::test]
async fn forms_redirect_to_the_shareable_url() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/compare/?pick=physician&pick=pharmacist").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.header("location"),
        "/compare/?roles=physician%2Cpharmacist"
    );
    let page = get(
        &app,
        "/compare/?roles=physician,pharmacist&add=registered-nurse",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.header("location"),
        "/compare/?roles=physician%2Cpharmacist%2Cregistered-nurse"
    );
    let page = get(
        &app,
        "/compare/?roles=physician%2Cpharmacist%2Cregistered-nurse",
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
