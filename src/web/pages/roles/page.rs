//! The role page's view: the compiled facts of one role, formatted, with
//! the database rows the handler read. The template loops over the
//! outline; nothing here decides what the page shows.

use super::RoleRows;
use crate::content::Site;
use crate::content::dataset::About;
use crate::content::facts::RoleFacts;
use crate::content::markdown::Section;
use crate::content::onet::OnetProfile;
use crate::content::outline::{Anchor, Outline};
use crate::content::registry::{Certification, Source};
use crate::content::role::Role;
use crate::content::site::Edge;
use crate::db;
use crate::web::ctx::Ctx;
use crate::web::layout::PageMeta;
use crate::web::pages::editorial::{CorrectionsView, Reviewer};
use crate::web::pages::handout::{self, RoleHandout};
use crate::web::pages::programs::view::{StudyItem, study};
use crate::web::pages::view::{
    FaqView, FigureView, PayView, ProjectionView, WageView, source_name,
};
use askama::Template;

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

impl EdgeView {
    pub fn new(site: &Site, e: &Edge) -> EdgeView {
        EdgeView {
            url: e.role.url(),
            title: e.role.fm.title.clone(),
            level: e.role.fm.level.to_string(),
            years: e.years.map(|y| y.to_string()).unwrap_or_default(),
            requires: e.requires.to_string(),
            source_key: e.source.unwrap_or_default().to_string(),
            source_name: e.source.map(|k| source_name(site, k)).unwrap_or_default(),
        }
    }
}

/// Years of study a source gives for the role.
pub struct YearsView {
    pub years: String,
    pub source_key: String,
    pub source_name: String,
}

/// The occupational profile the page draws on.
pub struct ProfileView<'a> {
    pub p: &'a OnetProfile,
    pub about: &'a About,
    /// Where the profile is shown once, when other roles share it.
    pub code_url: String,
    /// The other roles that share it: (url, title).
    pub shared_with: Vec<(String, String)>,
}

/// The role page.
#[derive(Template)]
#[template(path = "roles/page.html")]
pub struct RolePage<'a> {
    page: PageMeta,
    role: &'a Role,
    /// An entry route into the field: its pages say where it leads.
    entry: bool,
    /// Years of study, where a source gives them.
    education_years: Option<YearsView>,
    outline: &'a Outline,
    pay: Option<PayView>,
    /// The occupation code's title, when the pack has one.
    code_title: String,
    profile: Option<ProfileView<'a>>,
    wages: Option<&'a About>,
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
    /// Articles about the role: (url, title).
    articles: Vec<(String, String)>,
    /// Pathway links: (url, title) of senior and executive roles reachable
    /// from here, and of entry roles that lead here.
    routes_onward: Vec<(String, String)>,
    routes_inward: Vec<(String, String)>,
    handout: RoleHandout,
    reviewer: Option<Reviewer>,
    corrections: CorrectionsView,
    /// "Where to study": kinds of program, then institutions' programs.
    study_kinds: Vec<StudyItem>,
    study_named: Vec<StudyItem>,
}

impl<'a> RolePage<'a> {
    pub fn new(ctx: &'a Ctx, role: &'a Role, rows: RoleRows) -> RolePage<'a> {
        let site: &'a Site = &ctx.site;
        let facts: &'a RoleFacts = site.facts(role);
        let wages = site.data.wages();
        let wage_view = |w: &_| wages.map(|m| WageView::new(w, m));
        let national = site.data.national(&role.fm.soc).and_then(wage_view);
        let profile = facts.profile.as_ref().and_then(|u| {
            Some(ProfileView {
                p: site.onet.get(&u.code)?,
                about: &site.data.profiles()?.about,
                code_url: format!("/soc/{}/", u.code),
                shared_with: u
                    .shared_with(&role.slug)
                    .filter_map(|s| site.role(s))
                    .map(|r| (r.url(), r.fm.title.clone()))
                    .collect(),
            })
        });
        let credentials: Vec<&Certification> = role
            .fm
            .licenses
            .iter()
            .chain(&role.fm.certifications)
            .filter_map(|id| site.certifications.get(id))
            .collect();
        let entry_routes = site.entry_routes(role);
        let faqs = FaqView::all(site, &rows.faqs);
        let mut meta = ctx
            .meta(&role.fm.title, &role.fm.summary, &role.url())
            .crumb("Roles", "/roles/")
            .crumb(&role.fm.title, "")
            .in_section("roles");
        meta.jsonld = handout::role_jsonld(
            ctx,
            role,
            &entry_routes,
            &credentials,
            &FaqView::pairs(&faqs),
        );
        let (routes_onward, routes_inward) = super::super::pathways::role_links(site, role);
        let e = &role.fm.education;
        let (study_kinds, study_named) = study(site, role);
        RolePage {
            reviewer: Reviewer::of(site, role.fm.reviewer.as_deref()),
            corrections: CorrectionsView::of(site, &role.url()),
            study_kinds,
            study_named,
            page: meta,
            role,
            entry: role.fm.level == crate::content::role::Level::Entry,
            education_years: e
                .typical_years
                .zip(e.years_source.as_deref())
                .map(|(y, k)| YearsView {
                    years: y.to_string(),
                    source_key: k.to_string(),
                    source_name: source_name(site, k),
                }),
            outline: &facts.outline,
            pay: PayView::of(site, role),
            code_title: facts.code_title.clone().unwrap_or_default(),
            profile,
            wages: wages.map(|w| &w.about),
            national,
            states: rows.states.iter().filter_map(wage_view).collect(),
            metros: rows.metros.iter().filter_map(wage_view).collect(),
            pay_figures: FigureView::all(site, &facts.pay_figures),
            other_figures: FigureView::all(site, &facts.other_figures),
            projection: ProjectionView::of(site, &role.fm.soc),
            credentials,
            from: entry_routes
                .iter()
                .map(|e| EdgeView::new(site, e))
                .collect(),
            to: site
                .next_steps(role)
                .iter()
                .map(|e| EdgeView::new(site, e))
                .collect(),
            testimonials: rows.testimonials,
            faqs,
            references: facts
                .references
                .iter()
                .filter_map(|k| site.sources.get(k))
                .collect(),
            articles: site
                .articles_about(&role.slug)
                .take(4)
                .map(|a| (a.url(), a.fm.title.clone()))
                .collect(),
            routes_onward,
            routes_inward,
            handout: RoleHandout::new(ctx, role),
        }
    }

    /// The editor's prose for the section `a`, if the role's Markdown has it.
    fn prose(&self, a: impl std::borrow::Borrow<Anchor>) -> Option<&Section> {
        self.role.section(a.borrow().key())
    }

    /// The profile, when the page shows it in full (no other role shares it).
    fn own_profile(&self) -> Option<&ProfileView<'a>> {
        self.profile.as_ref().filter(|p| p.shared_with.is_empty())
    }
}
