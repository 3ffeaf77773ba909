//! `/roles/`: the role explorer. Without parameters it lists every role
//! grouped by career stage; with `level`, `education`, `background`, `pay`
//! or `sort` it shows the matching roles as one table. All plain GET
//! parameters, so every view is a shareable URL; an unknown value is a 400
//! that says which values exist.

use super::roles::LevelGroup;
use super::view::{Cell, RoleCard, lead_pay};
use crate::content::Site;
use crate::content::role::{Background, Degree, Level, Role};
use crate::db;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::query;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// A pay band over the BLS national median annual wage of a role's SOC code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayBand {
    pub key: &'static str,
    pub label: &'static str,
    /// Lowest median in the band, inclusive.
    pub min: i64,
    /// First median above the band; `None` for the top band.
    pub below: Option<i64>,
}

/// The pay bands, lowest first: the one place they are defined.
pub const PAY_BANDS: &[PayBand] = &[
    PayBand {
        key: "under-75k",
        label: "Under $75,000",
        min: 0,
        below: Some(75_000),
    },
    PayBand {
        key: "75k-110k",
        label: "$75,000 to $109,999",
        min: 75_000,
        below: Some(110_000),
    },
    PayBand {
        key: "110k-150k",
        label: "$110,000 to $149,999",
        min: 110_000,
        below: Some(150_000),
    },
    PayBand {
        key: "150k-plus",
        label: "$150,000 or more",
        min: 150_000,
        below: None,
    },
];

/// The band of a median; a top-coded median is in the top band, a missing
/// one in none.
pub fn pay_band(median: Option<i64>, topcoded: bool) -> Option<&'static PayBand> {
    if topcoded {
        return PAY_BANDS.last();
    }
    let m = median?;
    PAY_BANDS
        .iter()
        .find(|b| m >= b.min && b.below.is_none_or(|x| m < x))
}

/// Degree keys as used in URLs, lowest first.
pub const DEGREES: &[(&str, Degree)] = &[
    ("none", Degree::None),
    ("certificate", Degree::Certificate),
    ("associate", Degree::Associate),
    ("bachelor", Degree::Bachelor),
    ("master", Degree::Master),
    ("doctorate", Degree::Doctorate),
];

/// Background keys as used in URLs and in role front matter.
pub const BACKGROUNDS: &[(&str, Background)] = &[
    ("clinical", Background::Clinical),
    ("it", Background::It),
    ("business", Background::Business),
    ("health-admin", Background::HealthAdmin),
];

/// Sort keys: (key, label).
pub const SORTS: &[(&str, &str)] = &[
    ("", "Career stage"),
    ("pay", "Pay, highest first"),
    ("education", "Schooling, least first"),
    ("name", "Name, A to Z"),
];

/// The explorer's parameters, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub level: Option<Level>,
    /// Roles whose minimum degree is this or lower.
    pub education: Option<Degree>,
    pub background: Option<Background>,
    pub pay: Option<&'static PayBand>,
    /// "", "pay", "education" or "name".
    pub sort: &'static str,
}

