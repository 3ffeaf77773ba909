//! Registries shared by every page: authors, sources (the bibliography) and
//! certifications. Each is one TOML file at the top of `content/`.

use super::date::Date;
use serde::Deserialize;

/// `content/authors.toml`: `[[author]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorsFile {
    #[serde(default)]
    pub author: Vec<Author>,
}

/// Someone who writes for the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Short id used in article front matter, e.g. `editorial-team`.
    pub id: String,
    /// Name as shown in bylines.
    pub name: String,
    /// A sentence or two about the author.
    pub bio: String,
}

/// `content/sources.toml`: `[[source]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub source: Vec<Source>,
}

/// One entry of the bibliography.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Key cited by pages and figures, e.g. `test-wages`.
    pub key: String,
    /// Who published it, e.g. "Test Bureau of Trades".
    pub publisher: String,
    /// Title of the document or page.
    pub title: String,
    /// Author, when the source names one.
    #[serde(default)]
    pub author: Option<String>,
    /// Publication date or period as the source gives it, e.g. "2030" or "June 2030".
    pub date: String,
    /// Where to read it, if it is online.
    #[serde(default)]
    pub url: Option<String>,
    /// When we last checked the source.
    #[serde(default)]
    pub accessed: Option<Date>,
    /// A note on how we use the source or how it was reached (e.g. "as cited by trade-guide").
    #[serde(default)]
    pub note: Option<String>,
}

/// `content/certifications.toml`: `[[certification]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationsFile {
    #[serde(default)]
    pub certification: Vec<Certification>,
}

/// A license, certification or board certification.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// Id used in role front matter, e.g. `trade-license`.
    pub id: String,
    /// Full name, e.g. "Test Trade License".
    pub name: String,
    /// Abbreviation as written after a name, e.g. "TTL".
    #[serde(default)]
    pub abbr: Option<String>,
    /// Who grants it.
    pub issuer: String,
    /// `license`, `certification` or `board-certification`.
    pub kind: CredentialKind,
    /// What it takes to earn, in a sentence or two.
    pub requires: String,
    /// Source key for the facts above.
    pub source: String,
}

crate::closed_set! {
    /// The kinds of credential.
    pub enum CredentialKind("credential kind") {
        License = "license" => "License",
        Certification = "certification" => "Certification",
        BoardCertification = "board-certification" => "Board certification",
    }
}

/// `content/site.toml`: what the site is about. The engine knows nothing of
/// any one field; everything field-specific on the home page comes from here.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteInfo {
    /// Site name, shown in the header and titles.
    pub title: String,
    /// A short line under the name.
    pub tagline: String,
    /// Meta description of the home page.
    pub description: String,
    /// Lead paragraph on the home page (Markdown).
    pub intro: String,
    /// Attribution notices printed in every footer (Markdown), e.g. a data license.
    #[serde(default)]
    pub attributions: Vec<String>,
    /// Ids of figures in `content/data/figures.toml` shown as key findings on the home page.
    #[serde(default)]
    pub key_findings: Vec<String>,
    /// `[[background]]`: the backgrounds roles are entered from, in the order
    /// the role explorer offers them. Role front matter names them by id.
    #[serde(default)]
    pub background: Vec<BackgroundDef>,
    /// `intro`, rendered, filled in when the file loads.
    #[serde(skip)]
    pub intro_html: String,
    /// `attributions`, rendered, filled in when the file loads.
    #[serde(skip)]
    pub attributions_html: Vec<String>,
}

/// A background people enter roles from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundDef {
    /// Id used in role front matter and in `/roles/?background=`, e.g. `it`.
    pub id: String,
    /// How pages name it, e.g. "IT".
    pub label: String,
}

impl SiteInfo {
    /// The background with id `id`.
    pub fn background(&self, id: &str) -> Option<&BackgroundDef> {
        self.background.iter().find(|b| b.id == id)
    }
}
