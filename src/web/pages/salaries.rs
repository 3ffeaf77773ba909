//! `/salaries/`, `/salaries/{role}/` and `/salaries/states/{code}/`: BLS
//! OEWS wages by occupation code, by state and by metro area, as tables and
//! SVG charts. Gaps BLS did not release or top-coded read as such.

use super::view::{WageView, source_name};
use crate::content::Site;
use crate::content::registry::Source;
use crate::content::role::Role;
use crate::db::{self, DbError, Wage};
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::pages::roles::note_html;
use crate::web::respond;
use crate::web::state::AppState;
use crate::web::svg::charts::{self, Amount, BarRow, ChartText, RangeRow};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// The published value of a wage field, with its gap flags.
pub fn amount(w: &Wage, field: &str, v: Option<i64>) -> Amount {
    if w.is_topcoded(field) {
        Amount::AtLeast(239_200)
    } else {
        match v {
            Some(v) if !w.is_not_released(field) => Amount::Dollars(v),
            _ => Amount::Missing,
        }
    }
}

fn range_row(label: String, w: &Wage) -> RangeRow {
    RangeRow {
        label,
        p10: amount(w, "annual_p10", w.annual_p10),
        p25: amount(w, "annual_p25", w.annual_p25),
        median: amount(w, "annual_median", w.annual_median),
        p75: amount(w, "annual_p75", w.annual_p75),
        p90: amount(w, "annual_p90", w.annual_p90),
    }
}

/// A sort key that puts gaps last and top-coded values above every number.
fn rank(a: Amount) -> Option<i64> {
    match a {
        Amount::Dollars(v) => Some(v),
        Amount::AtLeast(v) => Some(v.saturating_add(1_000_000)),
        Amount::Missing => None,
    }
}

/// Every state and territory with rows for any of the site's codes:
/// (lower-case USPS code, name), by name.
pub fn state_list(c: &rusqlite::Connection, site: &Site) -> Result<Vec<(String, String)>, DbError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for code in site.soc_codes() {
        for w in db::state_wages(c, &code)? {
            if let Some(abbr) = &w.state_abbr {
                let abbr = abbr.to_ascii_lowercase();
                if !out.iter().any(|(a, _)| *a == abbr) {
                    out.push((abbr, w.area_name.clone()));
                }
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// A SOC code's row with the roles it covers.
pub struct CodeRow {
    pub soc: String,
    pub wage: WageView,
    /// (salaries URL, title) of each role with this code.
    pub roles: Vec<(String, String)>,
}

fn code_rows(site: &Site, wages: Vec<Wage>) -> (Vec<CodeRow>, Vec<RangeRow>) {
    let mut wages = wages;
    wages.sort_by(|a, b| {
        let m = |w: &Wage| rank(amount(w, "annual_median", w.annual_median));
        m(b).cmp(&m(a)).then_with(|| a.soc_code.cmp(&b.soc_code))
    });
    let chart = wages
        .iter()
        .map(|w| range_row(format!("{} ({})", w.occupation_title, w.soc_code), w))
        .collect();
    let rows = wages
        .iter()
        .map(|w| CodeRow {
            soc: w.soc_code.clone(),
            wage: WageView::new(w),
            roles: site
                .roles
                .iter()
                .filter(|r| r.fm.soc == w.soc_code)
                .map(|r| (salary_url(r), r.fm.title.clone()))
                .collect(),
        })
        .collect();
    (rows, chart)
}

pub fn salary_url(role: &Role) -> String {
    format!("/salaries/{}/", role.slug)
}

/// Source details every salary page cites.
pub struct Cite {
    pub key: String,
    pub name: String,
    pub period: String,
}

fn cite<'a>(site: &'a Site, w: Option<&Wage>) -> (Cite, Vec<&'a Source>) {
    let key = w
        .map(|w| w.source_key.clone())
        .unwrap_or_else(|| db::OEWS_SOURCE.to_string());
    let refs = site.sources.get(&key).into_iter().collect();
    (
        Cite {
            name: source_name(site, &key),
            period: w
                .map(|w| w.period.clone())
                .unwrap_or_else(|| db::OEWS_PERIOD.to_string()),
            key,
        },
        refs,
    )
}

#[derive(Template)]
#[template(path = "salaries/index.html")]
struct IndexPage<'a> {
    page: PageMeta,
    rows: Vec<CodeRow>,
    chart: String,
    states: Vec<(String, String)>,
    cite: Cite,
    references: Vec<&'a Source>,
}

pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let s = site.clone();
    let (wages, states) = state
        .db(move |c| {
            let mut wages = Vec::new();
            for code in s.soc_codes() {
                wages.extend(db::national_wage(c, &code)?);
            }
            Ok((wages, state_list(c, &s)?))
        })
        .await?;
    let (cite, references) = cite(&site, wages.first());
    let (rows, chart_rows) = code_rows(&site, wages);
    let chart = charts::percentile_bars(
        &ChartText {
            id: "chart-national".into(),
            title: "Annual pay by percentile, United States".into(),
            desc: format!(
                "For each of {} occupation codes, a line from the 10th to the 90th percentile of annual pay, a box from the 25th to the 75th and a mark at the median. The table beside the chart has the figures.",
                chart_rows.len()
            ),
        },
        &chart_rows,
    );
    let page = PageMeta::new(
        &state,
        "Salaries",
        "What the roles in this guide pay: BLS wages for each occupation code, nationally, by state and by metro area, with source and period.",
        "/salaries/",
    )
    .crumb("Salaries", "")
    .in_section("salaries");
    let body = IndexPage {
        page,
        rows,
        chart,
        states,
        cite,
        references,
    }
    .render()?;
    Ok(respond::html(&req, body))
}

