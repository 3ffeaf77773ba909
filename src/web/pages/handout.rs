//! What turns a role or article page into something advisors can hand on:
//! the print line and QR code of the printed handout, the APA citation,
//! the embed snippet, and the page's schema.org blocks.

use crate::content::date::Date;
use crate::content::role::Role;
use crate::content::site::Edge;
use crate::db;
use crate::web::error::AppError;
use crate::web::jsonld::{self, OccupationData, Percentiles};
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
    /// The periods of the figures, e.g. "BLS wages May 2025; BLS projections 2024-2034".
    pub data_period: String,
    pub qr_url: String,
    pub embed_url: String,
    pub citation: Citation,
}

impl RoleHandout {
    pub fn new(
        state: &AppState,
        role: &Role,
        wage: Option<&db::Wage>,
        projection: Option<&db::Projection>,
    ) -> RoleHandout {
        let site = state.site();
        let base = state.config.site_url.trim_end_matches('/');
        let today = Date::today();
        let mut periods = Vec::new();
        if let Some(w) = wage {
            periods.push(format!("BLS wages {}", w.period));
        }
        if let Some(p) = projection {
            periods.push(format!("BLS projections {}", p.period));
        }
        RoleHandout {
            url: format!("{base}{}", role.url()),
            printed: today.long(),
            data_period: if periods.is_empty() {
                "no BLS figures for this occupation code".into()
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

/// The `Occupation` and `FAQPage` blocks of a role page.
#[allow(clippy::too_many_arguments)]
pub fn role_jsonld(
    state: &AppState,
    role: &Role,
    wage: Option<&db::Wage>,
    projection: Option<&db::Projection>,
    entry_routes: &[Edge],
    credentials: &[&crate::content::registry::Certification],
    faqs: &[(String, String)],
) -> Vec<String> {
    let base = state.config.site_url.trim_end_matches('/');
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
    if let Some(x) = projection.and_then(|p| p.work_experience.as_deref())
        && x != "None"
    {
        experience.push(format!(
            "BLS typical related work experience for {}: {}",
            role.fm.soc,
            x.to_lowercase()
        ));
    }
    let data = OccupationData {
        name: role.fm.title.clone(),
        description: role.fm.summary.clone(),
        url: format!("{base}{}", role.url()),
        soc: role.fm.soc.clone(),
        soc_title: wage
            .map(|w| w.occupation_title.clone())
            .or_else(|| projection.map(|p| p.title.clone())),
        onet: role.fm.onet.clone(),
        salary: wage.map(|w| Percentiles {
            p10: w.annual_p10,
            p25: w.annual_p25,
            median: w.annual_median,
            p75: w.annual_p75,
            p90: w.annual_p90,
            period: w.period.clone(),
            publisher: "BLS OEWS".into(),
        }),
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
pub async fn role_qr(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let url = format!(
        "{}{}",
        state.config.site_url.trim_end_matches('/'),
        role.url()
    );
    Ok(respond::cached(&req, "image/svg+xml", qr_svg(&url)?))
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
    state: &AppState,
    article: &crate::content::article::Article,
    author: &crate::content::registry::Author,
) -> String {
    let site = state.site();
    let base = state.config.site_url.trim_end_matches('/');
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
    state: &AppState,
    article: &crate::content::article::Article,
    author: &crate::content::registry::Author,
) -> Citation {
    let site = state.site();
    let base = state.config.site_url.trim_end_matches('/');
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
