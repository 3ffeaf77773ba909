//! Filling the database from `content/`: the wage files the pack's manifest
//! names (see `seed_wages`) and the FAQs and testimonials of a loaded
//! [`Site`]. Everything runs in one transaction and is idempotent: seeding
//! unchanged content writes nothing, and no run ever duplicates a row.
//! Rows readers wrote (no seed key) are never touched.

use super::error::{Context, DbError};
use super::seed_wages::import_wages;
use crate::content::Site;
use crate::content::data::{FaqSeed, TestimonialSeed};
use crate::content::dataset::wages::WageManifest;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// Rows written (inserted, changed or deleted) by one seeding run, per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub wages: usize,
    pub faqs: usize,
    pub testimonials: usize,
    /// Rows moved from a role's old slug to its new one.
    pub moved: usize,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} wages, {} FAQs, {} testimonials written, {} rows moved to renamed roles",
            self.wages, self.faqs, self.testimonials, self.moved
        )
    }
}

/// What a seed run writes; [`Site`] converts into it.
#[derive(Debug, Clone)]
pub struct SiteRows<'a> {
    /// The wage files to import, as the manifest describes them.
    pub wages: Option<&'a WageManifest>,
    pub faqs: &'a [FaqSeed],
    pub testimonials: &'a [TestimonialSeed],
    /// Renamed roles: each old slug with the slug that replaced it.
    pub renamed: Vec<(&'a str, &'a str)>,
}

impl<'a> From<&'a Site> for SiteRows<'a> {
    fn from(site: &'a Site) -> Self {
        SiteRows {
            wages: site.data.wages(),
            faqs: &site.faqs,
            testimonials: &site.testimonials,
            renamed: site
                .renamed_roles()
                .map(|(old, role)| (old, role.slug.as_str()))
                .collect(),
        }
    }
}

/// Seeds everything of `site` (its wage files under `content_dir`, its
/// FAQs and testimonials) in one transaction.
pub fn seed(conn: &mut Connection, site: &Site, content_dir: &Path) -> Result<SeedReport, DbError> {
    seed_with(conn, content_dir, site.into())
}

/// Seeds `rows`, reading wage files under `content_dir`.
pub fn seed_with(
    conn: &mut Connection,
    content_dir: &Path,
    rows: SiteRows<'_>,
) -> Result<SeedReport, DbError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx("starting the seed transaction")?;
    let report = SeedReport {
        wages: match rows.wages {
            Some(m) => import_wages(&tx, content_dir, m)?,
            None => 0,
        },
        faqs: seed_faqs(&tx, rows.faqs)?,
        testimonials: seed_testimonials(&tx, rows.testimonials)?,
        moved: move_renamed(&tx, &rows.renamed)?,
    };
    tx.commit().ctx("committing the seed transaction")?;
    tracing::info!(%report, "seeded");
    Ok(report)
}

/// Tables whose rows name a role by slug, besides the seeded ones' own
/// files: readers' submissions, and what editors published from them.
const ROLE_ROWS: &[&str] = &[
    "faqs",
    "testimonials",
    "reader_testimonials",
    "reader_questions",
];

/// Moves every row under a renamed role's old slug to its new one, so a
/// rename keeps what readers sent and what was published from it.
fn move_renamed(tx: &Transaction, renamed: &[(&str, &str)]) -> Result<usize, DbError> {
    let mut moved = 0;
    for table in ROLE_ROWS {
        let sql = format!("UPDATE {table} SET role_slug = ?2 WHERE role_slug = ?1");
        for (old, new) in renamed {
            moved += tx
                .execute(&sql, [old, new])
                .with_ctx(|| format!("moving {table} rows from role `{old}` to `{new}`"))?;
        }
    }
    Ok(moved)
}

/// Upserts FAQs by seed key and deletes seeded FAQs the file no longer has.
/// Rows without a seed key (added by people) are never touched.
fn seed_faqs(tx: &Transaction, faqs: &[FaqSeed]) -> Result<usize, DbError> {
    let mut stmt = tx
        .prepare(
            "INSERT INTO faqs (seed_key, role_slug, position, question, answer_md, source_key,
                 answer_html, answer_text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (seed_key) DO UPDATE SET
                 role_slug = excluded.role_slug, position = excluded.position,
                 question = excluded.question, answer_md = excluded.answer_md,
                 source_key = excluded.source_key, answer_html = excluded.answer_html,
                 answer_text = excluded.answer_text
             WHERE (role_slug, position, question, answer_md, source_key, answer_html, answer_text)
                 IS NOT (excluded.role_slug, excluded.position, excluded.question,
                         excluded.answer_md, excluded.source_key, excluded.answer_html,
                         excluded.answer_text)",
        )
        .ctx("preparing the FAQ upsert")?;
    let mut written = 0;
    for q in faqs {
        written += stmt
            .execute(params![
                q.key,
                q.role,
                q.position,
                q.question,
                q.answer,
                q.source,
                q.answer_html,
                q.answer_text
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
