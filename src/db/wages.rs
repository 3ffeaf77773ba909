//! Queries on `wages`: the pack's wage rows by occupation code and area. Rows
//! come back as the content model's [`WageRow`], the one wage type of the
//! program; the period and source of every row are the manifest's.

use super::error::{Context, DbError};
use super::seed_wages::fields;
use crate::content::dataset::wages::{Area, WageRow};
use rusqlite::{Connection, OptionalExtension, Row};

const WAGE_COLUMNS: &str = "area_code, area_type, area_name, state_fips, state_abbr, soc_code,
    occupation_title, employment, hourly_mean, annual_mean, annual_p10, annual_p25,
    annual_median, annual_p75, annual_p90, not_released, topcoded";

fn wage_from_row(r: &Row<'_>) -> rusqlite::Result<WageRow> {
    let area: String = r.get(1)?;
    Ok(WageRow {
        area_code: r.get(0)?,
        area: Area::from_key(&area).unwrap_or(Area::Local),
        area_name: r.get(2)?,
        state_fips: r.get(3)?,
        state_abbr: r.get(4)?,
        code: r.get(5)?,
        title: r.get(6)?,
        employment: r.get(7)?,
        hourly_mean: r.get(8)?,
        mean: r.get(9)?,
        p10: r.get(10)?,
        p25: r.get(11)?,
        median: r.get(12)?,
        p75: r.get(13)?,
        p90: r.get(14)?,
        not_released: fields(&r.get::<_, String>(15)?),
        topcoded: fields(&r.get::<_, String>(16)?),
    })
}

/// The national row of `code`.
pub fn national_wage(c: &Connection, code: &str) -> Result<Option<WageRow>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages WHERE soc_code = ?1 AND area_type = 'national'"
    ))
    .and_then(|mut s| s.query_row([code], wage_from_row).optional())
    .with_ctx(|| format!("reading the national wage for {code}"))
}

/// Every state-level row of `code` (states, DC and territories), by area name.
pub fn state_wages(c: &Connection, code: &str) -> Result<Vec<WageRow>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages WHERE soc_code = ?1 AND area_type = 'state'
         ORDER BY area_name"
    ))
    .and_then(|mut s| s.query_map([code], wage_from_row)?.collect())
    .with_ctx(|| format!("reading state wages for {code}"))
}

/// The states with a row for any of `codes`: (USPS code in lower case,
/// name), ordered by name. Only those two columns are read: the state
/// pages and the sitemap list every state, and reading whole rows of every
/// code was most of a state page's first render.
pub fn states_of(c: &Connection, codes: &[String]) -> Result<Vec<(String, String)>, DbError> {
    let mut stmt = c
        .prepare_cached(
            "SELECT DISTINCT state_abbr, area_name FROM wages
             WHERE soc_code = ?1 AND area_type = 'state' AND state_abbr IS NOT NULL",
        )
        .ctx("preparing the list of states")?;
    let mut by_abbr: std::collections::BTreeMap<String, String> = Default::default();
    for code in codes {
        let rows = stmt
            .query_map([code], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<(String, String)>, _>>())
            .with_ctx(|| format!("listing the states with wages for {code}"))?;
        for (abbr, name) in rows {
            by_abbr.entry(abbr.to_ascii_lowercase()).or_insert(name);
        }
    }
    let mut out: Vec<(String, String)> = by_abbr.into_iter().collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// The row of `code` in one state, by USPS code (`NY`; case-insensitive).
pub fn state_wage(
    c: &Connection,
    code: &str,
    state_abbr: &str,
) -> Result<Option<WageRow>, DbError> {
    let abbr = state_abbr.trim().to_ascii_uppercase();
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages
         WHERE state_abbr = ?1 AND soc_code = ?2 AND area_type = 'state'"
    ))
    .and_then(|mut s| s.query_row((&abbr, code), wage_from_row).optional())
    .with_ctx(|| format!("reading the {abbr} wage for {code}"))
}

/// The row of `code` in any area, by area code (the nation, a state or a
/// smaller area).
pub fn area_wage(c: &Connection, area_code: &str, code: &str) -> Result<Option<WageRow>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages WHERE area_code = ?1 AND soc_code = ?2"
    ))
    .and_then(|mut s| s.query_row((area_code, code), wage_from_row).optional())
    .with_ctx(|| format!("reading the wage for {code} in area {area_code}"))
}

/// The `n` smaller areas with the highest published annual mean wage for
/// `code`. Areas whose mean is top-coded or not released are left out.
pub fn top_metros(c: &Connection, code: &str, n: usize) -> Result<Vec<WageRow>, DbError> {
    let limit = i64::try_from(n).unwrap_or(i64::MAX);
    c.prepare_cached(&format!(
        "SELECT {WAGE_COLUMNS} FROM wages
         WHERE soc_code = ?1 AND area_type = 'metro_or_nonmetro' AND annual_mean IS NOT NULL
         ORDER BY annual_mean DESC, area_name
         LIMIT ?2"
    ))
    .and_then(|mut s| s.query_map((code, limit), wage_from_row)?.collect())
    .with_ctx(|| format!("reading top metro wages for {code}"))
}
