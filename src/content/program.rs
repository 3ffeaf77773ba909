//! Programs: `content/programs/*.md`, the degrees, certificates and
//! fellowships that lead to the pack's roles.
//!
//! A program with an `institution` is one institution's program: its length,
//! cost and call to action are what that institution publishes, each with
//! the source and date. A program without one is a *kind* of program that
//! the sources describe (say, "a master's degree in the field"): it names
//! the roles it leads to and its sources, and carries no figure, official
//! address or call to action, since no one institution publishes them.

use super::date::Date;
use super::editorial::Correction;
use super::html::Html;
use crate::closed_set;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The front matter of a program file. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramFrontMatter {
    /// The program's name as its institution gives it, e.g. "Online Master
    /// of Science in Wind Energy"; for a kind of program, what it is, e.g.
    /// "Apprenticeship in electrical work".
    pub title: String,
    /// The URL segment (`/programs/{slug}/`). Defaults to the file name without `.md`.
    #[serde(default)]
    pub slug: Option<String>,
    /// One or two sentences for listings and the meta description.
    pub summary: String,
    /// Who offers it, e.g. "Example Technical College". Leave it out for a
    /// kind of program that the sources describe without naming one.
    #[serde(default)]
    pub institution: Option<String>,
    /// `certificate`, `associate`, `bachelor`, `master`, `doctorate` or `fellowship`.
    pub credential: Credential,
    /// The field of study, e.g. "electrical technology".
    pub field: String,
    /// How it is taught: any of `online`, `on-campus`, `hybrid`, as the
    /// institution states it. Leave it out when no source says.
    #[serde(default)]
    pub delivery: Vec<Delivery>,
    /// Who accredits it, with the source that says so.
    #[serde(default)]
    pub accreditation: Option<Accreditation>,
    /// How long it takes, as the institution publishes it, with source and date.
    #[serde(default)]
    pub length: Option<Published>,
    /// What it costs, as the institution publishes it, with source and date.
    #[serde(default)]
    pub cost: Option<Published>,
    /// The institution's page for the program (`https://...`). Required
    /// with `institution`; a kind of program has none.
    #[serde(default)]
    pub url: Option<String>,
    /// Slugs of the roles the program prepares for, as its sources name them.
    pub roles: Vec<String>,
    /// Ids from `content/certifications.toml` of the credentials a graduate
    /// becomes eligible for. Needs `eligible_source`.
    #[serde(default)]
    pub eligible: Vec<String>,
    /// Key of the source (in `content/sources.toml` and in `sources`) that
    /// says a graduate becomes eligible for `eligible`.
    #[serde(default)]
    pub eligible_source: Option<String>,
    /// Keys from `content/sources.toml` that describe the program; listed under References.
    pub sources: Vec<String>,
    /// The institution's call to action: a button to its own page.
    #[serde(default)]
    pub call_to_action: Option<CallToAction>,
    /// True when the institution pays for the listing: every page and list
    /// that shows the program says so.
    #[serde(default)]
    pub sponsored: bool,
    /// When an editor last checked the record against its sources.
    pub updated: Date,
    /// Dated corrections of the page (see the editorial policy's log).
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// A draft is left out of the site.
    #[serde(default)]
    pub draft: bool,
}

closed_set! {
    /// What a program awards, lowest first.
    pub enum Credential("credential") {
        Certificate = "certificate" => "Certificate",
        Associate = "associate" => "Associate degree",
        Bachelor = "bachelor" => "Bachelor's degree",
        Master = "master" => "Master's degree",
        Doctorate = "doctorate" => "Doctoral degree",
        Fellowship = "fellowship" => "Fellowship",
    }
}

closed_set! {
    /// How a program is taught.
    pub enum Delivery("delivery") {
        Online = "online" => "Online",
        OnCampus = "on-campus" => "On campus",
        Hybrid = "hybrid" => "Hybrid",
    }
}

