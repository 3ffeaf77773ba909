//! `/api/v1/salaries?soc=&area=`: one estimate of the pack's wage table.

use super::model::WageOut;
use super::{ApiError, base, json, only, query};
use crate::content::dataset::states::abbr_for_fips;
use crate::db;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

/// What `area` asked for, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Area {
    National,
    /// Two-letter USPS code, upper case.
    State(String),
    /// Seven-digit area code.
    Code(String),
}

/// True for a 6-digit SOC code written `NN-NNNN`.
pub fn is_soc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[2] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// Every USPS code a state row can have.
fn state_codes() -> impl Iterator<Item = &'static str> {
    (1..=99).filter_map(|n| abbr_for_fips(&format!("{n:02}")))
}

/// Checks `area`: `national`, a state's two-letter code, or a 7-digit
/// area code.
pub fn parse_area(raw: Option<&str>) -> Result<Area, ApiError> {
    let Some(raw) = raw.map(str::trim) else {
        return Ok(Area::National);
    };
    if raw.eq_ignore_ascii_case("national") {
        return Ok(Area::National);
    }
    if raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_alphabetic()) {
        let up = raw.to_ascii_uppercase();
        if state_codes().any(|c| c == up) {
            return Ok(Area::State(up));
        }
        return Err(ApiError::BadParameter(format!(
            "`area={raw}` is not a U.S. state or territory code; use a two-letter USPS code such as NY, DC or PR."
        )));
    }
    if raw.len() == 7 && raw.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Area::Code(raw.to_string()));
    }
    Err(ApiError::BadParameter(format!(
        "`area` must be `national`, a two-letter state code (NY) or a seven-digit area code (0010540), not `{raw}`."
    )))
}

#[derive(Serialize)]
struct RoleRef {
    slug: String,
    title: String,
    url: String,
}

#[derive(Serialize)]
struct SalaryAnswer {
    #[serde(flatten)]
    wage: WageOut,
    /// The guide's roles whose pay is read from this SOC code.
    roles: Vec<RoleRef>,
}

pub async fn get(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let params = query(&req)?;
    only(&params, &["soc", "area"])?;
    let soc = match params.get("soc").map(|s| s.trim()) {
        None | Some("") => {
            return Err(ApiError::BadParameter(
                "`soc` is required: a six-digit occupation code written NN-NNNN.".into(),
            ));
        }
        Some(s) if is_soc(s) => s.to_string(),
        Some(s) => {
            return Err(ApiError::BadParameter(format!(
                "`soc` must be a six-digit occupation code written NN-NNNN, not `{s}`."
            )));
        }
    };
    let area = parse_area(params.get("area").map(String::as_str))?;
    let (s, a) = (soc.clone(), area.clone());
    let wage = state
        .db(move |c| match &a {
            Area::National => db::national_wage(c, &s),
            Area::State(abbr) => db::state_wage(c, &s, abbr),
            Area::Code(code) => db::area_wage(c, code, &s),
        })
        .await?;
    let site = state.site();
    let Some(m) = site.data.wages() else {
        return Err(ApiError::NotFound(
            "This guide carries no wage table.".into(),
        ));
    };
    let Some(wage) = wage else {
        let known = site.soc_codes().join(", ");
        let place = match &area {
            Area::National => "the nation".to_string(),
            Area::State(s) => s.clone(),
            Area::Code(c) => format!("area {c}"),
        };
        return Err(ApiError::NotFound(format!(
            "The guide's wage table has no estimate for {soc} in {place}. \
             Publishers leave out some areas, and the guide carries these codes: {known}."
        )));
    };
    let base = base(&state);
    json(
        &req,
        &SalaryAnswer {
            wage: WageOut::new(&site, m, &wage),
            roles: site
                .roles
                .iter()
                .filter(|r| r.fm.soc == soc)
                .map(|r| RoleRef {
                    slug: r.slug.clone(),
                    title: r.fm.title.clone(),
                    url: format!("{base}{}", r.url()),
                })
                .collect(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soc_codes() {
        assert!(is_soc("47-2111"));
        assert!(!is_soc("47-2111.01"));
        assert!(!is_soc("151211"));
        assert!(!is_soc("15-12a1"));
    }

    #[test]
    fn areas() {
        assert_eq!(parse_area(None).ok(), Some(Area::National));
        assert_eq!(parse_area(Some("National")).ok(), Some(Area::National));
        assert_eq!(parse_area(Some("ny")).ok(), Some(Area::State("NY".into())));
        assert_eq!(
            parse_area(Some("0010540")).ok(),
            Some(Area::Code("0010540".into()))
        );
        assert!(parse_area(Some("ZZ")).is_err());
        assert!(parse_area(Some("New York")).is_err());
        assert!(parse_area(Some("123")).is_err());
    }
}
