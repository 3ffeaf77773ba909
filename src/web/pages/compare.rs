//! `/compare/?roles=a,b,c`: two to four roles side by side. The picker
//! (`?pick=a&pick=b`) and the "add a role" form (`?roles=a,b&add=c`) redirect
//! to the canonical `?roles=` URL, so every comparison is one shareable link.
//! Unknown roles and more than four get the page again with a message and
//! status 400, never a bare error page. Each role's pay is its headline pay;
//! its code's distribution is shown apart, labelled as the code's. The
//! programs that lead to each role close the table, sponsored ones marked.

use super::programs::view::ProgramCard;
use super::view::{PayView, ProjectionView, WageView};
use crate::content::Site;
use crate::content::role::Role;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::query;
use crate::web::typed_query::Query;
use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use askama::Template;
use serde::Deserialize;

/// The most roles one comparison shows.
pub const MAX_ROLES: usize = 4;
/// Slugs beyond this many are not read at all.
const MAX_SLUGS_READ: usize = 20;

/// `?roles=a,b` (comma-separated, repeatable), `?pick=a&pick=b`, `?add=c`.
#[derive(Debug, Default, Deserialize)]
pub struct CompareQuery {
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    pick: Vec<String>,
    #[serde(default)]
    add: Vec<String>,
}

/// A link to another role.
pub struct RoleLink {
    pub url: String,
    pub title: String,
}

/// One column of the comparison.
pub struct Column {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub level: String,
    /// The role's headline pay.
    pub pay: Option<PayView>,
    /// The national wages of the role's occupation code.
    pub code: Option<WageView>,
    pub soc: String,
    /// Years of higher education and the source that gives them; both empty when none does.
    pub education_years: String,
    pub education_source: String,
    pub minimum: String,
    pub preferred: String,
    pub credentials: Vec<String>,
    pub skills: Vec<String>,
    pub projection: Option<ProjectionView>,
    pub from: Vec<RoleLink>,
    pub to: Vec<RoleLink>,
    /// The programs that lead to the role, kinds first.
    pub programs: Vec<ProgramCard>,
    /// This comparison without this role.
    pub remove_url: String,
}

/// A checkbox of the role picker.
pub struct PickOption {
    pub slug: String,
    pub title: String,
    pub level: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "compare/page.html")]
struct ComparePage<'a> {
    page: PageMeta,
    /// A problem with the request, shown above everything else.
    message: String,
    /// Close role names for unknown slugs.
    suggestions: Vec<RoleLink>,
    columns: Vec<Column>,
    /// The current `roles` value, for the add form.
    roles_value: String,
    /// Roles that can still be added.
    addable: Vec<PickOption>,
    /// Show the picker (fewer than two roles, or a problem).
    picker: Vec<PickOption>,
    max_roles: usize,
    /// The wage table's short name and period, for the code row.
    wages: Option<&'a crate::content::dataset::About>,
}

/// Comma-separated slugs, trimmed, without blanks or repeats.
fn split_slugs(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in values.iter().flat_map(|v| v.split(',')) {
        let s = s.trim().to_lowercase();
        if !s.is_empty() && !out.contains(&s) && out.len() < MAX_SLUGS_READ {
            out.push(s);
        }
    }
    out
}

/// The canonical URL of a comparison.
pub fn compare_url(slugs: &[&str]) -> String {
    if slugs.is_empty() {
        "/compare/".to_string()
    } else {
        format!("/compare/?roles={}", query::encode(&slugs.join(",")))
    }
}

pub async fn page(ctx: Ctx, q: Query<CompareQuery>) -> Result<HttpResponse, AppError> {
    let q = q.0;
    if !q.pick.is_empty() || !q.add.is_empty() {
        // A form was sent: fold its choices into the canonical URL.
        let mut slugs = if q.pick.is_empty() {
            split_slugs(&q.roles)
        } else {
            Vec::new()
        };
        let more = split_slugs(&[q.pick, q.add].concat());
        slugs.extend(
            more.into_iter()
                .filter(|s| !slugs.contains(s))
                .collect::<Vec<_>>(),
        );
        let refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
        return Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, compare_url(&refs)))
            .finish());
    }
    let site = &ctx.site;
    let slugs = split_slugs(&q.roles);
    let known: Vec<&Role> = slugs.iter().filter_map(|s| site.role(s)).collect();
    let (message, suggestions) = problem(site, &slugs);
    let bad = !message.is_empty();
    let table = !bad && known.len() >= 2;
    let refs: Vec<&str> = known.iter().map(|r| r.slug.as_str()).collect();
    let page = meta(&ctx, &known, if table { &refs } else { &[] });
    let body = ComparePage {
        page,
        message: match (bad, known.first()) {
            (false, Some(one)) if known.len() == 1 => {
                format!(
                    "Choose at least one more role to compare with {}.",
                    one.fm.title
                )
            }
            _ => message,
        },
        suggestions,
        columns: if table {
            columns(site, &known)
        } else {
            Vec::new()
        },
        roles_value: refs.join(","),
        addable: options(site, &known, table && known.len() < MAX_ROLES, false),
        picker: options(site, &known, !table, true),
        max_roles: MAX_ROLES,
        wages: site.data.wages().map(|w| &w.about),
    }
    .render()?;
    if bad {
        return Ok(HttpResponse::build(StatusCode::BAD_REQUEST)
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(body));
    }
    Ok(ctx.html(body))
}

