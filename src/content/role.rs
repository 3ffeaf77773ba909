//! Role records: `content/roles/*.md`.
//!
//! The front matter is the structured record (codes, level, education,
//! credentials, transitions, the pay rule); the Markdown body holds the
//! prose sections, each under `## Heading {#section-id}` with one of the
//! ids [`super::outline::Anchor::prose_ids`] lists.

use super::date::Date;
use super::markdown::Section;
use crate::closed_set;
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;

/// The front matter of a role file. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFrontMatter {
    /// The job title as readers search for it, e.g. "Wind Technician".
    pub title: String,
    /// The URL segment (`/roles/{slug}/`). Defaults to the file name without `.md`.
    #[serde(default)]
    pub slug: Option<String>,
    /// One sentence saying what the job is; shown in listings, cards and the meta description.
    pub summary: String,
    /// Career stage: `entry`, `mid`, `senior` or `executive`.
    pub level: Level,
    /// The 6-digit SOC occupation code (`NN-NNNN`) whose wages and projections the page shows.
    pub soc: String,
    /// One or two sentences on how well the SOC code fits this role, shown beside the code's figures.
    pub soc_note: String,
    /// Detail codes (`NN-NNNN.NN`) of the pack's profiles whose tasks, skills
    /// and education data the page shows; the key is named after the
    /// profile database the first pack uses.
    #[serde(default)]
    pub onet: Vec<String>,
    /// Backgrounds people usually enter from: ids of `[[background]]` entries in `content/site.toml`.
    pub backgrounds: Vec<String>,
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
    /// Author id (from `content/authors.toml`) of who reviewed it; the page
    /// then says "Reviewed by ...".
    #[serde(default)]
    pub reviewer: Option<String>,
    /// Dated corrections of the page, shown on it and in the corrections log.
    #[serde(default)]
    pub corrections: Vec<super::editorial::Correction>,
    /// Old URLs of this page (e.g. `/roles/old-title/`) that should redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Which figure is this role's pay everywhere on the site, and why.
    pub pay: PaySpec,
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

closed_set! {
    /// Career stage, from first job to the executive suite.
    pub enum Level("career stage") {
        // A licensed profession can be an entry route into a field without
        // being a beginner's job: the label says where a route starts, not
        // seniority.
        Entry = "entry" => "Entry route",
        Mid = "mid" => "Mid-career",
        Senior = "senior" => "Senior",
        Executive = "executive" => "Executive",
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
    /// Fields of study that lead here, e.g. "electrical technology".
    #[serde(default)]
    pub fields: Vec<String>,
}

closed_set! {
    /// A degree level, lowest first.
    pub enum Degree("degree") {
        None = "none" => "No degree",
        Certificate = "certificate" => "Certificate",
        Associate = "associate" => "Associate degree",
        Bachelor = "bachelor" => "Bachelor's degree",
        Master = "master" => "Master's degree",
        Doctorate = "doctorate" => "Doctoral or professional degree",
    }
}

/// A number of years, exact (`3`) or a range (`[2, 5]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Years {
    Exactly(u8),
    Range([u8; 2]),
}

/// What a years value must look like, in the editor's words.
const YEARS_FORMAT: &str =
    "write a whole number of years (`years = 3`) or a range from low to high (`years = [2, 5]`)";

impl<'de> Deserialize<'de> for Years {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(i64),
            Two(Vec<i64>),
            Other(toml::Value),
        }
        let year = |n: i64| {
            u8::try_from(n).ok().filter(|n| *n <= 60).ok_or_else(|| {
                D::Error::custom(format!("{n} is not a number of years; {YEARS_FORMAT}"))
            })
        };
        match Raw::deserialize(d)? {
            Raw::One(n) => Ok(Years::Exactly(year(n)?)),
            Raw::Two(v) if v.len() == 2 => {
                let (a, b) = (year(v[0])?, year(v[1])?);
                if a > b {
                    return Err(D::Error::custom(format!(
                        "the range [{a}, {b}] runs backwards; write the low end first: [{b}, {a}]"
                    )));
                }
                Ok(Years::Range([a, b]))
            }
            Raw::Two(v) => Err(D::Error::custom(format!(
                "a range has two numbers, not {}; {YEARS_FORMAT}",
                v.len()
            ))),
            Raw::Other(v) => Err(D::Error::custom(format!(
                "{v} is not a number of years; {YEARS_FORMAT}"
            ))),
        }
    }
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

/// `[pay]`: the one figure that is this role's pay wherever the site shows
/// it (role page, lists, comparisons, routes, the embed card, the API and
/// structured data), and why that figure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaySpec {
    /// `"code-median"`: the national median wage of the role's occupation
    /// code (`soc`) in the pack's wage table. Or the id of one of this
    /// role's pay figures in `content/data/figures.toml` (unit `usd`, with a
    /// `measure`), for a role the code fits loosely.
    pub headline: Headline,
    /// One sentence saying why this figure is the role's pay; shown beside it.
    pub why: String,
}

/// Which figure leads a role's pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Headline {
    /// The national median of the role's occupation code.
    CodeMedian,
    /// A figure of this role in `content/data/figures.toml`, by id.
    Figure(String),
}

/// The word that picks the code's median in `headline`.
pub const CODE_MEDIAN: &str = "code-median";

impl<'de> Deserialize<'de> for Headline {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let s = s.trim();
        Ok(if s == CODE_MEDIAN {
            Headline::CodeMedian
        } else {
            Headline::Figure(s.to_string())
        })
    }
}

/// A compiled role: one pointer to its [`RoleRecord`], so each copy of
/// it (the compile cache's, each load's site, a dated view) costs one
/// count, and 20,000 pages are copied into a reloaded site in no time.
#[derive(Debug, Clone)]
pub struct Role(Arc<RoleRecord>);

impl std::ops::Deref for Role {
    type Target = RoleRecord;
    fn deref(&self) -> &RoleRecord {
        &self.0
    }
}

impl From<RoleRecord> for Role {
    fn from(record: RoleRecord) -> Role {
        Role(Arc::new(record))
    }
}

/// What a compiled role holds: its record, where it came from, and its
/// rendered sections.
#[derive(Debug, Clone)]
pub struct RoleRecord {
    pub slug: String,
    /// Shared, so copies of a page (a dated view, the compile cache) are cheap.
    pub fm: Arc<RoleFrontMatter>,
    /// Path relative to the content folder.
    pub path: String,
    /// Prose sections from the body, keyed by the ids of
    /// [`super::outline::Anchor`] that take prose; shared, so the dated
    /// views of a site do not copy them.
    pub sections: Arc<[Section]>,
    /// `soc_note`, rendered.
    pub soc_note_html: Arc<str>,
}

/// The page of the role `slug`.
pub fn url_of(slug: &str) -> String {
    format!("/roles/{slug}/")
}

/// The slug in a role page address (`/roles/{slug}/`), if `url` is one.
pub fn slug_in(url: &str) -> Option<&str> {
    let slug = url.strip_prefix("/roles/")?.strip_suffix('/')?;
    (!slug.is_empty() && !slug.contains('/')).then_some(slug)
}

impl Role {
    /// The record, to change (a test's, say): copied first when another
    /// copy of the role shares it.
    pub fn make_mut(&mut self) -> &mut RoleRecord {
        Arc::make_mut(&mut self.0)
    }

    pub fn url(&self) -> String {
        url_of(&self.slug)
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
