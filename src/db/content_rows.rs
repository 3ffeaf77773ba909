//! Queries on the FAQs and testimonials: seeded from `content/` or added by
//! people.

use super::error::{Context, DbError};
use rusqlite::{Connection, params};

/// A question and answer, seeded or added by people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faq {
    pub id: i64,
    /// `None` for site-wide questions.
    pub role_slug: Option<String>,
    pub position: i64,
    pub question: String,
    /// Markdown.
    pub answer_md: String,
    /// The answer rendered, as stored when the row was written (seeded,
    /// or saved by an editor in `/admin/`).
    pub answer_html: String,
    /// The answer as plain text, for structured data.
    pub answer_text: String,
    /// Asked by a reader (email verified) and answered by an editor.
    pub from_reader: bool,
    pub source_key: Option<String>,
}

/// The FAQs of a role (`Some(slug)`) or the site-wide ones (`None`), by
/// position, then id.
pub fn faqs(c: &Connection, role: Option<&str>) -> Result<Vec<Faq>, DbError> {
    c.prepare_cached(
        "SELECT id, role_slug, position, question, answer_md, answer_html, answer_text, source_key,
                question_id IS NOT NULL
         FROM faqs WHERE role_slug IS ?1 ORDER BY position, id",
    )
    .and_then(|mut s| {
        s.query_map([role], |r| {
            Ok(Faq {
                id: r.get(0)?,
                role_slug: r.get(1)?,
                position: r.get(2)?,
                question: r.get(3)?,
                answer_md: r.get(4)?,
                answer_html: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                answer_text: r.get(6)?,
                source_key: r.get(7)?,
                from_reader: r.get(8)?,
            })
        })?
        .collect()
    })
    .with_ctx(|| format!("reading the FAQs of {}", role.unwrap_or("the site")))
}

/// Adds a FAQ that seeding will never touch (its answer is rendered now);
/// returns its id.
pub fn insert_faq(
    c: &Connection,
    role: Option<&str>,
    position: i64,
    question: &str,
    answer_md: &str,
) -> Result<i64, DbError> {
    // Rendered once, here, so no page view renders Markdown.
    let html = crate::content::markdown::render(answer_md).html;
    let text = crate::content::markdown::text_of_html(&html);
    c.prepare_cached(
        "INSERT INTO faqs (role_slug, position, question, answer_md, answer_html, answer_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .and_then(|mut s| {
        s.query_row(
            params![role, position, question, answer_md, html, text],
            |r| r.get(0),
        )
    })
    .ctx("adding a FAQ")
}

/// An approved testimonial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Testimonial {
    pub id: i64,
    pub role_slug: String,
    pub name: String,
    pub background: String,
    pub quote: String,
    /// Written by the editors as an example, not said by a real person.
    pub illustrative: bool,
    /// Sent by a reader who verified their email, approved by an editor.
    pub from_reader: bool,
    /// A reader's current role and years in it, as they gave them.
    pub job_title: Option<String>,
    pub years: Option<i64>,
    /// UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`.
    pub created_at: String,
}

/// The approved testimonials of a role, oldest first.
pub fn testimonials(c: &Connection, role: &str) -> Result<Vec<Testimonial>, DbError> {
    c.prepare_cached(
        "SELECT id, role_slug, name, background, quote, illustrative, created_at,
                submission_id IS NOT NULL, job_title, years
         FROM testimonials WHERE role_slug = ?1 AND status = 'approved'
         ORDER BY created_at, id",
    )
    .and_then(|mut s| {
        s.query_map([role], |r| {
            Ok(Testimonial {
                id: r.get(0)?,
                role_slug: r.get(1)?,
                name: r.get(2)?,
                background: r.get(3)?,
                quote: r.get(4)?,
                illustrative: r.get(5)?,
                created_at: r.get(6)?,
                from_reader: r.get(7)?,
                job_title: r.get(8)?,
                years: r.get(9)?,
            })
        })?
        .collect()
    })
    .with_ctx(|| format!("reading the testimonials of {role}"))
}

/// The values `status` may take.
pub const TESTIMONIAL_STATUSES: [&str; 3] = ["pending", "approved", "rejected"];

/// Adds a testimonial (`status`: `pending`, `approved` or `rejected`);
/// returns its id.
pub fn insert_testimonial(
    c: &Connection,
    role: &str,
    name: &str,
    background: &str,
    quote: &str,
    illustrative: bool,
    status: &str,
) -> Result<i64, DbError> {
    if !TESTIMONIAL_STATUSES.contains(&status) {
        return Err(DbError::Invalid(format!(
            "testimonial status `{status}` is not one of {}",
            TESTIMONIAL_STATUSES.join(", ")
        )));
    }
    c.prepare_cached(
        "INSERT INTO testimonials (role_slug, name, background, quote, illustrative, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .and_then(|mut s| {
        s.query_row(
            params![role, name, background, quote, illustrative, status],
            |r| r.get(0),
        )
    })
    .ctx("adding a testimonial")
}
