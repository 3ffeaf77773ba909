//! `/roles/` and `/roles/{slug}/`: the role index and the role page.

use super::view::{
    FaqView, FigureView, PayFigure, ProjectionView, RoleCard, WageView, source_name,
};
use crate::content::markdown::Section;
use crate::content::onet::OnetProfile;
use crate::content::registry::{Certification, Source};
use crate::content::role::Role;
use crate::db;
use crate::web::error::AppError;
use crate::web::layout::{PageMeta, inline_markdown};
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// Roles of one level, for the index.
pub struct LevelGroup {
    pub key: &'static str,
    pub title: String,
    pub roles: Vec<RoleCard>,
}

/// `/roles/`: the role explorer (`pages::explore`), grouped by stage when
/// no filter is set.
pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    super::explore::index(req, state).await
}

/// A move into or out of the role.
pub struct EdgeView {
    pub url: String,
    pub title: String,
    pub level: String,
    /// Empty when the move's source gives no years.
    pub years: String,
    pub requires: String,
    /// The source that describes the move: key and publisher.
    pub source_key: String,
    pub source_name: String,
}

/// The quick-facts card.
pub struct QuickFacts {
    pub pay: Option<PayFigure>,
    /// Empty when no source gives the years; then `education_source` is too.
    pub education_years: String,
    /// The source of the years: key and publisher.
    pub education_source_key: String,
    pub education_source: String,
    pub minimum: String,
    pub outlook: Option<String>,
    pub outlook_period: String,
    pub entry_routes: Vec<EdgeView>,
}

#[derive(Template)]
#[template(path = "roles/page.html")]
struct RolePage<'a> {
    page: PageMeta,
    role: &'a Role,
    /// An entry route: the pages say where it leads, not where it comes from.
    entry: bool,
    quick: QuickFacts,
    /// (id, title) of each section shown, for "On this page".
    toc: Vec<(String, String)>,
    onet: Option<&'a OnetProfile>,
    national: Option<WageView>,
    states: Vec<WageView>,
    metros: Vec<WageView>,
    pay_figures: Vec<FigureView>,
    other_figures: Vec<FigureView>,
    projection: Option<ProjectionView>,
    credentials: Vec<&'a Certification>,
    from: Vec<EdgeView>,
    to: Vec<EdgeView>,
    testimonials: Vec<db::Testimonial>,
    faqs: Vec<FaqView>,
    references: Vec<&'a Source>,
    /// A related article or two.
    articles: Vec<(String, String)>,
    /// Pathway links: (url, title) of senior and executive roles reachable
    /// from here, and of entry roles that lead here.
    routes_onward: Vec<(String, String)>,
    routes_inward: Vec<(String, String)>,
    /// Print line, QR code, citation and embed snippet.
    handout: super::handout::RoleHandout,
}

impl RolePage<'_> {
    /// The prose of section `id`, if the role's Markdown has one.
    fn prose(&self, id: &str) -> Option<&Section> {
        self.role.section(id)
    }

    /// The heading for section `id`: the editor's words, or a default.
    fn heading(&self, id: &str, default: &str) -> String {
        match self.role.section(id) {
            Some(s) if !s.title.is_empty() => s.title.clone(),
            _ => default.to_string(),
        }
    }
}

/// Everything the role page reads from the database, in one blocking call.
struct RoleData {
    national: Option<db::Wage>,
    states: Vec<db::Wage>,
    metros: Vec<db::Wage>,
    figures: Vec<db::FigureRow>,
    projection: Option<db::Projection>,
    all_projection: Option<db::Projection>,
    testimonials: Vec<db::Testimonial>,
    faqs: Vec<db::Faq>,
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let role = site.role(&slug).ok_or(AppError::NotFound)?;
    let (soc, slug) = (role.fm.soc.clone(), role.slug.clone());
    let data = state
        .db(move |c| {
            Ok(RoleData {
                national: db::national_wage(c, &soc)?,
                states: db::state_wages(c, &soc)?,
                metros: db::top_metros(c, &soc, 3)?,
                figures: db::figures_for_role(c, &slug)?,
                projection: db::projection(c, &soc)?,
                all_projection: db::all_occupations_projection(c)?,
                testimonials: db::testimonials(c, &slug)?,
                faqs: db::faqs(c, Some(&slug))?,
            })
        })
        .await?;