/// Columns of the state table a visitor can sort by.
pub const SORT_KEYS: &[(&str, &str)] = &[
    ("state", "State"),
    ("jobs", "Jobs"),
    ("p10", "10th pct."),
    ("p25", "25th pct."),
    ("median", "Median"),
    ("p75", "75th pct."),
    ("p90", "90th pct."),
    ("mean", "Mean"),
];

/// `?sort=median&dir=desc` on a role's salary page.
#[derive(Debug, Deserialize)]
pub struct SortQuery {
    sort: Option<String>,
    dir: Option<String>,
}

/// A sortable column heading.
pub struct SortHead {
    pub label: &'static str,
    pub url: String,
    /// `ascending`, `descending` or `` (for `aria-sort`).
    pub aria: &'static str,
    pub numeric: bool,
}

fn sort_key(w: &Wage, key: &str) -> Option<i64> {
    match key {
        "jobs" => {
            if w.is_not_released("employment") {
                None
            } else {
                w.employment
            }
        }
        "p10" => rank(amount(w, "annual_p10", w.annual_p10)),
        "p25" => rank(amount(w, "annual_p25", w.annual_p25)),
        "median" => rank(amount(w, "annual_median", w.annual_median)),
        "p75" => rank(amount(w, "annual_p75", w.annual_p75)),
        "p90" => rank(amount(w, "annual_p90", w.annual_p90)),
        _ => rank(amount(w, "annual_mean", w.annual_mean)),
    }
}

