//! `/api/v1/programs` (with the listing's filters) and `/api/v1/programs/{slug}`.

use super::model::{ProgramSummary, PublishedOut, SourceOut};
use super::{ApiError, base, json, only, query};
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
