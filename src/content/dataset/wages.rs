//! Wage tables: for each occupation code and area, employment and annual
//! wages by percentile. The manifest names the files (national, state and
//! local areas), the columns, and the publisher's top-code: a value at or
//! above it is published only as "at least" that much.

use super::{About, CsvFile, parse_int, parse_real};
use crate::closed_set;
use crate::content::error::ContentError;
use serde::Deserialize;
use std::path::Path;

closed_set! {
    /// A wage figure of a row. The keys are the names the JSON API uses.
    pub enum WageField("wage figure") {
        Employment = "employment" => "Employment",
        HourlyMean = "hourly_mean" => "Mean hourly wage",
        Mean = "mean" => "Mean annual wage",
        P10 = "p10" => "10th percentile",
        P25 = "p25" => "25th percentile",
        Median = "median" => "Median",
        P75 = "p75" => "75th percentile",
        P90 = "p90" => "90th percentile",
    }
}

closed_set! {
    /// The kind of area a row describes, from the file it is in.
    pub enum Area("area type") {
        National = "national" => "National",
        State = "state" => "State",
        Local = "metro_or_nonmetro" => "Metro or nonmetro area",
    }
}

/// `[wages]` in the manifest.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WageManifest {
    pub about: About,
    /// The national rows, relative to `content/data/`.
    pub national: String,
    /// The state rows (states, DC, territories), if the pack has them.
    #[serde(default)]
    pub states: Option<String>,
    /// The rows of smaller areas (metro and nonmetro areas), if any.
    #[serde(default)]
    pub areas: Option<String>,
    /// The code of the all-occupations row, e.g. `00-0000`.
    pub all_code: String,
    /// The publisher's top-code: wages at or above it are not published.
    pub top_code: TopCode,
    pub columns: WageColumns,
}

impl WageManifest {
    /// The files with the kind of area each holds.
    pub fn files(&self) -> Vec<(&str, Area)> {
        let mut out = vec![(self.national.as_str(), Area::National)];
        out.extend(self.states.as_deref().map(|f| (f, Area::State)));
        out.extend(self.areas.as_deref().map(|f| (f, Area::Local)));
        out
    }
}

/// The top-code of annual and hourly wages.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopCode {
    /// Annual wages at or above this many dollars are top-coded.
    pub annual: i64,
    /// Hourly wages at or above this many dollars are top-coded.
    pub hourly: f64,
}

/// The columns of the wage files, by what they hold.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WageColumns {
    pub area_code: String,
    pub area_name: String,
    /// The two-digit state code (FIPS), blank on national rows.
    pub state_fips: String,
    /// The occupation code (SOC).
    pub code: String,
    /// The occupation's title.
    pub title: String,
    pub employment: String,
    pub hourly_mean: String,
    pub mean: String,
    pub p10: String,
    pub p25: String,
    pub median: String,
    pub p75: String,
    pub p90: String,
    /// `;`-separated names of columns the publisher did not release (names
    /// of columns not listed here are ignored).
    pub not_released: String,
    /// `;`-separated names of columns that are top-coded.
    pub topcoded: String,
}

impl WageColumns {
    /// The file column of `field`.
    pub fn of(&self, field: WageField) -> &str {
        match field {
            WageField::Employment => &self.employment,
            WageField::HourlyMean => &self.hourly_mean,
            WageField::Mean => &self.mean,
            WageField::P10 => &self.p10,
            WageField::P25 => &self.p25,
            WageField::Median => &self.median,
            WageField::P75 => &self.p75,
            WageField::P90 => &self.p90,
        }
    }

    /// The field a file column holds.
    fn field(&self, column: &str) -> Option<WageField> {
        WageField::ALL
            .iter()
            .copied()
            .find(|f| self.of(*f) == column)
    }
}

/// One row: an occupation in an area.
#[derive(Debug, Clone, PartialEq)]
pub struct WageRow {
    pub area: Area,
    pub area_code: String,
    pub area_name: String,
    pub state_fips: Option<String>,
    /// The USPS code (`NY`, `DC`, `PR`) on state rows; `None` on others.
    pub state_abbr: Option<String>,
    pub code: String,
    pub title: String,
    pub employment: Option<i64>,
    pub hourly_mean: Option<f64>,
    pub mean: Option<i64>,
    pub p10: Option<i64>,
    pub p25: Option<i64>,
    pub median: Option<i64>,
    pub p75: Option<i64>,
    pub p90: Option<i64>,
    pub not_released: Vec<WageField>,
    pub topcoded: Vec<WageField>,
}

