//! `/api/v1/roles` and `/api/v1/roles/{slug}`.

use super::model::{FigureOut, OutlookOut, PayOut, RoleSummary, SourceOut, TransitionOut, WageOut};
use super::programs::ProgramSummary;
use super::{ApiError, base, json, only, query};
use crate::web::state::AppState;
use actix_web::http::header;
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
    /// The role's pay: the one figure every page shows as its pay.
    headline: Option<PayOut>,
    /// How well the occupation code fits the role, from the editors.
    soc_note: String,
    /// The national estimate for the role's occupation code (the code's, not the role's).
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
    /// Ids of the pack's backgrounds (see `content/site.toml`).
    backgrounds: Vec<String>,
    skills: Vec<String>,
    licenses: Vec<Credential>,
    certifications: Vec<Credential>,
    sections: Vec<SectionLink>,
    pay: Pay,
    outlook: Option<OutlookOut>,
    transitions: Transitions,
    /// The programs that prepare for the role, kinds of program first.
    programs: Vec<ProgramSummary>,
    sources: Vec<SourceOut>,
}

pub async fn one(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    only(&query(&req)?, &[])?;
    let site = state.site();
    if site.role(&slug).is_none()
        && let Some(renamed) = site.renamed_role(&slug)
    {
        // The role's old slug: its old address goes on to the new one.
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((
                header::LOCATION,
                format!("{}/roles/{}", super::PREFIX, renamed.slug),
            ))
            .finish());
    }
    let role = site.role(&slug).ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no role `{slug}`. /api/v1/roles lists every role."
        ))
    })?;
    let facts = site.facts(role);
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
    let sections = facts
        .outline
        .body()
        .map(|s| SectionLink {
            id: s.id(),
            url: format!("{page}#{}", s.id()),
        })
        .collect();
    let detail = RoleDetail {
        summary: RoleSummary::new(role, base),
        backgrounds: role.fm.backgrounds.clone(),
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
            headline: facts.pay.as_ref().map(|p| PayOut::new(&site, p)),
            soc_note: role.fm.soc_note.trim().to_string(),
            national: site
                .data
                .wages()
                .zip(site.data.national(&role.fm.soc))
                .map(|(m, w)| WageOut::new(&site, m, w)),
            published: facts
                .pay_figures
                .iter()
                .map(|&i| FigureOut::new(&site, &site.figures[i]))
                .collect(),
        },
        outlook: OutlookOut::of(&site, &role.fm.soc),
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
        programs: site
            .programs_for(&role.slug)
            .map(|p| ProgramSummary::new(&site, p, base))
            .collect(),
        sources: facts
            .references
            .iter()
            .map(|k| SourceOut::new(&site, k))
            .collect(),
    };
    json(&req, &detail)
}
