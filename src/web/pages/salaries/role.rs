//! `/salaries/{role}/`: the wages of a role's occupation code in every state,
//! sortable by any column (`?sort=median&dir=desc`), a chart of the highest
//! and lowest state medians, and the best-paying smaller areas.

use super::{Cite, cite, rank, salary_url};
use crate::closed_set;
use crate::content::Site;
use crate::content::dataset::wages::{TopCode, WageField, WageRow};
use crate::content::registry::Source;
use crate::content::role::Role;
use crate::db;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::pages::view::{CellKind, WageView, amount};
use crate::web::svg::charts::{self, BarRow, ChartText};
use crate::web::typed_query::Query;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

closed_set! {
    /// The columns of the state table a visitor can sort by.
    pub enum SortKey("sort column") {
        State = "state" => "State",
        Jobs = "jobs" => "Jobs",
        P10 = "p10" => "10th pct.",
        P25 = "p25" => "25th pct.",
        Median = "median" => "Median",
        P75 = "p75" => "75th pct.",
        P90 = "p90" => "90th pct.",
        Mean = "mean" => "Mean",
    }
}

closed_set! {
    /// Which way a column sorts.
    pub enum Dir("sort direction") {
        Asc = "asc" => "low to high",
        Desc = "desc" => "high to low",
    }
}

impl SortKey {
    /// The wage figure the column shows; `None` for the state name.
    fn field(self) -> Option<WageField> {
        Some(match self {
            SortKey::State => return None,
            SortKey::Jobs => WageField::Employment,
            SortKey::P10 => WageField::P10,
            SortKey::P25 => WageField::P25,
            SortKey::Median => WageField::Median,
            SortKey::P75 => WageField::P75,
            SortKey::P90 => WageField::P90,
            SortKey::Mean => WageField::Mean,
        })
    }

    /// The order a column sorts in when first chosen: names A to Z, figures high to low.
    fn first_dir(self) -> Dir {
        if self == SortKey::State {
            Dir::Asc
        } else {
            Dir::Desc
        }
    }
}

/// `?sort=median&dir=desc` on a role's salary page.
#[derive(Debug, Default, Deserialize)]
pub struct SortQuery {
    sort: Option<SortKey>,
    dir: Option<Dir>,
}

/// Sorts state rows by `key` in order `dir`; gaps go last either way.
pub fn sort_states(rows: &mut [WageRow], key: SortKey, dir: Dir, top: &TopCode) {
    rows.sort_by(|a, b| {
        let by_name = a.area_name.cmp(&b.area_name);
        let flip = |o: std::cmp::Ordering| if dir == Dir::Desc { o.reverse() } else { o };
        let Some(field) = key.field() else {
            return flip(by_name);
        };
        let value = |w: &WageRow| match field {
            WageField::Employment => w.whole(field),
            f => rank(amount(w, f, top)),
        };
        match (value(a), value(b)) {
            (Some(x), Some(y)) => flip(x.cmp(&y)).then(by_name),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => by_name,
        }
    });
}

/// A sortable column heading.
pub struct SortHead {
    pub label: &'static str,
    pub url: String,
    /// `ascending`, `descending` or `` (for `aria-sort`).
    pub aria: &'static str,
    pub numeric: bool,
}

/// A row of the table beside the state chart.
pub struct ChartCell {
    pub name: String,
    pub value: String,
    pub kind: CellKind,
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
    /// The title of the role's occupation code.
    soc_title: String,
    /// Other roles that share the code: (url, title).
    sharing: Vec<(String, String)>,
    national: Option<WageView>,
    heads: Vec<SortHead>,
    /// "median, high to low".
    sorted_by: String,
    states: Vec<StateRow>,
    chart: String,
    /// The chart's figures: (group, [(state, median)]).
    chart_table: Vec<(String, Vec<ChartCell>)>,
    /// States whose median was not released.
    no_median: Vec<String>,
    metros: Vec<WageView>,
    cite: Cite,
    references: Vec<&'a Source>,
}

/// The ten highest and ten lowest published state medians, as chart groups.
fn chart_groups(rows: &[WageRow], top: &TopCode) -> Vec<(String, Vec<BarRow>)> {
    let median = |w: &WageRow| amount(w, WageField::Median, top);
    let mut ranked: Vec<&WageRow> = rows.iter().filter(|w| rank(median(w)).is_some()).collect();
    ranked.sort_by_key(|w| std::cmp::Reverse(rank(median(w))));
    let bar = |w: &&WageRow| BarRow {
        label: w.area_name.clone(),
        value: median(w),
    };
    if ranked.len() <= 20 {
        return vec![(
            "All states and territories".into(),
            ranked.iter().map(bar).collect(),
        )];
    }
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
}