/// What is wrong with the request, if anything, and close role names.
fn problem(site: &Site, slugs: &[String]) -> (String, Vec<RoleLink>) {
    let unknown: Vec<&String> = slugs.iter().filter(|s| site.role(s).is_none()).collect();
    if unknown.is_empty() {
        if slugs.len() > MAX_ROLES {
            return (
                format!(
                    "You chose {} roles; a comparison shows at most {MAX_ROLES}. Untick some below and compare again.",
                    slugs.len()
                ),
                Vec::new(),
            );
        }
        return (String::new(), Vec::new());
    }
    let names: Vec<String> = unknown.iter().map(|s| format!("“{s}”")).collect();
    let what = if unknown.len() == 1 {
        "a role"
    } else {
        "roles"
    };
    let mut suggestions: Vec<RoleLink> = Vec::new();
    for u in &unknown {
        for (url, title) in super::errors::suggestions(site, &format!("/roles/{u}/")) {
            if url.starts_with("/roles/") && !suggestions.iter().any(|l| l.url == url) {
                suggestions.push(RoleLink { url, title });
            }
        }
    }
    (
        format!(
            "The guide has no {what} called {}. Choose the roles to compare from the list below.",
            names.join(", ")
        ),
        suggestions,
    )
}

fn meta(ctx: &Ctx, known: &[&Role], shown: &[&str]) -> PageMeta {
    let title = if shown.is_empty() {
        "Compare roles".to_string()
    } else {
        let names: Vec<&str> = known.iter().map(|r| r.fm.title.as_str()).collect();
        format!("Compare {}", names.join(", "))
    };
    ctx.meta(
        &title,
        "Pay, education, credentials, skills, outlook and career moves of two to four roles, side by side, with sources.",
        &compare_url(shown),
    )
    .crumb("Roles", "/roles/")
    .crumb("Compare", "")
    .in_section("roles")
}

/// The picker's or the add form's choices; empty unless `show`.
fn options(site: &Site, known: &[&Role], show: bool, all: bool) -> Vec<PickOption> {
    if !show {
        return Vec::new();
    }
    let chosen = |r: &Role| known.iter().any(|k| k.slug == r.slug);
    site.roles
        .iter()
        .filter(|r| all || !chosen(r))
        .map(|r| PickOption {
            slug: r.slug.clone(),
            title: r.fm.title.clone(),
            level: r.fm.level.to_string(),
            checked: all && chosen(r),
        })
        .collect()
}

fn columns(site: &Site, roles: &[&Role]) -> Vec<Column> {
    let link = |e: &crate::content::site::Edge| RoleLink {
        url: e.role.url(),
        title: e.role.fm.title.clone(),
    };
    roles
        .iter()
        .map(|r| {
            let others: Vec<&str> = roles
                .iter()
                .map(|o| o.slug.as_str())
                .filter(|s| *s != r.slug)
                .collect();
            Column {
                slug: r.slug.clone(),
                url: r.url(),
                title: r.fm.title.clone(),
                level: r.fm.level.to_string(),
                pay: PayView::of(site, r),
                code: site
                    .data
                    .wages()
                    .zip(site.data.national(&r.fm.soc))
                    .map(|(m, w)| WageView::new(w, m)),
                soc: r.fm.soc.clone(),
                education_years: r
                    .fm
                    .education
                    .typical_years
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                education_source: r
                    .fm
                    .education
                    .years_source
                    .as_deref()
                    .map(|k| super::view::source_name(site, k))
                    .unwrap_or_default(),
                minimum: r.fm.education.minimum.to_string(),
                preferred: r
                    .fm
                    .education
                    .preferred
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                credentials: r
                    .fm
                    .licenses
                    .iter()
                    .chain(&r.fm.certifications)
                    .filter_map(|id| site.certifications.get(id))
                    .map(|c| match &c.abbr {
                        Some(a) => format!("{} ({a})", c.name),
                        None => c.name.clone(),
                    })
                    .collect(),
                skills: r.fm.skills.clone(),
                projection: ProjectionView::of(site, &r.fm.soc),
                from: site.entry_routes(r).iter().map(link).collect(),
                to: site.next_steps(r).iter().map(link).collect(),
                programs: site
                    .programs_for(&r.slug)
                    .map(|p| ProgramCard::new(site, p))
                    .collect(),
                remove_url: compare_url(&others),
            }
        })
        .collect()
}