/// Sorts state rows by `key` in `desc` order or not; gaps go last either way.
pub fn sort_states(rows: &mut [Wage], key: &str, desc: bool) {
    rows.sort_by(|a, b| {
        let by_name = a.area_name.cmp(&b.area_name);
        if key == "state" {
            return if desc { by_name.reverse() } else { by_name };
        }
        match (sort_key(a, key), sort_key(b, key)) {
            (Some(x), Some(y)) => {
                let o = x.cmp(&y);
                (if desc { o.reverse() } else { o }).then(by_name)
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => by_name,
        }
    });
}

fn parse_sort(q: &SortQuery) -> Result<(&'static str, bool), AppError> {
    let key = match q.sort.as_deref() {
        None | Some("") => "state",
        Some(s) => SORT_KEYS
            .iter()
            .find(|(k, _)| *k == s)
            .map(|(k, _)| *k)
            .ok_or_else(|| {
                let shown: String = s.chars().take(40).collect();
                AppError::BadRequest(format!(
                    "The table cannot be sorted by \"{shown}\". Use sort= with one of: {}.",
                    SORT_KEYS
                        .iter()
                        .map(|(k, _)| *k)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?,
    };
    let desc = match q.dir.as_deref() {
        None | Some("") => key != "state",
        Some("asc") => false,
        Some("desc") => true,
        Some(d) => {
            let shown: String = d.chars().take(40).collect();
            return Err(AppError::BadRequest(format!(
                "The sort direction \"{shown}\" is not one we know. Use dir=asc (low to high) or dir=desc (high to low)."
            )));
        }
    };
    Ok((key, desc))
}

/// A row of the table beside the state chart.
pub struct ChartCell {
    pub name: String,
    pub value: String,
    /// `""`, `"gap"` or `"top"`, as in [`super::view::Cell`].
    pub kind: &'static str,
}

/// A state row of a role's table.
pub struct StateRow {
    pub url: String,
    pub wage: WageView,
}

#[derive(Template)]
#[template(path = "salaries/role.html")]
struct RolePage<'a> {
    page: PageMeta,
    role: &'a Role,
    /// BLS title of the role's SOC code.
    soc_title: String,
    soc_note: String,
    /// Other roles that share the SOC code: (url, title).
    sharing: Vec<(String, String)>,
    national: Option<WageView>,
    heads: Vec<SortHead>,
    /// "median, high to low".
    sorted_by: String,
    states: Vec<StateRow>,
    chart: String,
    /// The chart's figures: (group, [(state, median)]).
    chart_table: Vec<(String, Vec<ChartCell>)>,
    /// States whose median BLS did not release.
    no_median: Vec<String>,
    metros: Vec<WageView>,
    cite: Cite,
    references: Vec<&'a Source>,
}

pub async fn role(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<SortQuery>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let (key, desc) = parse_sort(&query)?;
    let soc = role.fm.soc.clone();
    let (national, mut rows, metros) = state
        .db(move |c| {
            Ok((
                db::national_wage(c, &soc)?,
                db::state_wages(c, &soc)?,
                db::top_metros(c, &soc, 10)?,
            ))
        })
        .await?;
    let (cite, references) = cite(&site, national.as_ref().or(rows.first()));

    // The chart: the ten highest and ten lowest published medians.
    let mut ranked: Vec<&Wage> = rows
        .iter()
        .filter(|w| rank(amount(w, "annual_median", w.annual_median)).is_some())
        .collect();
    ranked.sort_by_key(|w| std::cmp::Reverse(rank(amount(w, "annual_median", w.annual_median))));
    let bar = |w: &&Wage| BarRow {
        label: w.area_name.clone(),
        value: amount(w, "annual_median", w.annual_median),
    };
    let groups: Vec<(String, Vec<BarRow>)> = if ranked.len() <= 20 {
        vec![(
            "All states and territories".into(),
            ranked.iter().map(bar).collect(),
        )]
    } else {
        vec![
            (
                "10 highest medians".into(),
                ranked.iter().take(10).map(bar).collect(),
            ),
            (
                "10 lowest medians".into(),
                ranked[ranked.len() - 10..].iter().map(bar).collect(),
            ),
        ]
    };
    let no_median = rows
        .iter()
        .filter(|w| rank(amount(w, "annual_median", w.annual_median)).is_none())
        .map(|w| w.area_name.clone())
        .collect();
    let chart = charts::ranked_bars(
        &ChartText {
            id: "chart-states".into(),
            title: format!("Median annual pay by state, {} ({})", role.fm.title, role.fm.soc),
            desc: "Bars for the states and territories with the highest and the lowest median annual pay, highest first in each group. The table beside the chart has the figures.".into(),
        },
        &groups,
    );
    let chart_table = groups
        .iter()
        .map(|(head, bars)| {
            (
                head.clone(),
                bars.iter()
                    .map(|b| {
                        let kind = match b.value {
                            Amount::AtLeast(_) => "top",
                            Amount::Missing => "gap",
                            Amount::Dollars(_) => "",
                        };
                        ChartCell {
                            name: b.label.clone(),
                            value: b.value.text(),
                            kind,
                        }
                    })
                    .collect(),
            )
        })
        .collect();

    sort_states(&mut rows, key, desc);
    let base = salary_url(role);
    let heads = SORT_KEYS
        .iter()
        .map(|(k, label)| {
            let current = *k == key;
            let next_desc = if current { !desc } else { *k != "state" };
            SortHead {
                label,
                url: format!(
                    "{base}?sort={k}&dir={}#states",
                    if next_desc { "desc" } else { "asc" }
                ),
                aria: match (current, desc) {
                    (false, _) => "",
                    (true, true) => "descending",
                    (true, false) => "ascending",
                },
                numeric: *k != "state",
            }
        })
        .collect();
    let label = SORT_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, l)| l.to_lowercase())
        .unwrap_or_default();
    let sorted_by = match (key, desc) {
        ("state", false) => "state name, A to Z".to_string(),
        ("state", true) => "state name, Z to A".to_string(),
        (_, true) => format!("{label}, high to low"),
        (_, false) => format!("{label}, low to high"),
    };
    let states = rows
        .iter()
        .map(|w| StateRow {
            url: w
                .state_abbr
                .as_ref()
                .map(|a| format!("/salaries/states/{}/", a.to_ascii_lowercase()))
                .unwrap_or_default(),
            wage: WageView::new(w),
        })
        .collect();
    let sharing = site
        .roles
        .iter()
        .filter(|r| r.fm.soc == role.fm.soc && r.slug != role.slug)
        .map(|r| (r.url(), r.fm.title.clone()))
        .collect();
    let path = if query.sort.is_some() || query.dir.is_some() {
        format!(
            "{base}?sort={key}&dir={}",
            if desc { "desc" } else { "asc" }
        )
    } else {
        base.clone()
    };
    let page = PageMeta::new(
        &state,
        &format!("{} pay by state", role.fm.title),
        &format!(
            "BLS wages for {} ({}) in every state and the best-paying metro areas, with source and period.",
            role.fm.title, role.fm.soc
        ),
        &path,
    )
    .crumb("Salaries", "/salaries/")
    .crumb(&role.fm.title, "")
    .in_section("salaries");
    let body = RolePage {
        page,
        role,
        soc_title: national
            .as_ref()
            .or(rows.first())
            .map(|w| w.occupation_title.clone())
            .unwrap_or_else(|| "the occupation code".into()),
        soc_note: note_html(&role.fm.soc_note),
        sharing,
        national: national.as_ref().map(WageView::new),
        heads,
        sorted_by,
        states,
        chart,
        chart_table,
        no_median,
        metros: metros.iter().map(WageView::new).collect(),
        cite,
        references,
    }
    .render()?;
    Ok(respond::html(&req, body))
}

#[derive(Template)]
#[template(path = "salaries/state.html")]
struct StatePage<'a> {
    page: PageMeta,
    name: String,
    rows: Vec<CodeRow>,
    chart: String,
    states: Vec<(String, String)>,
    cite: Cite,
    references: Vec<&'a Source>,
}

pub async fn state_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(AppError::NotFound);
    }
    let lower = code.to_ascii_lowercase();
    if lower != code {
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, format!("/salaries/states/{lower}/")))
            .finish());
    }
    let site = state.site();
    let s = site.clone();
    let abbr = lower.clone();
    let (wages, states) = state
        .db(move |c| {
            let mut wages = Vec::new();
            for soc in s.soc_codes() {
                wages.extend(db::state_wage(c, &soc, &abbr)?);
            }
            Ok((wages, state_list(c, &s)?))
        })
        .await?;
    let Some(name) = wages.first().map(|w| w.area_name.clone()) else {
        return Err(AppError::NotFound);
    };
    let (cite, references) = cite(&site, wages.first());
    let (rows, chart_rows) = code_rows(&site, wages);
    let chart = charts::percentile_bars(
        &ChartText {
            id: "chart-state".into(),
            title: format!("Annual pay by percentile, {name}"),
            desc: format!(
                "For each of {} occupation codes in {name}, a line from the 10th to the 90th percentile of annual pay, a box from the 25th to the 75th and a mark at the median. The table beside the chart has the figures.",
                chart_rows.len()
            ),
        },
        &chart_rows,
    );
    let page = PageMeta::new(
        &state,
        &format!("Salaries in {name}"),
        &format!("What the roles in this guide pay in {name}: BLS wages by occupation code, with source and period."),
        &format!("/salaries/states/{lower}/"),
    )
    .crumb("Salaries", "/salaries/")
    .crumb(&name, "")
    .in_section("salaries");
    let body = StatePage {
        page,
        name,
        rows,
        chart,
        states: states.into_iter().filter(|(a, _)| *a != lower).collect(),
        cite,
        references,
    }
    .render()?;
    Ok(respond::html(&req, body))
}
