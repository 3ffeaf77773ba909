//! `/pathways/?from=X&to=Y`: the routes from one role to another, ranked by
//! typical years, with what each move takes and each role's headline pay
//! (the same figure its page shows). A change in pay is given only between
//! figures of the same measure, source and period.

use super::view::PayView;
use crate::content::Site;
use crate::content::facts::{Amount, Pay};
use crate::content::graph::{self, Route};
use crate::content::registry::Source;
use crate::content::role::{Level, Role};
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::format::money;
use crate::web::layout::PageMeta;
use crate::web::typed_query::Query;
use actix_web::HttpResponse;
use actix_web::http::header;
use askama::Template;
use serde::Deserialize;

/// `?from=slug&to=slug`; either may be missing or empty.
#[derive(Debug, Deserialize)]
pub struct PathQuery {
    from: Option<String>,
    to: Option<String>,
}

/// One role of a `<select>`, grouped by level.
pub struct Choice {
    pub slug: String,
    pub title: String,
}

/// One move of a route, ready to print.
pub struct StepView {
    pub from_title: String,
    pub to_url: String,
    pub to_title: String,
    pub to_level: String,
    /// Empty when the move's source gives no years.
    pub years: String,
    pub requires: String,
    /// Publisher of the source that describes the move.
    pub source: String,
    pub degree: String,
    pub credentials: Vec<String>,
    pub pay_from: Option<PayView>,
    pub pay_to: Option<PayView>,
    /// "+$8,300", "-$1,200"; empty when the two figures cannot be compared.
    pub change: String,
    /// Both roles' pay is the median of one code, which does not tell them apart.
    pub shared_code: bool,
}

/// A route, ready to print.
pub struct RouteView {
    /// Empty unless the source of every move gives its years.
    pub years: String,
    pub moves: usize,
    pub path: Vec<String>,
    pub steps: Vec<StepView>,
    /// Change from the first role's pay to the last one's; empty when the
    /// two figures cannot be compared.
    pub change: String,
}

/// A nearby role, for the "no route" case.
pub struct Nearby {
    pub url: String,
    pub title: String,
    pub level: String,
    pub moves: usize,
    /// A pathways link that does have a route.
    pub route_url: String,
}

#[derive(Template)]
#[template(path = "pathways/index.html")]
struct PathwaysPage<'a> {
    page: PageMeta,
    heading: String,
    /// Both roles are chosen and valid: show routes or the nearest roles.
    chosen: bool,
    groups: Vec<(String, Vec<Choice>)>,
    from: Option<&'a Role>,
    to: Option<&'a Role>,
    /// A problem with the request, shown above the form.
    error: String,
    routes: Vec<RouteView>,
    reachable: Vec<Nearby>,
    leading: Vec<Nearby>,
    /// Suggested routes when no roles are chosen: (url, text).
    examples: Vec<(String, String)>,
    /// Every source the pay figures on the page cite.
    references: Vec<&'a Source>,
}

impl PathwaysPage<'_> {
    fn selected(&self, which: &str, slug: &str) -> bool {
        let role = if which == "from" { self.from } else { self.to };
        role.is_some_and(|r| r.slug == slug)
    }
}

/// The URL of the routes from `from` to `to`.
pub fn url(from: &str, to: &str) -> String {
    format!("/pathways/?from={from}&to={to}")
}

/// (url, title) pairs.
pub type Links = Vec<(String, String)>;

/// Most route links of each kind on a role page: the nearest ones. A large
/// career graph can reach hundreds of roles from one.
pub const ROLE_LINKS: usize = 6;