impl Filters {
    /// Reads the query string; an unknown value is an error naming the valid ones.
    pub fn parse(query_string: &str) -> Result<Filters, String> {
        let pairs = query::pairs(query_string);
        let get = |k: &str| {
            query::first(&pairs, k)
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let mut f = Filters::default();
        if let Some(v) = get("level") {
            f.level = Some(
                Level::ALL
                    .into_iter()
                    .find(|l| l.key() == v)
                    .ok_or_else(|| {
                        unknown("career stage", v, Level::ALL.iter().map(|l| l.key()))
                    })?,
            );
        }
        if let Some(v) = get("education") {
            f.education = Some(
                DEGREES
                    .iter()
                    .find(|(k, _)| *k == v)
                    .map(|(_, d)| *d)
                    .ok_or_else(|| unknown("degree", v, DEGREES.iter().map(|(k, _)| *k)))?,
            );
        }
        if let Some(v) = get("background") {
            f.background = Some(
                BACKGROUNDS
                    .iter()
                    .find(|(k, _)| *k == v)
                    .map(|(_, b)| *b)
                    .ok_or_else(|| unknown("background", v, BACKGROUNDS.iter().map(|(k, _)| *k)))?,
            );
        }
        if let Some(v) = get("pay") {
            f.pay = Some(
                PAY_BANDS
                    .iter()
                    .find(|b| b.key == v)
                    .ok_or_else(|| unknown("pay band", v, PAY_BANDS.iter().map(|b| b.key)))?,
            );
        }
        if let Some(v) = get("sort") {
            f.sort = SORTS
                .iter()
                .find(|(k, _)| *k == v)
                .map(|(k, _)| *k)
                .ok_or_else(|| unknown("sort order", v, SORTS.iter().skip(1).map(|(k, _)| *k)))?;
        }
        Ok(f)
    }

    /// True when nothing is filtered or sorted: the grouped default view.
    pub fn is_default(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether `role`, whose BLS median falls in `band`, passes every filter.
    pub fn matches(&self, role: &Role, band: Option<&'static PayBand>) -> bool {
        self.level.is_none_or(|l| role.fm.level == l)
            && self
                .education
                .is_none_or(|d| role.fm.education.minimum <= d)
            && self
                .background
                .is_none_or(|b| role.fm.backgrounds.contains(&b))
            && self.pay.is_none_or(|p| band == Some(p))
    }
}

fn unknown<'a>(what: &str, value: &str, valid: impl Iterator<Item = &'a str>) -> String {
    let shown: String = value.chars().take(40).collect();
    format!(
        "There is no {what} called “{shown}”. Use one of: {}, or leave it out to see every role.",
        valid.collect::<Vec<_>>().join(", ")
    )
}

/// A row of the filtered table.
pub struct ExploreRow {
    pub url: String,
    pub slug: String,
    pub title: String,
    pub level: String,
    pub minimum: String,
    pub years: String,
    pub backgrounds: String,
    pub soc: String,
    /// The BLS national median, or why there is none.
    pub median: Cell,
    pub period: String,
    median_sort: i64,
    /// Minimum degree, then the years of study a source gives (none last).
    education_sort: (crate::content::role::Degree, u8, u8),
}

/// One `<option>` of a select: (value, label, selected).
pub type Opt = (String, String, bool);

#[derive(Template)]
#[template(path = "roles/index.html")]
struct IndexPage {
    page: PageMeta,
    /// The grouped view (no filter set).
    groups: Vec<LevelGroup>,
    /// The filtered view.
    filtered: bool,
    rows: Vec<ExploreRow>,
    /// OEWS period of the medians shown.
    period: String,
    level_opts: Vec<Opt>,
    education_opts: Vec<Opt>,
    background_opts: Vec<Opt>,
    pay_opts: Vec<Opt>,
    sort_opts: Vec<Opt>,
    /// A comparison of the listed roles, when there are two to four.
    compare_url: String,
}

/// Options with an "Any" first entry and the current value selected.
fn opts<'a>(
    any: &str,
    items: impl Iterator<Item = (&'a str, String)>,
    current: Option<&str>,
) -> Vec<Opt> {
    let mut out = vec![(String::new(), any.to_string(), current.is_none())];
    out.extend(items.map(|(k, label)| (k.to_string(), label, current == Some(k))));
    out
}

pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let filters = Filters::parse(req.query_string()).map_err(AppError::BadRequest)?;
    let site = state.site();
    let s = site.clone();
    let (pays, wages) = state
        .db(move |c| {
            let roles: Vec<&Role> = s.roles.iter().collect();
            let mut wages = Vec::with_capacity(roles.len());
            for r in &roles {
                wages.push(db::national_wage(c, &r.fm.soc)?);
            }
            Ok((lead_pay(c, &s, &roles)?, wages))
        })
        .await?;
    let mut groups = Vec::new();
    let mut rows = Vec::new();
    let mut period = String::new();
    if filters.is_default() {
        groups = grouped(&site, pays);
    } else {
        for (role, wage) in site.roles.iter().zip(&wages) {
            let band = role_band(wage.as_ref());
            if !filters.matches(role, band) {
                continue;
            }
            if let Some(w) = wage
                && period.is_empty()
            {
                period = w.period.clone();
            }
            rows.push(row(role, wage.as_ref()));
        }
        match filters.sort {
            "pay" => rows.sort_by_key(|r| std::cmp::Reverse(r.median_sort)),
            "education" => rows.sort_by_key(|r| r.education_sort),
            "name" => rows.sort_by(|a, b| a.title.cmp(&b.title)),
            _ => {}
        }
    }
    let compare_url = if (2..=super::compare::MAX_ROLES).contains(&rows.len()) {
        let slugs: Vec<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
        super::compare::compare_url(&slugs)
    } else {
        String::new()
    };
    let page = PageMeta::new(
        &state,
        "All roles",
        "Every role in the guide, from first jobs to the executive suite, with its typical pay, source and period. Filter by stage, schooling, background and pay.",
        "/roles/",
    )
    .crumb("Roles", "")
    .in_section("roles");
    let body = IndexPage {
        page,
        filtered: !filters.is_default(),
        groups,
        rows,
        period,
        level_opts: opts(
            "Any stage",
            Level::ALL.iter().map(|l| (l.key(), l.to_string())),
            filters.level.map(|l| l.key()),
        ),
        education_opts: opts(
            "Any degree",
            DEGREES.iter().map(|(k, d)| (*k, format!("{d} or less"))),
            filters
                .education
                .and_then(|e| DEGREES.iter().find(|(_, d)| *d == e).map(|(k, _)| *k)),
        ),
        background_opts: opts(
            "Any background",
            BACKGROUNDS
                .iter()
                .map(|(k, b)| (*k, capitalize(&b.to_string()))),
            filters
                .background
                .and_then(|x| BACKGROUNDS.iter().find(|(_, b)| *b == x).map(|(k, _)| *k)),
        ),
        pay_opts: opts(
            "Any pay",
            PAY_BANDS.iter().map(|b| (b.key, b.label.to_string())),
            filters.pay.map(|b| b.key),
        ),
        sort_opts: SORTS
            .iter()
            .map(|(k, label)| (k.to_string(), label.to_string(), filters.sort == *k))
            .collect(),
        compare_url,
    }
    .render()?;
    Ok(respond::html(&req, body))
}

