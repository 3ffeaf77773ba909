//! `/salaries/`, `/salaries/{role}/` and `/salaries/states/{code}/` on the
//! engine test pack; figures are compared with the pack's CSV files.

mod common;

use actix_web::http::StatusCode;
use careers::content::dataset::states::abbr_for_fips;
use careers::content::dataset::wages::WageField;
use careers::content::facts::Amount;
use careers::web::format::money;
use careers::web::pages::salaries::SortKey;
use common::copy::CopySite;
use common::pay::shown_amount;
use common::tables::Wages;
use common::{Page, TestSite, app, get, serve};
use std::collections::BTreeSet;
use std::path::Path;

/// A cell read back as a number to sort by (dollars, or a count of jobs):
/// a top-coded floor ranks above every published figure; a gap is `None`.
fn cell_value(cell: &str) -> Option<i64> {
    if cell.contains("not released") {
        return None;
    }
    match shown_amount(cell) {
        Some(Amount::Exact(n)) => Some(n),
        Some(Amount::AtLeast(n)) => Some(n + 1_000_000),
        Some(Amount::Range(..)) => panic!("a range in a table cell: {cell:?}"),
        None => Some(
            cell.replace(',', "")
                .parse()
                .unwrap_or_else(|_| panic!("not a figure: {cell:?}")),
        ),
    }
}

/// Rows of the state table: (state, [jobs, p10, p25, median, p75, p90, mean]).
fn state_rows(page: &Page) -> Vec<(String, Vec<String>)> {
    let html = page.html();
    let tr = common::selector("#states-table tbody tr");
    let th = common::selector("th");
    let td = common::selector("td");
    let clean = |e: scraper::ElementRef| e.text().collect::<String>().trim().to_string();
    html.select(&tr)
        .map(|row| {
            (
                clean(row.select(&th).next().expect("row header")),
                row.select(&td).map(clean).collect(),
            )
        })
        .collect()
}

/// The code [`many_states`] fills with invented state rows.
const MANY: &str = "49-9081";
const MANY_ROLE: &str = "/salaries/wind-technician/";

/// A copy of the pack whose state table has thirty more invented rows for
/// [`MANY`], one with its median and mean not released and one with its
/// 90th percentile top-coded, so the per-role page has enough states to
/// rank and sort.
fn many_states() -> CopySite {
    CopySite::new(|content| {
        let path = content.join("data/tables/wages_states.csv");
        let mut text = std::fs::read_to_string(&path).expect("states file");
        let fips = (1..=56)
            .map(|n| format!("{n:02}"))
            .filter(|f| abbr_for_fips(f).is_some() && f != "06" && f != "48")
            .take(30);
        for (i, f) in fips.enumerate() {
            let i = i as i64;
            // Figures rise with `i`, but employment falls, so columns sort apart.
            let (p10, p25, med, p75, p90) = (
                30_000 + 500 * i,
                38_000 + 600 * i,
                45_000 + 700 * i,
                55_000 + 800 * i,
                65_000 + 900 * i,
            );
            let mean = med + 2_000;
            let jobs = 9_000 - 100 * i;
            let row = match i {
                3 => format!(
                    "{f}00000,Test State {f},{f},{MANY},Wind Technicians,{jobs},,,{p10},{p25},,{p75},{p90},hourly_avg;annual_avg;pct50,\n"
                ),
                5 => format!(
                    "{f}00000,Test State {f},{f},{MANY},Wind Technicians,{jobs},30.00,{mean},{p10},{p25},{med},{p75},,,pct90\n"
                ),
                _ => format!(
                    "{f}00000,Test State {f},{f},{MANY},Wind Technicians,{jobs},30.00,{mean},{p10},{p25},{med},{p75},{p90},,\n"
                ),
            };
            text.push_str(&row);
        }
        std::fs::write(&path, text).expect("write states file");
    })
}

