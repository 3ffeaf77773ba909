//! What each role page shows, decided once per compiled site: the role's
//! headline pay (by the rule its `[pay]` table states), the figures of its
//! occupation code, its outline, and its references (its rendered
//! fragments are compiled with the file: [`Role`]). Every surface that shows a role (its page, lists, the
//! comparison, routes, the embed card, the handout, the API, structured
//! data, `check`) reads these facts; none decides them again.

use super::data::{Figure, FigureUnit, Measure, Topic};
use super::dataset::wages::{Value, WageField, WageRow};
use super::outline::{Anchor, Outline};
use super::role::{Headline, Role};
use super::site::Site;
use foldhash::HashMap;
use std::sync::Arc;

mod memo;
pub use memo::Memo;

/// How much a pay figure says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// One figure, in dollars a year.
    Exact(i64),
    /// From the first to the second, in dollars a year.
    Range(i64, i64),
    /// At or above the publisher's top-code: only the floor is known.
    AtLeast(i64),
}

impl Amount {
    /// The figure to sort and band by: the exact value, the low end of a
    /// range, or the floor of a top-coded value.
    pub fn sort_value(self) -> i64 {
        match self {
            Amount::Exact(v) | Amount::Range(v, _) | Amount::AtLeast(v) => v,
        }
    }
}

/// A role's headline pay: the one figure shown as "the pay" of the role
/// wherever the site shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pay {
    pub amount: Amount,
    pub measure: Measure,
    /// What the figure measures, in a reader's words. For a code's figure it
    /// names the code and its title, never the role.
    pub label: String,
    /// The occupation code when the figure is the code's, not the role's own.
    pub of_code: Option<String>,
    /// Key in `content/sources.toml`.
    pub source: String,
    pub period: String,
    /// Why this figure is the role's pay (the role's `pay.why`).
    pub why: String,
    /// A caveat the figure carries, if any.
    pub note: Option<String>,
}

impl Pay {
    /// True when `other` can be subtracted from this one meaningfully: the
    /// same measure from the same source and period.
    pub fn comparable(&self, other: &Pay) -> bool {
        self.measure == other.measure
            && self.source == other.source
            && self.period == other.period
            && matches!(self.amount, Amount::Exact(_))
            && matches!(other.amount, Amount::Exact(_))
    }
}

/// The occupational profile a role page draws on, and whether other roles
/// of the site draw on it too (then the page links to the code's page,
/// where the profile is shown once, rather than repeating it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileUse {
    pub code: String,
    /// Slugs of every role whose page uses this profile, this one included
    /// (one list per code, shared by its roles).
    pub users: Arc<[String]>,
}

impl ProfileUse {
    /// The other roles whose pages use the same profile.
    pub fn shared_with<'a>(&'a self, me: &'a str) -> impl Iterator<Item = &'a str> {
        self.users
            .iter()
            .map(String::as_str)
            .filter(move |s| *s != me)
    }

    /// True when another role uses the profile too.
    pub fn is_shared(&self) -> bool {
        self.users.len() > 1
    }
}

/// Everything a role page shows that is decided when the content compiles.
#[derive(Debug, Clone)]
pub struct RoleFacts {
    /// The headline pay; `None` when the role's rule finds no figure in the
    /// pack (the pages then say the guide has none).
    pub pay: Option<Pay>,
    /// The occupation code's title, from the wage or projection table.
    pub code_title: Option<String>,
    pub outline: Outline,
    /// Source keys the page cites, in order, without repeats.
    pub references: Vec<String>,
    pub profile: Option<ProfileUse>,
    /// Indexes into [`Site::figures`] of the role's pay figures other than
    /// the headline, then of its other figures.
    pub pay_figures: Vec<usize>,
    pub other_figures: Vec<usize>,
    /// The programs that prepare for the role, kinds first: each program's
    /// slug and the source key the role page cites for it (one of the
    /// role's own sources when the program names one, else the program's
    /// first).
    pub programs: Vec<(String, String)>,
}

/// The national median of `row` as a headline amount.
fn median(row: &WageRow, top: i64) -> Option<Amount> {
    match row.value(WageField::Median) {
        Value::Whole(v) => Some(Amount::Exact(v)),
        Value::TopCoded => Some(Amount::AtLeast(top)),
        _ => None,
    }
}

