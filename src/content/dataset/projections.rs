//! Projected jobs: for each occupation code, jobs at the start and
//! end of the projection period, the change, and openings a year.

use super::{About, CsvFile, is_blank, parse_real};
use crate::content::error::ContentError;
use serde::Deserialize;
use std::path::Path;

/// `[projections]` in the manifest.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProjectionManifest {
    pub about: About,
    /// The file, relative to `content/data/`.
    pub file: String,
    /// The code of the all-occupations row, e.g. `00-0000`.
    pub all_code: String,
    /// The first and last year of the projection.
    pub start_year: u16,
    pub end_year: u16,
    /// How many jobs one unit of the employment and openings columns counts
    /// (1000 when the file counts thousands).
    pub employment_unit: f64,
    pub columns: ProjectionColumns,
}

/// The columns of the projections file, by what they hold.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProjectionColumns {
    pub code: String,
    pub title: String,
    /// Employment in the start year.
    pub employment_start: String,
    /// Projected employment in the end year.
    pub employment_end: String,
    /// Percent change over the period.
    pub change_pct: String,
    /// Average openings a year over the period.
    pub openings: String,
    /// Typical education needed to enter (may be blank).
    pub entry_education: String,
    /// Work experience in a related occupation (may be blank).
    pub work_experience: String,
    /// Typical on-the-job training (may be blank).
    pub training: String,
}

/// One occupation's projection. Employment and openings count jobs.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionRow {
    pub code: String,
    pub title: String,
    pub employment_start: f64,
    pub employment_end: f64,
    pub change_pct: f64,
    pub openings: f64,
    pub entry_education: Option<String>,
    pub work_experience: Option<String>,
    pub training: Option<String>,
}

/// Reads the projections file; an error names the file, line and column.
pub fn read(data_dir: &Path, m: &ProjectionManifest) -> Result<Vec<ProjectionRow>, ContentError> {
    let mut csv = CsvFile::open(data_dir, &m.file)?;
    let c = &m.columns;
    let names = [
        ("code", &c.code),
        ("title", &c.title),
        ("employment_start", &c.employment_start),
        ("employment_end", &c.employment_end),
        ("change_pct", &c.change_pct),
        ("openings", &c.openings),
        ("entry_education", &c.entry_education),
        ("work_experience", &c.work_experience),
        ("training", &c.training),
    ];
    let idx: Vec<usize> = names
        .iter()
        .map(|(k, n)| csv.column(k, n))
        .collect::<Result<_, _>>()?;
    let rel = csv.rel.clone();
    let mut rows = Vec::new();
    for record in csv.records() {
        let (line, r) = record?;
        let cell = |i: usize| r.get(idx[i]).unwrap_or("").trim();
        let number = |i: usize| -> Result<f64, ContentError> {
            let err = |m: String| {
                ContentError::new(&rel, format!("column `{}`: {m}", names[i].1)).at_line(line)
            };
            parse_real(cell(i))
                .map_err(err)?
                .ok_or_else(|| err("is blank".into()))
        };
        let text = |i: usize| Some(cell(i).to_string()).filter(|s| !is_blank(s));
        let code = cell(0).to_string();
        if code.is_empty() {
            return Err(ContentError::new(&rel, "the code cell is blank").at_line(line));
        }
        rows.push(ProjectionRow {
            code,
            title: cell(1).to_string(),
            employment_start: number(2)? * m.employment_unit,
            employment_end: number(3)? * m.employment_unit,
            change_pct: number(4)?,
            openings: number(5)? * m.employment_unit,
            entry_education: text(6),
            work_experience: text(7),
            training: text(8),
        });
    }
    Ok(rows)
}
