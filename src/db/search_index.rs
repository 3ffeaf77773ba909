//! Filling the search index (`search_docs`, migration 2) from the compiled
//! site and the `faqs` table: whole at start, and after a reload only the
//! pages that changed.
//!
//! A page's row is cheap to describe except for its body text, which comes
//! from stripping the rendered HTML. A reload reuses the compiled bodies of
//! unchanged files (see `content::CompileCache`), so "same body" is a
//! pointer comparison and only edited pages are re-read. Each row's rowid
//! is derived from its URL ([`rowid`]), so a page's row is found without
//! scanning the table.

use super::error::{Context, DbError};
use super::search::{MARK_END, MARK_START};
use super::search_terms::TermCounts;
use crate::content::html::Html;
use crate::content::markdown::text_of_html;
use crate::content::page::Page;
use crate::content::program::Program;
use crate::content::{Site, article::Article, role::Role};

crate::closed_set! {
    /// What a row of the search index is: its key is the `kind` column.
    pub enum DocKind("search result kind") {
        Role = "role" => "Role",
        Article = "article" => "Article",
        Program = "program" => "Program",
        Page = "page" => "Page",
        Faq = "faq" => "Question and answer",
    }
}
use rusqlite::{Connection, Transaction, params};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// How many bytes of new index entries FTS5 holds in memory before it
/// writes them out as a segment (its default is 1 MiB, which made a whole
/// rebuild of 20,000 pages write some 180 segments and keep merging them).
/// With the rows in rowid order and this buffer, that rebuild leaves 5
/// segments in place of 24, and a pair query's FTS5 part took about 0.6 ms
/// in place of 1.6 (p50, by the sqlite3 shell). The buffer is freed on
/// commit; the server's peak resident memory at start went up by about
/// 20 MB.
const PENDING_BYTES: i64 = 8 << 20;

/// Empties and refills the search index from `site` and the `faqs` table;
/// returns the number of rows indexed. FAQs of roles that no longer exist
/// are left out; site-wide FAQs link to the common questions page.
pub fn rebuild_search_index(conn: &Connection, site: &Site) -> Result<usize, DbError> {
    let tx = write_transaction(conn).ctx("starting the search index rebuild")?;
    for table in ["search_docs", "search_titles"] {
        recreate(&tx, table)?;
        tx.execute(
            &format!("INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?1)"),
            [PENDING_BYTES],
        )
        .with_ctx(|| format!("setting the write buffer of {table}"))?;
    }
    let mut terms = TermCounts::default();
    // Rows go in in rowid order (the FAQs' ids, then the pages' by URL),
    // since FTS5 writes out what it holds as a segment whenever a rowid is
    // below the last: in URL order, a rebuild wrote a segment every other
    // row, and its merging was most of the server's start at 20,000 pages.
    let mut count = index_faqs(&tx, site, &mut terms)?;
    let mut pages: Vec<(i64, Source)> = (site.roles.iter().map(Source::Role))
        .chain(site.articles.iter().map(Source::Article))
        .chain(site.programs.iter().map(Source::Program))
        .chain(site.pages.iter().map(Source::Page))
        .map(|s| (rowid(&s.url()), s))
        .collect();
    pages.sort_unstable_by_key(|(id, _)| *id);
    for (_, page) in pages {
        insert(&tx, &page.doc(site), page.slug(), &mut terms)?;
        count += 1;
    }
    terms.write(&tx, true)?;
    tx.commit().ctx("committing the search index")?;
    // The whole index went through the WAL (as large as the database at
    // 20,000 pages), and every read looks pages up in it until it is
    // checkpointed: uncached search ran twice as slow. Where a reader still
    // holds an older snapshot the checkpoint stops short, and SQLite's own
    // checkpoints finish it later.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .ctx("checkpointing the search index")?;
    Ok(count)
}

/// Empties the FTS5 table `table` by dropping it and creating it again
/// from its own schema (as the migrations wrote it). `DELETE` would write
/// a delete entry for every word of every row beside the old entries, so
/// each rebuild grew the index (a 288 MB database was 881 MB after five
/// starts) and every query read through the dead entries until FTS5
/// merged them away.
fn recreate(conn: &Connection, table: &str) -> Result<(), DbError> {
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .with_ctx(|| format!("reading the schema of {table}"))?;
    conn.execute_batch(&format!("DROP TABLE {table}; {sql};"))
        .with_ctx(|| format!("emptying {table}"))
}

