//! Editors' accounts and sessions, the audit log, and the server secret.

use super::error::{Context, DbError};
use super::subscribers::retention::SESSION_HOURS;
use rusqlite::{Connection, OptionalExtension, params};

/// Adds an editor with an argon2id `password_hash` (a PHC string); fails
/// when the user name is taken.
pub fn add_editor(c: &Connection, username: &str, password_hash: &str) -> Result<i64, DbError> {
    c.query_row(
        "INSERT INTO admin_users (username, password_hash) VALUES (?1, ?2) RETURNING id",
        params![username, password_hash],
        |r| r.get(0),
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            DbError::Invalid(format!("there is already an editor called `{username}`"))
        }
        e => DbError::Sqlite {
            context: "adding an editor".into(),
            source: e,
        },
    })
}

/// The id and password hash of editor `username`.
pub fn editor_login(c: &Connection, username: &str) -> Result<Option<(i64, String)>, DbError> {
    c.query_row(
        "SELECT id, password_hash FROM admin_users WHERE username = ?1",
        [username],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .ctx("finding an editor")
}

/// A signed-in editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub id: i64,
    pub username: String,
}

/// Starts a session for editor `user_id` under `token_hash` (the SHA-256
/// of the cookie value), valid for `SESSION_HOURS`.
pub fn start_session(c: &Connection, token_hash: &str, user_id: i64) -> Result<(), DbError> {
    c.execute(
        "INSERT INTO admin_sessions (token_hash, user_id, expires_at)
         VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?3))",
        params![token_hash, user_id, format!("+{SESSION_HOURS} hours")],
    )
    .ctx("starting a session")?;
    Ok(())
}

/// The editor of an unexpired session.
pub fn session_editor(c: &Connection, token_hash: &str) -> Result<Option<Editor>, DbError> {
    c.prepare_cached(
        "SELECT u.id, u.username FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id
         WHERE s.token_hash = ?1 AND s.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    )
    .and_then(|mut s| {
        s.query_row([token_hash], |r| {
            Ok(Editor {
                id: r.get(0)?,
                username: r.get(1)?,
            })
        })
        .optional()
    })
    .ctx("reading a session")
}

pub fn end_session(c: &Connection, token_hash: &str) -> Result<(), DbError> {
    c.execute(
        "DELETE FROM admin_sessions WHERE token_hash = ?1",
        [token_hash],
    )
    .ctx("ending a session")?;
    Ok(())
}

/// Records who did what to which row.
pub fn audit(
    c: &Connection,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), DbError> {
    c.prepare_cached(
        "INSERT INTO audit_log (actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4)",
    )
    .and_then(|mut s| s.execute(params![actor, action, subject, detail]))
    .ctx("writing the audit log")?;
    Ok(())
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// The latest `limit` entries, newest first.
pub fn audit_log(c: &Connection, limit: i64) -> Result<Vec<AuditEntry>, DbError> {
    c.prepare("SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1")
        .and_then(|mut s| {
            s.query_map([limit], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    subject: r.get(3)?,
                    detail: r.get(4)?,
                })
            })?
            .collect()
        })
        .ctx("reading the audit log")
}

/// The secret called `name`, created from `fresh` the first time it is
/// asked for and kept from then on.
pub fn secret(c: &Connection, name: &str, fresh: &[u8]) -> Result<Vec<u8>, DbError> {
    c.execute(
        "INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
        params![name, fresh],
    )
    .ctx("storing a secret")?;
    c.query_row("SELECT value FROM secrets WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .ctx("reading a secret")
}