#[actix_web::test]
async fn new_york_mean_for_47_2111_matches_the_wage_file() {
    let w = Wages::of(Path::new(common::PACK));
    let row = w
        .states
        .iter()
        .find(|r| w.area(r) == "New York" && w.code(r) == "47-2111")
        .expect("New York 47-2111 is in the file");
    let expected = w.whole(row, WageField::Mean).expect("a mean");

    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/salaries/states/ny/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text("h1").contains("New York"));
    let cells = page.texts("#soc-47-2111 td");
    assert_eq!(
        cells.last(),
        Some(&money(expected)),
        "mean is the last column: {cells:?}"
    );
    // The row names the roles the code covers.
    let roles = page.text("#soc-47-2111 .roles-cell");
    assert!(
        roles.contains("Electrician") && roles.contains("Master Electrician"),
        "{roles}"
    );
    // The chart has a caption with source and period.
    let caption = page.text(".chart-figure figcaption");
    assert!(
        caption.contains("Test wages") && caption.contains("June 2030"),
        "{caption}"
    );
    // Every other state of the wage file is listed once, by name.
    let mut others: Vec<String> = w
        .states
        .iter()
        .map(|r| w.area(r).to_string())
        .filter(|n| n != "New York")
        .collect();
    others.sort();
    others.dedup();
    assert_eq!(page.texts(".state-list a"), others);

    let upper = get(&app, "/salaries/states/NY/").await;
    assert_eq!(upper.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(upper.header("location"), "/salaries/states/ny/");
    for missing in [
        "/salaries/states/zz/",
        "/salaries/states/new-york/",
        "/salaries/states/n1/",
    ] {
        assert_eq!(
            get(&app, missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[actix_web::test]
async fn every_column_sorts_both_ways() {
    let site = many_states();
    let app = serve(&site.state).await;
    let default = state_rows(&get(&app, MANY_ROLE).await);
    assert_eq!(default.len(), 32, "every state of the code");
    for (i, key) in SortKey::ALL.iter().enumerate() {
        for dir in ["asc", "desc"] {
            let url = format!("{MANY_ROLE}?sort={}&dir={dir}", key.key());
            let page = get(&app, &url).await;
            assert_eq!(page.status, StatusCode::OK, "{url}");
            let rows = state_rows(&page);
            assert_eq!(rows.len(), default.len(), "{url}");
            if *key == SortKey::State {
                let names: Vec<&String> = rows.iter().map(|(n, _)| n).collect();
                let mut sorted = names.clone();
                sorted.sort();
                if dir == "desc" {
                    sorted.reverse();
                }
                assert_eq!(names, sorted, "{url}");
                continue;
            }
            let values: Vec<Option<i64>> =
                rows.iter().map(|(_, c)| cell_value(&c[i - 1])).collect();
            let known: Vec<i64> = values.iter().flatten().copied().collect();
            let gaps_last = values
                .iter()
                .skip_while(|v| v.is_some())
                .all(Option::is_none);
            assert!(gaps_last, "{url}: gaps sort last: {values:?}");
            let ordered = known.windows(2).all(|w| {
                if dir == "asc" {
                    w[0] <= w[1]
                } else {
                    w[0] >= w[1]
                }
            });
            assert!(ordered, "{url}: {known:?}");
            let aria = page.texts(&format!("#states-table th[aria-sort={dir}ending]"));
            assert_eq!(aria.len(), 1, "{url}: one column is marked sorted");
        }
    }
    // The top-coded 90th percentile sorts above every published one.
    let top = state_rows(&get(&app, &format!("{MANY_ROLE}?sort=p90&dir=desc")).await);
    assert!(top[0].1[5].contains("or more"), "{:?}", top[0]);
    // The unreleased median sorts last both ways.
    for dir in ["asc", "desc"] {
        let rows = state_rows(&get(&app, &format!("{MANY_ROLE}?sort=median&dir={dir}")).await);
        assert_eq!(rows.last().unwrap().1[3], "not released", "{dir}");
    }
}

#[actix_web::test]
async fn bad_sort_values_are_400() {
    let site = TestSite::new();
    let app = app(&site).await;
    for bad in [
        "/salaries/electrician/?sort=salary",
        "/salaries/electrician/?sort=median&dir=up",
        "/salaries/electrician/?sort=%27%3B%20DROP%20TABLE",
        "/salaries/electrician/?dir=sideways",
    ] {
        let page = get(&app, bad).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        let lede = page.text(".lede");
        assert!(
            lede.contains("sort") || lede.contains("dir"),
            "{bad}: {lede}"
        );
    }
    assert_eq!(
        get(&app, "/salaries/astronaut/").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn gaps_read_not_released_never_zero() {
    let site = TestSite::new();
    let app = app(&site).await;
    // The test table releases nothing for District of Columbia electricians.
    let page = get(&app, "/salaries/electrician/").await;
    let row = page.texts("#state-dc td");
    assert_eq!(row.len(), 7, "{row:?}");
    assert!(row.iter().all(|c| c == "not released"), "{row:?}");
    assert!(
        !page.texts("#state-dc td.gap").is_empty(),
        "gap cells carry the class"
    );
    let caption = page.text(".chart-figure figcaption");
    assert!(
        caption.contains("No median was released for District of Columbia"),
        "{caption}"
    );
    // The same row on the state page.
    let dc = get(&app, "/salaries/states/dc/").await;
    let row = dc.texts("#soc-47-2111 td");
    assert!(row.iter().skip(1).all(|c| c == "not released"), "{row:?}");
    // Texas production managers' employment, with wages released.
    let tx = get(&app, "/salaries/states/tx/").await;
    let row = tx.texts("#soc-11-3051 td");
    assert_eq!(row[1], "not released", "{row:?}");
    assert!(row[2].starts_with('$'), "{row:?}");
    // A top-coded figure reads as the floor, never as a number alone.
    assert!(row.iter().any(|c| c.ends_with("or more")), "{row:?}");
    for p in [&page, &dc, &tx] {
        let cells = p.texts("td");
        assert!(
            cells.iter().all(|c| c != "$0" && !c.is_empty()),
            "no gap shown as zero or blank"
        );
    }
}

#[actix_web::test]
async fn national_table_has_one_row_per_code_and_a_chart() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let page = get(&app, "/salaries/").await;
    assert_eq!(page.status, StatusCode::OK);
    let rows = page.texts("#national-table tbody tr");
    assert_eq!(rows.len(), content.soc_codes().len());
    for code in content.soc_codes() {
        assert_eq!(page.texts(&format!("#soc-{code}")).len(), 1, "{code}");
    }
    let linked: BTreeSet<String> = page
        .hrefs("#national-table .roles-cell a")
        .into_iter()
        .collect();
    let roles: BTreeSet<String> = content
        .roles
        .iter()
        .map(|r| format!("/salaries/{}/", r.slug))
        .collect();
    assert_eq!(linked, roles, "every role under its code");
    let row = page.text("#soc-47-2111");
    assert!(row.contains("$61,000"), "{row}");
    // The top-coded median reads as the floor.
    assert!(page.text("#soc-11-1011").contains("$200,000 or more"));
    // The chart: an image with a title, well-formed, one row per code.
    let start = page.body.find("<svg").expect("a chart");
    let end = page.body[start..].find("</svg>").expect("closed") + start + 6;
    let doc = roxmltree::Document::parse(&page.body[start..end]).expect("chart is XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let groups = root
        .descendants()
        .filter(|n| n.attribute("class") == Some("row"))
        .count();
    assert_eq!(groups, content.soc_codes().len());
    let caption = page.text(".chart-figure figcaption");
    assert!(caption.contains("June 2030"), "{caption}");
    // Links to every state page of the table.
    let w = Wages::of(Path::new(common::PACK));
    let states: BTreeSet<&str> = w.states.iter().map(|r| w.area(r)).collect();
    assert_eq!(page.texts(".state-list a").len(), states.len());
}

#[actix_web::test]
async fn role_page_state_chart_and_links() {
    let site = many_states();
    let app = serve(&site.state).await;
    let page = get(&app, MANY_ROLE).await;
    assert_eq!(page.status, StatusCode::OK);
    // Ten highest and ten lowest, in the chart's table.
    let body_rows = page.texts("#compare-table tbody tr td");
    assert_eq!(body_rows.len(), 20, "{body_rows:?}");
    let start = page.body.find("<svg").expect("a chart");
    let end = page.body[start..].find("</svg>").expect("closed") + start + 6;
    roxmltree::Document::parse(&page.body[start..end]).expect("chart is XML");

    // With few states, every state with a median is in the chart's table.
    let small = TestSite::new();
    let app = serve(&small.state).await;
    let page = get(&app, "/salaries/electrician/").await;
    let shown = page.texts("#compare-table tbody tr td");
    assert_eq!(shown, ["$80,000", "$76,000", "$53,000"], "highest first");
    // Roles sharing the code are named.
    let note = page.text(".code-note");
    assert!(note.contains("Master Electrician"), "{note}");
    // Metro table and state links.
    assert!(page.text("#metros").contains("metro"));
    assert!(page.body.contains("href=\"/salaries/states/ny/\""));
    // The role page and the header link here.
    let role = get(&app, "/roles/electrician/").await;
    assert!(role.body.contains("href=\"/salaries/electrician/\""));
    assert!(role.body.contains("class=\"site-nav\"") && role.body.contains("href=\"/salaries/\""));
}