/// Links a role page shows: routes from it to the nearest senior and
/// executive roles it can reach, and routes to it from the nearest entry
/// roles that lead to it; at most [`ROLE_LINKS`] of each.
pub fn role_links(site: &Site, role: &Role) -> (Links, Links) {
    let onward = graph::reachable_from(site, role)
        .into_iter()
        .filter(|(r, _)| r.fm.level >= Level::Senior)
        .take(ROLE_LINKS)
        .map(|(r, _)| (url(&role.slug, &r.slug), r.fm.title.clone()))
        .collect();
    let inward = graph::leading_to(site, role)
        .into_iter()
        .filter(|(r, _)| r.fm.level == Level::Entry)
        .take(ROLE_LINKS)
        .map(|(r, _)| (url(&r.slug, &role.slug), r.fm.title.clone()))
        .collect();
    (onward, inward)
}

fn pick<'a>(site: &'a Site, which: &str, v: &Option<String>) -> Result<Option<&'a Role>, String> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(slug) => site.role(slug).map(Some).ok_or_else(|| {
            let shown: String = slug.chars().take(60).collect();
            format!(
                "The guide has no role called \"{shown}\" (the `{which}` parameter). Choose one from the lists below."
            )
        }),
    }
}

/// The change from `a`'s pay to `b`'s, when the figures share a measure,
/// source and period; "" otherwise.
fn change(a: Option<&Pay>, b: Option<&Pay>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a.comparable(b) => {
            let (Amount::Exact(x), Amount::Exact(y)) = (a.amount, b.amount) else {
                return String::new();
            };
            if y >= x {
                format!("+{}", money(y - x))
            } else {
                format!("-{}", money(x - y))
            }
        }
        _ => String::new(),
    }
}

fn years_text(min: u32, max: u32) -> String {
    match (min, max) {
        (1, 1) => "1 year".into(),
        (a, b) if a == b => format!("{a} years"),
        (a, b) => format!("{a} to {b} years"),
    }
}

fn route_view(site: &Site, r: &Route) -> RouteView {
    let pay = |role: &Role| site.facts(role).pay.as_ref();
    let steps = r
        .steps
        .iter()
        .map(|s| StepView {
            from_title: s.from.fm.title.clone(),
            to_url: s.to.url(),
            to_title: s.to.fm.title.clone(),
            to_level: s.to.fm.level.to_string(),
            years: s
                .transition
                .years
                .map(|y| y.to_string())
                .unwrap_or_default(),
            requires: s.transition.requires.clone(),
            source: s
                .transition
                .source
                .as_deref()
                .map(|k| super::view::source_name(site, k))
                .unwrap_or_default(),
            degree: s.to.fm.education.minimum.to_string(),
            credentials: s
                .to
                .fm
                .licenses
                .iter()
                .chain(&s.to.fm.certifications)
                .filter_map(|id| site.certifications.get(id))
                .map(|c| match &c.abbr {
                    Some(a) => format!("{} ({a}, {})", c.name, c.kind),
                    None => format!("{} ({})", c.name, c.kind),
                })
                .collect(),
            pay_from: PayView::of(site, s.from),
            pay_to: PayView::of(site, s.to),
            change: change(pay(s.from), pay(s.to)),
            shared_code: matches!(
                (pay(s.from), pay(s.to)),
                (Some(a), Some(b)) if a.of_code.is_some() && a.of_code == b.of_code
            ),
        })
        .collect();
    let first = r.steps.first().map(|s| s.from);
    let last = r.steps.last().map(|s| s.to);
    let mut path: Vec<String> = first.iter().map(|f| f.fm.title.clone()).collect();
    path.extend(r.steps.iter().map(|s| s.to.fm.title.clone()));
    RouteView {
        years: r
            .years()
            .map(|(low, high)| years_text(low, high))
            .unwrap_or_default(),
        moves: r.steps.len(),
        path,
        steps,
        change: change(first.and_then(pay), last.and_then(pay)),
    }
}

fn nearby(list: Vec<(&Role, usize)>, link: impl Fn(&Role) -> String) -> Vec<Nearby> {
    list.into_iter()
        .map(|(r, moves)| Nearby {
            url: r.url(),
            title: r.fm.title.clone(),
            level: r.fm.level.to_string(),
            moves,
            route_url: link(r),
        })
        .collect()
}

