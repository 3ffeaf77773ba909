//! A pack's data tables read straight from its CSV files, through its
//! manifest (`data/datasets.toml`), so tests compare what the site shows
//! with the files themselves and name no column of their own.

use careers::content::dataset::wages::{WageField, WageManifest};
use careers::content::dataset::{MANIFEST, Manifest};
use std::collections::BTreeMap;
use std::path::Path;

/// One CSV row: column name to cell.
pub type Row = BTreeMap<String, String>;

/// Every row of the CSV file at `path`.
pub fn csv_rows(path: &Path) -> Vec<Row> {
    let mut r = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = r.headers().expect("header line").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("CSV row");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// The manifest of the pack at `root`.
pub fn manifest(root: &Path) -> Manifest {
    let text = std::fs::read_to_string(root.join(MANIFEST)).expect("the pack has a manifest");
    toml::from_str(&text).expect("the manifest parses")
}

/// The pack's wage tables as the manifest names them.
pub struct Wages {
    pub manifest: WageManifest,
    pub national: Vec<Row>,
    pub states: Vec<Row>,
    pub areas: Vec<Row>,
}

impl Wages {
    pub fn of(root: &Path) -> Wages {
        let manifest = manifest(root).wages.expect("the pack has wage tables");
        let data = root.join("data");
        let read = |f: &Option<String>| f.as_ref().map_or(Vec::new(), |f| csv_rows(&data.join(f)));
        Wages {
            national: csv_rows(&data.join(&manifest.national)),
            states: read(&manifest.states),
            areas: read(&manifest.areas),
            manifest,
        }
    }

    /// The cell of `field` in `row`.
    pub fn cell<'a>(&self, row: &'a Row, field: WageField) -> &'a str {
        &row[self.manifest.columns.of(field)]
    }

    /// The code of `row`.
    pub fn code<'a>(&self, row: &'a Row) -> &'a str {
        &row[&self.manifest.columns.code]
    }

    /// The area name of `row`.
    pub fn area<'a>(&self, row: &'a Row) -> &'a str {
        &row[&self.manifest.columns.area_name]
    }

    /// `field` of `row` as a whole number, `None` when blank (a gap or a
    /// top-code).
    pub fn whole(&self, row: &Row, field: WageField) -> Option<i64> {
        let s = self.cell(row, field).replace(',', "");
        s.trim().parse::<f64>().ok().map(|f| f as i64)
    }

    /// True when `row` lists `field` among its top-coded columns.
    pub fn topcoded(&self, row: &Row, field: WageField) -> bool {
        self.flagged(row, &self.manifest.columns.topcoded, field)
    }

    /// True when `row` lists `field` among the columns not released.
    pub fn not_released(&self, row: &Row, field: WageField) -> bool {
        self.flagged(row, &self.manifest.columns.not_released, field)
    }

    fn flagged(&self, row: &Row, flags: &str, field: WageField) -> bool {
        let column = self.manifest.columns.of(field);
        row[flags].split(';').any(|c| c.trim() == column)
    }

    /// The national row of `code`.
    pub fn national_row(&self, code: &str) -> Option<&Row> {
        self.national.iter().find(|r| self.code(r) == code)
    }
}
