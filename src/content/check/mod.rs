//! `check`: everything `content::load` checks, plus the checks that are too
//! slow or too strict for every server start: internal links and their
//! `#fragment` anchors, static files referenced from Markdown, sources the
//! engine cites by key, and the freshness of figures and sources. Findings
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

pub use report::{Checked, Finding, Report, Severity};

use super::dataset;
use super::date::Date;
use super::load::{LoadOptions, load};
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

/// Checks the content tree at `root`. Never stops at the first problem: a
/// tree that does not load still gets its freshness checked, and the report
/// says that the links were not checked.
pub fn check(root: &Path, opts: &CheckOptions) -> Report {
    let mut report = Report::default();
    let site = match load(
        root,
        LoadOptions {
            drafts: opts.drafts,
        },
    ) {
        Ok(site) => Some(site),
        Err(errors) => {
            for e in errors.0 {
                report.push(e.into());
            }
            None
        }
    };
    freshness::check(root, opts.today, opts.max_age_months, &mut report);
    // The manifest's tables are dated even when the rest does not load.
    let data = dataset::load(root, &mut Vec::new());
    for (file, about) in data.dated() {
        freshness::check_table(
            &format!("data/{file}"),
            &about.name,
            about.period(),
            opts.today,
            opts.max_age_months,
            &mut report,
        );
    }
    match &site {
        Some(site) => {
            report.checked.roles = site.roles.len();
            report.checked.articles = site.articles.len();
            for w in &site.warnings {
                report.push(Finding::from_warning(w.clone()));
            }
            freshness::check_programs(root, site, opts.today, opts.max_age_months, &mut report);
            links::check_site(site, root, &opts.static_dir, opts.today, &mut report);
        }
        None => report.links_skipped = true,
    }
    report.sort();
    report
}