/// Brings the index from `old` (what it holds now) to `new`: rows of pages
/// that changed, appeared or went are replaced, added or deleted, and the
/// FAQ rows are refilled. Returns the number of page rows written.
pub fn update_search_index(conn: &Connection, old: &Site, new: &Site) -> Result<usize, DbError> {
    let tx = write_transaction(conn).ctx("starting the search index update")?;
    let mut terms = TermCounts::default();
    let mut written = 0;
    let same_certs = old.certifications == new.certifications;
    // The same pages at the same places: compare each with its place's,
    // and none is gone.
    let paired = new.pairs_with(old);
    for (i, role) in new.roles.iter().enumerate() {
        let same = if paired {
            Some(&old.roles[i])
        } else {
            old.role(&role.slug)
        }
        .is_some_and(|o| same_role(old, o, new, role, same_certs));
        if !same {
            delete(&tx, &role.url(), &mut terms)?;
            insert(&tx, &role_doc(new, role), &role.slug, &mut terms)?;
            written += 1;
        }
    }
    for (i, article) in new.articles.iter().enumerate() {
        let same = if paired {
            Some(&old.articles[i])
        } else {
            old.article(&article.slug)
        }
        .is_some_and(|o| same_article(o, article));
        if !same {
            delete(&tx, &article.url(), &mut terms)?;
            insert(&tx, &article_doc(article), &article.slug, &mut terms)?;
            written += 1;
        }
    }
    for program in &new.programs {
        let same = old.program(&program.slug).is_some_and(|o| {
            Arc::ptr_eq(&o.fm, &program.fm) && Html::ptr_eq(&o.html, &program.html)
        });
        if !same {
            delete(&tx, &program.url(), &mut terms)?;
            insert(&tx, &program_doc(program), &program.slug, &mut terms)?;
            written += 1;
        }
    }
    for page in &new.pages {
        let same = old
            .page(&page.slug)
            .is_some_and(|o| Arc::ptr_eq(&o.fm, &page.fm) && Arc::ptr_eq(&o.parts, &page.parts));
        if !same {
            delete(&tx, &page.url(), &mut terms)?;
            insert(&tx, &page_doc(page), &page.slug, &mut terms)?;
            written += 1;
        }
    }
    for gone in old
        .programs
        .iter()
        .filter(|p| !paired && new.program(&p.slug).is_none())
    {
        delete(&tx, &gone.url(), &mut terms)?;
    }
    for gone in old
        .pages
        .iter()
        .filter(|p| !paired && new.page(&p.slug).is_none())
    {
        delete(&tx, &gone.url(), &mut terms)?;
    }
    for gone in old
        .roles
        .iter()
        .filter(|r| !paired && new.role(&r.slug).is_none())
    {
        delete(&tx, &gone.url(), &mut terms)?;
    }
    for gone in old
        .articles
        .iter()
        .filter(|a| !paired && new.article(&a.slug).is_none())
    {
        delete(&tx, &gone.url(), &mut terms)?;
    }
    terms.rows_out(&tx, "rowid < ?1", PAGE_ROWIDS)?;
    for table in ["search_docs", "search_titles"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE rowid < ?1"),
            [PAGE_ROWIDS],
        )
        .ctx("emptying the FAQ rows of the search index")?;
    }
    index_faqs(&tx, new, &mut terms)?;
    terms.write(&tx, false)?;
    tx.commit().ctx("committing the search index")?;
    Ok(written)
}

/// A transaction holding the write lock from its start (`BEGIN IMMEDIATE`).
/// A deferred one would first read (FTS5 reads its structure before it
/// writes) and then fail at once, without waiting, if another connection
/// committed in between, as a reader's submission or the retention pass may.
fn write_transaction(conn: &Connection) -> rusqlite::Result<Transaction<'_>> {
    Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
}

/// One row of `search_docs`.
struct Doc {
    rowid: i64,
    kind: DocKind,
    url: String,
    context: String,
    title: String,
    summary: String,
    body: String,
}

