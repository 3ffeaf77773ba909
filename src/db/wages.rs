//! Queries on the BLS tables: OEWS wages and EP projections.

use super::error::{Context, DbError};
use super::seed_bls::{EP_PERIOD, OEWS_PERIOD};
use rusqlite::{Connection, OptionalExtension, Row};

/// One OEWS row: an occupation in an area (nation, state, metro or nonmetro
/// area) for one release. A `None` wage is either not released or top-coded;
/// the field is then listed in `not_released` or `topcoded`.
#[derive(Debug, Clone, PartialEq)]
pub struct Wage {
    pub area_code: String,
    /// `national`, `state` or `metro_or_nonmetro`.
    pub area_type: String,
    pub area_name: String,
    pub state_fips: Option<String>,
    /// USPS code (`NY`, `DC`, `PR`) on state rows; `None` on other rows.
    pub state_abbr: Option<String>,
    pub soc_code: String,
    pub occupation_title: String,
    /// `May 2025`.
    pub period: String,
    /// Key in `content/sources.toml`.
    pub source_key: String,
    /// Jobs, excluding the self-employed.
    pub employment: Option<i64>,
    pub hourly_mean: Option<f64>,
    pub annual_mean: Option<i64>,
    pub annual_p10: Option<i64>,
    pub annual_p25: Option<i64>,
    pub annual_median: Option<i64>,
    pub annual_p75: Option<i64>,
    pub annual_p90: Option<i64>,
    /// Not published for the nation.
    pub location_quotient: Option<f64>,
    /// CSV column names BLS did not release (footnote 8), e.g. `annual_mean_wage`.
    pub not_released: Vec<String>,
    /// CSV column names that are top-coded (footnote 5: at least $115.00 an
    /// hour or $239,200 a year), e.g. `annual_p90_wage`.
    pub topcoded: Vec<String>,
}

impl Wage {
    /// True when `field` is top-coded. `field` is a CSV column name
    /// (`annual_median_wage`) or the matching field name (`annual_median`).
    pub fn is_topcoded(&self, field: &str) -> bool {
        let field = csv_column(field);
        self.topcoded.iter().any(|f| f == field)
    }

    /// True when BLS did not release `field` (same names as [`Wage::is_topcoded`]).
    pub fn is_not_released(&self, field: &str) -> bool {
        let field = csv_column(field);
        self.not_released.iter().any(|f| f == field)
    }
}

/// The CSV column for a [`Wage`] field name; other names pass through.
fn csv_column(field: &str) -> &str {
    match field {
        "hourly_mean" => "hourly_mean_wage",
        "annual_mean" => "annual_mean_wage",
        "annual_p10" => "annual_p10_wage",
        "annual_p25" => "annual_p25_wage",
        "annual_median" => "annual_median_wage",
        "annual_p75" => "annual_p75_wage",
        "annual_p90" => "annual_p90_wage",
        other => other,
    }
}

const WAGE_COLUMNS: &str = "area_code, area_type, area_name, state_fips, state_abbr, soc_code,
    occupation_title, period, source_key, employment, hourly_mean_wage, annual_mean_wage,
    annual_p10_wage, annual_p25_wage, annual_median_wage, annual_p75_wage, annual_p90_wage,
    location_quotient, not_released_fields, topcoded_fields";

fn split_list(s: String) -> Vec<String> {
    s.split(';')
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect()
}

fn wage_from_row(r: &Row<'_>) -> rusqlite::Result<Wage> {
    Ok(Wage {
        area_code: r.get(0)?,
        area_type: r.get(1)?,
        area_name: r.get(2)?,
        state_fips: r.get(3)?,
        state_abbr: r.get(4)?,
        soc_code: r.get(5)?,
        occupation_title: r.get(6)?,
        period: r.get(7)?,
        source_key: r.get(8)?,
        employment: r.get(9)?,
        hourly_mean: r.get(10)?,
        annual_mean: r.get(11)?,
        annual_p10: r.get(12)?,
        annual_p25: r.get(13)?,
        annual_median: r.get(14)?,
        annual_p75: r.get(15)?,
        annual_p90: r.get(16)?,
        location_quotient: r.get(17)?,
        not_released: split_list(r.get(18)?),
        topcoded: split_list(r.get(19)?),
    })
}

/// The national row for `soc` (`00-0000` is all occupations).
pub fn national_wage(c: &Connection, soc: &str) -> Result<Option<Wage>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages
         WHERE soc_code = ?1 AND period = ?2 AND area_type = 'national'"
    ))
    .and_then(|mut s| s.query_row((soc, OEWS_PERIOD), wage_from_row).optional())
    .with_ctx(|| format!("reading the national wage for {soc}"))
}

