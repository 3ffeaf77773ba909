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

/// Replaces the contents of the database at `database` with the backup
/// file `from` (as written by [`backup`]), through SQLite's online backup
/// API: a server running on `database` sees the restored rows on its next
/// query, never a half-copied file. The backup is checked first
/// (`PRAGMA integrity_check`, and a schema no newer than this build's);
/// the restored database is migrated to this build's schema.
pub fn restore(from: &Path, database: &Path) -> Result<(), DbError> {
    let src = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_ctx(|| format!("opening backup {}", from.display()))?;
    let check: String = src
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .with_ctx(|| format!("checking backup {}", from.display()))?;
    if check != "ok" {
        return Err(DbError::Invalid(format!(
            "{} is damaged ({check}); nothing was restored",
            from.display()
        )));
    }
    let version: i64 = src
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .with_ctx(|| format!("reading the schema version of {}", from.display()))?;
    let known = super::migrations::MIGRATION_LIST.len() as i64;
    if version == 0 || version > known {
        return Err(DbError::Invalid(format!(
            "{} has schema version {version}; this build knows versions 1 to {known}; nothing was restored",
            from.display()
        )));
    }
    let pool = super::open(database)?;
    let mut dst = pool.get()?;
    rusqlite::backup::Backup::new(&src, &mut dst)
        .and_then(|b| b.run_to_completion(256, std::time::Duration::from_millis(5), None))
        .with_ctx(|| format!("restoring {} into {}", from.display(), database.display()))?;
    drop(dst);
    drop(pool);
    // Bring an older backup up to this build's schema.
    drop(super::open(database)?);
    tracing::info!(from = %from.display(), database = %database.display(), "database restored");
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