fn heads(base: &str, key: SortKey, dir: Dir) -> Vec<SortHead> {
    SortKey::ALL
        .iter()
        .map(|&k| {
            let current = k == key;
            let next = match (current, dir) {
                (true, Dir::Asc) => Dir::Desc,
                (true, Dir::Desc) => Dir::Asc,
                (false, _) => k.first_dir(),
            };
            SortHead {
                label: k.label(),
                url: format!("{base}?sort={}&dir={}#states", k.key(), next.key()),
                aria: match (current, dir) {
                    (false, _) => "",
                    (true, Dir::Desc) => "descending",
                    (true, Dir::Asc) => "ascending",
                },
                numeric: k != SortKey::State,
            }
        })
        .collect()
}

pub async fn role(
    ctx: Ctx,
    slug: web::Path<String>,
    q: Query<SortQuery>,
) -> Result<HttpResponse, AppError> {
    let site: &Site = &ctx.site;
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let (m, cite, references) = cite(site)?;
    let key = q.0.sort.unwrap_or(SortKey::State);
    let dir = q.0.dir.unwrap_or(key.first_dir());
    let soc = role.fm.soc.clone();
    let (mut rows, metros) = ctx
        .state
        .db(move |c| Ok((db::state_wages(c, &soc)?, db::top_metros(c, &soc, 10)?)))
        .await?;
    let groups = chart_groups(&rows, &m.top_code);
    let chart = charts::ranked_bars(
        &ChartText {
            id: "chart-states".into(),
            title: format!("Median annual pay by state, {} ({})", role.fm.title, role.fm.soc),
            desc: "Bars for the states and territories with the highest and the lowest median annual pay, highest first in each group. The table beside the chart has the figures.".into(),
        },
        &groups,
    );
    let no_median = rows
        .iter()
        .filter(|w| rank(amount(w, WageField::Median, &m.top_code)).is_none())
        .map(|w| w.area_name.clone())
        .collect();
    sort_states(&mut rows, key, dir, &m.top_code);
    let base = salary_url(&role.slug);
    let sorted_by = match key {
        SortKey::State if dir == Dir::Asc => "state name, A to Z".to_string(),
        SortKey::State => "state name, Z to A".to_string(),
        k => format!("{}, {}", k.label().to_lowercase(), dir.label()),
    };
    let explicit = q.0.sort.is_some() || q.0.dir.is_some();
    let path = if explicit {
        format!("{base}?sort={}&dir={}", key.key(), dir.key())
    } else {
        base.clone()
    };
    let page = ctx
        .meta(
            &format!("{} pay by state", role.fm.title),
            &format!(
                "Wages for {} ({}) in every state and the best-paying metro areas, with source and period.",
                role.fm.title, role.fm.soc
            ),
            &path,
        )
        .crumb("Salaries", "/salaries/")
        .crumb(&role.fm.title, "")
        .in_section("salaries");
    ctx.render(RolePage {
        page,
        role,
        soc_title: site
            .facts(role)
            .code_title
            .clone()
            .unwrap_or_else(|| "the occupation code".into()),
        sharing: site
            .roles
            .iter()
            .filter(|r| r.fm.soc == role.fm.soc && r.slug != role.slug)
            .map(|r| (r.url(), r.fm.title.clone()))
            .collect(),
        national: site
            .data
            .national(&role.fm.soc)
            .map(|w| WageView::new(w, m)),
        heads: heads(&base, key, dir),
        sorted_by,
        states: rows
            .iter()
            .map(|w| StateRow {
                url: w
                    .state_abbr
                    .as_ref()
                    .map(|a| format!("/salaries/states/{}/", a.to_ascii_lowercase()))
                    .unwrap_or_default(),
                wage: WageView::new(w, m),
            })
            .collect(),
        chart,
        chart_table: groups
            .iter()
            .map(|(head, bars)| (head.clone(), bars.iter().map(chart_cell).collect()))
            .collect(),
        no_median,
        metros: metros.iter().map(|w| WageView::new(w, m)).collect(),
        cite,
        references,
    })
}

fn chart_cell(b: &BarRow) -> ChartCell {
    let cell = crate::web::pages::view::Cell::of(b.value);
    ChartCell {
        name: b.label.clone(),
        value: cell.text,
        kind: cell.kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_directions() {
        assert_eq!(SortKey::State.first_dir(), Dir::Asc);
        assert_eq!(SortKey::Median.first_dir(), Dir::Desc);
    }
}