/// For each entry role, a route to the most senior role it can reach.
fn examples(site: &Site) -> Vec<(String, String)> {
    site.roles_at(Level::Entry)
        .filter_map(|r| {
            let reach = graph::reachable_from(site, r);
            let top = reach.iter().map(|(t, _)| t.fm.level).max()?;
            let (target, _) = reach.iter().find(|(t, _)| t.fm.level == top)?;
            Some((
                url(&r.slug, &target.slug),
                format!("{} to {}", r.fm.title, target.fm.title),
            ))
        })
        .collect()
}

pub async fn page(ctx: Ctx, query: Query<PathQuery>) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let picked = [("from", &query.0.from), ("to", &query.0.to)].map(|(w, v)| pick(site, w, v));
    let mut error = picked
        .iter()
        .find_map(|p| p.as_ref().err().cloned())
        .unwrap_or_default();
    let [from, to] = picked.map(|p| p.ok().flatten());
    if error.is_empty()
        && let (Some(a), Some(b)) = (from, to)
        && a.slug == b.slug
    {
        error = "Choose two different roles: a route needs a start and a destination.".into();
    }
    let chosen = match (from, to) {
        (Some(a), Some(b)) if error.is_empty() => Some((a, b)),
        _ => None,
    };
    let (mut routes, mut reachable, mut leading) = (Vec::new(), Vec::new(), Vec::new());
    if let Some((a, b)) = chosen {
        routes = graph::routes(site, a, b)
            .iter()
            .map(|r| route_view(site, r))
            .collect();
        if routes.is_empty() {
            reachable = nearby(graph::reachable_from(site, a), |r| url(&a.slug, &r.slug));
            leading = nearby(graph::leading_to(site, b), |r| url(&r.slug, &b.slug));
        }
    }
    let heading = match chosen {
        Some((a, b)) => format!("Routes from {} to {}", a.fm.title, b.fm.title),
        None => "Career routes between two roles".to_string(),
    };
    let path = chosen.map_or("/pathways/".into(), |(a, b)| url(&a.slug, &b.slug));
    let body = PathwaysPage {
        page: ctx
            .meta(
                &heading,
                "Every route the guide knows from one role to another: the moves, what each takes, its source and how pay changes.",
                &path,
            )
            .crumb("Career map", "/career-map/")
            .crumb("Routes", "")
            .in_section("map"),
        heading,
        chosen: chosen.is_some(),
        groups: groups(site),
        from,
        to,
        references: references(site, &routes),
        routes,
        reachable,
        leading,
        examples: if chosen.is_none() { examples(site) } else { Vec::new() },
        error: error.clone(),
    }
    .render()?;
    if error.is_empty() {
        return Ok(ctx.html(body));
    }
    Ok(HttpResponse::BadRequest()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// The roles of each level, for the two selects.
fn groups(site: &Site) -> Vec<(String, Vec<Choice>)> {
    Level::ALL
        .iter()
        .map(|l| {
            let roles = site
                .roles_at(*l)
                .map(|r| Choice {
                    slug: r.slug.clone(),
                    title: r.fm.title.clone(),
                })
                .collect::<Vec<_>>();
            (l.to_string(), roles)
        })
        .filter(|(_, roles)| !roles.is_empty())
        .collect()
}

/// The sources of every pay figure the routes show, without repeats.
fn references<'a>(site: &'a Site, routes: &[RouteView]) -> Vec<&'a Source> {
    let mut out: Vec<&Source> = Vec::new();
    let pays = routes
        .iter()
        .flat_map(|r| &r.steps)
        .flat_map(|s| s.pay_from.iter().chain(&s.pay_to));
    for p in pays {
        if let Some(src) = site.sources.get(&p.source_key)
            && !out.iter().any(|o| o.key == src.key)
        {
            out.push(src);
        }
    }
    out
}
