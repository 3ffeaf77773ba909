//! Importing the BLS CSV files (`content/data/bls/`) into `wages` and
//! `projections`. Each file is hashed; an unchanged file whose rows are all
//! still in the table is skipped. A changed file is upserted row by row, then
//! rows it no longer has are deleted.

use super::error::{Context, DbError, io_error};
use super::states::abbr_for_fips;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The OEWS release in `content/data/bls/oews_*.csv`.
pub const OEWS_PERIOD: &str = "May 2025";
/// Key of the OEWS release in `content/sources.toml`.
pub const OEWS_SOURCE: &str = "bls-oews-2025";
/// The projection period in `content/data/bls/ep_projections.csv`.
pub const EP_PERIOD: &str = "2024-2034";
/// Key of the EP release in `content/sources.toml`.
pub const EP_SOURCE: &str = "bls-ep-2024-34";

/// Bump when the import itself changes (columns, parsing) so that unchanged
/// files are imported again.
const IMPORT_VERSION: &str = "bls-import-1";

/// How a CSV cell becomes a SQL value.
#[derive(Clone, Copy)]
enum Cell {
    /// Required, non-blank text.
    Text,
    /// Text; blank is NULL.
    OptText,
    /// A `;`-separated list of column names; blank is `''`.
    List,
    /// A whole number; blank is NULL.
    Int,
    /// A number; blank is NULL.
    Real,
    /// A required number.
    ReqReal,
}

/// One table column filled from one CSV column.
struct Col {
    db: &'static str,
    csv: &'static str,
    cell: Cell,
}

const fn col(db: &'static str, csv: &'static str, cell: Cell) -> Col {
    Col { db, csv, cell }
}

/// A CSV file and the table it fills.
struct Spec {
    /// Path relative to the content folder (also the `seed_files` key).
    rel: &'static str,
    table: &'static str,
    /// The columns of the table's UNIQUE key, for `ON CONFLICT`.
    key: &'static [&'static str],
    columns: &'static [Col],
    /// Fill `state_abbr` from `state_fips` on `area_type = 'state'` rows.
    state_abbr: bool,
    period: &'static str,
    source: &'static str,
}

const OEWS_COLUMNS: &[Col] = &[
    col("area_code", "area_code", Cell::Text),
    col("area_type", "area_type", Cell::Text),
    col("area_name", "area_name", Cell::Text),
    col("state_fips", "state_fips", Cell::OptText),
    col("soc_code", "soc_code", Cell::Text),
    col("occupation_title", "occupation_title", Cell::Text),
    col("employment", "employment", Cell::Int),
    col("employment_rse_pct", "employment_rse_pct", Cell::Real),
    col(
        "employment_per_1000_jobs",
        "employment_per_1000_jobs",
        Cell::Real,
    ),
    col("location_quotient", "location_quotient", Cell::Real),
    col("hourly_mean_wage", "hourly_mean_wage", Cell::Real),
    col("annual_mean_wage", "annual_mean_wage", Cell::Int),
    col("wage_rse_pct", "wage_rse_pct", Cell::Real),
    col("hourly_p10_wage", "hourly_p10_wage", Cell::Real),
    col("hourly_p25_wage", "hourly_p25_wage", Cell::Real),
    col("hourly_median_wage", "hourly_median_wage", Cell::Real),
    col("hourly_p75_wage", "hourly_p75_wage", Cell::Real),
    col("hourly_p90_wage", "hourly_p90_wage", Cell::Real),
    col("annual_p10_wage", "annual_p10_wage", Cell::Int),
    col("annual_p25_wage", "annual_p25_wage", Cell::Int),
    col("annual_median_wage", "annual_median_wage", Cell::Int),
    col("annual_p75_wage", "annual_p75_wage", Cell::Int),
    col("annual_p90_wage", "annual_p90_wage", Cell::Int),
    col("not_released_fields", "not_released_fields", Cell::List),
    col("topcoded_fields", "topcoded_fields", Cell::List),
    col("other_footnotes", "other_footnotes", Cell::List),
];

