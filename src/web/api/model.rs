//! The API's response shapes. These are separate from the content and
//! database structs on purpose: they decide what is public, so an internal
//! field added elsewhere never leaks into the API. Field names and nesting
//! match `openapi.json`.

use crate::content::Site;
use crate::content::article::Article;
use crate::content::role::{Background, Degree, Role, Years};
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

/// The key of a degree level, as written in front matter.
pub fn degree_key(d: Degree) -> &'static str {
    match d {
        Degree::None => "none",
        Degree::Certificate => "certificate",
        Degree::Associate => "associate",
        Degree::Bachelor => "bachelor",
        Degree::Master => "master",
        Degree::Doctorate => "doctorate",
    }
}

/// The key of an entry background, as written in front matter.
pub fn background_key(b: Background) -> &'static str {
    match b {
        Background::Clinical => "clinical",
        Background::It => "it",
        Background::Business => "business",
        Background::HealthAdmin => "health-admin",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EducationOut {
    /// `none`, `certificate`, `associate`, `bachelor`, `master` or `doctorate`.
    pub minimum: &'static str,
    pub minimum_label: String,
    pub preferred: Option<&'static str>,
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
                minimum: degree_key(e.minimum),
                minimum_label: e.minimum.to_string(),
                preferred: e.preferred.map(degree_key),
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

/// Annual wages by percentile, in US dollars. `None` when BLS did not
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

/// Where an OEWS estimate applies.
#[derive(Debug, Clone, Serialize)]
pub struct AreaOut {
    /// BLS OEWS area code: `0000000` for the nation.
    pub code: String,
    /// `national`, `state` or `metro_or_nonmetro`.
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    /// Two-letter USPS code on state rows.
    pub state: Option<String>,
}

/// One OEWS estimate: an occupation in an area, for one release.
#[derive(Debug, Clone, Serialize)]
pub struct WageOut {
    pub soc: String,
    pub occupation_title: String,
    pub area: AreaOut,
    /// `May 2025`.
    pub period: String,
    pub source: SourceOut,
    /// Jobs, excluding the self-employed.
    pub employment: Option<i64>,
    pub hourly_mean: Option<f64>,
    pub annual: AnnualOut,
    /// Fields BLS top-coded (at or above its highest published wage).
    pub topcoded: Vec<String>,
    /// Fields BLS did not release.
    pub not_released: Vec<String>,
}

/// `annual_p90_wage` -> `p90`, `hourly_mean_wage` -> `hourly_mean`.
fn field_name(column: &str) -> String {
    let c = column.strip_suffix("_wage").unwrap_or(column);
    c.strip_prefix("annual_").unwrap_or(c).to_string()
}

impl WageOut {
    pub fn new(site: &Site, w: &db::Wage) -> WageOut {
        WageOut {
            soc: w.soc_code.clone(),
            occupation_title: w.occupation_title.clone(),
            area: AreaOut {
                code: w.area_code.clone(),
                kind: w.area_type.clone(),
                name: w.area_name.clone(),
                state: w.state_abbr.clone(),
            },
            period: w.period.clone(),
            source: SourceOut::new(site, &w.source_key),
            employment: w.employment,
            hourly_mean: w.hourly_mean,
            annual: AnnualOut {
                p10: w.annual_p10,
                p25: w.annual_p25,
                median: w.annual_median,
                p75: w.annual_p75,
                p90: w.annual_p90,
                mean: w.annual_mean,
            },
            topcoded: w.topcoded.iter().map(|c| field_name(c)).collect(),
            not_released: w.not_released.iter().map(|c| field_name(c)).collect(),
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
    pub unit: String,
    /// The figure in words, for `text` figures.
    pub text: Option<String>,
    pub period: String,
    pub source: SourceOut,
    pub note: Option<String>,
}

impl FigureOut {
    pub fn new(site: &Site, f: &db::FigureRow) -> FigureOut {
        FigureOut {
            id: f.id.clone(),
            label: f.label.clone(),
            value: f.value,
            high: f.high,
            unit: f.unit.clone(),
            text: f.text.clone(),
            period: f.period.clone(),
            source: SourceOut::new(site, &f.source_key),
            note: f.note.clone(),
        }
    }
}

/// A BLS employment projection.
#[derive(Debug, Clone, Serialize)]
pub struct OutlookOut {
    pub soc: String,
    pub title: String,
    /// `2024-2034`.
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
    pub fn new(site: &Site, p: &db::Projection, all: Option<&db::Projection>) -> OutlookOut {
        let jobs = |thousands: f64| (thousands * 1000.0).round() as i64;
        OutlookOut {
            soc: p.soc_code.clone(),
            title: p.title.clone(),
            period: p.period.clone(),
            source: SourceOut::new(site, &p.source_key),
            employment_start: jobs(p.employment_2024),
            employment_end: jobs(p.employment_2034),
            change_percent: p.change_pct,
            openings_per_year: jobs(p.openings_per_year),
            all_occupations_change_percent: all.map(|a| a.change_pct),
            typical_entry_education: p.typical_entry_education.clone(),
            work_experience: p.work_experience.clone(),
            on_the_job_training: p.on_the_job_training.clone(),
        }
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
            answer_html: crate::content::markdown::render(&f.answer_md).html,
            source: f.source_key.as_deref().map(|k| SourceOut::new(site, k)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::field_name;

    #[test]
    fn wage_columns_become_field_names() {
        assert_eq!(field_name("annual_p90_wage"), "p90");
        assert_eq!(field_name("annual_mean_wage"), "mean");
        assert_eq!(field_name("hourly_mean_wage"), "hourly_mean");
        assert_eq!(field_name("employment"), "employment");
    }
}
