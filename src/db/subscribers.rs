//! Newsletter subscribers, "delete my data", and the retention rules that
//! remove what readers left unfinished.

use super::error::{Context, DbError};
use rusqlite::{Connection, OptionalExtension, params};

/// How long rows readers wrote are kept (the privacy page states these).
pub mod retention {
    /// Submissions and sign-ups whose email was never verified, and the
    /// links mailed for them (they expire then too).
    pub const UNVERIFIED_DAYS: i64 = 7;
    /// Rejected submissions, so an editor can undo a rejection.
    pub const REJECTED_DAYS: i64 = 30;
    /// A mail that could not be sent is retried for this long, then dropped.
    pub const UNSENT_MAIL_DAYS: i64 = 3;
    /// An editor's session.
    pub const SESSION_HOURS: i64 = 8;
}

/// What `subscribe` found or made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscription {
    /// A new, unconfirmed subscriber with this id.
    New(i64),
    /// Already signed up, not yet confirmed: the confirmation is sent again.
    Unconfirmed(i64),
    /// Already confirmed.
    Confirmed(i64),
}

/// Signs `email` up (unconfirmed), or finds its existing sign-up.
pub fn subscribe(c: &Connection, email: &str) -> Result<Subscription, DbError> {
    let existing: Option<(i64, String)> = c
        .query_row(
            "SELECT id, status FROM subscribers WHERE email = ?1",
            [email],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .ctx("finding a subscriber")?;
    Ok(match existing {
        Some((id, status)) if status == "confirmed" => Subscription::Confirmed(id),
        Some((id, _)) => Subscription::Unconfirmed(id),
        None => Subscription::New(
            c.query_row(
                "INSERT INTO subscribers (email) VALUES (?1) RETURNING id",
                [email],
                |r| r.get(0),
            )
            .ctx("adding a subscriber")?,
        ),
    })
}

/// Confirms a subscriber; returns their email, or `None` when there is no
/// such subscriber (unsubscribed since, or deleted).
pub fn confirm_subscriber(c: &Connection, id: i64) -> Result<Option<String>, DbError> {
    c.query_row(
        "UPDATE subscribers SET status = 'confirmed',
             confirmed_at = COALESCE(confirmed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         WHERE id = ?1 RETURNING email",
        [id],
        |r| r.get(0),
    )
    .optional()
    .with_ctx(|| format!("confirming subscriber {id}"))
}

/// Removes a subscriber; returns false when there was none.
pub fn unsubscribe(c: &Connection, id: i64) -> Result<bool, DbError> {
    Ok(c.execute("DELETE FROM subscribers WHERE id = ?1", [id])
        .with_ctx(|| format!("unsubscribing {id}"))?
        > 0)
}

/// A confirmed subscriber, for the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub confirmed_at: String,
}

/// Every confirmed subscriber, oldest first.
pub fn confirmed_subscribers(c: &Connection) -> Result<Vec<Subscriber>, DbError> {
    c.prepare(
        "SELECT id, email, confirmed_at FROM subscribers WHERE status = 'confirmed'
         ORDER BY confirmed_at, id",
    )
    .and_then(|mut s| {
        s.query_map([], |r| {
            Ok(Subscriber {
                id: r.get(0)?,
                email: r.get(1)?,
                confirmed_at: r.get(2)?,
            })
        })?
        .collect()
    })
    .ctx("listing subscribers")
}

/// A row that holds a reader's email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Testimonial,
    Question,
    Subscriber,
}

impl Holder {
    /// One letter, as in signed links (`t12`, `q3`, `s7`).
    pub fn letter(self) -> char {
        match self {
            Holder::Testimonial => 't',
            Holder::Question => 'q',
            Holder::Subscriber => 's',
        }
    }

    pub fn from_letter(c: char) -> Option<Holder> {
        [Holder::Testimonial, Holder::Question, Holder::Subscriber]
            .into_iter()
            .find(|h| h.letter() == c)
    }

    fn table(self) -> &'static str {
        match self {
            Holder::Testimonial => "reader_testimonials",
            Holder::Question => "reader_questions",
            Holder::Subscriber => "subscribers",
        }
    }
}

