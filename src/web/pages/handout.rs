//! What turns a role or article page into something advisors can hand on:
//! the print line and QR code of the printed handout, the APA citation,
//! the embed snippet, and the page's schema.org blocks.

use crate::content::Site;
use crate::content::dataset::wages::WageField;
use crate::content::date::Date;
use crate::content::facts::Amount;
use crate::content::role::Role;
use crate::content::site::Edge;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::jsonld::{self, OccupationData, Percentiles, Salary};
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use qrcode::QrCode;
use qrcode::render::svg;

/// An APA-style (7th edition) reference to a page.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The group or person responsible: the site for role pages.
    pub author: String,
    /// `2026, November 20`.
    pub date: String,
    pub title: String,
    /// The site's name, when it differs from the author.
    pub site: Option<String>,
    /// `November 23, 2026`, for pages whose figures are updated over time.
    pub retrieved: Option<String>,
    pub url: String,
}

/// `2026, November 20`, as APA dates a web page.
pub fn apa_date(d: Date) -> String {
    format!("{}, {} {}", d.0.year(), d.0.month(), d.0.day())
}

/// `November 23, 2026`, as APA writes a retrieval date.
pub fn apa_day(d: Date) -> String {
    format!("{} {}, {}", d.0.month(), d.0.day(), d.0.year())
}

/// The extras of a role page.
#[derive(Debug, Clone)]
pub struct RoleHandout {
    /// Absolute URL of the page.
    pub url: String,
    /// The day the page was rendered, as printed on the handout.
    pub printed: String,
    /// The periods of the figures, e.g. "Test wages June 2030; Test outlook 2030-2040".
    pub data_period: String,
    pub qr_url: String,
    pub embed_url: String,
    pub citation: Citation,
}

impl RoleHandout {
    pub fn new(ctx: &Ctx, role: &Role) -> RoleHandout {
        let site = &ctx.site;
        let base = ctx.base();
        let today = Date::today();
        let mut periods = Vec::new();
        if let Some(w) = site.data.wages()
            && site.data.national(&role.fm.soc).is_some()
        {
            periods.push(format!("{} {}", w.about.short, w.about.period()));
        }
        if let Some(p) = site.data.projection_manifest()
            && site.data.projection(&role.fm.soc).is_some()
        {
            periods.push(format!("{} {}", p.about.short, p.about.period()));
        }
        RoleHandout {
            url: format!("{base}{}", role.url()),
            printed: today.long(),
            data_period: if periods.is_empty() {
                format!("the guide has no data tables for {}", role.fm.soc)
            } else {
                periods.join("; ")
            },
            qr_url: format!("{}qr.svg", role.url()),
            embed_url: format!("{base}/embed/roles/{}", role.slug),
            citation: Citation {
                author: site.info.title.clone(),
                date: apa_date(role.fm.updated),
                title: role.fm.title.clone(),
                site: None,
                retrieved: Some(apa_day(today)),
                url: format!("{base}{}", role.url()),
            },
        }
    }
}

/// The headline pay of `role` as schema.org states a salary: the code's
/// percentiles when the pay is the code's median, else the figure itself.
fn salary(site: &Site, role: &Role) -> Option<Salary> {
    let pay = site.facts(role).pay.as_ref()?;
    if pay.of_code.is_some() {
        let w = site.data.national(&role.fm.soc)?;
        return Some(Salary::Percentiles(Percentiles {
            p10: w.whole(WageField::P10),
            p25: w.whole(WageField::P25),
            median: w.whole(WageField::Median),
            p75: w.whole(WageField::P75),
            p90: w.whole(WageField::P90),
            name: format!("{}, {}", pay.label, pay.period),
        }));
    }
    let (low, high) = match pay.amount {
        Amount::Exact(v) | Amount::AtLeast(v) => (v, None),
        Amount::Range(a, b) => (a, Some(b)),
    };
    Some(Salary::Figure {
        value: low,
        high,
        name: format!(
            "{}, {} ({}, {})",
            pay.label,
            pay.measure.label(),
            crate::web::pages::view::source_name(site, &pay.source),
            pay.period
        ),
    })
}