const EP_COLUMNS: &[Col] = &[
    col("soc_code", "soc_code", Cell::Text),
    col("title", "occupation_title", Cell::Text),
    col("occupation_type", "occupation_type", Cell::List),
    col(
        "employment_2024",
        "employment_2024_thousands",
        Cell::ReqReal,
    ),
    col(
        "employment_2034",
        "employment_2034_thousands",
        Cell::ReqReal,
    ),
    col(
        "employment_share_2024_pct",
        "employment_share_2024_pct",
        Cell::Real,
    ),
    col(
        "employment_share_2034_pct",
        "employment_share_2034_pct",
        Cell::Real,
    ),
    col(
        "change_thousands",
        "employment_change_2024_34_thousands",
        Cell::Real,
    ),
    col("change_pct", "employment_change_2024_34_pct", Cell::ReqReal),
    col(
        "self_employed_2024_pct",
        "self_employed_2024_pct",
        Cell::Real,
    ),
    col(
        "openings_per_year",
        "annual_avg_openings_2024_34_thousands",
        Cell::ReqReal,
    ),
    col("median_wage_2024", "median_annual_wage_2024_usd", Cell::Int),
    col(
        "typical_entry_education",
        "typical_entry_education",
        Cell::OptText,
    ),
    col(
        "work_experience",
        "work_experience_in_related_occupation",
        Cell::OptText,
    ),
    col(
        "on_the_job_training",
        "typical_on_the_job_training",
        Cell::OptText,
    ),
    col(
        "labor_force_exit_rate_pct",
        "labor_force_exit_rate_annual_avg_pct",
        Cell::Real,
    ),
    col(
        "occupational_transfer_rate_pct",
        "occupational_transfer_rate_annual_avg_pct",
        Cell::Real,
    ),
    col(
        "total_separations_rate_pct",
        "total_separations_rate_annual_avg_pct",
        Cell::Real,
    ),
    col(
        "labor_force_exits_thousands",
        "labor_force_exits_annual_avg_thousands",
        Cell::Real,
    ),
    col(
        "occupational_transfers_thousands",
        "occupational_transfers_annual_avg_thousands",
        Cell::Real,
    ),
    col(
        "total_separations_thousands",
        "total_separations_annual_avg_thousands",
        Cell::Real,
    ),
];

const fn oews(rel: &'static str) -> Spec {
    Spec {
        rel,
        table: "wages",
        key: &["area_code", "soc_code", "period"],
        columns: OEWS_COLUMNS,
        state_abbr: true,
        period: OEWS_PERIOD,
        source: OEWS_SOURCE,
    }
}

/// The OEWS files, relative to the content folder.
const OEWS_FILES: [Spec; 3] = [
    oews("data/bls/oews_national.csv"),
    oews("data/bls/oews_state.csv"),
    oews("data/bls/oews_metro.csv"),
];

const EP_FILE: Spec = Spec {
    rel: "data/bls/ep_projections.csv",
    table: "projections",
    key: &["soc_code", "period"],
    columns: EP_COLUMNS,
    state_abbr: false,
    period: EP_PERIOD,
    source: EP_SOURCE,
};

/// Imports the three OEWS files into `wages`; returns rows written or deleted.
pub(crate) fn import_wages(tx: &Transaction, content_dir: &Path) -> Result<usize, DbError> {
    let mut n = 0;
    for spec in &OEWS_FILES {
        n += import(tx, content_dir, spec)?;
    }
    Ok(n)
}

/// Imports the EP file into `projections`; returns rows written or deleted.
pub(crate) fn import_projections(tx: &Transaction, content_dir: &Path) -> Result<usize, DbError> {
    import(tx, content_dir, &EP_FILE)
}

fn import(tx: &Transaction, content_dir: &Path, spec: &Spec) -> Result<usize, DbError> {
    let path = content_dir.join(spec.rel);
    let bytes = std::fs::read(&path).map_err(io_error(format!("reading {}", path.display())))?;
    let hash = file_hash(spec, &bytes);
    if is_current(tx, spec, &hash)? {
        tracing::debug!(file = spec.rel, "unchanged, not imported");
        return Ok(0);
    }

    let csv_err = |source| DbError::Csv {
        path: path.clone(),
        source,
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let headers = reader.headers().map_err(csv_err)?.clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| DbError::Data {
                path: path.clone(),
                line: 1,
                message: format!("missing column `{name}`"),
            })
    };
    let indexes = spec
        .columns
        .iter()
        .map(|c| find(c.csv))
        .collect::<Result<Vec<_>, _>>()?;
    let (area_type_i, fips_i) = if spec.state_abbr {
        (Some(find("area_type")?), Some(find("state_fips")?))
    } else {
        (None, None)
    };

    let sql = upsert_sql(spec);
    let mut stmt = tx
        .prepare(&sql)
        .with_ctx(|| format!("preparing the import of {}", spec.rel))?;
    let mut written = 0;
    for record in reader.records() {
        let record = record.map_err(csv_err)?;
        let line = record.position().map_or(0, |p| p.line());
        let mut values = Vec::with_capacity(spec.columns.len() + 5);
        for (c, &i) in spec.columns.iter().zip(&indexes) {
            let raw = record.get(i).unwrap_or("");
            let value = parse_cell(c.cell, raw).map_err(|message| DbError::Data {
                path: path.clone(),
                line,
                message: format!("column `{}`: {message}", c.csv),
            })?;
            values.push(value);
        }
        if let (Some(t), Some(f)) = (area_type_i, fips_i) {
            let fips = record.get(f).unwrap_or("").trim();
            let abbr = match record.get(t).map(str::trim) {
                Some("state") => abbr_for_fips(fips),
                _ => None,
            };
            if abbr.is_none() && record.get(t).map(str::trim) == Some("state") {
                tracing::warn!(
                    file = spec.rel,
                    line,
                    fips,
                    "state row with an unknown FIPS code"
                );
            }
            values.push(abbr.map_or(Value::Null, |a| Value::Text(a.to_owned())));
        }
        values.extend([
            Value::Text(spec.period.to_owned()),
            Value::Text(spec.source.to_owned()),
            Value::Text(spec.rel.to_owned()),
            Value::Text(hash.clone()),
        ]);
        stmt.execute(params_from_iter(values))
            .with_ctx(|| format!("{}:{line}: writing the row", path.display()))?;
        written += 1;
    }
    drop(stmt);

    let deleted = tx
        .execute(
            &format!(
                "DELETE FROM {} WHERE seed_file = ?1 AND seed_hash <> ?2",
                spec.table
            ),
            params![spec.rel, hash],
        )
        .with_ctx(|| format!("removing rows {} no longer has", spec.rel))?;
    let rows = table_rows(tx, spec, &hash)?;
    tx.execute(
        "INSERT INTO seed_files (path, sha256, row_count) VALUES (?1, ?2, ?3)
         ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256,
             row_count = excluded.row_count, seeded_at = excluded.seeded_at",
        params![spec.rel, hash, rows],
    )
    .ctx("recording a seeded file")?;
    tracing::info!(file = spec.rel, written, deleted, "imported");
    Ok(written + deleted)
}

