//! Reader submissions: testimonials and questions as readers sent them
//! (`reader_testimonials`, `reader_questions`), their moderation, and the
//! public rows published from them (`testimonials`, `faqs`).

use super::error::{Context, DbError};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// Where a submission stands. One string mapping, used by both tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Sent; the reader has not yet followed the link mailed to them.
    Unverified,
    /// Email verified: in the moderation queue.
    Pending,
    /// Approved (testimonial) or answered (question): shown on its role page.
    Published,
    /// An editor turned it down.
    Rejected,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Unverified,
        Status::Pending,
        Status::Published,
        Status::Rejected,
    ];

    /// The value in the `status` column (and in admin URLs).
    pub fn key(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Rejected => "rejected",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The two kinds of submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Testimonial,
    Question,
}

impl Kind {
    /// Singular name, used in URLs, the audit log and signed tokens.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Testimonial => "testimonial",
            Kind::Question => "question",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Testimonial => "reader_testimonials",
            Kind::Question => "reader_questions",
        }
    }
}

fn status_of(r: &Row<'_>, i: usize) -> rusqlite::Result<Status> {
    let key: String = r.get(i)?;
    Status::from_key(&key).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown status `{key}`").into(),
        )
    })
}

/// What a reader fills in on "Share your experience".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestimonialText {
    pub name: String,
    pub job_title: String,
    pub years: i64,
    pub background: String,
    pub quote: String,
}

/// A testimonial submission as editors see it (the email is never read back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestimonialSubmission {
    pub id: i64,
    pub role_slug: String,
    pub text: TestimonialText,
    pub status: Status,
    pub created_at: String,
    pub verified_at: Option<String>,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
}

const TESTIMONIAL_COLUMNS: &str = "id, role_slug, name, job_title, years, background, quote, status, created_at, verified_at, decided_at, decided_by";

fn testimonial_from_row(r: &Row<'_>) -> rusqlite::Result<TestimonialSubmission> {
    Ok(TestimonialSubmission {
        id: r.get(0)?,
        role_slug: r.get(1)?,
        text: TestimonialText {
            name: r.get(2)?,
            job_title: r.get(3)?,
            years: r.get(4)?,
            background: r.get(5)?,
            quote: r.get(6)?,
        },
        status: status_of(r, 7)?,
        created_at: r.get(8)?,
        verified_at: r.get(9)?,
        decided_at: r.get(10)?,
        decided_by: r.get(11)?,
    })
}

/// Stores a new, unverified testimonial; returns its id.
pub fn insert_reader_testimonial(
    c: &Connection,
    role_slug: &str,
    text: &TestimonialText,
    email: &str,
) -> Result<i64, DbError> {
    c.prepare_cached(
        "INSERT INTO reader_testimonials
             (role_slug, name, job_title, years, background, quote, email, consent_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         RETURNING id",
    )
    .and_then(|mut s| {
        s.query_row(
            params![
                role_slug,
                text.name,
                text.job_title,
                text.years,
                text.background,
                text.quote,
                email
            ],
            |r| r.get(0),
        )
    })
    .ctx("storing a testimonial")
}

pub fn reader_testimonial(
    c: &Connection,
    id: i64,
) -> Result<Option<TestimonialSubmission>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {TESTIMONIAL_COLUMNS} FROM reader_testimonials WHERE id = ?1"
    ))
    .and_then(|mut s| s.query_row([id], testimonial_from_row).optional())
    .with_ctx(|| format!("reading testimonial submission {id}"))
}

/// Testimonial submissions with `status`, oldest first (at most 200).
pub fn reader_testimonials(
    c: &Connection,
    status: Status,
) -> Result<Vec<TestimonialSubmission>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {TESTIMONIAL_COLUMNS} FROM reader_testimonials WHERE status = ?1
         ORDER BY created_at, id LIMIT 200"
    ))
    .and_then(|mut s| s.query_map([status.key()], testimonial_from_row)?.collect())
    .ctx("listing testimonial submissions")
}

