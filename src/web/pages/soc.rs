//! `/soc/{code}/`: an occupation code's page, for advisors who know the code
//! but not our titles: the code's own figures and profile, shown once and
//! labelled as the code's, then the roles of the guide under it, each with
//! its own headline pay. Takes an occupation code (`NN-NNNN`) or a detail
//! code (`NN-NNNN.NN`), named on pages as the manifest's `[codes]` says.

use super::view::{ProjectionView, RoleCard, WageView};
use crate::content::dataset::About;
use crate::content::onet::OnetProfile;
use crate::content::registry::Source;
use crate::content::role::Role;
use crate::web::ctx::Ctx;
use crate::web::error::{AppError, ErrorInfo};
use crate::web::layout::PageMeta;
use actix_web::{HttpResponse, web};
use askama::Template;

/// A checked occupation code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// `NN-NNNN`.
    Soc(String),
    /// `NN-NNNN.NN`, with its occupation code part.
    Detail { code: String, soc: String },
}

impl Code {
    /// Parses `NN-NNNN` or `NN-NNNN.NN`; anything else is a 400 that says
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
            return Ok(Code::Detail {
                code: raw.to_string(),
                soc: raw[..7].to_string(),
            });
        }
        Err(AppError::BadRequest(
            "An occupation code looks like NN-NNNN, or NN-NNNN.NN for a detail code.".into(),
        ))
    }

    pub fn soc(&self) -> &str {
        match self {
            Code::Soc(s) => s,
            Code::Detail { soc, .. } => soc,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Code::Soc(s) => s,
            Code::Detail { code, .. } => code,
        }
    }
}

/// Roles whose occupation code or profile codes fall under `code`: exact matches,
/// then (for a detail code) the other roles under the same occupation code.
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
        Code::Detail { code, soc } => roles
            .iter()
            .filter(|r| r.fm.soc == *soc || r.fm.onet.iter().any(|o| o.starts_with(soc.as_str())))
            .partition(|r| r.fm.onet.iter().any(|o| o == code)),
    }
}

#[derive(Template)]
#[template(path = "soc/page.html")]
struct SocPage<'a> {
    page: PageMeta,
    code: String,
    soc: String,
    /// The detail code of a profile, not an occupation code.
    is_detail: bool,
    /// What the pack calls this kind of code (the manifest's `[codes]`).
    code_system: String,
    /// The code's title, from the pack's data.
    title: Option<String>,
    wages: Option<&'a About>,
    national: Option<WageView>,
    projection: Option<ProjectionView>,
    /// The profile of a detail code, with its table's description.
    profile: Option<(&'a OnetProfile, &'a About)>,
    exact: Vec<RoleCard>,
    related: Vec<RoleCard>,
    references: Vec<&'a Source>,
}

pub async fn page(ctx: Ctx, code: web::Path<String>) -> Result<HttpResponse, AppError> {
    let code = Code::parse(code.trim())?;
    let site = &ctx.site;
    let (exact, related) = roles_under(&site.roles, &code);
    if exact.is_empty() && related.is_empty() {
        let mut res = HttpResponse::NotFound().finish();
        res.extensions_mut().insert(ErrorInfo {
            message: format!(
                "No role in the guide uses the occupation code {}. The guide's roles use these codes: {}.",
                code.text(),
                site.soc_codes().join(", ")
            ),
        });
        return Ok(res);
    }
    let national = site.data.national(code.soc());
    let profile = match &code {
        Code::Detail { code, .. } => site
            .onet
            .get(code)
            .zip(site.data.profiles().map(|p| &p.about)),
        Code::Soc(_) => None,
    };
    let title = national
        .map(|w| w.title.clone())
        .or_else(|| profile.map(|(p, _)| p.title.clone()));
    let names = site.data.codes();
    let code_system = match &code {
        Code::Soc(_) => &names.occupation,
        Code::Detail { .. } => &names.detail,
    };
    let label = format!("{code_system} {}", code.text());
    let mut cited: Vec<&str> = Vec::new();
    cited.extend(
        national
            .and(site.data.wages())
            .map(|w| w.about.source.as_str()),
    );
    cited.extend(
        site.data
            .projection(code.soc())
            .and(site.data.projection_manifest())
            .map(|p| p.about.source.as_str()),
    );
    cited.extend(profile.map(|(_, a)| a.source.as_str()));
    let card = |r: &&Role| RoleCard::new(site, r);
    ctx.render(SocPage {
        page: ctx
            .meta(
                &format!("Occupation code {}", code.text()),
                &format!(
                    "What the occupation code {} covers, its pay and outlook, and the roles in the guide under it, each with its own pay, source and period.",
                    code.text()
                ),
                &format!("/soc/{}/", code.text()),
            )
            .crumb("Roles", "/roles/")
            .crumb(&label, "")
            .in_section("roles"),
        code: code.text().to_string(),
        soc: code.soc().to_string(),
        is_detail: matches!(code, Code::Detail { .. }),
        code_system: code_system.clone(),
        title,
        wages: site.data.wages().map(|w| &w.about),
        national: national.zip(site.data.wages()).map(|(w, m)| WageView::new(w, m)),
        projection: ProjectionView::of(site, code.soc()),
        profile,
        exact: exact.iter().map(card).collect(),
        related: related.iter().map(card).collect(),
        references: cited.iter().filter_map(|k| site.sources.get(*k)).collect(),
    })
}

/// Every code with a page: the occupation and detail codes the roles use.
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
        assert_eq!(Code::parse("12-3456").unwrap(), Code::Soc("12-3456".into()));
        assert_eq!(
            Code::parse("12-3456.01").unwrap(),
            Code::Detail {
                code: "12-3456.01".into(),
                soc: "12-3456".into()
            }
        );
        for bad in [
            "123456",
            "12-345",
            "12-3456.0",
            "ab-cdef",
            "12-3456.000",
            "",
            "12_3456",
        ] {
            assert!(Code::parse(bad).is_err(), "{bad}");
        }
    }
}
