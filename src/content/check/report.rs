//! The findings of `check`: errors and warnings, each naming its file and,
//! where known, line and column, with what to do. They are collected, sorted
//! by file and line, and printed once, numbered, with a summary line; or as
//! JSON for other tools.

use crate::content::error::ContentError;
use serde::Serialize;
use std::path::Path;

/// How bad a finding is. Errors make `check` fail; warnings do too under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

crate::closed_set! {
    /// The kind of a finding: a stable name for tools and tests.
    pub enum Kind("finding kind") {
        /// A file that does not parse (its front matter, a type, a date):
        /// listed first, as later findings may follow from it.
        Parse = "parse" => "file does not parse",
        /// Anything else `content::load` rejects: duplicates, unknown
        /// references, a move or years figure without a source.
        Content = "content" => "content error",
        /// What `content::load` lets pass but a page shows less for.
        ContentWarning = "content-warning" => "content warning",
        BrokenLink = "broken-link" => "broken link",
        BrokenFragment = "broken-fragment" => "broken anchor",
        MissingFile = "missing-file" => "missing file",
        RedirectingLink = "redirecting-link" => "link through a redirect",
        UnpublishedLink = "unpublished-link" => "link to an unpublished page",
        UnknownSource = "unknown-source" => "unknown source",
        StaleFigure = "stale-figure" => "stale figure",
        StaleSource = "stale-source" => "stale source",
        UndatablePeriod = "undatable-period" => "undatable period",
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub kind: Kind,
    /// The file, relative to the content folder.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl Finding {
    pub fn error(kind: Kind, file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            kind,
            file: file.as_ref().display().to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn warning(kind: Kind, file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(kind, file, message)
        }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// `file:line:column: severity: message`, as `check` prints it.
    pub fn line(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!("{}: {sev}: {}", self.location(), self.message)
    }

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> String {
        let mut s = self.file.clone();
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
            if let Some(c) = self.column {
                s.push_str(&format!(":{c}"));
            }
        }
        s
    }
}

impl From<ContentError> for Finding {
    fn from(e: ContentError) -> Self {
        Finding {
            severity: Severity::Error,
            kind: if e.parse { Kind::Parse } else { Kind::Content },
            file: e.path.display().to_string(),
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

impl Finding {
    /// A problem `content::load` let pass but the editor should fix: the
    /// site serves, a page shows less than meant (`content-warning`).
    pub fn from_warning(e: ContentError) -> Self {
        Finding {
            severity: Severity::Warning,
            kind: Kind::ContentWarning,
            ..Finding::from(e)
        }
    }
}

/// What was looked at, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub roles: usize,
    pub articles: usize,
    pub links: usize,
    pub figures: usize,
    pub sources: usize,
}

/// Everything one `check` run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub checked: Checked,
}

impl Report {
    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }

    /// `--strict`: every warning becomes an error.
    pub fn make_strict(&mut self) {
        for f in &mut self.findings {
            f.severity = Severity::Error;
        }
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// True when there is no error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors() == 0
    }

    /// Orders the findings: files that do not parse first (other findings
    /// may follow from them), then by file, line and column.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.kind != Kind::Parse)
                .cmp(&(b.kind != Kind::Parse))
                .then(a.file.cmp(&b.file))
                .then(a.line.unwrap_or(0).cmp(&b.line.unwrap_or(0)))
                .then(a.column.unwrap_or(0).cmp(&b.column.unwrap_or(0)))
        });
    }

    /// Those findings of `kind`.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Finding> + '_ {
        self.findings.iter().filter(move |f| f.kind == kind)
    }

    /// The summary line: how many errors and warnings, and what was checked.
    pub fn summary(&self) -> String {
        let (e, w) = (self.errors(), self.warnings());
        let c = &self.checked;
        let s = format!(
            "{} and {} in content ({} roles, {} articles, {} links, {} figures, {} sources checked)",
            plural(e, "error"),
            plural(w, "warning"),
            c.roles,
            c.articles,
            c.links,
            c.figures,
            c.sources
        );
        s
    }

    /// The findings, numbered, then the summary line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, f) in self.findings.iter().enumerate() {
            out.push_str(&format!("{:>3}. {}\n", i + 1, f.line()));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The same findings as JSON: `{ok, errors, warnings, checked, findings: [{number, severity, kind, file, line, column, message}]}`.
    pub fn json(&self) -> String {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut v = serde_json::to_value(f).unwrap_or_default();
                v["number"] = serde_json::json!(i + 1);
                v
            })
            .collect();
        let doc = serde_json::json!({
            "ok": self.is_ok(),
            "errors": self.errors(),
            "warnings": self.warnings(),
            "checked": self.checked,
            "findings": findings,
            "summary": self.summary(),
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        let mut r = Report::default();
        r.push(Finding::warning(Kind::StaleFigure, "data/figures.toml", "old").at(9, Some(10)));
        r.push(Finding::error(Kind::BrokenLink, "articles/a.md", "gone").at(3, Some(5)));
        r.sort();
        r
    }

    #[test]
    fn text_is_numbered_with_a_summary() {
        let t = sample().text();
        assert!(t.contains("  1. articles/a.md:3:5: error: gone\n"), "{t}");
        assert!(
            t.contains("  2. data/figures.toml:9:10: warning: old\n"),
            "{t}"
        );
        assert!(t.contains("1 error and 1 warning in content"), "{t}");
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut r = sample();
        assert_eq!((r.errors(), r.warnings()), (1, 1));
        r.make_strict();
        assert_eq!((r.errors(), r.warnings()), (2, 0));
        assert!(!r.is_ok());
    }

    #[test]
    fn json_carries_the_same_findings() {
        let v: serde_json::Value = serde_json::from_str(&sample().json()).unwrap();
        assert_eq!(v["ok"], false);
        assert_eq!(v["findings"][0]["number"], 1);
        assert_eq!(v["findings"][0]["kind"], "broken-link");
        assert_eq!(v["findings"][0]["line"], 3);
        assert_eq!(v["findings"][1]["severity"], "warning");
    }
}
