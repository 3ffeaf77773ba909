//! Filling the database from `content/`: the BLS CSV files (see `seed_bls`)
//! and the figures, FAQs and testimonials of a loaded [`Site`]. Everything
//! runs in one transaction and is idempotent: seeding unchanged content
//! writes nothing, and no run ever duplicates a row.

use super::error::{Context, DbError};
use super::seed_bls::{import_projections, import_wages};
use crate::content::Site;
use crate::content::data::{FaqSeed, Figure, TestimonialSeed};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// Rows written (inserted, changed or deleted) by one seeding run, per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub wages: usize,
    pub projections: usize,
    pub figures: usize,
    pub faqs: usize,
    pub testimonials: usize,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} wages, {} projections, {} figures, {} FAQs, {} testimonials written",
            self.wages, self.projections, self.figures, self.faqs, self.testimonials
        )
    }
}

/// The editor-written rows a seed run writes; [`Site`] converts into it.
#[derive(Debug, Clone, Copy)]
pub struct SiteRows<'a> {
    pub figures: &'a [Figure],
    pub faqs: &'a [FaqSeed],
    pub testimonials: &'a [TestimonialSeed],
}

impl<'a> From<&'a Site> for SiteRows<'a> {
    fn from(site: &'a Site) -> Self {
        SiteRows {
            figures: &site.figures,
            faqs: &site.faqs,
            testimonials: &site.testimonials,
        }
    }
}

/// Seeds everything: BLS wages and projections from `content_dir/data/bls/`,
/// and the figures, FAQs and testimonials of `site`, in one transaction.
pub fn seed(conn: &mut Connection, site: &Site, content_dir: &Path) -> Result<SeedReport, DbError> {
    seed_with(conn, content_dir, Some(site.into()))
}

/// Seeds only the BLS CSV files; figures, FAQs and testimonials are left as
/// they are. For tools and tests that have no loaded [`Site`].
pub fn seed_bls(conn: &mut Connection, content_dir: &Path) -> Result<SeedReport, DbError> {
    seed_with(conn, content_dir, None)
}

/// Seeds the BLS files and, when given, the editor-written rows.
pub fn seed_with(
    conn: &mut Connection,
    content_dir: &Path,
    rows: Option<SiteRows<'_>>,
) -> Result<SeedReport, DbError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx("starting the seed transaction")?;
    let mut report = SeedReport {
        wages: import_wages(&tx, content_dir)?,
        projections: import_projections(&tx, content_dir)?,
        ..SeedReport::default()
    };
    if let Some(rows) = rows {
        report.figures = seed_figures(&tx, rows.figures)?;
        report.faqs = seed_faqs(&tx, rows.faqs)?;
        report.testimonials = seed_testimonials(&tx, rows.testimonials)?;
    }
    tx.commit().ctx("committing the seed transaction")?;
    tracing::info!(%report, "seeded");
    Ok(report)
}

/// Upserts every figure (by id, keeping file order in `position`) and
/// deletes figures the file no longer has.
fn seed_figures(tx: &Transaction, figures: &[Figure]) -> Result<usize, DbError> {
    let mut stmt = tx
        .prepare(
            "INSERT INTO published_figures
                 (id, position, role_slug, topic, label, value, high, unit, text, source_key, period, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id) DO UPDATE SET
                 position = excluded.position, role_slug = excluded.role_slug,
                 topic = excluded.topic, label = excluded.label, value = excluded.value,
                 high = excluded.high, unit = excluded.unit, text = excluded.text,
                 source_key = excluded.source_key, period = excluded.period, note = excluded.note
             WHERE (position, role_slug, topic, label, value, high, unit, text, source_key, period, note)
                 IS NOT (excluded.position, excluded.role_slug, excluded.topic, excluded.label,
                         excluded.value, excluded.high, excluded.unit, excluded.text,
                         excluded.source_key, excluded.period, excluded.note)",
        )
        .ctx("preparing the figure upsert")?;
    let mut written = 0;
    for (position, f) in figures.iter().enumerate() {
        written += stmt
            .execute(params![
                f.id,
                position as i64,
                f.role,
                f.topic,
                f.label,
                f.value,
                f.high,
                f.unit.key(),
                f.text,
                f.source,
                f.period,
                f.note,
            ])
            .with_ctx(|| format!("writing figure `{}`", f.id))?;
    }
    let keep: HashSet<&str> = figures.iter().map(|f| f.id.as_str()).collect();
    written += delete_missing(
        tx,
        "SELECT id FROM published_figures",
        "DELETE FROM published_figures WHERE id = ?1",
        &keep,
    )?;
    Ok(written)
}