/// The headline pay `role`'s rule picks, if the pack has that figure.
fn headline(site: &Site, role: &Role) -> Option<Pay> {
    let why = role.fm.pay.why.trim().to_string();
    match &role.fm.pay.headline {
        Headline::CodeMedian => {
            let wages = site.data.wages()?;
            let row = site.data.national(&role.fm.soc)?;
            Some(Pay {
                amount: median(row, wages.top_code.annual)?,
                measure: Measure::Median,
                label: format!("Median annual wage, {} ({})", row.title, row.code),
                of_code: Some(row.code.clone()),
                source: wages.about.source.clone(),
                period: wages.about.period().to_string(),
                why,
                note: None,
            })
        }
        Headline::Figure(id) => {
            let f = site.figure(id)?;
            let amount = match (f.value, f.high) {
                (Some(v), Some(h)) => Amount::Range(v.round() as i64, h.round() as i64),
                (Some(v), None) => Amount::Exact(v.round() as i64),
                _ => return None,
            };
            Some(Pay {
                amount,
                measure: f.measure?,
                label: f.label.clone(),
                of_code: None,
                source: f.source.clone(),
                period: f.period.clone(),
                why,
                note: f.note.clone(),
            })
        }
    }
}

/// True when `f` may lead a role's pay: annual dollars, a stated measure.
pub fn can_lead_pay(f: &Figure) -> bool {
    f.topic == Topic::Pay && f.unit == FigureUnit::Usd && f.measure.is_some() && f.value.is_some()
}

/// Which occupational profile each role uses: the first of its codes with
/// tasks, as the page shows it.
fn profiles(site: &Site) -> Vec<Option<&str>> {
    site.roles
        .iter()
        .map(|r| {
            r.fm.onet
                .iter()
                .find(|c| site.onet.get(*c).is_some_and(|p| !p.tasks.is_empty()))
                .map(String::as_str)
        })
        .collect()
}

/// The facts of every role of `site`, in the order of `site.roles`, kept
/// in `memo` for the next load. With `reuse`, the caller vouches that
/// everything a role's facts read beyond its own record, its articles and
/// the roles sharing its profile is as it was at the load that filled
/// `memo` (the registries, figures, FAQs, data tables and programs), and
/// the facts of a role whose own inputs are unchanged too are taken from
/// `memo` instead of being decided again.
pub fn link(site: &Site, memo: &mut Memo, reuse: bool) -> Vec<Arc<RoleFacts>> {
    memo.start(reuse);
    let used = profiles(site);
    let mut slugs: HashMap<&str, Vec<&str>> = HashMap::default();
    for (r, code) in site.roles.iter().zip(&used) {
        if let Some(c) = code {
            slugs.entry(c).or_default().push(&r.slug);
        }
    }
    let users: HashMap<&str, Arc<[String]>> = slugs
        .into_iter()
        .map(|(c, s)| (c, memo.users(c, s, reuse)))
        .collect();
    let headings = SharedHeadings::new(site);
    let facts = site
        .roles
        .iter()
        .zip(&used)
        .map(|(role, code)| {
            let reading = site.articles_about(&role.slug).next().is_some();
            let profile = code.map(|c| (c, &users[c]));
            memo.facts(role, reading, profile, reuse, |profile| {
                role_facts(site, role, profile, reading, &headings)
            })
        })
        .collect();
    memo.finish(&site.roles, users);
    facts
}

/// The headings every role page that shows them words alike, made once
/// per site and shared by every role's outline.
struct SharedHeadings {
    tasks: Arc<str>,
    education: Arc<str>,
    skills: Arc<str>,
}

impl SharedHeadings {
    fn new(site: &Site) -> SharedHeadings {
        let publisher = site
            .data
            .profiles()
            .map_or("", |p| p.about.publisher.as_str());
        SharedHeadings {
            tasks: format!("Core tasks reported to {publisher}").into(),
            education: format!("Education reported to {publisher}").into(),
            skills: format!("Most important skills, per {publisher}").into(),
        }
    }
}

