//! `check`: everything `content::load` checks, plus the checks that are too
//! slow or too strict for every server start: internal links and their
//! `#fragment` anchors, static files referenced from Markdown, `#ref-KEY`
//! citations, and the freshness of figures, sources and program figures.
//! Findings
//! are collected into one [`Report`], printed once, numbered.
//!
//! One file per kind of check: [`links`] (finding links in Markdown),
//! [`targets`] (what addresses and anchors exist), [`freshness`] (dating
//! periods), [`report`] (findings, text and JSON).

pub mod freshness;
pub mod links;
pub mod report;
pub mod targets;
mod toml_lines;

pub use report::{Checked, Finding, Kind, Report, Severity};

use super::CompileCache;
use super::date::Date;
use super::load::{LoadOptions, load_all};
use std::path::{Path, PathBuf};

/// How to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Check drafts as well (as the server does with `--drafts`).
    pub drafts: bool,
    /// The folder `/static/...` links must find their files in.
    pub static_dir: PathBuf,
    /// Figures and sources older than this many months are warnings.
    pub max_age_months: u32,
    /// The day ages are counted to (today, except in tests).
    pub today: Date,
}

impl CheckOptions {
    /// Defaults: no drafts, 24 months, today.
    pub fn new(static_dir: impl Into<PathBuf>) -> Self {
        CheckOptions {
            drafts: false,
            static_dir: static_dir.into(),
            max_age_months: 24,
            today: Date::today(),
        }
    }
}

/// Checks the content tree at `root`. Never stops at the first problem:
/// a file that does not parse is reported once, first, and the links,
/// anchors and freshness of everything else are checked all the same.
pub fn check(root: &Path, opts: &CheckOptions) -> Report {
    let mut report = Report::default();
    let loaded = load_all(
        root,
        LoadOptions {
            drafts: opts.drafts,
        },
        &mut CompileCache::default(),
    );
    let site = loaded.site;
    for e in loaded.errors {
        report.push(e.into());
    }
    freshness::check(root, opts.today, opts.max_age_months, &mut report);
    // The manifest's tables are dated even when the rest does not load.
    for (file, about) in site.data.dated() {
        freshness::check_table(
            &format!("data/{file}"),
            &about.name,
            about.period(),
            opts.today,
            opts.max_age_months,
            &mut report,
        );
    }
    report.checked.roles = site.roles.len();
    report.checked.articles = site.articles.len();
    for w in &site.warnings {
        report.push(Finding::from_warning(w.clone()));
    }
    freshness::check_programs(root, &site, opts.today, opts.max_age_months, &mut report);
    // Links are checked in every file that loaded, even when others did
    // not; links into a file that does not parse wait for it.
    links::check_site(&site, root, &opts.static_dir, opts.today, &mut report);
    report.sort();
    report
}
