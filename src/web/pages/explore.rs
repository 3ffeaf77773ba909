//! `/roles/`: the role explorer. Without parameters it lists every role
//! grouped by career stage; with `level`, `education`, `background`, `pay`
//! or `sort` it shows the matching roles as one table. All plain GET
//! parameters, so every view is a shareable URL; an unknown value is a 400
//! that says which values exist. Pay is each role's headline pay, the same
//! figure every other page shows for it.

use super::roles::LevelGroup;
use super::view::{PayView, RoleCard};
use crate::closed_set;
use crate::content::Site;
use crate::content::role::{Degree, Level, Role};
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::typed_query::Query;
use actix_web::HttpResponse;
use askama::Template;
use serde::Deserialize;

closed_set! {
    /// A band of headline pay, lowest first: the one place bands are defined.
    pub enum PayBand("pay band") {
        Under75k = "under-75k" => "Under $75,000",
        From75k = "75k-110k" => "$75,000 to $109,999",
        From110k = "110k-150k" => "$110,000 to $149,999",
        Over150k = "150k-plus" => "$150,000 or more",
    }
}

impl PayBand {
    /// The lowest pay in the band, and the first pay above it.
    pub fn bounds(self) -> (i64, Option<i64>) {
        match self {
            PayBand::Under75k => (0, Some(75_000)),
            PayBand::From75k => (75_000, Some(110_000)),
            PayBand::From110k => (110_000, Some(150_000)),
            PayBand::Over150k => (150_000, None),
        }
    }

    /// The band of a pay figure (a range or a top-coded floor by its low end).
    pub fn of(pay: i64) -> PayBand {
        *PayBand::ALL
            .iter()
            .find(|b| {
                let (min, below) = b.bounds();
                pay >= min && below.is_none_or(|x| pay < x)
            })
            .unwrap_or(&PayBand::Over150k)
    }
}

closed_set! {
    /// Orders of the filtered table (without one: by career stage).
    pub enum Sort("sort order") {
        Pay = "pay" => "Pay, highest first",
        Education = "education" => "Schooling, least first",
        Name = "name" => "Name, A to Z",
    }
}

/// The explorer's parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Filters {
    pub level: Option<Level>,
    /// Roles whose minimum degree is this or lower.
    pub education: Option<Degree>,
    /// A background id from the pack's `site.toml`.
    pub background: Option<String>,
    pub pay: Option<PayBand>,
    pub sort: Option<Sort>,
}

impl Filters {
    /// True when nothing is filtered or sorted: the grouped default view.
    pub fn is_default(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether `role` passes every filter.
    pub fn matches(&self, site: &Site, role: &Role) -> bool {
        let pay = site.facts(role).pay.as_ref().map(|p| p.amount.sort_value());
        self.level.is_none_or(|l| role.fm.level == l)
            && self
                .education
                .is_none_or(|d| role.fm.education.minimum <= d)
            && self
                .background
                .as_ref()
                .is_none_or(|b| role.fm.backgrounds.contains(b))
            && self.pay.is_none_or(|b| pay.map(PayBand::of) == Some(b))
    }
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
    pub pay: Option<PayView>,
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

pub async fn index(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let f = Query::<Filters>::parse(ctx.req.query_string()).map_err(AppError::BadRequest)?;
    let site = &ctx.site;
    if let Some(b) = &f.background
        && site.info.background(b).is_none()
    {
        let valid: Vec<&str> = site.info.background.iter().map(|d| d.id.as_str()).collect();
        return Err(AppError::BadRequest(format!(
            "There is no background called “{}”; use one of: {}.",
            b.chars().take(40).collect::<String>(),
            valid.join(", ")
        )));
    }
    let rows = if f.is_default() {
        Vec::new()
    } else {
        rows(site, &f)
    };
    let compare_url = if (2..=super::compare::MAX_ROLES).contains(&rows.len()) {
        let slugs: Vec<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
        super::compare::compare_url(&slugs)
    } else {
        String::new()
    };
    let page = ctx
        .meta(
            "All roles",
            "Every role in the guide, from first jobs to the executive suite, with its pay, source and period. Filter by stage, schooling, background and pay.",
            "/roles/",
        )
        .crumb("Roles", "")
        .in_section("roles");
    ctx.render(IndexPage {
        page,
        filtered: !f.is_default(),
        groups: if f.is_default() {
            grouped(site)
        } else {
            Vec::new()
        },
        rows,
        level_opts: opts(
            "Any stage",
            Level::ALL.iter().map(|l| (l.key(), l.to_string())),
            f.level.map(|l| l.key()),
        ),
        education_opts: opts(
            "Any degree",
            Degree::ALL
                .iter()
                .map(|d| (d.key(), format!("{d} or less"))),
            f.education.map(|e| e.key()),
        ),
        background_opts: opts(
            "Any background",
            site.info
                .background
                .iter()
                .map(|b| (b.id.as_str(), b.label.clone())),
            f.background.as_deref(),
        ),
        pay_opts: opts(
            "Any pay",
            PayBand::ALL.iter().map(|b| (b.key(), b.to_string())),
            f.pay.map(|b| b.key()),
        ),
        sort_opts: opts(
            "Career stage",
            Sort::ALL.iter().map(|s| (s.key(), s.to_string())),
            f.sort.map(|s| s.key()),
        ),
        compare_url,
    })
}

/// The matching roles, in the order asked for.
fn rows(site: &Site, f: &Filters) -> Vec<ExploreRow> {
    let mut roles: Vec<&Role> = site.roles.iter().filter(|r| f.matches(site, r)).collect();
    let pay = |r: &Role| site.facts(r).pay.as_ref().map(|p| p.amount.sort_value());
    match f.sort {
        Some(Sort::Pay) => roles.sort_by_key(|r| std::cmp::Reverse(pay(r))),
        // Minimum degree, then the years of study a source gives (none last).
        Some(Sort::Education) => roles.sort_by_key(|r| {
            let y = r.fm.education.typical_years;
            (
                r.fm.education.minimum,
                y.map_or(u8::MAX, |y| y.min()),
                y.map_or(u8::MAX, |y| y.max()),
            )
        }),
        Some(Sort::Name) => roles.sort_by(|a, b| a.fm.title.cmp(&b.fm.title)),
        None => {}
    }
    roles
        .into_iter()
        .map(|role| ExploreRow {
            url: role.url(),
            slug: role.slug.clone(),
            title: role.fm.title.clone(),
            level: role.fm.level.to_string(),
            minimum: role.fm.education.minimum.to_string(),
            years: role
                .fm
                .education
                .typical_years
                .map(|y| y.to_string())
                .unwrap_or_default(),
            backgrounds: role
                .fm
                .backgrounds
                .iter()
                .filter_map(|b| site.info.background(b))
                .map(|b| b.label.clone())
                .collect::<Vec<_>>()
                .join(", "),
            pay: PayView::of(site, role),
        })
        .collect()
}

/// The default view: roles grouped by stage, with their headline pay.
fn grouped(site: &Site) -> Vec<LevelGroup> {
    Level::ALL
        .iter()
        .map(|l| LevelGroup {
            key: l.key(),
            title: l.to_string(),
            roles: site.roles_at(*l).map(|r| RoleCard::new(site, r)).collect(),
        })
        .filter(|g| !g.roles.is_empty())
        .collect()
}
