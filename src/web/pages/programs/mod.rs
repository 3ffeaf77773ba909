//! `/programs/` and `/programs/{slug}/`: the programs that lead to the
//! pack's roles. The listing filters by `credential`, `delivery`,
//! `accreditation` (an accreditor's key) and `role` (a role slug), all
//! plain GET parameters; an unknown value is a 400 that lists the valid
//! ones. Kinds of program (no institution named) are listed apart from
//! institutions' programs.

pub mod view;

use crate::content::Site;
use crate::content::program::{Credential, Delivery, PROGRAMS_URL, Program};
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::jsonld;
use crate::web::layout::PageMeta;
use crate::web::pages::explore::Opt;
use crate::web::typed_query::Query;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use view::{ProgramCard, ProgramView};

/// The listing's parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Filters {
    pub credential: Option<Credential>,
    pub delivery: Option<Delivery>,
    /// An accreditor's key (its short name, slugified).
    pub accreditation: Option<String>,
    /// A role slug.
    pub role: Option<String>,
}

/// "There is no X called “y”; use one of: ..." as a 400.
fn unknown(what: &str, given: &str, valid: &[&str]) -> AppError {
    AppError::BadRequest(format!(
        "There is no {what} called “{}”; use one of: {}.",
        given.chars().take(40).collect::<String>(),
        valid.join(", ")
    ))
}

impl Filters {
    /// Reads the query string, checking the open sets (accreditors, roles)
    /// against `site`; the closed ones are checked when they parse.
    pub fn parse(site: &Site, query: &str) -> Result<Filters, AppError> {
        let f = Query::<Filters>::parse(query).map_err(AppError::BadRequest)?;
        if let Some(a) = &f.accreditation
            && site
                .programs
                .iter()
                .all(|p| p.accreditor.as_ref() != Some(a))
        {
            return Err(unknown("accreditor", a, &accreditors(site)));
        }
        if let Some(r) = &f.role
            && site.role(r).is_none()
        {
            let slugs: Vec<&str> = site.roles.iter().map(|r| r.slug.as_str()).collect();
            return Err(unknown("role", r, &slugs));
        }
        Ok(f)
    }

    pub fn is_default(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether `p` passes every filter.
    pub fn matches(&self, p: &Program) -> bool {
        self.credential.is_none_or(|c| p.fm.credential == c)
            && self.delivery.is_none_or(|d| p.fm.delivery.contains(&d))
            && self
                .accreditation
                .as_ref()
                .is_none_or(|a| p.accreditor.as_ref() == Some(a))
            && self.role.as_ref().is_none_or(|r| p.fm.roles.contains(r))
    }
}

/// The accreditors' keys of `site`'s programs, sorted, without repeats.
pub fn accreditors(site: &Site) -> Vec<&str> {
    let mut keys: Vec<&str> = site
        .programs
        .iter()
        .filter_map(|p| p.accreditor.as_deref())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[derive(Template)]
#[template(path = "programs/index.html")]
struct IndexPage {
    page: PageMeta,
    filtered: bool,
    /// Kinds of program, then institutions' programs, that pass the filters.
    kinds: Vec<ProgramCard>,
    named: Vec<ProgramCard>,
    credential_opts: Vec<Opt>,
    delivery_opts: Vec<Opt>,
    accreditation_opts: Vec<Opt>,
    role_opts: Vec<Opt>,
}

/// Options with an "Any" first entry and the current value selected.
fn opts(any: &str, items: Vec<(String, String)>, current: Option<&str>) -> Vec<Opt> {
    let mut out = vec![(String::new(), any.to_string(), current.is_none())];
    out.extend(
        items
            .into_iter()
            .map(|(k, l)| (k.clone(), l, current == Some(k.as_str()))),
    );
    out
}

pub async fn index(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let f = Filters::parse(site, ctx.req.query_string())?;
    let (kinds, named): (Vec<&Program>, Vec<&Program>) = site
        .programs
        .iter()
        .filter(|p| f.matches(p))
        .partition(|p| p.is_kind());
    let card = |p: &&Program| ProgramCard::new(site, p);
    let accreditor_name = |key: &str| {
        site.programs
            .iter()
            .find_map(|p| {
                p.fm.accreditation
                    .as_ref()
                    .filter(|_| p.accreditor.as_deref() == Some(key))
            })
            .map_or(key.to_string(), |a| a.by.clone())
    };
    let page = ctx
        .meta(
            "Where to study",
            "Degrees, certificates and fellowships that lead to the guide's roles, with accreditation, length and cost only as each institution publishes them, and every claim sourced.",
            PROGRAMS_URL,
        )
        .crumb("Programs", "")
        .in_section("programs");
    ctx.render(IndexPage {
        page,
        filtered: !f.is_default(),
        kinds: kinds.iter().map(card).collect(),
        named: named.iter().map(card).collect(),
        credential_opts: opts(
            "Any credential",
            Credential::ALL
                .iter()
                .map(|c| (c.key().into(), c.label().into()))
                .collect(),
            f.credential.map(|c| c.key()),
        ),
        delivery_opts: opts(
            "Any delivery",
            Delivery::ALL
                .iter()
                .map(|d| (d.key().into(), d.label().into()))
                .collect(),
            f.delivery.map(|d| d.key()),
        ),
        accreditation_opts: opts(
            "Any or none",
            accreditors(site)
                .into_iter()
                .map(|k| (k.to_string(), accreditor_name(k)))
                .collect(),
            f.accreditation.as_deref(),
        ),
        role_opts: opts(
            "Any role",
            site.roles
                .iter()
                .map(|r| (r.slug.clone(), r.fm.title.clone()))
                .collect(),
            f.role.as_deref(),
        ),
    })
}

#[derive(Template)]
#[template(path = "programs/page.html")]
struct ProgramPage<'a> {
    page: PageMeta,
    v: ProgramView<'a>,
    corrections: crate::web::pages::editorial::CorrectionsView,
}

pub async fn page(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let program = site.program(&slug).ok_or(AppError::NotFound)?;
    let mut page = ctx
        .meta(&program.fm.title, &program.fm.summary, &program.url())
        .crumb("Programs", PROGRAMS_URL)
        .crumb(&program.fm.title, "")
        .in_section("programs");
    page.jsonld = program_jsonld(&ctx, program)
        .map(|v| jsonld::script_body(&v))
        .into_iter()
        .collect();
    ctx.render(ProgramPage {
        corrections: crate::web::pages::editorial::CorrectionsView::of(site, &program.url()),
        v: ProgramView::new(site, program),
        page,
    })
}

/// `EducationalOccupationalProgram` for an institution's program; none for
/// a kind of program, which no one offers as such.
fn program_jsonld(ctx: &Ctx, p: &Program) -> Option<serde_json::Value> {
    let site = &ctx.site;
    let institution = p.fm.institution.clone()?;
    let base = ctx.base();
    let roles: Vec<&crate::content::role::Role> = site.roles_of(p).collect();
    Some(jsonld::program(&jsonld::ProgramData {
        name: p.fm.title.clone(),
        description: p.fm.summary.clone(),
        url: format!("{base}{}", p.url()),
        provider: institution,
        provider_url: p.fm.url.clone(),
        credential: p.fm.credential.label().to_string(),
        modes: p.fm.delivery.iter().map(|d| d.key()).collect(),
        occupations: roles
            .iter()
            .map(|r| (r.fm.title.clone(), r.fm.soc.clone()))
            .collect(),
    }))
}
