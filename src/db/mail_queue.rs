//! The mail queue: messages written in the same transaction as the row
//! they are about, sent (and deleted) by the mail worker.

use super::error::{Context, DbError};
use rusqlite::{Connection, params};

/// Queues a whole RFC 5322 message for `recipient`.
pub fn enqueue_mail(c: &Connection, recipient: &str, message: &[u8]) -> Result<i64, DbError> {
    c.prepare_cached("INSERT INTO mail_queue (recipient, message) VALUES (?1, ?2) RETURNING id")
        .and_then(|mut s| s.query_row(params![recipient, message], |r| r.get(0)))
        .ctx("queueing a mail")
}

/// A message waiting to be sent.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub id: i64,
    pub recipient: String,
    pub message: Vec<u8>,
    pub attempts: i64,
}

/// Up to `limit` messages due now, oldest first.
pub fn due_mail(c: &Connection, limit: i64) -> Result<Vec<QueuedMail>, DbError> {
    c.prepare_cached(
        "SELECT id, recipient, message, attempts FROM mail_queue
         WHERE next_try_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ORDER BY id LIMIT ?1",
    )
    .and_then(|mut s| {
        s.query_map([limit], |r| {
            Ok(QueuedMail {
                id: r.get(0)?,
                recipient: r.get(1)?,
                message: r.get(2)?,
                attempts: r.get(3)?,
            })
        })?
        .collect()
    })
    .ctx("reading the mail queue")
}

/// Removes a message that was sent.
pub fn mail_sent(c: &Connection, id: i64) -> Result<(), DbError> {
    c.execute("DELETE FROM mail_queue WHERE id = ?1", [id])
        .ctx("removing a sent mail")?;
    Ok(())
}

/// Records a failed attempt; the next is `retry_secs` from now.
pub fn mail_failed(c: &Connection, id: i64, error: &str, retry_secs: i64) -> Result<(), DbError> {
    c.execute(
        "UPDATE mail_queue SET attempts = attempts + 1, last_error = ?2,
             next_try_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?3) WHERE id = ?1",
        params![id, error, format!("+{retry_secs} seconds")],
    )
    .ctx("recording a failed mail")?;
    Ok(())
}
