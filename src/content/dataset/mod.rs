//! The content pack's data tables, read only through the pack's manifest,
//! `content/data/datasets.toml`. The manifest says what each file is, who
//! published it, the period it describes, its license and its rules (which
//! values are top-coded), and names the file's columns. The engine knows no
//! release, period, column name or source key of its own: a new release is
//! a new manifest, not new code.
//!
//! [`wages`] reads wage tables (percentiles by area and occupation code),
//! [`projections`] projected jobs and openings; occupational profiles
//! (tasks, skills, education) are read by [`super::onet`] from the folder
//! the manifest names. [`CodeNames`] says what pages call the codes.

pub mod projections;
pub mod states;
pub mod wages;

use super::error::ContentError;
use super::front_matter;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// Where the manifest lives, relative to the content folder.
pub const MANIFEST: &str = "data/datasets.toml";

/// What readers and citations need to know about one data table.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct About {
    /// The table's full name, e.g. "Test Wage Table".
    pub name: String,
    /// A short name for captions and citations, e.g. "Test wages".
    pub short: String,
    /// The publisher as a sentence names it, e.g. "the Test Bureau" ("the Test Bureau projects ...").
    pub publisher: String,
    /// Key in `content/sources.toml` that every figure from the table cites.
    pub source: String,
    /// The period the figures describe, as pages print it, e.g. "June 2030".
    /// Omit for tables whose rows carry their own dates (profiles).
    #[serde(default)]
    pub period: Option<String>,
    /// The license the data are used under, e.g. "Public domain" or "CC BY 4.0".
    pub license: String,
}

impl About {
    /// The period, or "" for tables without one.
    pub fn period(&self) -> &str {
        self.period.as_deref().unwrap_or("")
    }
}

/// `content/data/datasets.toml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Wages by occupation code and area.
    #[serde(default)]
    pub wages: Option<wages::WageManifest>,
    /// Projected jobs and openings by occupation code.
    #[serde(default)]
    pub projections: Option<projections::ProjectionManifest>,
    /// Occupational profiles (tasks, skills, education, technology).
    #[serde(default)]
    pub profiles: Option<ProfileManifest>,
    /// What pages call the pack's occupation codes.
    #[serde(default)]
    pub codes: CodeNames,
}

/// The names of the two code systems the pack's data use: the occupation
/// codes of the wage and projection tables (`NN-NNNN`) and the detail codes
/// of the profiles (`NN-NNNN.NN`), as page text prints them before a code
/// ("SOC 47-2111").
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CodeNames {
    pub occupation: String,
    pub detail: String,
}

impl Default for CodeNames {
    fn default() -> CodeNames {
        CodeNames {
            occupation: "Occupation code".into(),
            detail: "Detail code".into(),
        }
    }
}

/// Occupational profiles: tasks, skills, education and technology per
/// detail code, in the database file format [`super::onet`] reads.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProfileManifest {
    pub about: About,
    /// The folder of the profile files, relative to `content/data/`.
    pub folder: String,
}

/// The pack's data, parsed once per load.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub manifest: Option<Manifest>,
    /// National wage rows by occupation code.
    pub national: HashMap<String, wages::WageRow>,
    /// Projections by occupation code.
    pub projections: HashMap<String, projections::ProjectionRow>,
}

impl Data {
    pub fn wages(&self) -> Option<&wages::WageManifest> {
        self.manifest.as_ref()?.wages.as_ref()
    }

    pub fn projection_manifest(&self) -> Option<&projections::ProjectionManifest> {
        self.manifest.as_ref()?.projections.as_ref()
    }

    pub fn profiles(&self) -> Option<&ProfileManifest> {
        self.manifest.as_ref()?.profiles.as_ref()
    }

    /// What pages call the codes (the defaults without a manifest).
    pub fn codes(&self) -> &CodeNames {
        static DEFAULT: std::sync::LazyLock<CodeNames> =
            std::sync::LazyLock::new(CodeNames::default);
        self.manifest.as_ref().map_or(&DEFAULT, |m| &m.codes)
    }

    /// The national wage row of `code`.
    pub fn national(&self, code: &str) -> Option<&wages::WageRow> {
        self.national.get(code)
    }

    /// The projection of `code`.
    pub fn projection(&self, code: &str) -> Option<&projections::ProjectionRow> {
        self.projections.get(code)
    }

    /// The projection of all occupations: the benchmark for "faster than average".
    pub fn all_projection(&self) -> Option<&projections::ProjectionRow> {
        self.projections.get(&self.projection_manifest()?.all_code)
    }

    /// Every table with a period, for dating: (file, about).
    pub fn dated(&self) -> Vec<(&str, &About)> {
        let mut out = Vec::new();
        if let Some(w) = self.wages() {
            out.push((w.national.as_str(), &w.about));
        }
        if let Some(p) = self.projection_manifest() {
            out.push((p.file.as_str(), &p.about));
        }
        out
    }

