//! `/{slug}/`: the editorial pages of `content/pages/` (about, methodology,
//! policies). The Markdown comes compiled; the sections it asks for with
//! `{{ key }}` are filled here from the model (and, for the privacy page,
//! from the retention rules of `db::retention`), so they always match the
//! content and the code. Also the pieces every page shows of the editorial
//! record: its reviewer and its corrections, linked to the log.

use super::programs::view::ProgramCard;
use super::view::PayView;
use crate::content::Site;
use crate::content::dataset::About;
use crate::content::editorial::LogEntry;
use crate::content::page::{Block, Page, Part};
use crate::content::registry::{Author, Source};
use crate::content::role::Headline;
use crate::db::retention;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use actix_web::{HttpResponse, web};
use askama::Template;

/// Who reviewed a page: name and the author's page.
#[derive(Debug, Clone)]
pub struct Reviewer {
    pub name: String,
    pub url: String,
}

impl Reviewer {
    pub fn of(site: &Site, id: Option<&str>) -> Option<Reviewer> {
        let a = site.authors.get(id?)?;
        Some(Reviewer {
            name: a.name.clone(),
            url: crate::content::listing::author_url(&a.id),
        })
    }
}

/// A page's own corrections, each linked to its entry in the log.
#[derive(Debug, Clone, Default)]
pub struct CorrectionsView {
    /// (ISO date, long date, correction HTML, link to the log entry).
    pub entries: Vec<(String, String, String, String)>,
}

impl CorrectionsView {
    pub fn of(site: &Site, url: &str) -> CorrectionsView {
        let log = site.corrections_url();
        CorrectionsView {
            entries: site
                .corrections_of(url)
                .map(|e| {
                    let link = log
                        .as_ref()
                        .map(|l| format!("{l}#{}", e.id))
                        .unwrap_or_default();
                    (e.date.iso(), e.date.long(), e.html.clone(), link)
                })
                .collect(),
        }
    }
}

/// A role's headline pay and the rule that picks it.
pub struct HeadlineRow {
    pub url: String,
    pub title: String,
    pub pay: Option<PayView>,
    /// The rule in words.
    pub rule: &'static str,
}

/// An institution's call to action, as the disclosure lists it.
pub struct CallRow {
    pub card: ProgramCard,
    pub text: String,
    pub href: String,
    /// `key=value` pairs the institution asked for.
    pub tracking: Vec<String>,
}

/// The retention rules, from `db::retention`.
pub struct Retention {
    pub unverified_days: i64,
    pub rejected_days: i64,
    pub unsent_mail_days: i64,
    pub session_hours: i64,
}

#[derive(Template)]
#[template(path = "pages/page.html")]
struct EditorialPage<'a> {
    page: PageMeta,
    p: &'a Page,
    reviewer: Option<Reviewer>,
    corrections: CorrectionsView,
    authors: Vec<&'a Author>,
    sources: Vec<&'a Source>,
    /// The sources the page cites, for its references.
    references: Vec<&'a Source>,
    datasets: Vec<&'a About>,
    headlines: Vec<HeadlineRow>,
    log: &'a [LogEntry],
    sponsored: Vec<ProgramCard>,
    calls: Vec<CallRow>,
    retention: Retention,
}

pub async fn page(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let site = &ctx.site;
    let p = site.page(&slug).ok_or(AppError::NotFound)?;
    let meta = ctx
        .meta(&p.fm.title, &p.fm.summary, &p.url())
        .crumb(&p.fm.title, "");
    let wants = |b: Block| p.has(b);
    ctx.render(EditorialPage {
        page: meta,
        p,
        reviewer: Reviewer::of(site, p.fm.reviewer.as_deref()),
        corrections: CorrectionsView::of(site, &p.url()),
        authors: site.authors.values().collect(),
        sources: if wants(Block::Sources) {
            site.sources.values().collect()
        } else {
            Vec::new()
        },
        references: p
            .fm
            .sources
            .iter()
            .filter_map(|k| site.sources.get(k))
            .collect(),
        datasets: site.data.all_about(),
        headlines: if wants(Block::HeadlinePay) {
            headlines(site)
        } else {
            Vec::new()
        },
        log: site.corrections(),
        sponsored: site
            .programs
            .iter()
            .filter(|p| p.fm.sponsored)
            .map(|p| ProgramCard::new(site, p))
            .collect(),
        calls: site
            .programs
            .iter()
            .filter_map(|p| {
                let c = p.fm.call_to_action.as_ref()?;
                Some(CallRow {
                    card: ProgramCard::new(site, p),
                    text: c.text.clone(),
                    href: c.href(),
                    tracking: c.tracking.iter().map(|(k, v)| format!("{k}={v}")).collect(),
                })
            })
            .collect(),
        retention: Retention {
            unverified_days: retention::UNVERIFIED_DAYS,
            rejected_days: retention::REJECTED_DAYS,
            unsent_mail_days: retention::UNSENT_MAIL_DAYS,
            session_hours: retention::SESSION_HOURS,
        },
    })
}

fn headlines(site: &Site) -> Vec<HeadlineRow> {
    site.roles
        .iter()
        .map(|r| HeadlineRow {
            url: r.url(),
            title: r.fm.title.clone(),
            pay: PayView::of(site, r),
            rule: match r.fm.pay.headline {
                Headline::CodeMedian => "The national median of its occupation code",
                Headline::Figure(_) => "A figure a published source gives for the role",
            },
        })
        .collect()
}
