//! Content tests: the real pack in `content/`, kept apart from the engine
//! tests (which read `tests/fixtures/pack`). They fail when the pack is
//! wrong, not when the engine is: the pack passes `check`, every surface
//! shows each real role's one headline pay, the pages show the figures of
//! the pack's own files (its wage CSVs through its manifest, its
//! `figures.toml`), its synonyms find its roles, and seeding stores every
//! row of its wage files.

mod common;

use careers::content::data::{FigureUnit, FiguresFile};
use careers::content::dataset::wages::WageField;
use careers::content::facts::Amount;
use careers::content::role::Headline;
use careers::web::format::money;
use common::pay::{disagreements, shown_amount};
use common::tables::Wages;
use common::{REAL, TestSite, app, get};
use std::path::Path;

fn real() -> &'static Path {
    Path::new(REAL)
}

#[test]
fn the_real_content_passes_check() {
    let out = common::careers()
        .args(["check", "--content", REAL, "--static-dir", "static"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "content/ has errors:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The pack's old figures are flagged (warnings, not errors).
    assert!(
        text.contains("figure `him-pay-median-2019` (period May 2019)"),
        "{text}"
    );
    assert!(
        text.contains("figure `him-growth-2014-2024` (period 2014-2024"),
        "{text}"
    );
    assert!(text.contains("0 errors and"), "{text}");
}

#[actix_web::test]
async fn every_surface_shows_each_real_roles_headline_pay() {
    let site = TestSite::real();
    let problems = disagreements(&site).await;
    assert!(
        problems.is_empty(),
        "surfaces disagree with the headline pay:\n{}",
        problems.join("\n")
    );
}

/// The headline amount a role's rule picks, read from the pack's files
/// themselves: its code's national median in the wage CSV, or its figure in
/// `figures.toml`.
fn pay_from_files(w: &Wages, figures: &FiguresFile, soc: &str, h: &Headline) -> Option<Amount> {
    match h {
        Headline::CodeMedian => {
            let row = w.national_row(soc)?;
            if w.topcoded(row, WageField::Median) {
                Some(Amount::AtLeast(w.manifest.top_code.annual))
            } else {
                w.whole(row, WageField::Median).map(Amount::Exact)
            }
        }
        Headline::Figure(id) => {
            let f = figures.figure.iter().find(|f| &f.id == id)?;
            Some(match (f.value?, f.high) {
                (v, Some(h)) => Amount::Range(v.round() as i64, h.round() as i64),
                (v, None) => Amount::Exact(v.round() as i64),
            })
        }
    }
}

#[actix_web::test]
async fn real_pages_show_the_figures_of_the_packs_own_files() {
    let site = TestSite::real();
    let app = app(&site).await;
    let content = site.state.site();
    let w = Wages::of(real());
    let figures: FiguresFile = toml::from_str(
        &std::fs::read_to_string(real().join("data/figures.toml")).expect("figures.toml"),
    )
    .expect("figures.toml parses");

    // Each role page's headline pay, with its source and period.
    for role in &content.roles {
        let page = get(&app, &role.url()).await;
        let want = pay_from_files(&w, &figures, &role.fm.soc, &role.fm.pay.headline)
            .unwrap_or_else(|| panic!("{}: the pack has no figure for its pay rule", role.slug));
        let shown = page.text(".quick-facts .figure-value");
        assert_eq!(shown_amount(&shown), Some(want), "{}: {shown}", role.slug);
        let card = page.text(".quick-facts");
        let pay = content.facts(role).pay.as_ref().expect("a pay");
        let publisher = &content.sources[&pay.source].publisher;
        assert!(
            card.contains(publisher.as_str()) && card.contains(&pay.period),
            "{}: {card}",
            role.slug
        );
        // Its other published pay figures, each with its period.
        let listed = page.texts("section[aria-labelledby=salary] ul.figures li");
        let own = content.facts(role).pay_figures.clone();
        assert_eq!(listed.len(), own.len(), "{}: {listed:?}", role.slug);
        for (i, li) in own.iter().zip(&listed) {
            let f = &content.figures[*i];
            let from_file = figures
                .figure
                .iter()
                .find(|x| x.id == f.id)
                .expect("in the file");
            let shown = match from_file.unit {
                FigureUnit::Usd => money(from_file.value.expect("a value").round() as i64),
                _ => from_file.label.clone(),
            };
            assert!(
                li.contains(&shown) && li.contains(&from_file.period),
                "{}: {li} should show {shown} ({})",
                role.slug,
                from_file.period
            );
        }
    }

    // The state table of a role page and the state page, against the CSV.
    let ny = w
        .states
        .iter()
        .find(|r| w.area(r) == "New York" && w.code(r) == "11-9111")
        .expect("the CSV has New York 11-9111");
    let page = get(&app, "/roles/health-information-manager/").await;
    let row = page.text("tr#state-ny");
    let median = money(w.whole(ny, WageField::Median).expect("a median"));
    assert!(row.contains(&median), "{row} should contain {median}");
    let state = get(&app, "/salaries/states/ny/").await;
    let cells = state.texts("#soc-11-9111 td");
    let mean = money(w.whole(ny, WageField::Mean).expect("a mean"));
    assert_eq!(cells.last(), Some(&mean), "{cells:?}");

    // The national table, one row per code, against the CSV.
    let national = get(&app, "/salaries/").await;
    for code in content.soc_codes() {
        let row = w.national_row(&code).expect("a national row");
        let text = national.text(&format!("#soc-{code}"));
        match w.whole(row, WageField::Median) {
            Some(m) => assert!(text.contains(&money(m)), "{code}: {text}"),
            None => assert!(
                text.contains("or more") || text.contains("not released"),
                "{code}: {text}"
            ),
        }
    }

    // The ten highest and ten lowest states beside the chart.
    let chart = get(&app, "/salaries/health-information-manager/").await;
    assert_eq!(chart.texts("#compare-table tbody tr td").len(), 20);
}

#[actix_web::test]
async fn the_real_synonyms_find_their_roles() {
    let site = TestSite::real();
    let app = app(&site).await;
    let cmio = "/roles/chief-medical-information-officer/";
    for q in [
        "cmio",
        "CMIO",
        "cheif+medical",
        "chief+medical+information+officer",
    ] {
        let links = get(&app, &format!("/search?q={q}"))
            .await
            .hrefs(".search-results h2 a");
        assert_eq!(
            links.first().map(String::as_str),
            Some(cmio),
            "{q}: {links:?}"
        );
    }
    let links = get(&app, "/search?q=RHIA")
        .await
        .hrefs(".search-results h2 a");
    assert!(
        links
            .iter()
            .any(|l| l == "/roles/health-information-manager/"),
        "{links:?}"
    );
}

#[test]
fn seeding_stores_every_row_of_the_real_wage_files() {
    let site = careers::content::load(real(), Default::default()).expect("content loads");
    let dir = tempfile::tempdir().unwrap();
    let pool = careers::db::open(&dir.path().join("careers.db")).unwrap();
    let mut conn = pool.get().unwrap();
    let report = careers::db::seed(&mut conn, &site, real()).unwrap();
    let w = Wages::of(real());
    let rows = w.national.len() + w.states.len() + w.areas.len();
    assert!(rows > 6000, "{rows}");
    assert_eq!(report.wages, rows);
    assert_eq!(report.faqs, site.faqs.len());
    assert_eq!(report.testimonials, site.testimonials.len());
    // Every role's code has a national row; its median is the CSV's.
    for role in &site.roles {
        let got = careers::db::national_wage(&conn, &role.fm.soc)
            .unwrap()
            .unwrap_or_else(|| panic!("{}: no national row", role.fm.soc));
        let row = w.national_row(&role.fm.soc).unwrap();
        assert_eq!(got.median, w.whole(row, WageField::Median), "{}", role.slug);
    }
}