/// What one figure of a row is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A published annual figure in dollars (or a count, for employment).
    Whole(i64),
    /// A published hourly figure in dollars.
    Hourly(f64),
    /// At or above the publisher's top-code: only a floor is known.
    TopCoded,
    /// The publisher did not release it.
    NotReleased,
}

impl WageRow {
    /// The annual percentile or mean `field` (or employment), as published.
    pub fn value(&self, field: WageField) -> Value {
        if self.topcoded.contains(&field) {
            return Value::TopCoded;
        }
        let whole = |v: Option<i64>| v.map_or(Value::NotReleased, Value::Whole);
        match field {
            WageField::Employment => whole(self.employment),
            WageField::HourlyMean => self.hourly_mean.map_or(Value::NotReleased, Value::Hourly),
            WageField::Mean => whole(self.mean),
            WageField::P10 => whole(self.p10),
            WageField::P25 => whole(self.p25),
            WageField::Median => whole(self.median),
            WageField::P75 => whole(self.p75),
            WageField::P90 => whole(self.p90),
        }
    }

    /// A published figure as a number (top-coded and unreleased are `None`).
    pub fn whole(&self, field: WageField) -> Option<i64> {
        match self.value(field) {
            Value::Whole(v) => Some(v),
            _ => None,
        }
    }
}

/// Reads the wage file `file` (relative to `data_dir`) whose rows are all
/// of kind `area`. An error names the file, the line and the column.
pub fn read(
    data_dir: &Path,
    file: &str,
    m: &WageManifest,
    area: Area,
) -> Result<Vec<WageRow>, ContentError> {
    let mut csv = CsvFile::open(data_dir, file)?;
    let c = &m.columns;
    let col = |csv: &CsvFile, key: &str, name: &str| csv.column(key, name);
    let i_area = col(&csv, "area_code", &c.area_code)?;
    let i_name = col(&csv, "area_name", &c.area_name)?;
    let i_fips = col(&csv, "state_fips", &c.state_fips)?;
    let i_code = col(&csv, "code", &c.code)?;
    let i_title = col(&csv, "title", &c.title)?;
    let i_nr = col(&csv, "not_released", &c.not_released)?;
    let i_top = col(&csv, "topcoded", &c.topcoded)?;
    let fields: Vec<usize> = WageField::ALL
        .iter()
        .map(|f| col(&csv, f.key(), c.of(*f)))
        .collect::<Result<_, _>>()?;
    let rel = csv.rel.clone();
    let mut rows = Vec::new();
    for record in csv.records() {
        let (line, r) = record?;
        let cell = |i: usize| r.get(i).unwrap_or("").trim();
        let at = |i: usize, message: String| {
            let column = c.of(WageField::ALL[i]);
            ContentError::new(&rel, format!("column `{column}`: {message}")).at_line(line)
        };
        let int = |i: usize| parse_int(cell(fields[i])).map_err(|m| at(i, m));
        // Flags on columns the manifest does not name are about figures the
        // site never shows, so they are skipped.
        let fields_in = |i: usize| -> Result<Vec<WageField>, ContentError> {
            Ok(cell(i)
                .split(';')
                .map(str::trim)
                .filter_map(|name| c.field(name))
                .collect())
        };
        let required = |i: usize, key: &str| -> Result<String, ContentError> {
            let v = cell(i);
            if v.is_empty() {
                return Err(
                    ContentError::new(&rel, format!("the `{key}` cell is blank")).at_line(line),
                );
            }
            Ok(v.to_string())
        };
        let state_fips = Some(cell(i_fips).to_string()).filter(|s| !s.is_empty());
        let state_abbr = match area {
            Area::State => {
                let abbr = state_fips.as_deref().and_then(super::states::abbr_for_fips);
                if abbr.is_none() {
                    return Err(ContentError::new(
                        &rel,
                        format!(
                            "state row with state code `{}`, which is no U.S. state or territory",
                            cell(i_fips)
                        ),
                    )
                    .at_line(line));
                }
                abbr.map(str::to_string)
            }
            _ => None,
        };
        rows.push(WageRow {
            area,
            area_code: required(i_area, "area_code")?,
            area_name: required(i_name, "area_name")?,
            state_fips,
            state_abbr,
            code: required(i_code, "code")?,
            title: required(i_title, "title")?,
            employment: int(0)?,
            hourly_mean: parse_real(cell(fields[1])).map_err(|m| at(1, m))?,
            mean: int(2)?,
            p10: int(3)?,
            p25: int(4)?,
            median: int(5)?,
            p75: int(6)?,
            p90: int(7)?,
            not_released: fields_in(i_nr)?,
            topcoded: fields_in(i_top)?,
        });
    }
    Ok(rows)
}
