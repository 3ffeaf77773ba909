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

use super::date::Date;
use super::load::{LoadOptions, load};
use super::site::Site;
use std::path::{Path, PathBuf};

/// A data table whose figures the engine imports with a fixed source and
/// period (the BLS files), so `check` can date them and look up the source.
#[derive(Debug, Clone)]
pub struct DataTable {
    /// The file or files, relative to the content folder, for messages.
    pub file: String,
    /// What the table holds, for messages, e.g. "BLS OEWS wages".
    pub label: String,
    /// Key in `content/sources.toml`.
    pub source: String,
    /// The period its figures describe, e.g. "May 2025".
    pub period: String,
}

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
    /// Tables the engine cites with a fixed source and period; those whose
    /// file is not in the content folder are skipped.
    pub tables: Vec<DataTable>,
}

impl CheckOptions {
    /// Defaults: no drafts, 24 months, today, no data tables.
    pub fn new(static_dir: impl Into<PathBuf>) -> Self {
        CheckOptions {
            drafts: false,
            static_dir: static_dir.into(),
            max_age_months: 24,
            today: Date::today(),
            tables: Vec::new(),
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
    // A pack without the data tables (e.g. a test fixture) has nothing to date.
    let tables: Vec<&DataTable> = opts
        .tables
        .iter()
        .filter(|t| root.join(&t.file).exists())
        .collect();
    for t in &tables {
        freshness::check_table(
            &t.file,
            &t.label,
            &t.period,
            opts.today,
            opts.max_age_months,
            &mut report,
        );
    }
    match &site {
        Some(site) => {
            report.checked.roles = site.roles.len();
            report.checked.articles = site.articles.len();
            check_engine_sources(site, root, &tables, &mut report);
            let extra: Vec<String> = tables.iter().map(|t| t.source.clone()).collect();
            links::check_site(
                site,
                root,
                &opts.static_dir,
                &extra,
                opts.today,
                &mut report,
            );
        }
        None => report.links_skipped = true,
    }
    report.sort();
    report
}

/// Source keys cited by the engine rather than by a content file's own
/// list: the data tables' and `site.toml`'s `onet_source`.
fn check_engine_sources(site: &Site, root: &Path, tables: &[&DataTable], report: &mut Report) {
    for t in tables {
        if !site.sources.contains_key(&t.source) {
            report.push(Finding::error(
                "unknown-source",
                &t.file,
                format!(
                    "{} cite source `{}`, which is not in content/sources.toml; add a [[source]] with that key",
                    t.label, t.source
                ),
            ));
        }
    }
    if let Some(k) = &site.info.onet_source
        && !site.sources.contains_key(k)
    {
        let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("onet_source"));
        let mut f = Finding::error(
            "unknown-source",
            "site.toml",
            format!(
                "unknown source `{k}` in `onet_source`; it must be defined in content/sources.toml"
            ),
        );
        if let Some(l) = line {
            f = f.at(l + 1, None);
        }
        report.push(f);
    }
}
