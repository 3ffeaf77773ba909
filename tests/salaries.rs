//! `/salaries/`, `/salaries/{role}/` and `/salaries/states/{code}/`.

mod common;

use actix_web::http::StatusCode;
use careers::web::format::money;
use common::{Page, TestSite, app, get};
use std::collections::BTreeSet;

/// A dollar cell read back: `Some(n)`, top-coded as a large number, or `None` for a gap.
fn dollars(cell: &str) -> Option<i64> {
    if cell.contains("not released") {
        return None;
    }
    let n: i64 = cell
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("not a figure: {cell:?}"));
    Some(if cell.contains("or more") {
        n + 1_000_000
    } else {
        n
    })
}

/// Rows of the state table: (state, [jobs, p10, p25, median, p75, p90, mean]).
fn state_rows(page: &Page) -> Vec<(String, Vec<String>)> {
    let html = page.html();
    let tr = scraper::Selector::parse("#states-table tbody tr").expect("selector");
    let th = scraper::Selector::parse("th").expect("selector");
    let td = scraper::Selector::parse("td").expect("selector");
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

#[actix_web::test]
async fn new_york_mean_for_11_9111_matches_the_oews_file() {
    let mut reader = csv::Reader::from_path("content/data/bls/oews_state.csv").expect("csv");
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (name, soc, mean) = (col("area_name"), col("soc_code"), col("annual_mean_wage"));
    let expected: i64 = reader
        .records()
        .map(|r| r.expect("row"))
        .find(|r| &r[name] == "New York" && &r[soc] == "11-9111")
        .expect("New York 11-9111 is in the file")[mean]
        .parse()
        .expect("a number");

    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/salaries/states/ny/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text("h1").contains("New York"));
    let cells = page.texts("#soc-11-9111 td");
    assert_eq!(
        cells.last(),
        Some(&money(expected)),
        "mean is the last column: {cells:?}"
    );
    // The row names the roles the code covers.
    let roles = page.text("#soc-11-9111 .roles-cell");
    assert!(
        roles.contains("Chief Medical Information Officer"),
        "{roles}"
    );
    // The chart has a caption with source and period.
    let caption = page.text(".chart-figure figcaption");
    assert!(caption.contains("Bureau of Labor Statistics") && caption.contains("May 2025"));

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
    let site = TestSite::new();
    let app = app(&site).await;
    let default = state_rows(&get(&app, "/salaries/ehr-analyst/").await);
    assert!(default.len() >= 50, "every state: {}", default.len());
    for (i, (key, _)) in careers::web::pages::salaries::SORT_KEYS.iter().enumerate() {
        for dir in ["asc", "desc"] {
            let url = format!("/salaries/ehr-analyst/?sort={key}&dir={dir}");
            let page = get(&app, &url).await;
            assert_eq!(page.status, StatusCode::OK, "{url}");
            let rows = state_rows(&page);
            assert_eq!(rows.len(), default.len(), "{url}");
            if *key == "state" {
                let names: Vec<&String> = rows.iter().map(|(n, _)| n).collect();
                let mut sorted = names.clone();
                sorted.sort();
                if dir == "desc" {
                    sorted.reverse();
                }
                assert_eq!(names, sorted, "{url}");
                continue;
            }
            let values: Vec<Option<i64>> = rows.iter().map(|(_, c)| dollars(&c[i - 1])).collect();
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
            let aria = page.texts(&format!("#states-table th[aria-sort={}ending]", dir));
            assert_eq!(aria.len(), 1, "{url}: one column is marked sorted");
        }
    }
}

#[actix_web::test]
async fn bad_sort_values_are_400() {
    let site = TestSite::new();
    let app = app(&site).await;
    for bad in [
        "/salaries/ehr-analyst/?sort=salary",
        "/salaries/ehr-analyst/?sort=median&dir=up",
        "/salaries/ehr-analyst/?sort=%27%3B%20DROP%20TABLE",
        "/salaries/ehr-analyst/?dir=sideways",
    ] {
        let page = get(&app, bad).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        let lede = page.text(".lede");
        assert!(
            lede.contains("sort") || lede.contains("dir="),
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
    // BLS did not release Delaware's wages for 15-2051 Data Scientists.
    let page = get(&app, "/salaries/clinical-data-manager/").await;
    let row = page.texts("#state-de td");
    assert_eq!(row.len(), 7, "{row:?}");
    assert!(row[1..].iter().all(|c| c == "not released"), "{row:?}");
    assert!(
        !page.texts("#state-de td.gap").is_empty(),
        "gap cells carry the class"
    );
    let caption = page.text(".chart-figure figcaption");
    assert!(
        caption.contains("did not release a median for Delaware"),
        "{caption}"
    );
    // West Virginia's 15-1211 wages on the state page.
    let wv = get(&app, "/salaries/states/wv/").await;
    let row = wv.texts("#soc-15-1211 td");
    assert!(row.iter().skip(2).all(|c| c == "not released"), "{row:?}");
    // Alabama's physician employment.
    let al = get(&app, "/salaries/states/al/").await;
    let row = al.texts("#soc-29-1215 td");
    assert_eq!(row[1], "not released", "{row:?}");
    for p in [&page, &wv, &al] {
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
    let html = page.html();
    let sel = scraper::Selector::parse("#national-table .roles-cell a").expect("selector");
    let linked: BTreeSet<String> = html
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    let roles: BTreeSet<String> = content
        .roles
        .iter()
        .map(|r| format!("/salaries/{}/", r.slug))
        .collect();
    assert_eq!(linked, roles, "every role under its code");
    let him = page.text("#soc-11-9111");
    assert!(him.contains("$123,860"), "{him}");
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
    assert!(caption.contains("May 2025"), "{caption}");
    // Links to every state page.
    assert!(page.texts(".state-list a").len() >= 50);
}

#[actix_web::test]
async fn role_page_state_chart_and_links() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/salaries/health-information-manager/").await;
    assert_eq!(page.status, StatusCode::OK);
    // Ten highest and ten lowest, in the chart's table.
    let body_rows = page.texts("#compare-table tbody tr td");
    assert_eq!(body_rows.len(), 20, "{body_rows:?}");
    let start = page.body.find("<svg").expect("a chart");
    let end = page.body[start..].find("</svg>").expect("closed") + start + 6;
    roxmltree::Document::parse(&page.body[start..end]).expect("chart is XML");
    // Roles sharing the code are named.
    let note = page.text(".code-note");
    assert!(note.contains("Chief Medical Information Officer"), "{note}");
    // Metro table and state links.
    assert!(page.text("#metros").contains("metro"));
    assert!(page.body.contains("href=\"/salaries/states/ny/\""));
    // The role page and the header link here.
    let role = get(&app, "/roles/health-information-manager/").await;
    assert!(
        role.body
            .contains("href=\"/salaries/health-information-manager/\"")
    );
    assert!(role.body.contains("class=\"site-nav\"") && role.body.contains("href=\"/salaries/\""));
}
