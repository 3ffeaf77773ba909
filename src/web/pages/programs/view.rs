//! How a program reads wherever it shows: the card of listings, the role
//! page's "Where to study" and the comparison, and the full view of its
//! own page. A sponsored program's card always carries its disclosure.

use crate::content::Site;
use crate::content::page::Block;
use crate::content::program::{Program, Published};
use crate::content::registry::Source;
use crate::web::pages::view::source_name;

/// A program in a list.
#[derive(Debug, Clone)]
pub struct ProgramCard {
    pub url: String,
    pub title: String,
    pub summary: String,
    /// Empty for a kind of program.
    pub institution: String,
    pub credential: &'static str,
    pub field: String,
    /// "Online, Hybrid"; empty when no source says.
    pub delivery: String,
    /// The accreditor's short name; empty when none is stated.
    pub accreditor: String,
    pub sponsored: Option<Sponsored>,
}

/// The disclosure every sponsored program carries.
#[derive(Debug, Clone)]
pub struct Sponsored {
    /// Who pays: the institution.
    pub by: String,
    /// The page that explains sponsored listings, if the pack has one.
    pub policy_url: Option<String>,
}

impl Sponsored {
    pub fn of(site: &Site, p: &Program) -> Option<Sponsored> {
        p.fm.sponsored.then(|| Sponsored {
            by: p.fm.institution.clone().unwrap_or_default(),
            policy_url: site.page_with(Block::Sponsored).map(|pg| pg.url()),
        })
    }
}

impl ProgramCard {
    pub fn new(site: &Site, p: &Program) -> ProgramCard {
        ProgramCard {
            url: p.url(),
            title: p.fm.title.clone(),
            summary: p.fm.summary.clone(),
            institution: p.fm.institution.clone().unwrap_or_default(),
            credential: p.fm.credential.label(),
            field: p.fm.field.clone(),
            delivery: p
                .fm
                .delivery
                .iter()
                .map(|d| d.label())
                .collect::<Vec<_>>()
                .join(", "),
            accreditor: p
                .fm
                .accreditation
                .as_ref()
                .map(|a| a.by.clone())
                .unwrap_or_default(),
            sponsored: Sponsored::of(site, p),
        }
    }
}

/// A published length or cost with its source and date.
#[derive(Debug, Clone)]
pub struct PublishedView {
    /// "Length" or "Cost".
    pub what: &'static str,
    pub text: String,
    pub source_key: String,
    pub source_name: String,
    pub as_of: String,
}

impl PublishedView {
    pub fn new(site: &Site, what: &'static str, f: &Published) -> PublishedView {
        let key = f.source.clone().unwrap_or_default();
        PublishedView {
            what,
            text: f.text.clone(),
            source_name: source_name(site, &key),
            source_key: key,
            as_of: f.as_of.clone().unwrap_or_default(),
        }
    }
}

/// Everything a program's own page shows.
pub struct ProgramView<'a> {
    pub card: ProgramCard,
    pub program: &'a Program,
    /// Accreditor (full name when given) and the source saying so.
    pub accreditation: Option<(String, String, String)>,
    pub figures: Vec<PublishedView>,
    /// Roles it prepares for: (url, title).
    pub roles: Vec<(String, String)>,
    /// Credentials a graduate becomes eligible for, by name.
    pub eligible: Vec<String>,
    pub eligible_source: Option<(String, String)>,
    /// The call to action: its words and its address with the tracking parameters.
    pub cta: Option<(String, String)>,
    pub references: Vec<&'a Source>,
}

impl<'a> ProgramView<'a> {
    pub fn new(site: &'a Site, p: &'a Program) -> ProgramView<'a> {
        let fm = &p.fm;
        ProgramView {
            card: ProgramCard::new(site, p),
            program: p,
            accreditation: fm.accreditation.as_ref().map(|a| {
                let name = match &a.name {
                    Some(n) => format!("{n} ({})", a.by),
                    None => a.by.clone(),
                };
                (name, a.source.clone(), source_name(site, &a.source))
            }),
            figures: p
                .figures()
                .map(|(what, f)| PublishedView::new(site, what, f))
                .collect(),
            roles: site
                .roles_of(p)
                .map(|r| (r.url(), r.fm.title.clone()))
                .collect(),
            eligible: fm
                .eligible
                .iter()
                .filter_map(|id| site.certifications.get(id))
                .map(|c| match &c.abbr {
                    Some(a) => format!("{} ({a})", c.name),
                    None => c.name.clone(),
                })
                .collect(),
            eligible_source: fm
                .eligible_source
                .as_ref()
                .map(|k| (k.clone(), source_name(site, k))),
            cta: fm
                .call_to_action
                .as_ref()
                .map(|c| (c.text.clone(), c.href())),
            references: fm
                .sources
                .iter()
                .filter_map(|k| site.sources.get(k))
                .collect(),
        }
    }
}

/// A program as a role page lists it, with the source the role cites for it.
#[derive(Debug, Clone)]
pub struct StudyItem {
    pub card: ProgramCard,
    pub source_key: String,
    pub source_name: String,
}

/// The programs that lead to `role`, as its facts list them: kinds of
/// program, then institutions' programs.
pub fn study(site: &Site, role: &crate::content::role::Role) -> (Vec<StudyItem>, Vec<StudyItem>) {
    site.facts(role)
        .programs
        .iter()
        .filter_map(|(slug, key)| {
            let p = site.program(slug)?;
            Some((
                p.is_kind(),
                StudyItem {
                    card: ProgramCard::new(site, p),
                    source_key: key.clone(),
                    source_name: source_name(site, key),
                },
            ))
        })
        .fold(
            (Vec::new(), Vec::new()),
            |(mut kinds, mut named), (kind, item)| {
                if kind {
                    kinds.push(item);
                } else {
                    named.push(item);
                }
                (kinds, named)
            },
        )
}
