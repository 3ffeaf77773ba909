//! The API's response shapes. These are separate from the content and
//! database structs on purpose: they decide what is public, so an internal
//! field added elsewhere never leaks into the API. Field names and nesting
//! match `openapi.json`.

use crate::content::Site;
use crate::content::article::Article;
use crate::content::data::Figure;
use crate::content::dataset::projections::ProjectionRow;
use crate::content::dataset::wages::{WageField, WageManifest, WageRow};
use crate::content::facts::{Amount, Pay};
use crate::content::role::{Degree, Role, Years};
use crate::db;
use serde::Serialize;

/// A bibliography entry, as cited by a figure.
#[derive(Debug, Clone, Serialize)]
pub struct SourceOut {
    pub key: String,
    pub publisher: Option<String>,
    pub title: Option<String>,
    /// Publication date or period as the source gives it.
    pub date: Option<String>,
    pub url: Option<String>,
}

impl SourceOut {
    pub fn new(site: &Site, key: &str) -> SourceOut {
        let s = site.sources.get(key);
        SourceOut {
            key: key.to_string(),
            publisher: s.map(|s| s.publisher.clone()),
            title: s.map(|s| s.title.clone()),
            date: s.map(|s| s.date.clone()),
            url: s.and_then(|s| s.url.clone()),
        }
    }
}

/// A span of years, exact when `min == max`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct YearsOut {
    pub min: u8,
    pub max: u8,
}

