//! `/salaries/`, `/salaries/{role}/` and `/salaries/states/{code}/`: the
//! pack's wage table by occupation code, by state and by smaller area, as
//! tables and SVG charts. Gaps the publisher did not release or top-coded
//! read as such. Source, period and top-code come from the pack's manifest.

pub mod role;

pub use role::{SortKey, role, sort_states};

use super::view::{WageView, amount};
use crate::content::Site;
use crate::content::dataset::wages::{WageField, WageManifest, WageRow};
use crate::content::registry::Source;
use crate::db::{self, DbError};
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::format::money;
use crate::web::layout::PageMeta;
use crate::web::svg::charts::{self, Amount, ChartText, RangeRow};
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

fn range_row(label: String, w: &WageRow, m: &WageManifest) -> RangeRow {
    let a = |f| amount(w, f, &m.top_code);
    RangeRow {
        label,
        p10: a(WageField::P10),
        p25: a(WageField::P25),
        median: a(WageField::Median),
        p75: a(WageField::P75),
        p90: a(WageField::P90),
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
    db::states_of(c, &site.soc_codes())
}

/// An occupation code's row with the roles it covers.
pub struct CodeRow {
    pub soc: String,
    pub wage: WageView,
    /// (salaries URL, title) of each role with this code.
    pub roles: Vec<(String, String)>,
}

fn code_rows(
    site: &Site,
    m: &WageManifest,
    mut wages: Vec<WageRow>,
) -> (Vec<CodeRow>, Vec<RangeRow>) {
    let median = |w: &WageRow| rank(amount(w, WageField::Median, &m.top_code));
    wages.sort_by(|a, b| median(b).cmp(&median(a)).then_with(|| a.code.cmp(&b.code)));
    let chart = wages
        .iter()
        .map(|w| range_row(format!("{} ({})", w.title, w.code), w, m))
        .collect();
    let rows = wages
        .iter()
        .map(|w| CodeRow {
            soc: w.code.clone(),
            wage: WageView::new(w, m),
            roles: site
                .roles
                .iter()
                .filter(|r| r.fm.soc == w.code)
                .map(|r| (salary_url(&r.slug), r.fm.title.clone()))
                .collect(),
        })
        .collect();
    (rows, chart)
}

pub fn salary_url(slug: &str) -> String {
    format!("/salaries/{slug}/")
}

/// What every salary page says of its source.
pub struct Cite {
    pub key: String,
    /// The table's short name, e.g. "Test wages".
    pub short: String,
    pub name: String,
    pub publisher: String,
    pub period: String,
    /// The top-code, as it reads: "$200,000".
    pub top: String,
}

/// The wage table's citation and bibliography entry; a 404 when the pack has
/// no wage table (no salary page can exist then).
fn cite(site: &Site) -> Result<(&WageManifest, Cite, Vec<&Source>), AppError> {
    let m = site.data.wages().ok_or(AppError::NotFound)?;
    let a = &m.about;
    Ok((
        m,
        Cite {
            key: a.source.clone(),
            short: a.short.clone(),
            name: a.name.clone(),
            publisher: a.publisher.clone(),
            period: a.period().to_string(),
            top: money(m.top_code.annual),
        },
        site.sources.get(&a.source).into_iter().collect(),
    ))
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

fn percentile_chart(id: &str, title: String, place: &str, rows: &[RangeRow]) -> String {
    charts::percentile_bars(
        &ChartText {
            id: id.into(),
            title,
            desc: format!(
                "For each of {} occupation codes{place}, a line from the 10th to the 90th percentile of annual pay, a box from the 25th to the 75th and a mark at the median. The table beside the chart has the figures.",
                rows.len()
            ),
        },
        rows,
    )
}

pub async fn index(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let site = ctx.site.clone();
    let (m, cite, references) = cite(&site)?;
    let s = site.clone();
    let states = ctx.state.db(move |c| state_list(c, &s)).await?;
    let wages = site
        .soc_codes()
        .iter()
        .filter_map(|c| site.data.national(c).cloned())
        .collect();
    let (rows, chart_rows) = code_rows(&site, m, wages);
    let page = ctx
        .meta(
            "Salaries",
            "What the roles in this guide pay: wages for each occupation code, nationally, by state and by metro area, with source and period.",
            "/salaries/",
        )
        .crumb("Salaries", "")
        .in_section("salaries");
    ctx.render(IndexPage {
        page,
        chart: percentile_chart(
            "chart-national",
            "Annual pay by percentile, United States".into(),
            "",
            &chart_rows,
        ),
        rows,
        states,
        cite,
        references,
    })
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

pub async fn state_page(ctx: Ctx, code: web::Path<String>) -> Result<HttpResponse, AppError> {
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
    let site = ctx.site.clone();
    let (m, cite, references) = cite(&site)?;
    let (s, abbr) = (site.clone(), lower.clone());
    let (wages, states) = ctx
        .state
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
    let (rows, chart_rows) = code_rows(&site, m, wages);
    let page = ctx
        .meta(
            &format!("Salaries in {name}"),
            &format!("What the roles in this guide pay in {name}: wages by occupation code, with source and period."),
            &format!("/salaries/states/{lower}/"),
        )
        .crumb("Salaries", "/salaries/")
        .crumb(&name, "")
        .in_section("salaries");
    ctx.render(StatePage {
        page,
        chart: percentile_chart(
            "chart-state",
            format!("Annual pay by percentile, {name}"),
            &format!(" in {name}"),
            &chart_rows,
        ),
        name,
        rows,
        states: states.into_iter().filter(|(a, _)| *a != lower).collect(),
        cite,
        references,
    })
}
