//! Role records: `content/roles/*.md`.
//!
//! The front matter is the structured record (codes, level, education,
//! credentials, transitions); the Markdown body holds the prose sections,
//! each under `## Heading {#section-id}` with an id from [`SECTION_IDS`].

use super::date::Date;
use super::markdown::Section;
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;

/// The front matter of a role file. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFrontMatter {
    /// The job title as readers search for it, e.g. "Health Information Manager".
    pub title: String,
    /// The URL segment (`/roles/{slug}/`). Defaults to the file name without `.md`.
    #[serde(default)]
    pub slug: Option<String>,
    /// One sentence saying what the job is; shown in listings, cards and the meta description.
    pub summary: String,
    /// Career stage: `entry`, `mid`, `senior` or `executive`.
    pub level: Level,
    /// The 6-digit BLS SOC code (`NN-NNNN`) whose wages and projections the page shows.
    pub soc: String,
    /// One or two sentences on how well the SOC code fits this role, shown beside every BLS figure.
    pub soc_note: String,
    /// O*NET-SOC codes (`NN-NNNN.NN`) whose tasks, skills and education data the page shows.
    #[serde(default)]
    pub onet: Vec<String>,
    /// Backgrounds people usually enter from: `clinical`, `it`, `business`, `health-admin`.
    pub backgrounds: Vec<Background>,
    /// Schooling: minimum and preferred degree, and typical years of study
    /// after high school where a source gives them.
    pub education: Education,
    /// Licenses the role requires or prefers: ids from `content/certifications.toml`.
    #[serde(default)]
    pub licenses: Vec<String>,
    /// Certifications that help: ids from `content/certifications.toml`.
    #[serde(default)]
    pub certifications: Vec<String>,
    /// Skills employers ask for, short phrases.
    pub skills: Vec<String>,
    /// Moves people make from this role to others.
    #[serde(default)]
    pub transitions: Vec<Transition>,
    /// Keys from `content/sources.toml` that the page draws on; listed under References.
    pub sources: Vec<String>,
    /// When an editor last reviewed the page.
    pub updated: Date,
    /// Old URLs of this page (e.g. `/roles/cmio/`) that should redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Id of a figure in `content/data/figures.toml` to lead the quick-facts card
    /// instead of the BLS median, for roles the SOC code fits loosely.
    #[serde(default)]
    pub headline_figure: Option<String>,
    /// Shown among the featured roles on the home page.
    #[serde(default)]
    pub featured: bool,
    /// A draft is left out of the site.
    #[serde(default)]
    pub draft: bool,
    /// The day (UTC) the page goes public, e.g. `publish = 2027-01-15`. Until
    /// then it is left out of every page, listing and the sitemap; it appears
    /// on that day without a restart. Leave it out to publish at once.
    #[serde(default)]
    pub publish: Option<Date>,
    /// The day (UTC) the page is taken down, e.g. `expires = 2027-06-30`: from
    /// that day on it is left out as if it were a draft. Leave it out to keep it.
    #[serde(default)]
    pub expires: Option<Date>,
}

/// Career stage, from first job to the executive suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Entry,
    Mid,
    Senior,
    Executive,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Entry, Level::Mid, Level::Senior, Level::Executive];

    pub fn key(&self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Executive => "executive",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            // Physicians and pharmacists are entry routes into this field, not
            // beginners: the label says where a route starts, not seniority.
            Level::Entry => "Entry route",
            Level::Mid => "Mid-career",
            Level::Senior => "Senior",
            Level::Executive => "Executive",
        })
    }
}

/// Where people come from into a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Background {
    Clinical,
    It,
    Business,
    HealthAdmin,
}

impl fmt::Display for Background {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Background::Clinical => "clinical",
            Background::It => "IT",
            Background::Business => "business",
            Background::HealthAdmin => "health administration",
        })
    }
}

/// The schooling a role asks for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    /// The least most employers accept: `none`, `certificate`, `associate`, `bachelor`, `master`, `doctorate`.
    pub minimum: Degree,
    /// What employers prefer, when it differs from the minimum.
    #[serde(default)]
    pub preferred: Option<Degree>,
    /// Years of study after high school that people in the role typically
    /// have, `4` or `[4, 6]`, as a source states them; leave it out when no
    /// source gives a number. Needs `years_source`.
    #[serde(default)]
    pub typical_years: Option<Years>,
    /// Key of the source (in `content/sources.toml` and in the role's
    /// `sources`) that gives `typical_years`.
    #[serde(default)]
    pub years_source: Option<String>,
    /// Fields of study that lead here, e.g. "health information management".
    #[serde(default)]
    pub fields: Vec<String>,
}

/// A degree level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Degree {
    None,
    Certificate,
    Associate,
    Bachelor,
    Master,
    Doctorate,
}

impl fmt::Display for Degree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Degree::None => "No degree",
            Degree::Certificate => "Certificate",
            Degree::Associate => "Associate degree",
            Degree::Bachelor => "Bachelor's degree",
            Degree::Master => "Master's degree",
            Degree::Doctorate => "Doctoral or professional degree",
        })
    }
}

/// A number of years, exact (`3`) or a range (`[2, 5]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Years {
    Exactly(u8),
    Range([u8; 2]),
}

impl Years {
    pub fn min(&self) -> u8 {
        match *self {
            Years::Exactly(n) => n,
            Years::Range([a, _]) => a,
        }
    }
    pub fn max(&self) -> u8 {
        match *self {
            Years::Exactly(n) => n,
            Years::Range([_, b]) => b,
        }
    }
}

impl fmt::Display for Years {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Years::Exactly(1) => f.write_str("1 year"),
            Years::Exactly(n) => write!(f, "{n} years"),
            Years::Range([a, b]) => write!(f, "{a} to {b} years"),
        }
    }
}

/// A move from this role to another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// Slug of the role people move to.
    pub to: String,
    /// Key of the source (in `content/sources.toml` and in the role's
    /// `sources`) that describes the move. Required.
    #[serde(default)]
    pub source: Option<String>,
    /// Typical years spent in this role before the move, `3` or `[2, 5]`,
    /// only when `source` gives them; leave it out otherwise.
    #[serde(default)]
    pub years: Option<Years>,
    /// What the move takes: degree, certification, experience, in a sentence.
    pub requires: String,
}

/// The section ids a role body may use, in page order. Advisors link to
/// these (`/roles/{slug}/#salary`), so they never change.
pub const SECTION_IDS: &[&str] = &[
    "overview",
    "typical-day",
    "problems",
    "fit",
    "salary",
    "outlook",
    "education",
    "experience",
    "skills",
    "certifications",
    "career-path",
];

/// A compiled role: its record, where it came from, and its rendered sections.
#[derive(Debug, Clone)]
pub struct Role {
    pub slug: String,
    /// Shared, so copies of a page (a dated view, the compile cache) are cheap.
    pub fm: Arc<RoleFrontMatter>,
    /// Path relative to the content folder.
    pub path: String,
    /// Prose sections from the body, keyed by id from [`SECTION_IDS`];
    /// shared, so the dated views of a site do not copy them.
    pub sections: Arc<[Section]>,
}

impl Role {
    pub fn url(&self) -> String {
        format!("/roles/{}/", self.slug)
    }

    /// Its draft flag and publication window, for [`super::Site::is_visible`].
    pub fn schedule(&self) -> super::site::Schedule {
        super::site::Schedule {
            draft: self.fm.draft,
            publish: self.fm.publish,
            expires: self.fm.expires,
        }
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}