/// Replaces the text of a testimonial submission (an editor's edit); a
/// published one is republished with the new text.
pub fn edit_reader_testimonial(
    c: &Connection,
    id: i64,
    text: &TestimonialText,
) -> Result<bool, DbError> {
    let n = c
        .execute(
            "UPDATE reader_testimonials SET name = ?2, job_title = ?3, years = ?4,
                 background = ?5, quote = ?6 WHERE id = ?1",
            params![
                id,
                text.name,
                text.job_title,
                text.years,
                text.background,
                text.quote
            ],
        )
        .with_ctx(|| format!("editing testimonial submission {id}"))?;
    if n > 0 {
        refresh_published_testimonial(c, id)?;
    }
    Ok(n > 0)
}

/// Writes the public `testimonials` row of a published submission, or
/// removes it when the submission is not published.
fn refresh_published_testimonial(c: &Connection, id: i64) -> Result<(), DbError> {
    c.execute(
        "DELETE FROM testimonials WHERE submission_id = ?1
           AND NOT EXISTS (SELECT 1 FROM reader_testimonials WHERE id = ?1 AND status = 'published')",
        [id],
    )
    .with_ctx(|| format!("unpublishing testimonial {id}"))?;
    c.execute(
        "INSERT INTO testimonials
             (role_slug, name, background, quote, status, illustrative, submission_id, job_title, years)
         SELECT role_slug, name, background, quote, 'approved', 0, id, job_title, years
           FROM reader_testimonials WHERE id = ?1 AND status = 'published'
         ON CONFLICT (submission_id) WHERE submission_id IS NOT NULL DO UPDATE SET
             role_slug = excluded.role_slug, name = excluded.name,
             background = excluded.background, quote = excluded.quote,
             job_title = excluded.job_title, years = excluded.years",
        [id],
    )
    .with_ctx(|| format!("publishing testimonial {id}"))?;
    Ok(())
}

/// A question submission as editors see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSubmission {
    pub id: i64,
    pub role_slug: String,
    pub name: String,
    pub question: String,
    pub status: Status,
    pub created_at: String,
    pub verified_at: Option<String>,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    /// The editor's answer in Markdown, once answered.
    pub answer_md: Option<String>,
}

const QUESTION_COLUMNS: &str = "q.id, q.role_slug, q.name, q.question, q.status, q.created_at, q.verified_at, q.decided_at, q.decided_by, f.answer_md";

fn question_from_row(r: &Row<'_>) -> rusqlite::Result<QuestionSubmission> {
    Ok(QuestionSubmission {
        id: r.get(0)?,
        role_slug: r.get(1)?,
        name: r.get(2)?,
        question: r.get(3)?,
        status: status_of(r, 4)?,
        created_at: r.get(5)?,
        verified_at: r.get(6)?,
        decided_at: r.get(7)?,
        decided_by: r.get(8)?,
        answer_md: r.get(9)?,
    })
}

/// Stores a new, unverified question; returns its id.
pub fn insert_reader_question(
    c: &Connection,
    role_slug: &str,
    name: &str,
    question: &str,
    email: &str,
) -> Result<i64, DbError> {
    c.prepare_cached(
        "INSERT INTO reader_questions (role_slug, name, question, email)
         VALUES (?1, ?2, ?3, ?4) RETURNING id",
    )
    .and_then(|mut s| s.query_row(params![role_slug, name, question, email], |r| r.get(0)))
    .ctx("storing a question")
}

pub fn reader_question(c: &Connection, id: i64) -> Result<Option<QuestionSubmission>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {QUESTION_COLUMNS} FROM reader_questions q
         LEFT JOIN faqs f ON f.question_id = q.id WHERE q.id = ?1"
    ))
    .and_then(|mut s| s.query_row([id], question_from_row).optional())
    .with_ctx(|| format!("reading question {id}"))
}

/// Question submissions with `status`, oldest first (at most 200).
pub fn reader_questions(
    c: &Connection,
    status: Status,
) -> Result<Vec<QuestionSubmission>, DbError> {
    c.prepare_cached(&format!(
        "SELECT {QUESTION_COLUMNS} FROM reader_questions q
         LEFT JOIN faqs f ON f.question_id = q.id
         WHERE q.status = ?1 ORDER BY q.created_at, q.id LIMIT 200"
    ))
    .and_then(|mut s| s.query_map([status.key()], question_from_row)?.collect())
    .ctx("listing question submissions")
}