/// True when the file was imported with this hash and all its rows are there.
fn is_current(tx: &Transaction, spec: &Spec, hash: &str) -> Result<bool, DbError> {
    let seen: Option<(String, i64)> = tx
        .query_row(
            "SELECT sha256, row_count FROM seed_files WHERE path = ?1",
            [spec.rel],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .ctx("reading seed_files")?;
    match seen {
        Some((h, rows)) if h == hash => Ok(table_rows(tx, spec, hash)? == rows),
        _ => Ok(false),
    }
}

/// Rows of `table` written by the import of `spec.rel` with this hash.
fn table_rows(tx: &Transaction, spec: &Spec, hash: &str) -> Result<i64, DbError> {
    tx.query_row(
        &format!(
            "SELECT COUNT(*) FROM {} WHERE seed_file = ?1 AND seed_hash = ?2",
            spec.table
        ),
        params![spec.rel, hash],
        |r| r.get(0),
    )
    .with_ctx(|| format!("counting rows from {}", spec.rel))
}

/// `INSERT ... ON CONFLICT (key) DO UPDATE SET` every other column.
fn upsert_sql(spec: &Spec) -> String {
    let mut cols: Vec<&str> = spec.columns.iter().map(|c| c.db).collect();
    if spec.state_abbr {
        cols.push("state_abbr");
    }
    cols.extend(["period", "source_key", "seed_file", "seed_hash"]);
    let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols
        .iter()
        .filter(|c| !spec.key.contains(c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
        spec.table,
        cols.join(", "),
        placeholders.join(", "),
        spec.key.join(", "),
        updates.join(", ")
    )
}

/// Hash of what decides the imported rows: import version, period, source, bytes.
fn file_hash(spec: &Spec, bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    for part in [IMPORT_VERSION, spec.period, spec.source] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A cell with no value: blank, or a dash the source used for "none".
fn is_blank(s: &str) -> bool {
    matches!(s, "" | "—" | "–")
}

fn parse_cell(cell: Cell, raw: &str) -> Result<Value, String> {
    let s = raw.trim();
    Ok(match cell {
        Cell::Text if s.is_empty() => return Err("is blank".into()),
        Cell::Text => Value::Text(s.to_owned()),
        Cell::OptText if is_blank(s) => Value::Null,
        Cell::OptText => Value::Text(s.to_owned()),
        Cell::List => Value::Text(
            s.split(';')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect::<Vec<_>>()
                .join(";"),
        ),
        Cell::Int => parse_int(s)?.map_or(Value::Null, Value::Integer),
        Cell::Real => parse_real(s)?.map_or(Value::Null, Value::Real),
        Cell::ReqReal => Value::Real(parse_real(s)?.ok_or("is blank")?),
    })
}

/// A whole number such as `155495730`, `1,234` or `69770.0`; blank is None.
fn parse_int(s: &str) -> Result<Option<i64>, String> {
    let s = s.trim();
    if is_blank(s) {
        return Ok(None);
    }
    let digits: String = s.chars().filter(|&c| c != ',').collect();
    if let Ok(v) = digits.parse::<i64>() {
        return Ok(Some(v));
    }
    match digits.parse::<f64>() {
        Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        _ => Err(format!("`{s}` is not a whole number")),
    }
}

/// A number such as `33.54` or `1,000.5`; blank is None.
fn parse_real(s: &str) -> Result<Option<f64>, String> {
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

    #[test]
    fn lists_are_normalised() {
        assert_eq!(
            parse_cell(Cell::List, " a; b;;").unwrap(),
            Value::Text("a;b".into())
        );
        assert_eq!(parse_cell(Cell::List, "").unwrap(), Value::Text("".into()));
        assert!(parse_cell(Cell::Text, " ").is_err());
    }

    #[test]
    fn upsert_updates_everything_but_the_key() {
        let sql = upsert_sql(&EP_FILE);
        assert!(
            sql.contains("ON CONFLICT (soc_code, period) DO UPDATE SET title = excluded.title")
        );
        assert!(!sql.contains("period = excluded.period"));
    }
}