    /// Every table's `About`, for citations and the data sources page.
    pub fn all_about(&self) -> Vec<&About> {
        let mut out: Vec<&About> = Vec::new();
        if let Some(w) = self.wages() {
            out.push(&w.about);
        }
        if let Some(p) = self.projection_manifest() {
            out.push(&p.about);
        }
        if let Some(p) = self.profiles() {
            out.push(&p.about);
        }
        out
    }
}

/// Reads the manifest and the tables the model holds in memory (national
/// wages, projections). A pack without a manifest has no data tables; one
/// whose manifest or files are broken gets an error per problem.
pub fn load(root: &Path, errors: &mut Vec<ContentError>) -> Data {
    let path = root.join(MANIFEST);
    if !path.exists() {
        return Data::default();
    }
    let manifest = match std::fs::read_to_string(&path) {
        Ok(text) => match front_matter::parse::<Manifest>(Path::new(MANIFEST), &text, 1) {
            Ok(m) => m,
            Err(e) => {
                errors.push(e);
                return Data::default();
            }
        },
        Err(e) => {
            errors.push(ContentError::new(MANIFEST, format!("cannot read: {e}")));
            return Data::default();
        }
    };
    let data_dir = root.join("data");
    let mut data = Data::default();
    if let Some(w) = &manifest.wages {
        data.national = wages::read(&data_dir, &w.national, w, wages::Area::National)
            .map(|rows| rows.into_iter().map(|r| (r.code.clone(), r)).collect())
            .unwrap_or_else(|e| {
                errors.push(e);
                HashMap::new()
            });
    }
    if let Some(p) = &manifest.projections {
        data.projections = projections::read(&data_dir, p)
            .map(|rows| rows.into_iter().map(|r| (r.code.clone(), r)).collect())
            .unwrap_or_else(|e| {
                errors.push(e);
                HashMap::new()
            });
    }
    data.manifest = Some(manifest);
    data
}

/// A CSV file of a table, its header checked against the columns the
/// manifest names: an error names the missing column and the manifest key.
pub(crate) struct CsvFile {
    /// Path relative to the content folder, for messages.
    pub rel: String,
    headers: csv::StringRecord,
    reader: csv::Reader<std::fs::File>,
}

impl CsvFile {
    pub fn open(data_dir: &Path, file: &str) -> Result<CsvFile, ContentError> {
        let rel = format!("data/{file}");
        let mut reader = csv::Reader::from_path(data_dir.join(file)).map_err(|e| {
            ContentError::new(
                &rel,
                format!("cannot read the data file named in {MANIFEST}: {e}"),
            )
        })?;
        let headers = reader
            .headers()
            .map_err(|e| ContentError::new(&rel, format!("cannot read the header line: {e}")))?
            .clone();
        Ok(CsvFile {
            rel,
            headers,
            reader,
        })
    }

    /// The index of `column`, which the manifest names as `key`.
    pub fn column(&self, key: &str, column: &str) -> Result<usize, ContentError> {
        self.headers
            .iter()
            .position(|h| h.trim() == column)
            .ok_or_else(|| {
                ContentError::new(
                    &self.rel,
                    format!(
                        "has no column `{column}`, which {MANIFEST} names as `{key}`; correct the column name there"
                    ),
                )
                .at_line(1)
            })
    }

    /// Every record with its 1-based line.
    pub fn records(
        &mut self,
    ) -> impl Iterator<Item = Result<(usize, csv::StringRecord), ContentError>> + '_ {
        let rel = self.rel.clone();
        self.reader.records().map(move |r| {
            r.map(|rec| (rec.position().map_or(0, |p| p.line() as usize), rec))
                .map_err(|e| ContentError::new(&rel, format!("cannot read a row: {e}")))
        })
    }
}

/// A cell with no value: blank, or a dash a publisher uses for "none".
pub(crate) fn is_blank(s: &str) -> bool {
    matches!(s.trim(), "" | "—" | "–")
}

/// A number such as `33.54` or `1,000.5`; blank is `None`.
pub(crate) fn parse_real(s: &str) -> Result<Option<f64>, String> {
    let s = s.trim();
    if is_blank(s) {
        return Ok(None);
    }
    let digits: String = s.chars().filter(|&c| c != ',').collect();
    match digits.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Some(f)),
        _ => Err(format!("`{s}` is not a number")),
    }
}

/// A whole number such as `155495730`, `1,234` or `69770.0`; blank is `None`.
pub(crate) fn parse_int(s: &str) -> Result<Option<i64>, String> {
    match parse_real(s)? {
        None => Ok(None),
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        Some(_) => Err(format!("`{}` is not a whole number", s.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_int("155495730"), Ok(Some(155_495_730)));
        assert_eq!(parse_int(" 1,234 "), Ok(Some(1234)));
        assert_eq!(parse_int("69770.0"), Ok(Some(69770)));
        assert_eq!(parse_int(""), Ok(None));
        assert!(parse_int("33.54").is_err());
        assert!(parse_int("#").is_err());
        assert_eq!(parse_real("33.54"), Ok(Some(33.54)));
        assert_eq!(parse_real("—"), Ok(None));
        assert!(parse_real("NaN").is_err());
        assert!(parse_real("*").is_err());
    }
}