/// Answers a question and publishes it as a FAQ of its role, after the
/// role's other questions; answering again replaces the answer.
pub fn answer_question(
    c: &Connection,
    id: i64,
    question: &str,
    answer_md: &str,
    answer_html: &str,
    editor: &str,
) -> Result<bool, DbError> {
    let n = c
        .execute(
            "UPDATE reader_questions SET question = ?2, status = 'published',
                 decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), decided_by = ?3
             WHERE id = ?1 AND status IN ('pending', 'published', 'rejected')",
            params![id, question, editor],
        )
        .with_ctx(|| format!("answering question {id}"))?;
    if n == 0 {
        return Ok(false);
    }
    let answer_text = crate::content::markdown::text_of_html(answer_html);
    c.execute(
        "INSERT INTO faqs (role_slug, position, question, answer_md, answer_html, answer_text,
                 question_id)
         SELECT q.role_slug,
                (SELECT COALESCE(MAX(position), 0) + 1 FROM faqs WHERE role_slug IS q.role_slug),
                ?2, ?3, ?4, ?5, q.id
           FROM reader_questions q WHERE q.id = ?1
         ON CONFLICT (question_id) WHERE question_id IS NOT NULL DO UPDATE SET
             question = excluded.question, answer_md = excluded.answer_md,
             answer_html = excluded.answer_html, answer_text = excluded.answer_text",
        params![id, question, answer_md, answer_html, answer_text],
    )
    .with_ctx(|| format!("publishing question {id}"))?;
    Ok(true)
}

/// Moves a verified submission to `status` (`Published` or `Rejected`),
/// recording the editor, and updates its public row. Unverified
/// submissions cannot be decided. Returns false when nothing changed.
pub fn decide(
    c: &Connection,
    kind: Kind,
    id: i64,
    status: Status,
    editor: &str,
) -> Result<bool, DbError> {
    if !matches!(status, Status::Published | Status::Rejected)
        || kind == Kind::Question && status == Status::Published
    {
        return Err(DbError::Invalid(format!(
            "a {} cannot be moved to {} this way",
            kind.key(),
            status.key()
        )));
    }
    let n = c
        .execute(
            &format!(
                "UPDATE {} SET status = ?2, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                     decided_by = ?3 WHERE id = ?1 AND status <> 'unverified'",
                kind.table()
            ),
            params![id, status.key(), editor],
        )
        .with_ctx(|| format!("deciding {} {id}", kind.key()))?;
    match kind {
        Kind::Testimonial => refresh_published_testimonial(c, id)?,
        Kind::Question => {
            c.execute("DELETE FROM faqs WHERE question_id = ?1", [id])
                .with_ctx(|| format!("unpublishing question {id}"))?;
        }
    }
    Ok(n > 0)
}

/// Marks a submission's email verified: it enters the moderation queue.
/// Returns false when there is no such submission; verifying twice is fine.
pub fn verify(c: &Connection, kind: Kind, id: i64) -> Result<bool, DbError> {
    let exists: bool = c
        .query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)",
                kind.table()
            ),
            [id],
            |r| r.get(0),
        )
        .with_ctx(|| format!("finding {} {id}", kind.key()))?;
    c.execute(
        &format!(
            "UPDATE {} SET status = 'pending', verified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1 AND status = 'unverified'",
            kind.table()
        ),
        [id],
    )
    .with_ctx(|| format!("verifying {} {id}", kind.key()))?;
    Ok(exists)
}

/// Submissions waiting in the moderation queue, by kind.
pub fn pending_counts(c: &Connection) -> Result<(i64, i64), DbError> {
    c.query_row(
        "SELECT (SELECT COUNT(*) FROM reader_testimonials WHERE status = 'pending'),
                (SELECT COUNT(*) FROM reader_questions WHERE status = 'pending')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .ctx("counting the moderation queue")
}