/// Upserts FAQs by seed key and deletes seeded FAQs the file no longer has.
/// Rows without a seed key (added by people) are never touched.
fn seed_faqs(tx: &Transaction, faqs: &[FaqSeed]) -> Result<usize, DbError> {
    let mut stmt = tx
        .prepare(
            "INSERT INTO faqs (seed_key, role_slug, position, question, answer_md, source_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (seed_key) DO UPDATE SET
                 role_slug = excluded.role_slug, position = excluded.position,
                 question = excluded.question, answer_md = excluded.answer_md,
                 source_key = excluded.source_key
             WHERE (role_slug, position, question, answer_md, source_key)
                 IS NOT (excluded.role_slug, excluded.position, excluded.question,
                         excluded.answer_md, excluded.source_key)",
        )
        .ctx("preparing the FAQ upsert")?;
    let mut written = 0;
    for q in faqs {
        written += stmt
            .execute(params![
                q.key, q.role, q.position, q.question, q.answer, q.source
            ])
            .with_ctx(|| format!("writing FAQ `{}`", q.key))?;
    }
    let keep: HashSet<&str> = faqs.iter().map(|q| q.key.as_str()).collect();
    written += delete_missing(
        tx,
        "SELECT seed_key FROM faqs WHERE seed_key IS NOT NULL",
        "DELETE FROM faqs WHERE seed_key = ?1",
        &keep,
    )?;
    Ok(written)
}

/// Inserts seeded testimonials as approved, updates their text when the
/// file changes (never their status: a moderator's decision stands), and
/// deletes seeded testimonials the file no longer has.
fn seed_testimonials(tx: &Transaction, testimonials: &[TestimonialSeed]) -> Result<usize, DbError> {
    let mut stmt = tx
        .prepare(
            "INSERT INTO testimonials (seed_key, role_slug, name, background, quote, status, illustrative)
             VALUES (?1, ?2, ?3, ?4, ?5, 'approved', ?6)
             ON CONFLICT (seed_key) DO UPDATE SET
                 role_slug = excluded.role_slug, name = excluded.name,
                 background = excluded.background, quote = excluded.quote,
                 illustrative = excluded.illustrative
             WHERE (role_slug, name, background, quote, illustrative)
                 IS NOT (excluded.role_slug, excluded.name, excluded.background,
                         excluded.quote, excluded.illustrative)",
        )
        .ctx("preparing the testimonial upsert")?;
    let mut written = 0;
    for t in testimonials {
        written += stmt
            .execute(params![
                t.key,
                t.role,
                t.name,
                t.background,
                t.quote,
                t.illustrative
            ])
            .with_ctx(|| format!("writing testimonial `{}`", t.key))?;
    }
    let keep: HashSet<&str> = testimonials.iter().map(|t| t.key.as_str()).collect();
    written += delete_missing(
        tx,
        "SELECT seed_key FROM testimonials WHERE seed_key IS NOT NULL",
        "DELETE FROM testimonials WHERE seed_key = ?1",
        &keep,
    )?;
    Ok(written)
}

/// Deletes the keys `select` returns that are not in `keep`.
fn delete_missing(
    tx: &Transaction,
    select: &str,
    delete: &str,
    keep: &HashSet<&str>,
) -> Result<usize, DbError> {
    let existing: Vec<String> = tx
        .prepare(select)
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .with_ctx(|| format!("listing seeded rows ({select})"))?;
    let mut deleted = 0;
    for key in existing.iter().filter(|k| !keep.contains(k.as_str())) {
        deleted += tx
            .execute(delete, [key])
            .with_ctx(|| format!("deleting `{key}`, no longer in content"))?;
        tracing::info!(key, "deleted a seeded row no longer in content");
    }
    Ok(deleted)
}
