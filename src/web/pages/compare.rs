//! `/compare/?roles=a,b,c`: two to four roles side by side. The picker
//! (`?pick=a&pick=b`) and the "add a role" form (`?roles=a,b&add=c`) redirect
//! to the canonical `?roles=` URL, so every comparison is one shareable link.
//! Unknown roles and more than four get the page again with a message and
//! status 400, never a bare error page.

use super::view::{PayFigure, ProjectionView, WageView, lead_pay};
use crate::content::Site;
use crate::content::role::Role;
use crate::db;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::query;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// The most roles one comparison shows.
pub const MAX_ROLES: usize = 4;
/// Slugs beyond this many are not read at all.
const MAX_SLUGS_READ: usize = 20;

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
    pub pay: Option<PayFigure>,
    /// BLS national wages for the role's SOC code.
    pub national: Option<WageView>,
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
struct ComparePage {
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
}

/// Comma-separated slugs, trimmed, without blanks or repeats.
fn split_slugs<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        for s in v.split(',') {
            let s = s.trim().to_lowercase();
            if !s.is_empty() && !out.contains(&s) && out.len() < MAX_SLUGS_READ {
                out.push(s);
            }
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

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let pairs = query::pairs(req.query_string());
    let mut slugs = split_slugs(query::all(&pairs, "roles"));
    let picked = query::all(&pairs, "pick").count() > 0 || query::first(&pairs, "add").is_some();
    if picked {
        // A form was sent: fold its choices into the canonical URL.
        let mut more = split_slugs(query::all(&pairs, "pick").chain(query::all(&pairs, "add")));
        if query::all(&pairs, "pick").count() > 0 {
            slugs.clear();
        }
        more.retain(|s| !slugs.contains(s));
        slugs.extend(more);
        let refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
        return Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, compare_url(&refs)))
            .finish());
    }

    let site = state.site();
    let unknown: Vec<String> = slugs
        .iter()
        .filter(|s| site.role(s).is_none())
        .cloned()
        .collect();
    let known: Vec<&Role> = slugs.iter().filter_map(|s| site.role(s)).collect();
    let mut message = String::new();
    let mut suggestions = Vec::new();
    if !unknown.is_empty() {
        let names = unknown
            .iter()
            .map(|s| format!("“{s}”"))
            .collect::<Vec<_>>()
            .join(", ");
        message = if unknown.len() == 1 {
            format!(
                "The guide has no role called {names}. Choose the roles to compare from the list below."
            )
        } else {
            format!(
                "The guide has no roles called {names}. Choose the roles to compare from the list below."
            )
        };
        for u in &unknown {
            for (url, title) in super::errors::suggestions(&site, &format!("/roles/{u}/")) {
                if url.starts_with("/roles/")
                    && !suggestions.iter().any(|l: &RoleLink| l.url == url)
                {
                    suggestions.push(RoleLink { url, title });
                }
            }
        }
    } else if slugs.len() > MAX_ROLES {
        message = format!(
            "You chose {} roles; a comparison shows at most {MAX_ROLES}. Untick some below and compare again.",
            slugs.len()
        );
    }
    let bad = !message.is_empty();
    let show_table = !bad && known.len() >= 2;
    if !bad && known.len() == 1 {
        message = format!(
            "Choose at least one more role to compare with {}.",
            known[0].fm.title
        );
    }

    let columns = if show_table {
        columns(&state, &site, &known).await?
    } else {
        Vec::new()
    };
    let picker = if show_table {
        Vec::new()
    } else {
        site.roles
            .iter()
            .map(|r| PickOption {
                slug: r.slug.clone(),
                title: r.fm.title.clone(),
                level: r.fm.level.to_string(),
                checked: known.iter().any(|k| k.slug == r.slug),
            })
            .collect()
    };
    let addable = if show_table && known.len() < MAX_ROLES {
        site.roles
            .iter()
            .filter(|r| !known.iter().any(|k| k.slug == r.slug))
            .map(|r| PickOption {
                slug: r.slug.clone(),
                title: r.fm.title.clone(),
                level: r.fm.level.to_string(),
                checked: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    let title = if show_table {
        format!(
            "Compare {}",
            known
                .iter()
                .map(|r| r.fm.title.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        "Compare roles".to_string()
    };
    let refs: Vec<&str> = known.iter().map(|r| r.slug.as_str()).collect();
    let path = compare_url(if show_table { &refs } else { &[] });
    let page = PageMeta::new(
        &state,
        &title,
        "Pay, education, credentials, skills, outlook and career moves of two to four roles, side by side, with sources.",
        &path,
    )
    .crumb("Roles", "/roles/")
    .crumb("Compare", "")
    .in_section("roles");
    let body = ComparePage {
        page,
        message,
        suggestions,
        columns,
        roles_value: refs.join(","),
        addable,
        picker,
        max_roles: MAX_ROLES,
    }
    .render()?;
    if bad {
        Ok(HttpResponse::build(StatusCode::BAD_REQUEST)
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(body))
    } else {
        Ok(respond::html(&req, body))
    }
}

/// Reads everything the table needs for `roles`.
async fn columns(
    state: &web::Data<AppState>,
    site: &std::sync::Arc<Site>,
    roles: &[&Role],
) -> Result<Vec<Column>, AppError> {
    let s = site.clone();
    let slugs: Vec<String> = roles.iter().map(|r| r.slug.clone()).collect();
    let data = state
        .db(move |c| {
            let rs: Vec<&Role> = slugs.iter().filter_map(|x| s.role(x)).collect();
            let pays = lead_pay(c, &s, &rs)?;
            let all = db::all_occupations_projection(c)?;
            let mut rows = Vec::new();
            for (r, pay) in rs.iter().zip(pays) {
                rows.push((
                    pay,
                    db::national_wage(c, &r.fm.soc)?,
                    db::projection(c, &r.fm.soc)?,
                ));
            }
            Ok((rows, all))
        })
        .await?;
    let (rows, all) = data;
    let all_slugs: Vec<&str> = roles.iter().map(|r| r.slug.as_str()).collect();
    let link = |e: &crate::content::site::Edge| RoleLink {
        url: e.role.url(),
        title: e.role.fm.title.clone(),
    };
    Ok(roles
        .iter()
        .zip(rows)
        .map(|(r, (pay, national, projection))| {
            let others: Vec<&str> = all_slugs.iter().copied().filter(|s| *s != r.slug).collect();
            Column {
                slug: r.slug.clone(),
                url: r.url(),
                title: r.fm.title.clone(),
                level: r.fm.level.to_string(),
                pay,
                national: national.as_ref().map(WageView::new),
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
                projection: projection
                    .as_ref()
                    .map(|p| ProjectionView::new(p, all.as_ref())),
                from: site.entry_routes(r).iter().map(link).collect(),
                to: site.next_steps(r).iter().map(link).collect(),
                remove_url: compare_url(&others),
            }
        })
        .collect())
}