fn role_facts(
    site: &Site,
    role: &Role,
    profile: Option<ProfileUse>,
    reading: bool,
    shared: &SharedHeadings,
) -> RoleFacts {
    // The headline figure leads the salary section; the list of published
    // figures holds the others.
    let headline_id = match &role.fm.pay.headline {
        Headline::Figure(id) => Some(id.as_str()),
        Headline::CodeMedian => None,
    };
    let (pay_figures, other_figures): (Vec<usize>, Vec<usize>) = site
        .figures
        .iter()
        .enumerate()
        .filter(|(_, f)| f.role.as_deref() == Some(role.slug.as_str()))
        .filter(|(_, f)| Some(f.id.as_str()) != headline_id)
        .map(|(i, _)| i)
        .partition(|&i| site.figures[i].topic == Topic::Pay);
    let national = site.data.national(&role.fm.soc);
    let projection = site.data.projection(&role.fm.soc);
    let code_title = national
        .map(|w| w.title.clone())
        .or_else(|| projection.map(|p| p.title.clone()));
    let pay = headline(site, role);
    let shown_profile = profile.as_ref().and_then(|p| site.onet.get(&p.code));
    let own_profile = profile
        .as_ref()
        .filter(|p| !p.is_shared())
        .and_then(|p| site.onet.get(&p.code));
    let wages = site.data.wages();
    let outline = Outline::new(|a| {
        let prose = role.section(a.key());
        // `None`: the anchor's own label.
        let heading: Option<Arc<str>> = match prose {
            Some(s) if a.takes_prose() && !s.title.is_empty() => Some(s.title.as_str().into()),
            _ => match a {
                Anchor::Tasks => Some(shared.tasks.clone()),
                Anchor::ProfileEducation => Some(shared.education.clone()),
                Anchor::ProfileSkills => Some(shared.skills.clone()),
                Anchor::SalaryNational => {
                    national.map(|w| format!("National pay, {} ({})", w.title, w.code).into())
                }
                _ => None,
            },
        };
        let shown = match a {
            Anchor::Overview | Anchor::TypicalDay => prose.is_some() || shown_profile.is_some(),
            Anchor::Problems | Anchor::Fit | Anchor::Experience => prose.is_some(),
            Anchor::Tasks => own_profile.is_some_and(|p| !p.tasks.is_empty()),
            Anchor::ProfileEducation => own_profile.is_some_and(|p| !p.education.is_empty()),
            Anchor::ProfileSkills => own_profile.is_some_and(|p| !p.skills.is_empty()),
            // Five tools, labelled with the code: short enough to show on
            // every page that uses the profile.
            Anchor::Technology => shown_profile.is_some_and(|p| !p.technologies.is_empty()),
            Anchor::SalaryPublished => !pay_figures.is_empty(),
            Anchor::OutlookPublished => !other_figures.is_empty(),
            Anchor::SalaryNational => national.is_some(),
            Anchor::SalaryStates => national.is_some() && wages.is_some_and(|w| w.states.is_some()),
            Anchor::SalaryMetros => national.is_some() && wages.is_some_and(|w| w.areas.is_some()),
            Anchor::PathReading => reading,
            _ => true,
        };
        (heading, shown)
    });
    let mut references: Vec<String> = Vec::new();
    let mut cite = |k: &str| {
        if site.sources.contains_key(k) && !references.iter().any(|r| r == k) {
            references.push(k.to_string());
        }
    };
    role.fm.sources.iter().for_each(|k| cite(k));
    let programs: Vec<(String, String)> = site
        .programs_for(&role.slug)
        .filter_map(|p| {
            let key =
                p.fm.sources
                    .iter()
                    .find(|k| role.fm.sources.contains(k))
                    .or(p.fm.sources.first())?;
            Some((p.slug.clone(), key.clone()))
        })
        .collect();
    for (_, k) in &programs {
        cite(k);
    }
    if let Some(p) = &pay {
        cite(&p.source);
    }
    if let (Some(w), Some(_)) = (wages, national) {
        cite(&w.about.source);
    }
    if let (Some(p), Some(_)) = (site.data.projection_manifest(), projection) {
        cite(&p.about.source);
    }
    if let (Some(p), Some(_)) = (site.data.profiles(), shown_profile) {
        cite(&p.about.source);
    }
    for &i in pay_figures.iter().chain(&other_figures) {
        cite(&site.figures[i].source);
    }
    for f in site
        .faqs
        .iter()
        .filter(|f| f.role.as_deref() == Some(role.slug.as_str()))
    {
        if let Some(s) = &f.source {
            cite(s);
        }
    }
    RoleFacts {
        pay,
        code_title,
        outline,
        references,
        profile,
        pay_figures,
        other_figures,
        programs,
    }
}