/// `[accreditation]`: who accredits the program.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accreditation {
    /// The accreditor's short name, e.g. "TAB"; `/programs/?accreditation=`
    /// takes it in lower case with hyphens (`tab`).
    pub by: String,
    /// Its full name, when it differs from the short one.
    #[serde(default)]
    pub name: Option<String>,
    /// Key of the source that states the accreditation.
    pub source: String,
}

/// A length or cost exactly as the institution publishes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// The words and numbers the institution uses, e.g. "36 credit hours"
    /// or "$450 per credit hour".
    pub text: String,
    /// Key of the source that publishes it. Required.
    #[serde(default)]
    pub source: Option<String>,
    /// The date or period the source gives for it, e.g. "2030-31" or
    /// "June 2030" ("undated" when it gives none). Required; `check`
    /// flags it when it is old.
    #[serde(default)]
    pub as_of: Option<String>,
}

/// `[call_to_action]`: the institution's button.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallToAction {
    /// The words on the button, e.g. "Request information".
    pub text: String,
    /// Where it goes: an `https://` address on the institution's site.
    pub url: String,
    /// Query parameters the institution asked for, added to `url`, e.g.
    /// `{ utm_source = "guide" }`. Letters, digits, `-`, `_` and `.` only.
    #[serde(default)]
    pub tracking: BTreeMap<String, String>,
}

impl CallToAction {
    /// The button's address: `url` with the tracking parameters added.
    pub fn href(&self) -> String {
        if self.tracking.is_empty() {
            return self.url.clone();
        }
        let params: Vec<String> = self
            .tracking
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let join = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{join}{}", self.url, params.join("&"))
    }
}

/// True for characters a tracking key or value may use (none needs escaping).
pub fn tracking_safe(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A compiled program.
#[derive(Debug, Clone)]
pub struct Program {
    pub slug: String,
    pub fm: Arc<ProgramFrontMatter>,
    /// Path relative to the content folder.
    pub path: String,
    /// The body, rendered and sanitized.
    pub html: Html,
    /// The filter key of the accreditor (`by`, slugified), if accredited.
    pub accreditor: Option<String>,
}

impl Program {
    pub fn url(&self) -> String {
        program_url(&self.slug)
    }

    /// True for a kind of program (no institution named).
    pub fn is_kind(&self) -> bool {
        self.fm.institution.is_none()
    }

    /// Its draft flag, for [`super::Site::is_visible`].
    pub fn schedule(&self) -> super::site::Schedule {
        super::site::Schedule {
            draft: self.fm.draft,
            publish: None,
            expires: None,
        }
    }

    /// The published figures, with what each is: ("Length", figure).
    pub fn figures(&self) -> impl Iterator<Item = (&'static str, &Published)> {
        [("Length", &self.fm.length), ("Cost", &self.fm.cost)]
            .into_iter()
            .filter_map(|(what, p)| p.as_ref().map(|p| (what, p)))
    }
}

/// The listing of every program.
pub const PROGRAMS_URL: &str = "/programs/";

/// The page of the program with `slug`.
pub fn program_url(slug: &str) -> String {
    format!("{PROGRAMS_URL}{slug}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_join_the_address() {
        let mut c = CallToAction {
            text: "Apply".into(),
            url: "https://example.edu/apply".into(),
            tracking: BTreeMap::new(),
        };
        assert_eq!(c.href(), "https://example.edu/apply");
        c.tracking.insert("utm_source".into(), "guide".into());
        c.tracking.insert("utm_medium".into(), "referral".into());
        assert_eq!(
            c.href(),
            "https://example.edu/apply?utm_medium=referral&utm_source=guide"
        );
        c.url = "https://example.edu/apply?x=1".into();
        assert!(
            c.href()
                .starts_with("https://example.edu/apply?x=1&utm_medium")
        );
        assert!(tracking_safe("utm_source") && !tracking_safe("a b") && !tracking_safe("a&b"));
    }
}
