//! `/soc/{code}/`: the roles under a SOC code (`11-9111`) or an O*NET-SOC
//! code (`11-9111.00`), for advisors who know the code but not our titles.

use super::view::{RoleCard, lead_pay};
use crate::content::role::Role;
use crate::db;
use crate::web::error::{AppError, ErrorInfo};
use crate::web::layout::PageMeta;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// A checked occupation code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// `NN-NNNN`.
    Soc(String),
    /// `NN-NNNN.NN`, with its SOC part.
    Onet { code: String, soc: String },
}

impl Code {
    /// Parses `11-9111` or `11-9111.00`; anything else is a 400 that says
    /// what a code looks like.
    pub fn parse(raw: &str) -> Result<Code, AppError> {
        let b = raw.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() == 7 && b[2] == b'-' && digits(0..2) && digits(3..7) {
            return Ok(Code::Soc(raw.to_string()));
        }
        if b.len() == 10
            && b[2] == b'-'
            && b[7] == b'.'
            && digits(0..2)
            && digits(3..7)
            && digits(8..10)
        {
            return Ok(Code::Onet {
                code: raw.to_string(),
                soc: raw[..7].to_string(),
            });
        }
        Err(AppError::BadRequest(
            "An occupation code looks like 15-1211 (SOC) or 15-1211.01 (O*NET-SOC).".into(),
        ))
    }

    pub fn soc(&self) -> &str {
        match self {
            Code::Soc(s) => s,
            Code::Onet { soc, .. } => soc,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Code::Soc(s) => s,
            Code::Onet { code, .. } => code,
        }
    }
}

/// Roles whose BLS code or O*NET codes fall under `code`: exact matches,
/// then (for an O*NET code) the other roles under the same SOC code.
pub fn roles_under<'a>(roles: &'a [Role], code: &Code) -> (Vec<&'a Role>, Vec<&'a Role>) {
    match code {
        Code::Soc(soc) => (
            roles
                .iter()
                .filter(|r| {
                    r.fm.soc == *soc || r.fm.onet.iter().any(|o| o.starts_with(soc.as_str()))
                })
                .collect(),
            Vec::new(),
        ),
        Code::Onet { code, soc } => roles
            .iter()
            .filter(|r| r.fm.soc == *soc || r.fm.onet.iter().any(|o| o.starts_with(soc.as_str())))
            .partition(|r| r.fm.onet.iter().any(|o| o == code)),
    }
}

#[derive(Template)]
#[template(path = "soc/page.html")]
struct SocPage {
    page: PageMeta,
    code: String,
    soc: String,
    is_onet: bool,
    /// BLS's title for the SOC code, when it publishes one.
    soc_title: Option<String>,
    period: String,
    exact: Vec<RoleCard>,
    related: Vec<RoleCard>,
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = Code::parse(code.trim())?;
    let site = state.site();
    let (exact, related) = roles_under(&site.roles, &code);
    if exact.is_empty() && related.is_empty() {
        let known = site.soc_codes().join(", ");
        let mut res = HttpResponse::NotFound().finish();
        res.extensions_mut().insert(ErrorInfo {
            message: format!(
                "No role in the guide uses the occupation code {}. The guide's roles use these SOC codes: {known}.",
                code.text()
            ),
        });
        return Ok(res);
    }
    let all: Vec<Role> = exact.iter().chain(&related).map(|r| (*r).clone()).collect();
    let (s, soc) = (site.clone(), code.soc().to_string());
    let (pays, wage) = state
        .db(move |c| {
            let refs: Vec<&Role> = all.iter().collect();
            Ok((lead_pay(c, &s, &refs)?, db::national_wage(c, &soc)?))
        })
        .await?;
    let mut cards = exact
        .iter()
        .chain(&related)
        .zip(pays)
        .map(|(r, p)| RoleCard::new(r, p));
    let exact: Vec<RoleCard> = cards.by_ref().take(exact.len()).collect();
    let related: Vec<RoleCard> = cards.collect();
    let label = match &code {
        Code::Soc(c) => format!("SOC {c}"),
        Code::Onet { code, .. } => format!("O*NET-SOC {code}"),
    };
    let page = PageMeta::new(
        &state,
        &format!("Roles under {label}"),
        &format!(
            "The roles in the guide that fall under the occupation code {}, with their typical pay, source and period.",
            code.text()
        ),
        &format!("/soc/{}/", code.text()),
    )
    .crumb("Roles", "/roles/")
    .crumb(&label, "")
    .in_section("roles");
    let body = SocPage {
        page,
        code: code.text().to_string(),
        soc: code.soc().to_string(),
        is_onet: matches!(code, Code::Onet { .. }),
        soc_title: wage.as_ref().map(|w| w.occupation_title.clone()),
        period: wage.map(|w| w.period).unwrap_or_default(),
        exact,
        related,
    }
    .render()?;
    Ok(respond::html(&req, body))
}

/// Every code with a page: the SOC and O*NET codes the roles use.
pub fn all_codes(roles: &[Role]) -> Vec<String> {
    let mut codes: Vec<String> = roles
        .iter()
        .flat_map(|r| std::iter::once(r.fm.soc.clone()).chain(r.fm.onet.iter().cloned()))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_soc_and_onet_codes() {
        assert_eq!(Code::parse("11-9111").unwrap(), Code::Soc("11-9111".into()));
        assert_eq!(
            Code::parse("11-9111.00").unwrap(),
            Code::Onet {
                code: "11-9111.00".into(),
                soc: "11-9111".into()
            }
        );
        for bad in [
            "119111",
            "11-911",
            "11-9111.0",
            "ab-cdef",
            "11-9111.000",
            "",
            "11_9111",
        ] {
            assert!(Code::parse(bad).is_err(), "{bad}");
        }
    }
}