/// The `Occupation` and `FAQPage` blocks of a role page.
pub fn role_jsonld(
    ctx: &Ctx,
    role: &Role,
    entry_routes: &[Edge],
    credentials: &[&crate::content::registry::Certification],
    faqs: &[(String, String)],
) -> Vec<String> {
    let site = &ctx.site;
    let base = ctx.base();
    let e = &role.fm.education;
    let mut experience = Vec::new();
    if !entry_routes.is_empty() {
        let from: Vec<String> = entry_routes
            .iter()
            .map(|r| match r.years {
                Some(y) => format!("{} ({y})", r.role.fm.title),
                None => r.role.fm.title.clone(),
            })
            .collect();
        experience.push(format!(
            "Usually entered from another role: {}",
            from.join(", ")
        ));
    }
    if let Some(p) = site.data.projection(&role.fm.soc)
        && let Some(x) = p.work_experience.as_deref()
        && x != "None"
    {
        experience.push(format!(
            "Typical related work experience for {}: {}",
            role.fm.soc,
            x.to_lowercase()
        ));
    }
    let data = OccupationData {
        name: role.fm.title.clone(),
        description: role.fm.summary.clone(),
        url: format!("{base}{}", role.url()),
        soc: role.fm.soc.clone(),
        soc_title: site.facts(role).code_title.clone(),
        onet: role.fm.onet.clone(),
        salary: salary(site, role),
        minimum: e.minimum,
        education_text: match e.typical_years {
            Some(y) => format!("{} at least; {y} of higher education", e.minimum),
            None => format!("{} at least", e.minimum),
        },
        experience: (!experience.is_empty()).then(|| experience.join("; ")),
        skills: role.fm.skills.clone(),
        credentials: credentials.iter().map(|c| c.name.clone()).collect(),
    };
    let mut out = vec![jsonld::script_body(&jsonld::occupation(&data))];
    if let Some(f) = jsonld::faq_page(faqs) {
        out.push(jsonld::script_body(&f));
    }
    out
}

/// The QR code for `url`, as an SVG document.
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    let code = QrCode::new(url.as_bytes())
        .map_err(|e| AppError::Internal(format!("QR code for {url}: {e}")))?;
    Ok(code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .build())
}

/// `/roles/{slug}/qr.svg`: a QR code leading to the role page, for the
/// printed handout.
pub async fn role_qr(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let role = ctx.site.role(&slug).ok_or(AppError::NotFound)?;
    let url = format!("{}{}", ctx.base(), role.url());
    Ok(respond::cached(&ctx.req, "image/svg+xml", qr_svg(&url)?))
}

/// `/print.css`: print-only rules that need the site's address, so printed
/// internal links show the full URL a reader can type.
pub async fn print_css(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let base = state
        .config
        .site_url
        .trim_end_matches('/')
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let css = format!(
        "/* Printed pages: internal links with the site's address. */\n\
         main a[href^=\"/\"]:not(.anchor)::after {{ content: \" ({base}\" attr(href) \")\"; font-size: 0.85em; word-break: break-all; }}\n"
    );
    respond::cached(&req, "text/css; charset=utf-8", css)
}

/// The `Article` block of an article page.
pub fn article_jsonld(
    ctx: &Ctx,
    article: &crate::content::article::Article,
    author: &crate::content::registry::Author,
) -> String {
    let site = &ctx.site;
    let base = ctx.base();
    let data = jsonld::ArticleData {
        headline: article.fm.title.clone(),
        description: article.fm.summary.trim().to_string(),
        url: format!("{base}{}", article.url()),
        published: article.fm.published.iso(),
        modified: article.last_updated().iso(),
        author: author.name.clone(),
        author_url: format!("{base}/authors/{}/", author.id),
        publisher: site.info.title.clone(),
        site_url: format!("{base}/"),
        image: format!("{base}{}", crate::web::layout::SHARE_IMAGE),
        section: article.fm.category.clone(),
        keywords: article.fm.tags.clone(),
    };
    jsonld::script_body(&jsonld::article(&data))
}

/// The APA reference of an article: its author, last revision date, title,
/// the site and the address.
pub fn article_citation(
    ctx: &Ctx,
    article: &crate::content::article::Article,
    author: &crate::content::registry::Author,
) -> Citation {
    let site = &ctx.site;
    let base = ctx.base();
    Citation {
        author: author.name.clone(),
        date: apa_date(article.last_updated()),
        title: article.fm.title.clone(),
        site: Some(site.info.title.clone()),
        retrieved: None,
        url: format!("{base}{}", article.url()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apa_dates() {
        let d = Date::parse("2026-11-05").unwrap();
        assert_eq!(apa_date(d), "2026, November 5");
        assert_eq!(apa_day(d), "November 5, 2026");
    }

    #[test]
    fn qr_is_an_svg() {
        let s = qr_svg("https://careers.test/roles/x/").unwrap();
        assert!(s.contains("<svg") && s.ends_with("</svg>"));
    }
}