/// The pay band of a role from its BLS national wage row.
pub fn role_band(wage: Option<&db::Wage>) -> Option<&'static PayBand> {
    let w = wage?;
    pay_band(w.annual_median, w.is_topcoded("annual_median_wage"))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn row(role: &Role, wage: Option<&db::Wage>) -> ExploreRow {
    let median = match wage {
        Some(w) => super::view::WageView::new(w).median,
        None => Cell {
            text: "no BLS figure".into(),
            kind: "gap",
        },
    };
    let median_sort = match wage {
        Some(w) if w.is_topcoded("annual_median_wage") => i64::MAX,
        Some(w) => w.annual_median.unwrap_or(-1),
        None => -1,
    };
    let y = role.fm.education.typical_years;
    ExploreRow {
        url: role.url(),
        slug: role.slug.clone(),
        title: role.fm.title.clone(),
        level: role.fm.level.to_string(),
        minimum: role.fm.education.minimum.to_string(),
        years: y.map(|y| y.to_string()).unwrap_or_default(),
        backgrounds: role
            .fm
            .backgrounds
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        soc: role.fm.soc.clone(),
        median,
        period: wage.map(|w| w.period.clone()).unwrap_or_default(),
        median_sort,
        education_sort: (
            role.fm.education.minimum,
            y.map_or(u8::MAX, |y| y.min()),
            y.map_or(u8::MAX, |y| y.max()),
        ),
    }
}

/// The default view: roles grouped by stage, with their lead pay figures.
fn grouped(site: &Site, pays: Vec<Option<super::view::PayFigure>>) -> Vec<LevelGroup> {
    let mut groups: Vec<LevelGroup> = Level::ALL
        .iter()
        .map(|l| LevelGroup {
            key: l.key(),
            title: l.to_string(),
            roles: Vec::new(),
        })
        .collect();
    for (role, pay) in site.roles.iter().zip(pays) {
        if let Some(g) = groups.iter_mut().find(|g| g.key == role.fm.level.key()) {
            g.roles.push(RoleCard::new(role, pay));
        }
    }
    groups.retain(|g| !g.roles.is_empty());
    groups
}