/// Every state-level row for `soc` (states, DC and territories), by area name.
pub fn state_wages(c: &Connection, soc: &str) -> Result<Vec<Wage>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages
         WHERE soc_code = ?1 AND period = ?2 AND area_type = 'state'
         ORDER BY area_name"
    ))
    .and_then(|mut s| s.query_map((soc, OEWS_PERIOD), wage_from_row)?.collect())
    .with_ctx(|| format!("reading state wages for {soc}"))
}

/// The row for `soc` in one state, by USPS code (`NY`; case-insensitive).
pub fn state_wage(c: &Connection, soc: &str, state_abbr: &str) -> Result<Option<Wage>, DbError> {
    let abbr = state_abbr.trim().to_ascii_uppercase();
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages
         WHERE state_abbr = ?1 AND soc_code = ?2 AND period = ?3 AND area_type = 'state'"
    ))
    .and_then(|mut s| {
        s.query_row((&abbr, soc, OEWS_PERIOD), wage_from_row)
            .optional()
    })
    .with_ctx(|| format!("reading the {abbr} wage for {soc}"))
}

/// The row for `soc` in any area, by BLS area code (`0000000` national,
/// `3600000` New York state, `0010540` Albany, OR).
pub fn area_wage(c: &Connection, area_code: &str, soc: &str) -> Result<Option<Wage>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages
         WHERE area_code = ?1 AND soc_code = ?2 AND period = ?3"
    ))
    .and_then(|mut s| {
        s.query_row((area_code, soc, OEWS_PERIOD), wage_from_row)
            .optional()
    })
    .with_ctx(|| format!("reading the wage for {soc} in area {area_code}"))
}

/// The `n` metro and nonmetro areas with the highest published annual mean
/// wage for `soc`. Areas whose mean is top-coded or not released are left out.
pub fn top_metros(c: &Connection, soc: &str, n: usize) -> Result<Vec<Wage>, DbError> {
    let limit = i64::try_from(n).unwrap_or(i64::MAX);
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages
         WHERE soc_code = ?1 AND period = ?2 AND area_type = 'metro_or_nonmetro'
           AND annual_mean_wage IS NOT NULL
         ORDER BY annual_mean_wage DESC, area_name
         LIMIT ?3"
    ))
    .and_then(|mut s| {
        s.query_map((soc, OEWS_PERIOD, limit), wage_from_row)?
            .collect()
    })
    .with_ctx(|| format!("reading top metro wages for {soc}"))
}

/// One occupation's EP projection. Employment and openings are in thousands.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub soc_code: String,
    pub title: String,
    /// `2024-2034`.
    pub period: String,
    pub source_key: String,
    /// Thousands of jobs.
    pub employment_2024: f64,
    /// Thousands of jobs.
    pub employment_2034: f64,
    /// Percent change 2024-2034.
    pub change_pct: f64,
    /// Average openings a year, thousands.
    pub openings_per_year: f64,
    /// Median annual wage, from OEWS May 2024 (not the May 2025 `Wage` rows).
    pub median_wage_2024: Option<i64>,
    /// `None` for the all-occupations row.
    pub typical_entry_education: Option<String>,
    /// BLS category; `"None"` is a value meaning no experience required.
    pub work_experience: Option<String>,
    /// BLS category; `"None"` is a value.
    pub on_the_job_training: Option<String>,
}

fn projection_from_row(r: &Row<'_>) -> rusqlite::Result<Projection> {
    Ok(Projection {
        soc_code: r.get(0)?,
        title: r.get(1)?,
        period: r.get(2)?,
        source_key: r.get(3)?,
        employment_2024: r.get(4)?,
        employment_2034: r.get(5)?,
        change_pct: r.get(6)?,
        openings_per_year: r.get(7)?,
        median_wage_2024: r.get(8)?,
        typical_entry_education: r.get(9)?,
        work_experience: r.get(10)?,
        on_the_job_training: r.get(11)?,
    })
}

/// The 2024-2034 projection for `soc`.
pub fn projection(c: &Connection, soc: &str) -> Result<Option<Projection>, DbError> {
    c.prepare_cached(
        "SELECT soc_code, title, period, source_key, employment_2024, employment_2034,
                change_pct, openings_per_year, median_wage_2024, typical_entry_education,
                work_experience, on_the_job_training
         FROM projections WHERE soc_code = ?1 AND period = ?2",
    )
    .and_then(|mut s| {
        s.query_row((soc, EP_PERIOD), projection_from_row)
            .optional()
    })
    .with_ctx(|| format!("reading the projection for {soc}"))
}

/// The `00-0000` "Total, all occupations" projection: the benchmark for
/// "faster than average".
pub fn all_occupations_projection(c: &Connection) -> Result<Option<Projection>, DbError> {
    projection(c, "00-0000")
}
