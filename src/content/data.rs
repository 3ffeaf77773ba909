//! Data files under `content/data/` that fill the database: published
//! figures, FAQs and testimonials (TOML), and the data tables (CSV,
//! read by `db::seed` and `content::onet`).

use crate::closed_set;
use serde::Deserialize;

/// `content/data/figures.toml`: `[[figure]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiguresFile {
    #[serde(default)]
    pub figure: Vec<Figure>,
}

/// A figure quoted from a published source (not from the data tables).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Stable id, e.g. `site-lead-pay`.
    pub id: String,
    /// Slug of the role the figure belongs to; omit for site-wide figures.
    #[serde(default)]
    pub role: Option<String>,
    /// What the figure is about: `pay`, `outlook`, `workforce`, `education` or `skills`.
    pub topic: Topic,
    /// What is measured, as a reader would say it, e.g. "Average annual pay".
    pub label: String,
    /// The number (dollars, percent, count or years, per `unit`); omit for `unit = "text"`.
    #[serde(default)]
    pub value: Option<f64>,
    /// Upper end when the source gives a range.
    #[serde(default)]
    pub high: Option<f64>,
    /// `usd`, `usd-hour`, `percent`, `count` or `text`.
    pub unit: FigureUnit,
    /// For pay figures: whether the number is a `median` or a `mean` (an
    /// average). Required of a figure a role names as its headline pay.
    #[serde(default)]
    pub measure: Option<Measure>,
    /// The words when `unit = "text"` (e.g. "Excellent").
    #[serde(default)]
    pub text: Option<String>,
    /// Source key from `content/sources.toml`.
    pub source: String,
    /// The period the figure describes, e.g. "June 2030", "2030-2040", "2030".
    pub period: String,
    /// A caveat shown with the figure.
    #[serde(default)]
    pub note: Option<String>,
}

closed_set! {
    /// How a figure's number reads.
    pub enum FigureUnit("figure unit") {
        Usd = "usd" => "US dollars",
        UsdHour = "usd-hour" => "US dollars an hour",
        Percent = "percent" => "percent",
        Count = "count" => "count",
        Text = "text" => "words",
    }
}

closed_set! {
    /// What a figure is about.
    pub enum Topic("figure topic") {
        Pay = "pay" => "Pay",
        Outlook = "outlook" => "Outlook",
        Workforce = "workforce" => "Workforce",
        Education = "education" => "Education",
        Skills = "skills" => "Skills",
    }
}

closed_set! {
    /// Which statistic a pay figure is.
    pub enum Measure("measure") {
        Median = "median" => "median",
        Mean = "mean" => "average",
    }
}

/// `content/data/faqs.toml`: `[[faq]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqsFile {
    #[serde(default)]
    pub faq: Vec<FaqSeed>,
}

/// A question and answer written by the editors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqSeed {
    /// Stable id; seeding the same id twice does not duplicate the row.
    pub key: String,
    /// Role slug; omit for a site-wide question.
    #[serde(default)]
    pub role: Option<String>,
    /// Order on the page, lowest first.
    pub position: i64,
    pub question: String,
    /// The answer, in Markdown.
    pub answer: String,
    /// The answer rendered, filled in when the file loads.
    #[serde(skip)]
    pub answer_html: String,
    /// The answer as plain text (for structured data), filled in when the file loads.
    #[serde(skip)]
    pub answer_text: String,
    /// Source key backing the answer.
    #[serde(default)]
    pub source: Option<String>,
}

/// `content/data/testimonials.toml`: `[[testimonial]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestimonialsFile {
    #[serde(default)]
    pub testimonial: Vec<TestimonialSeed>,
}

/// A testimonial shipped with the content pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestimonialSeed {
    /// Stable id; seeding the same id twice does not duplicate the row.
    pub key: String,
    /// Role slug the testimonial appears on.
    pub role: String,
    /// First name (or a pseudonym).
    pub name: String,
    /// Where the person came from, e.g. "Former retail worker".
    pub background: String,
    /// What they said.
    pub quote: String,
    /// True for examples written by the editors rather than said by a real person.
    pub illustrative: bool,
}

/// `content/data/synonyms.toml` (optional): `[[synonym]]` groups for the search.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymsFile {
    #[serde(default)]
    pub synonym: Vec<SynonymGroup>,
}

/// Terms a reader may use for the same thing, e.g. an abbreviation and the
/// words it stands for. A search for one term also finds the others.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    /// Two or more terms, each a word or a phrase: `["PV", "photovoltaic"]`.
    pub terms: Vec<String>,
}
