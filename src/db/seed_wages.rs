//! Importing the pack's wage files into `wages`. The manifest
//! (`content/data/datasets.toml`) names the files and their columns, and
//! `content::dataset::wages` reads them; this module only writes rows. Each
//! file is hashed with its manifest entry; an unchanged file whose rows are
//! all still in the table is skipped. A changed file is upserted row by row,
//! then rows it no longer has are deleted.

use super::error::{Context, DbError, io_error};
use crate::content::dataset::wages::{self, Area, WageField, WageManifest};
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Bump when the import itself changes (columns, parsing) so that unchanged
/// files are imported again.
const IMPORT_VERSION: &str = "wage-import-2";

/// Imports every wage file of `m`; returns rows written or deleted.
pub(crate) fn import_wages(
    tx: &Transaction,
    content_dir: &Path,
    m: &WageManifest,
) -> Result<usize, DbError> {
    let mut n = 0;
    for (file, area) in m.files() {
        n += import(tx, content_dir, m, file, area)?;
    }
    Ok(n)
}

fn import(
    tx: &Transaction,
    content_dir: &Path,
    m: &WageManifest,
    file: &str,
    area: Area,
) -> Result<usize, DbError> {
    let data_dir = content_dir.join("data");
    let path = data_dir.join(file);
    let rel = format!("data/{file}");
    let bytes = std::fs::read(&path).map_err(io_error(format!("reading {}", path.display())))?;
    let hash = file_hash(m, &bytes);
    if is_current(tx, &rel, &hash)? {
        tracing::debug!(file = rel, "unchanged, not imported");
        return Ok(0);
    }
    let rows = wages::read(&data_dir, file, m, area).map_err(|e| DbError::Data {
        path: e.path.clone(),
        line: e.line.unwrap_or(0) as u64,
        message: e.message,
    })?;
    let mut stmt = tx
        .prepare(
            "INSERT INTO wages (area_code, area_type, area_name, state_fips, state_abbr, soc_code,
                 occupation_title, employment, hourly_mean, annual_mean, annual_p10, annual_p25,
                 annual_median, annual_p75, annual_p90, not_released, topcoded, seed_file, seed_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
             ON CONFLICT (area_code, soc_code) DO UPDATE SET
                 area_type = excluded.area_type, area_name = excluded.area_name,
                 state_fips = excluded.state_fips, state_abbr = excluded.state_abbr,
                 occupation_title = excluded.occupation_title, employment = excluded.employment,
                 hourly_mean = excluded.hourly_mean, annual_mean = excluded.annual_mean,
                 annual_p10 = excluded.annual_p10, annual_p25 = excluded.annual_p25,
                 annual_median = excluded.annual_median, annual_p75 = excluded.annual_p75,
                 annual_p90 = excluded.annual_p90, not_released = excluded.not_released,
                 topcoded = excluded.topcoded, seed_file = excluded.seed_file,
                 seed_hash = excluded.seed_hash",
        )
        .with_ctx(|| format!("preparing the import of {rel}"))?;
    let mut written = 0;
    for r in &rows {
        stmt.execute(params![
            r.area_code,
            r.area.key(),
            r.area_name,
            r.state_fips,
            r.state_abbr,
            r.code,
            r.title,
            r.employment,
            r.hourly_mean,
            r.mean,
            r.p10,
            r.p25,
            r.median,
            r.p75,
            r.p90,
            join(&r.not_released),
            join(&r.topcoded),
            rel,
            hash,
        ])
        .with_ctx(|| format!("{rel}: writing the row for {} in {}", r.code, r.area_code))?;
        written += 1;
    }
    drop(stmt);
    let deleted = tx
        .execute(
            "DELETE FROM wages WHERE seed_file = ?1 AND seed_hash <> ?2",
            params![rel, hash],
        )
        .with_ctx(|| format!("removing rows {rel} no longer has"))?;
    let count = table_rows(tx, &rel, &hash)?;
    tx.execute(
        "INSERT INTO seed_files (path, sha256, row_count) VALUES (?1, ?2, ?3)
         ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256,
             row_count = excluded.row_count, seeded_at = excluded.seeded_at",
        params![rel, hash, count],
    )
    .ctx("recording a seeded file")?;
    tracing::info!(file = rel, written, deleted, "imported");
    Ok(written + deleted)
}

/// `median;p90`: the field keys of a list.
fn join(fields: &[WageField]) -> String {
    fields.iter().map(|f| f.key()).collect::<Vec<_>>().join(";")
}

/// True when the file was imported with this hash and all its rows are there.
fn is_current(tx: &Transaction, rel: &str, hash: &str) -> Result<bool, DbError> {
    let seen: Option<(String, i64)> = tx
        .query_row(
            "SELECT sha256, row_count FROM seed_files WHERE path = ?1",
            [rel],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .ctx("reading seed_files")?;
    match seen {
        Some((h, rows)) if h == hash => Ok(table_rows(tx, rel, hash)? == rows),
        _ => Ok(false),
    }
}

/// Rows written by the import of `rel` with this hash.
fn table_rows(tx: &Transaction, rel: &str, hash: &str) -> Result<i64, DbError> {
    tx.query_row(
        "SELECT COUNT(*) FROM wages WHERE seed_file = ?1 AND seed_hash = ?2",
        params![rel, hash],
        |r| r.get(0),
    )
    .with_ctx(|| format!("counting rows from {rel}"))
}

/// Hash of what decides the imported rows: the import version, the
/// manifest's description of the files, and the bytes.
fn file_hash(m: &WageManifest, bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(IMPORT_VERSION.as_bytes());
    h.update([0]);
    h.update(format!("{m:?}").as_bytes());
    h.update([0]);
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields `list` names (as stored by the import).
pub(crate) fn fields(list: &str) -> Vec<WageField> {
    list.split(';').filter_map(WageField::from_key).collect()
}
