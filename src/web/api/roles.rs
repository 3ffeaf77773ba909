//! `/api/v1/roles` and `/api/v1/roles/{slug}`.

use super::model::{
    FigureOut, OutlookOut, RoleSummary, SourceOut, TransitionOut, WageOut, background_key,
};
use super::{ApiError, base, json, only, query};
use crate::db;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

#[derive(Serialize)]
struct RoleList {
    count: usize,
    roles: Vec<RoleSummary>,
}

pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    only(&query(&req)?, &[])?;
    let site = state.site();
    let roles: Vec<RoleSummary> = site
        .roles
        .iter()
        .map(|r| RoleSummary::new(r, base(&state)))
        .collect();
    json(
        &req,
        &RoleList {
            count: roles.len(),
            roles,
        },
    )
}

/// A section of the role page that advisors can link to.
#[derive(Serialize)]
struct SectionLink {
    id: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Credential {
    id: String,
    name: String,
    abbr: Option<String>,
    issuer: String,
    kind: String,
}

#[derive(Serialize)]
struct Pay {
    /// How well the SOC code fits the role, from the editors.
    soc_note: String,
    /// BLS OEWS national estimate for the role's SOC code.
    national: Option<WageOut>,
    /// Figures from surveys and job-posting data.
    published: Vec<FigureOut>,
}

#[derive(Serialize)]
struct Transitions {
    /// Roles people move into this one from.
    #[serde(rename = "in")]
    into: Vec<TransitionOut>,
    /// Roles people move on to.
    out: Vec<TransitionOut>,
}

#[derive(Serialize)]
struct RoleDetail {
    #[serde(flatten)]
    summary: RoleSummary,
    /// `clinical`, `it`, `business` or `health-admin`.
    backgrounds: Vec<&'static str>,
    skills: Vec<String>,
    licenses: Vec<Credential>,
    certifications: Vec<Credential>,
    sections: Vec<SectionLink>,
    pay: Pay,
    outlook: Option<OutlookOut>,
    transitions: Transitions,
    sources: Vec<SourceOut>,
}

/// The fixed section ids of every role page, which never change.
pub const PAGE_SECTIONS: &[&str] = &[
    "overview",
    "typical-day",
    "problems",
    "salary",
    "outlook",
    "education",
    "experience",
    "skills",
    "certifications",
    "career-path",
    "testimonials",
    "faq",
    "references",
    "cite",
];

pub async fn one(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    only(&query(&req)?, &[])?;
    let site = state.site();
    let role = site.role(&slug).ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no role `{slug}`. /api/v1/roles lists every role."
        ))
    })?;
    let (soc, key) = (role.fm.soc.clone(), role.slug.clone());
    let (national, figures, projection, all) = state
        .db(move |c| {
            Ok((
                db::national_wage(c, &soc)?,
                db::figures_for_role(c, &key)?,
                db::projection(c, &soc)?,
                db::all_occupations_projection(c)?,
            ))
        })
        .await?;
    let base = base(&state);
    let credential = |id: &String| {
        site.certifications.get(id).map(|c| Credential {
            id: c.id.clone(),
            name: c.name.clone(),
            abbr: c.abbr.clone(),
            issuer: c.issuer.clone(),
            kind: c.kind.to_string(),
        })
    };
    let page = format!("{base}{}", role.url());
    let has_tasks = role
        .fm
        .onet
        .iter()
        .filter_map(|c| site.onet.get(c))
        .any(|p| !p.tasks.is_empty());
    let sections = PAGE_SECTIONS
        .iter()
        .filter(|id| match **id {
            // As on the role page: these show only with prose or O*NET tasks.
            "overview" | "typical-day" => role.section(id).is_some() || has_tasks,
            "problems" | "experience" => role.section(id).is_some(),
            _ => true,
        })
        .map(|id| SectionLink {
            id,
            url: format!("{page}#{id}"),
        })
        .collect();
    let detail = RoleDetail {
        summary: RoleSummary::new(role, base),
        backgrounds: role
            .fm
            .backgrounds
            .iter()
            .map(|b| background_key(*b))
            .collect(),
        skills: role.fm.skills.clone(),
        licenses: role.fm.licenses.iter().filter_map(credential).collect(),
        certifications: role
            .fm
            .certifications
            .iter()
            .filter_map(credential)
            .collect(),
        sections,
        pay: Pay {
            soc_note: role.fm.soc_note.trim().to_string(),
            national: national.as_ref().map(|w| WageOut::new(&site, w)),
            published: figures
                .iter()
                .filter(|f| f.topic == "pay")
                .map(|f| FigureOut::new(&site, f))
                .collect(),
        },
        outlook: projection
            .as_ref()
            .map(|p| OutlookOut::new(&site, p, all.as_ref())),
        transitions: Transitions {
            into: site
                .entry_routes(role)
                .iter()
                .map(|e| TransitionOut::new(e, base))
                .collect(),
            out: site
                .next_steps(role)
                .iter()
                .map(|e| TransitionOut::new(e, base))
                .collect(),
        },
        sources: role
            .fm
            .sources
            .iter()
            .map(|k| SourceOut::new(&site, k))
            .collect(),
    };
    json(&req, &detail)
}