/// A page of the site, as the whole rebuild walks them.
enum Source<'a> {
    Role(&'a Role),
    Article(&'a Article),
    Program(&'a Program),
    Page(&'a Page),
}

impl Source<'_> {
    fn url(&self) -> String {
        match self {
            Source::Role(r) => r.url(),
            Source::Article(a) => a.url(),
            Source::Program(p) => p.url(),
            Source::Page(p) => p.url(),
        }
    }

    fn slug(&self) -> &str {
        match self {
            Source::Role(r) => &r.slug,
            Source::Article(a) => &a.slug,
            Source::Program(p) => &p.slug,
            Source::Page(p) => &p.slug,
        }
    }

    fn doc(&self, site: &Site) -> Doc {
        match self {
            Source::Role(r) => role_doc(site, r),
            Source::Article(a) => article_doc(a),
            Source::Program(p) => program_doc(p),
            Source::Page(p) => page_doc(p),
        }
    }
}

/// What a role adds to its body text besides its prose: skills, fields of
/// study and the names of its licenses and certifications.
fn role_extras(site: &Site, role: &Role) -> String {
    let mut extra = String::new();
    for e in role.fm.skills.iter().chain(&role.fm.education.fields) {
        extra.push_str(". ");
        extra.push_str(e);
    }
    for id in role.fm.licenses.iter().chain(&role.fm.certifications) {
        if let Some(c) = site.certifications.get(id) {
            extra.push_str(". ");
            extra.push_str(&c.name);
            if let Some(a) = &c.abbr {
                extra.push_str(&format!(" ({a})"));
            }
        }
    }
    extra
}

fn role_doc(site: &Site, role: &Role) -> Doc {
    let mut body = String::new();
    for section in role.sections.iter() {
        body.push_str(&text_of_html(&section.html.get()));
        body.push(' ');
    }
    body.push_str(&role_extras(site, role));
    Doc {
        rowid: rowid(&role.url()),
        kind: DocKind::Role,
        url: role.url(),
        context: role.fm.level.to_string(),
        title: role.fm.title.clone(),
        summary: role.fm.summary.clone(),
        body,
    }
}

fn article_doc(article: &Article) -> Doc {
    Doc {
        rowid: rowid(&article.url()),
        kind: DocKind::Article,
        url: article.url(),
        context: article.fm.category.clone(),
        title: article.fm.title.clone(),
        summary: article.fm.summary.clone(),
        body: format!(
            "{}. {}",
            text_of_html(&article.html.get()),
            article.fm.tags.join(". ")
        ),
    }
}

/// A program's row: its context says what it awards, who offers it and,
/// for a sponsored listing, who pays for it, so a search result discloses
/// the sponsor as every other listing does.
fn program_doc(p: &Program) -> Doc {
    let fm = &p.fm;
    let by = fm.institution.as_deref().unwrap_or("kind of program");
    let mut context = format!("{}, {by}", fm.credential.label());
    if fm.sponsored {
        context.push_str(&format!("; sponsored by {by}"));
    }
    let mut body = text_of_html(&p.html.get());
    for extra in [Some(&fm.field), fm.accreditation.as_ref().map(|a| &a.by)]
        .into_iter()
        .flatten()
    {
        body.push_str(". ");
        body.push_str(extra);
    }
    Doc {
        rowid: rowid(&p.url()),
        kind: DocKind::Program,
        url: p.url(),
        context,
        title: fm.title.clone(),
        summary: fm.summary.clone(),
        body,
    }
}

fn page_doc(p: &Page) -> Doc {
    Doc {
        rowid: rowid(&p.url()),
        kind: DocKind::Page,
        url: p.url(),
        context: "About the guide".into(),
        title: p.fm.title.clone(),
        summary: p.fm.summary.clone(),
        body: text_of_html(&p.text_html()),
    }
}

/// The same compiled record and prose, and the same certification names
/// (`same_certs`: the two sites' registries are equal).
fn same_role(old_site: &Site, old: &Role, new_site: &Site, new: &Role, same_certs: bool) -> bool {
    Arc::ptr_eq(&old.fm, &new.fm)
        && Arc::ptr_eq(&old.sections, &new.sections)
        && (same_certs || role_extras(old_site, old) == role_extras(new_site, new))
}

fn same_article(old: &Article, new: &Article) -> bool {
    Arc::ptr_eq(&old.fm, &new.fm) && Html::ptr_eq(&old.html, &new.html)
}

/// Rowids from here up are pages'; an FAQ's rowid is its id in `faqs`,
/// so all FAQ rows are one range of the table.
const PAGE_ROWIDS: i64 = 1 << 62;

/// The rowid of a page's row: [`PAGE_ROWIDS`] plus 62 bits of the SHA-256
/// of its URL, so a URL has the same row in every build of the index.
fn rowid(url: &str) -> i64 {
    let digest = Sha256::digest(url.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    PAGE_ROWIDS | (u64::from_be_bytes(first) >> 2) as i64
}

fn insert(tx: &Transaction, doc: &Doc, what: &str, terms: &mut TermCounts) -> Result<(), DbError> {
    let (title, summary, body) = (clean(&doc.title), clean(&doc.summary), clean(&doc.body));
    terms.row(&[&title, &summary, &body], 1);
    tx.prepare_cached(
        "INSERT INTO search_docs (rowid, kind, url, context, title, summary, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            doc.rowid,
            doc.kind.key(),
            doc.url,
            doc.context,
            title,
            summary,
            body,
        ])?;
        tx.prepare_cached("INSERT INTO search_titles (rowid, title) VALUES (?1, ?2)")?
            .execute(params![doc.rowid, title])
    })
    .with_ctx(|| format!("indexing {} {what}", doc.kind.key()))?;
    Ok(())
}