    let edge = |e: &crate::content::site::Edge| EdgeView {
        url: e.role.url(),
        title: e.role.fm.title.clone(),
        level: e.role.fm.level.to_string(),
        years: e.years.map(|y| y.to_string()).unwrap_or_default(),
        requires: e.requires.to_string(),
        source_key: e.source.unwrap_or_default().to_string(),
        source_name: e.source.map(|k| source_name(&site, k)).unwrap_or_default(),
    };
    let from: Vec<EdgeView> = site.entry_routes(role).iter().map(edge).collect();
    let to: Vec<EdgeView> = site.next_steps(role).iter().map(edge).collect();
    let figures: Vec<FigureView> = data
        .figures
        .iter()
        .map(|f| FigureView::new(f, &site))
        .collect();
    let (pay_figures, other_figures): (Vec<_>, Vec<_>) = data
        .figures
        .iter()
        .zip(figures)
        .partition(|(row, _)| row.topic == "pay");
    let pay_figures: Vec<FigureView> = pay_figures.into_iter().map(|(_, f)| f).collect();
    let other_figures: Vec<FigureView> = other_figures.into_iter().map(|(_, f)| f).collect();
    let national = data.national.as_ref().map(WageView::new);
    let headline = role
        .fm
        .headline_figure
        .as_ref()
        .and_then(|id| data.figures.iter().find(|f| &f.id == id))
        .map(|f| PayFigure::from_figure(&FigureView::new(f, &site)))
        .or_else(|| {
            data.national
                .as_ref()
                .and_then(|w| PayFigure::from_wage(w, &w.occupation_title))
        });
    let projection = data
        .projection
        .as_ref()
        .map(|p| ProjectionView::new(p, data.all_projection.as_ref()));
    let quick = QuickFacts {
        pay: headline,
        education_years: role
            .fm
            .education
            .typical_years
            .map(|y| y.to_string())
            .unwrap_or_default(),
        education_source_key: role.fm.education.years_source.clone().unwrap_or_default(),
        education_source: role
            .fm
            .education
            .years_source
            .as_deref()
            .map(|k| source_name(&site, k))
            .unwrap_or_default(),
        minimum: role.fm.education.minimum.to_string(),
        outlook: projection
            .as_ref()
            .map(|p| format!("{} ({} the {} average)", p.change, p.pace, p.all_change)),
        outlook_period: projection
            .as_ref()
            .map(|p| p.period.clone())
            .unwrap_or_default(),
        entry_routes: site.entry_routes(role).iter().map(edge).collect(),
    };
    let credentials: Vec<&Certification> = role
        .fm
        .licenses
        .iter()
        .chain(&role.fm.certifications)
        .filter_map(|id| site.certifications.get(id))
        .collect();
    let faqs = FaqView::all(&site, &data.faqs);
    let onet = role
        .fm
        .onet
        .iter()
        .filter_map(|c| site.onet.get(c))
        .find(|p| !p.tasks.is_empty());
    let mut references: Vec<&Source> = Vec::new();
    let keys = role
        .fm
        .sources
        .iter()
        .map(String::as_str)
        .chain(data.national.as_ref().map(|w| w.source_key.as_str()))
        .chain(data.projection.as_ref().map(|p| p.source_key.as_str()))
        .chain(onet.and(site.info.onet_source.as_deref()))
        .chain(data.figures.iter().map(|f| f.source_key.as_str()))
        .chain(data.faqs.iter().filter_map(|f| f.source_key.as_deref()));
    for key in keys {
        if let Some(s) = site.sources.get(key)
            && !references.iter().any(|r| r.key == s.key)
        {
            references.push(s);
        }
    }
    let articles = site
        .articles_about(&role.slug)
        .take(4)
        .map(|a| (a.url(), a.fm.title.clone()))
        .collect();

    let mut meta = PageMeta::new(&state, &role.fm.title, &role.fm.summary, &role.url())
        .crumb("Roles", "/roles/")
        .crumb(&role.fm.title, "")
        .in_section("roles");
    let faq_pairs = FaqView::pairs(&faqs);
    meta.jsonld = super::handout::role_jsonld(
        &state,
        role,
        data.national.as_ref(),
        data.projection.as_ref(),
        &site.entry_routes(role),
        &credentials,
        &faq_pairs,
    );
    let handout = super::handout::RoleHandout::new(
        &state,
        role,
        data.national.as_ref(),
        data.projection.as_ref(),
    );
    let (routes_onward, routes_inward) = super::pathways::role_links(&site, role);
    let mut page_view = RolePage {
        page: meta,
        role,
        entry: role.fm.level == crate::content::role::Level::Entry,
        quick,
        toc: Vec::new(),
        onet,
        national,
        states: data.states.iter().map(WageView::new).collect(),
        metros: data.metros.iter().map(WageView::new).collect(),
        pay_figures,
        other_figures,
        projection,
        credentials,
        from,
        to,
        testimonials: data.testimonials,
        faqs,
        references,
        articles,
        handout,
        routes_onward,
        routes_inward,
    };
    page_view.toc = section_list(&page_view);
    Ok(respond::html(&req, page_view.render()?))
}

/// The sections the page shows, in order, with their headings.
fn section_list(p: &RolePage) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |id: &str, default: &str, shown: bool| {
        if shown {
            out.push((id.to_string(), p.heading(id, default)));
        }
    };
    add(
        "overview",
        "Overview",
        p.prose("overview").is_some() || p.onet.is_some(),
    );
    add(
        "typical-day",
        "A typical day",
        p.prose("typical-day").is_some() || p.onet.is_some(),
    );
    add(
        "problems",
        "Problems they solve",
        p.prose("problems").is_some(),
    );
    add("fit", "Is this role for you?", p.prose("fit").is_some());
    add("salary", "Salary", true);
    add("outlook", "Outlook", true);
    add("education", "Education", true);
    add("experience", "Experience", p.prose("experience").is_some());
    add("skills", "Skills", true);
    add("certifications", "Licenses and certifications", true);
    add("career-path", "Career path", true);
    add("testimonials", "In their words", true);
    add("faq", "Questions and answers", true);
    add("references", "References", true);
    add("cite", "Cite or embed this page", true);
    out
}

/// Renders a role's `soc_note` and similar short Markdown.
pub fn note_html(text: &str) -> String {
    inline_markdown(text)
}
