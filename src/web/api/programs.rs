//! `/api/v1/programs` (with the listing's filters) and `/api/v1/programs/{slug}`.
//! The program shapes live here, beside their resource; role detail reuses
//! [`ProgramSummary`].

use super::model::SourceOut;
use super::{ApiError, base, json, only, query};
use crate::content::Site;
use crate::web::error::AppError;
use crate::web::pages::programs::Filters;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct ProgramList {
    count: usize,
    programs: Vec<ProgramSummary>,
}

pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    only(
        &query(&req)?,
        &["credential", "delivery", "accreditation", "role"],
    )?;
    let site = state.site();
    let f = Filters::parse(&site, req.query_string()).map_err(|e| match e {
        AppError::BadRequest(m) => ApiError::BadParameter(m),
        other => ApiError::from(other),
    })?;
    let programs: Vec<ProgramSummary> = site
        .programs
        .iter()
        .filter(|p| f.matches(p))
        .map(|p| ProgramSummary::new(&site, p, base(&state)))
        .collect();
    json(
        &req,
        &ProgramList {
            count: programs.len(),
            programs,
        },
    )
}

/// The institution's button: its words, its address with the tracking
/// parameters, and those parameters.
#[derive(Serialize)]
struct CallToActionOut {
    text: String,
    url: String,
    tracking: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct ProgramDetail {
    #[serde(flatten)]
    summary: ProgramSummary,
    /// The institution's page for the program.
    official_url: Option<String>,
    length: Option<PublishedOut>,
    cost: Option<PublishedOut>,
    /// Ids of the credentials a graduate becomes eligible for.
    eligible: Vec<String>,
    eligible_source: Option<SourceOut>,
    call_to_action: Option<CallToActionOut>,
    sources: Vec<SourceOut>,
}

pub async fn one(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    only(&query(&req)?, &[])?;
    let site = state.site();
    let p = site.program(&slug).ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no program `{slug}`. /api/v1/programs lists every program."
        ))
    })?;
    let fm = &p.fm;
    let detail = ProgramDetail {
        summary: ProgramSummary::new(&site, p, base(&state)),
        official_url: fm.url.clone(),
        length: fm.length.as_ref().map(|f| PublishedOut::new(&site, f)),
        cost: fm.cost.as_ref().map(|f| PublishedOut::new(&site, f)),
        eligible: fm.eligible.clone(),
        eligible_source: fm
            .eligible_source
            .as_deref()
            .map(|k| SourceOut::new(&site, k)),
        call_to_action: fm.call_to_action.as_ref().map(|c| CallToActionOut {
            text: c.text.clone(),
            url: c.href(),
            tracking: c.tracking.clone(),
        }),
        sources: fm
            .sources
            .iter()
            .map(|k| SourceOut::new(&site, k))
            .collect(),
    };
    json(&req, &detail)
}

/// Who accredits a program, with the source that says so.
#[derive(Debug, Clone, Serialize)]
pub struct AccreditationOut {
    pub by: String,
    pub name: Option<String>,
    pub source: SourceOut,
}

/// A program in a list (and in a role's `programs`).
#[derive(Debug, Clone, Serialize)]
pub struct ProgramSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Who offers it; null for a kind of program the sources describe.
    pub institution: Option<String>,
    /// `certificate`, `associate`, `bachelor`, `master`, `doctorate` or `fellowship`.
    pub credential: crate::content::program::Credential,
    pub credential_label: &'static str,
    pub field: String,
    /// `online`, `on-campus`, `hybrid`, as a source states them; empty when none does.
    pub delivery: Vec<crate::content::program::Delivery>,
    pub accreditation: Option<AccreditationOut>,
    /// Slugs of the roles it prepares for.
    pub roles: Vec<String>,
    /// True when the institution pays for the listing.
    pub sponsored: bool,
    /// Last check against its sources, `YYYY-MM-DD`.
    pub updated: String,
    pub url: String,
    pub api_url: String,
}

impl ProgramSummary {
    pub fn new(site: &Site, p: &crate::content::program::Program, base: &str) -> ProgramSummary {
        let fm = &p.fm;
        ProgramSummary {
            slug: p.slug.clone(),
            title: fm.title.clone(),
            summary: fm.summary.clone(),
            institution: fm.institution.clone(),
            credential: fm.credential,
            credential_label: fm.credential.label(),
            field: fm.field.clone(),
            delivery: fm.delivery.clone(),
            accreditation: fm.accreditation.as_ref().map(|a| AccreditationOut {
                by: a.by.clone(),
                name: a.name.clone(),
                source: SourceOut::new(site, &a.source),
            }),
            roles: site.roles_of(p).map(|r| r.slug.clone()).collect(),
            sponsored: fm.sponsored,
            updated: fm.updated.iso(),
            url: format!("{base}{}", p.url()),
            api_url: format!("{base}/api/v1/programs/{}", p.slug),
        }
    }
}

/// A length or cost as the institution publishes it.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedOut {
    /// The institution's words.
    pub text: String,
    /// The date or period the source gives for it.
    pub as_of: String,
    pub source: SourceOut,
}

impl PublishedOut {
    pub fn new(site: &Site, f: &crate::content::program::Published) -> PublishedOut {
        PublishedOut {
            text: f.text.clone(),
            as_of: f.as_of.clone().unwrap_or_default(),
            source: SourceOut::new(site, f.source.as_deref().unwrap_or_default()),
        }
    }
}
