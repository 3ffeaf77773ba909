//! Backups and row counts.

use super::error::{Context, DbError, io_error};
use rusqlite::Connection;
use std::path::Path;

/// Writes a consistent, compacted copy of the database to `out` with
/// `VACUUM INTO`, replacing `out` if it exists. The copy is written beside
/// `out` first and renamed into place, so `out` is never half-written.
/// Must not be called inside a transaction.
pub fn backup(c: &Connection, out: &Path) -> Result<(), DbError> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(io_error(format!("creating folder {}", parent.display())))?;
    }
    let mut tmp_name = out.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = out.with_file_name(tmp_name);
    match std::fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(format!("removing {}", tmp.display()))(e)),
    }
    let tmp_str = tmp.to_str().ok_or_else(|| {
        DbError::Invalid(format!("backup path {} is not valid UTF-8", tmp.display()))
    })?;
    if let Err(e) = c
        .execute("VACUUM INTO ?1", [tmp_str])
        .with_ctx(|| format!("backing up to {}", out.display()))
    {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, out).map_err(io_error(format!(
        "moving {} to {}",
        tmp.display(),
        out.display()
    )))?;
    tracing::info!(out = %out.display(), "database backed up");
    Ok(())
}

/// Rows in every table, by table name.
pub fn counts(c: &Connection) -> Result<Vec<(String, i64)>, DbError> {
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .ctx("listing tables")?;
    tables
        .into_iter()
        .map(|t| {
            let n = c
                .query_row(
                    &format!("SELECT COUNT(*) FROM \"{}\"", t.replace('"', "\"\"")),
                    [],
                    |r| r.get(0),
                )
                .with_ctx(|| format!("counting rows of {t}"))?;
            Ok((t, n))
        })
        .collect()
}