/// Removes `url`'s row, if it has one.
fn delete(tx: &Transaction, url: &str, terms: &mut TermCounts) -> Result<(), DbError> {
    let rowid = rowid(url);
    terms.row_out(tx, rowid)?;
    for sql in [
        "DELETE FROM search_docs WHERE rowid = ?1",
        "DELETE FROM search_titles WHERE rowid = ?1",
    ] {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute([rowid]))
            .with_ctx(|| format!("removing {url} from the search index"))?;
    }
    Ok(())
}

/// Where site-wide FAQs are shown (`web::pages::questions`), and what a
/// search result calls that page.
const QUESTIONS_URL: &str = "/questions/";
const QUESTIONS_TITLE: &str = "Common questions";

/// Indexes the site-wide FAQs and those of roles that exist in `site`;
/// returns how many.
fn index_faqs(tx: &Transaction, site: &Site, terms: &mut TermCounts) -> Result<usize, DbError> {
    let mut faqs = tx
        .prepare("SELECT id, role_slug, question, answer_md FROM faqs ORDER BY id")
        .ctx("reading FAQs for the search index")?;
    let rows = faqs
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .ctx("reading FAQs for the search index")?;
    let mut count = 0;
    for row in rows {
        let (id, slug, question, answer) = row.ctx("reading an FAQ for the search index")?;
        let (page, context) = match slug {
            None => (QUESTIONS_URL.to_string(), QUESTIONS_TITLE.to_string()),
            Some(slug) => match site.role(&slug) {
                Some(role) => (role.url(), role.fm.title.clone()),
                None => continue,
            },
        };
        let doc = Doc {
            rowid: id,
            kind: DocKind::Faq,
            url: format!("{page}#faq-{id}"),
            context,
            title: question,
            summary: String::new(),
            body: strip_markdown(&answer),
        };
        insert(tx, &doc, &id.to_string(), terms)?;
        count += 1;
    }
    Ok(count)
}

/// Text safe to index: no highlight markers.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c != MARK_START && *c != MARK_END)
        .collect()
}

/// Markdown to rough plain text: link targets and markup characters dropped.
fn strip_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 2..];
        match rest.find(')') {
            Some(j) => rest = &rest[j + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.chars()
        .map(|c| if "*_[]#>`".contains(c) { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rowids_are_stable_and_distinct() {
        assert_eq!(rowid("/roles/lead/"), rowid("/roles/lead/"));
        assert_ne!(rowid("/roles/cmio/"), rowid("/roles/cmi/"));
        assert!(rowid("/articles/x/") >= PAGE_ROWIDS, "above every FAQ id");
    }

    #[test]
    fn strip_markdown_drops_link_targets() {
        assert_eq!(
            strip_markdown("See [TB](https://example.org/x) **now**")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["See", "TB", "now"]
        );
    }
}