/// The email address stored on a row, if the row still exists.
pub fn email_of(c: &Connection, holder: Holder, id: i64) -> Result<Option<String>, DbError> {
    c.query_row(
        &format!("SELECT email FROM {} WHERE id = ?1", holder.table()),
        [id],
        |r| r.get(0),
    )
    .optional()
    .ctx("reading a reader's email")
}

/// Some row holding `email`, to address a "delete my data" link to.
pub fn holder_of(c: &Connection, email: &str) -> Result<Option<(Holder, i64)>, DbError> {
    for h in [Holder::Subscriber, Holder::Testimonial, Holder::Question] {
        let id: Option<i64> = c
            .query_row(
                &format!("SELECT id FROM {} WHERE email = ?1 LIMIT 1", h.table()),
                [email],
                |r| r.get(0),
            )
            .optional()
            .ctx("finding a reader's rows")?;
        if let Some(id) = id {
            return Ok(Some((h, id)));
        }
    }
    Ok(None)
}

/// Rows removed by [`delete_reader_data`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deleted {
    pub testimonials: usize,
    pub questions: usize,
    pub subscriptions: usize,
    pub mails: usize,
}

/// Deletes everything stored under `email`: submissions (and what was
/// published from them), the subscription and queued mail. Run it in a
/// transaction.
pub fn delete_reader_data(c: &Connection, email: &str) -> Result<Deleted, DbError> {
    let run = |sql: &str| {
        c.execute(sql, [email])
            .with_ctx(|| format!("deleting a reader's data ({sql})"))
    };
    run("DELETE FROM testimonials WHERE submission_id IN
             (SELECT id FROM reader_testimonials WHERE email = ?1)")?;
    run(
        "DELETE FROM faqs WHERE question_id IN (SELECT id FROM reader_questions WHERE email = ?1)",
    )?;
    Ok(Deleted {
        testimonials: run("DELETE FROM reader_testimonials WHERE email = ?1")?,
        questions: run("DELETE FROM reader_questions WHERE email = ?1")?,
        subscriptions: run("DELETE FROM subscribers WHERE email = ?1")?,
        mails: run("DELETE FROM mail_queue WHERE recipient = ?1")?,
    })
}

/// Applies [`retention`]: deletes unverified submissions and sign-ups,
/// old rejections, mail that could not be sent, and expired sessions.
/// Returns the number of rows deleted.
pub fn purge_expired(c: &Connection) -> Result<usize, DbError> {
    use retention::*;
    // One transaction, rolled back when it deleted nothing: a commit of
    // nothing would count as a write and empty the page cache for no change.
    let tx = c.unchecked_transaction().ctx("applying retention")?;
    let c = &*tx;
    let mut n = 0;
    for (sql, days) in [
        (
            "DELETE FROM reader_testimonials WHERE status = 'unverified' AND created_at < ?1",
            UNVERIFIED_DAYS,
        ),
        (
            "DELETE FROM reader_questions WHERE status = 'unverified' AND created_at < ?1",
            UNVERIFIED_DAYS,
        ),
        (
            "DELETE FROM subscribers WHERE status = 'unconfirmed' AND created_at < ?1",
            UNVERIFIED_DAYS,
        ),
        (
            "DELETE FROM reader_testimonials WHERE status = 'rejected' AND decided_at < ?1",
            REJECTED_DAYS,
        ),
        (
            "DELETE FROM reader_questions WHERE status = 'rejected' AND decided_at < ?1",
            REJECTED_DAYS,
        ),
        (
            "DELETE FROM mail_queue WHERE created_at < ?1",
            UNSENT_MAIL_DAYS,
        ),
    ] {
        n += c
            .execute(sql, params![days_ago(c, days)?])
            .with_ctx(|| format!("applying retention ({sql})"))?;
    }
    n += c
        .execute(
            "DELETE FROM admin_sessions WHERE expires_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            [],
        )
        .ctx("deleting expired sessions")?;
    if n == 0 { tx.rollback() } else { tx.commit() }.ctx("applying retention")?;
    Ok(n)
}

/// The UTC timestamp `days` ago, in the format the tables use.
fn days_ago(c: &Connection, days: i64) -> Result<String, DbError> {
    c.query_row(
        "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?1)",
        [format!("-{days} days")],
        |r| r.get(0),
    )
    .ctx("computing a retention date")
}