impl From<Years> for YearsOut {
    fn from(y: Years) -> Self {
        YearsOut {
            min: y.min(),
            max: y.max(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EducationOut {
    /// `none`, `certificate`, `associate`, `bachelor`, `master` or `doctorate`.
    pub minimum: Degree,
    pub minimum_label: String,
    pub preferred: Option<Degree>,
    /// Only where a source gives them, with its key.
    pub typical_years: Option<YearsOut>,
    pub years_source: Option<String>,
    pub fields: Vec<String>,
}

/// A role in a list.
#[derive(Debug, Clone, Serialize)]
pub struct RoleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// `entry`, `mid`, `senior` or `executive`.
    pub level: &'static str,
    pub soc: String,
    pub onet: Vec<String>,
    pub education: EducationOut,
    /// Last editorial review, `YYYY-MM-DD`.
    pub updated: String,
    /// The role page.
    pub url: String,
    /// This role in the API.
    pub api_url: String,
}

impl RoleSummary {
    pub fn new(role: &Role, base: &str) -> RoleSummary {
        let e = &role.fm.education;
        RoleSummary {
            slug: role.slug.clone(),
            title: role.fm.title.clone(),
            summary: role.fm.summary.clone(),
            level: role.fm.level.key(),
            soc: role.fm.soc.clone(),
            onet: role.fm.onet.clone(),
            education: EducationOut {
                minimum: e.minimum,
                minimum_label: e.minimum.to_string(),
                preferred: e.preferred,
                typical_years: e.typical_years.map(YearsOut::from),
                years_source: e.years_source.clone(),
                fields: e.fields.clone(),
            },
            updated: role.fm.updated.iso(),
            url: format!("{base}{}", role.url()),
            api_url: format!("{base}/api/v1/roles/{}", role.slug),
        }
    }
}

/// Annual wages by percentile, in US dollars. `None` when the publisher did not
/// release the estimate or top-coded it (see `topcoded`, `not_released`).
#[derive(Debug, Clone, Serialize)]
pub struct AnnualOut {
    pub p10: Option<i64>,
    pub p25: Option<i64>,
    pub median: Option<i64>,
    pub p75: Option<i64>,
    pub p90: Option<i64>,
    pub mean: Option<i64>,
}

/// Where a wage estimate applies.
#[derive(Debug, Clone, Serialize)]
pub struct AreaOut {
    /// The publisher's area code: `0000000` for the nation.
    pub code: String,
    /// `national`, `state` or `metro_or_nonmetro`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    /// Two-letter USPS code on state rows.
    pub state: Option<String>,
}

/// One wage estimate: an occupation code in an area.
#[derive(Debug, Clone, Serialize)]
pub struct WageOut {
    pub soc: String,
    pub occupation_title: String,
    pub area: AreaOut,
    /// The period of the pack's wage table, e.g. `June 2030`.
    pub period: String,
    pub source: SourceOut,
    /// Jobs, excluding the self-employed.
    pub employment: Option<i64>,
    pub hourly_mean: Option<f64>,
    pub annual: AnnualOut,
    /// Fields the publisher top-coded (at or above its highest published wage).
    pub topcoded: Vec<WageField>,
    /// Fields the publisher did not release.
    pub not_released: Vec<WageField>,
}

impl WageOut {
    pub fn new(site: &Site, m: &WageManifest, w: &WageRow) -> WageOut {
        WageOut {
            soc: w.code.clone(),
            occupation_title: w.title.clone(),
            area: AreaOut {
                code: w.area_code.clone(),
                kind: w.area.key(),
                name: w.area_name.clone(),
                state: w.state_abbr.clone(),
            },
            period: m.about.period().to_string(),
            source: SourceOut::new(site, &m.about.source),
            employment: w.employment,
            hourly_mean: w.hourly_mean,
            annual: AnnualOut {
                p10: w.p10,
                p25: w.p25,
                median: w.median,
                p75: w.p75,
                p90: w.p90,
                mean: w.mean,
            },
            topcoded: w.topcoded.clone(),
            not_released: w.not_released.clone(),
        }
    }
}

/// A role's headline pay: the one figure the site shows as its pay.
#[derive(Debug, Clone, Serialize)]
pub struct PayOut {
    /// US dollars a year; the low end of a range; the floor of a top-coded value.
    pub value: i64,
    /// The high end, when the figure is a range.
    pub high: Option<i64>,
    /// True when the value is top-coded: the true figure is this or more.
    pub at_least: bool,
    /// `median` or `mean`.
    pub measure: crate::content::data::Measure,
    /// What the figure measures, as the site labels it.
    pub label: String,
    /// The occupation code when the figure is the code's, not the role's own.
    pub of_code: Option<String>,
    pub period: String,
    pub source: SourceOut,
    /// Why this figure is the role's pay.
    pub why: String,
}

impl PayOut {
    pub fn new(site: &Site, p: &Pay) -> PayOut {
        let (value, high, at_least) = match p.amount {
            Amount::Exact(v) => (v, None, false),
            Amount::Range(a, b) => (a, Some(b), false),
            Amount::AtLeast(v) => (v, None, true),
        };
        PayOut {
            value,
            high,
            at_least,
            measure: p.measure,
            label: p.label.clone(),
            of_code: p.of_code.clone(),
            period: p.period.clone(),
            source: SourceOut::new(site, &p.source),
            why: p.why.clone(),
        }
    }
}

/// A figure quoted from a published source.
#[derive(Debug, Clone, Serialize)]
pub struct FigureOut {
    pub id: String,
    pub label: String,
    /// The figure, or the low end of a range.
    pub value: Option<f64>,
    /// The high end of a range.
    pub high: Option<f64>,
    /// `usd`, `usd-hour`, `percent`, `count` or `text`.
    pub unit: crate::content::data::FigureUnit,
    /// The figure in words, for `text` figures.
    pub text: Option<String>,
    pub period: String,
    pub source: SourceOut,
    pub note: Option<String>,
}

impl FigureOut {
    pub fn new(site: &Site, f: &Figure) -> FigureOut {
        FigureOut {
            id: f.id.clone(),
            label: f.label.clone(),
            value: f.value,
            high: f.high,
            unit: f.unit,
            text: f.text.clone(),
            period: f.period.clone(),
            source: SourceOut::new(site, &f.source),
            note: f.note.clone(),
        }
    }
}

/// An employment projection.
#[derive(Debug, Clone, Serialize)]
pub struct OutlookOut {
    pub soc: String,
    pub title: String,
    /// The projection period, e.g. `2030-2040`.
    pub period: String,
    pub source: SourceOut,
    /// Jobs in the base year.
    pub employment_start: i64,
    /// Jobs projected for the end year.
    pub employment_end: i64,
    pub change_percent: f64,
    /// Average openings a year over the period.
    pub openings_per_year: i64,
    /// Projected change for all occupations over the same period.
    pub all_occupations_change_percent: Option<f64>,
    pub typical_entry_education: Option<String>,
    pub work_experience: Option<String>,
    pub on_the_job_training: Option<String>,
}

impl OutlookOut {
    /// The projection of `code` in `site`'s data, if there is one.
    pub fn of(site: &Site, code: &str) -> Option<OutlookOut> {
        let m = site.data.projection_manifest()?;
        let p: &ProjectionRow = site.data.projection(code)?;
        let jobs = |v: f64| v.round() as i64;
        Some(OutlookOut {
            soc: p.code.clone(),
            title: p.title.clone(),
            period: m.about.period().to_string(),
            source: SourceOut::new(site, &m.about.source),
            employment_start: jobs(p.employment_start),
            employment_end: jobs(p.employment_end),
            change_percent: p.change_pct,
            openings_per_year: jobs(p.openings),
            all_occupations_change_percent: site.data.all_projection().map(|a| a.change_pct),
            typical_entry_education: p.entry_education.clone(),
            work_experience: p.work_experience.clone(),
            on_the_job_training: p.training.clone(),
        })
    }
}

/// A move into or out of a role.
#[derive(Debug, Clone, Serialize)]
pub struct TransitionOut {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub api_url: String,
    /// Typical years in the earlier role before the move, where the source gives them.
    pub years: Option<YearsOut>,
    pub requires: String,
    /// Key of the source that describes the move.
    pub source: Option<String>,
}

impl TransitionOut {
    pub fn new(e: &crate::content::site::Edge, base: &str) -> TransitionOut {
        TransitionOut {
            slug: e.role.slug.clone(),
            title: e.role.fm.title.clone(),
            url: format!("{base}{}", e.role.url()),
            api_url: format!("{base}/api/v1/roles/{}", e.role.slug),
            years: e.years.map(YearsOut::from),
            requires: e.requires.to_string(),
            source: e.source.map(str::to_string),
        }
    }
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleOut {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub url: String,
    pub published: String,
    pub updated: Option<String>,
    pub author: AuthorOut,
    pub category: String,
    pub tags: Vec<String>,
    /// Slugs of the roles the article is about.
    pub roles: Vec<String>,
    pub reading_minutes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorOut {
    pub id: String,
    pub name: String,
}

impl ArticleOut {
    pub fn new(site: &Site, a: &Article, base: &str) -> ArticleOut {
        ArticleOut {
            slug: a.slug.clone(),
            title: a.fm.title.clone(),
            summary: a.fm.summary.clone(),
            url: format!("{base}{}", a.url()),
            published: a.fm.published.iso(),
            updated: a.fm.updated.map(|d| d.iso()),
            author: AuthorOut {
                id: a.fm.author.clone(),
                name: site
                    .authors
                    .get(&a.fm.author)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| a.fm.author.clone()),
            },
            category: a.fm.category.clone(),
            tags: a.fm.tags.clone(),
            roles: a.fm.roles.clone(),
            reading_minutes: a.reading_minutes,
        }
    }
}

/// A question and answer.
#[derive(Debug, Clone, Serialize)]
pub struct FaqOut {
    pub id: i64,
    pub question: String,
    /// The answer as the editors wrote it (Markdown).
    pub answer_markdown: String,
    /// The answer rendered and sanitized.
    pub answer_html: String,
    pub source: Option<SourceOut>,
}

impl FaqOut {
    pub fn new(site: &Site, f: &db::Faq) -> FaqOut {
        FaqOut {
            id: f.id,
            question: f.question.clone(),
            answer_markdown: f.answer_md.clone(),
            answer_html: f.answer_html.clone(),
            source: f.source_key.as_deref().map(|k| SourceOut::new(site, k)),
        }
    }
}
