//! The search vocabulary (`search_terms`, migration 5): every word of the
//! search index with the number of rows holding it, written beside the
//! index by [`super::search_index`] and read by spelling suggestions
//! ([`super::search::closest_word`]) and the prefix check.
//!
//! FTS5's own vocabulary table (`search_vocab`) counts each word's rows by
//! reading its whole posting list on every query, which at 20,000 pages is
//! a second for a query with one misspelt word; this table is read by an
//! index on word length. Words are split as the index's tokenizer splits
//! them (letters and digits, case and common accents folded by
//! [`super::search::fold`]).

use super::error::{Context, DbError};
use super::search::fold;
use rusqlite::{Transaction, params};
use std::collections::{HashMap, HashSet};

/// Changes to the vocabulary gathered over one transaction, written once.
#[derive(Default)]
pub(super) struct TermCounts {
    delta: HashMap<String, i64>,
}

impl TermCounts {
    /// Counts a row with these texts in (`by` = 1) or out (`by` = -1).
    pub fn row(&mut self, texts: &[&str], by: i64) {
        let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
        let words: HashSet<&str> = folded
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        for word in words {
            *self.delta.entry(word.to_string()).or_default() += by;
        }
    }

    /// Counts out the indexed row `rowid` (before it is deleted), if there is one.
    pub fn row_out(&mut self, tx: &Transaction, rowid: i64) -> Result<(), DbError> {
        self.rows_out(tx, "rowid = ?1", rowid)
    }

    /// Counts out every indexed row matching `condition` on `?1`.
    pub fn rows_out(&mut self, tx: &Transaction, condition: &str, arg: i64) -> Result<(), DbError> {
        let sql = format!("SELECT title, summary, body FROM search_docs WHERE {condition}");
        let mut stmt = tx.prepare_cached(&sql).ctx("reading indexed rows")?;
        let mut rows = stmt.query([arg]).ctx("reading indexed rows")?;
        while let Some(r) = rows.next().ctx("reading an indexed row")? {
            let (t, s, b): (String, String, String) = (
                r.get(0).ctx("reading an indexed row")?,
                r.get(1).ctx("reading an indexed row")?,
                r.get(2).ctx("reading an indexed row")?,
            );
            self.row(&[&t, &s, &b], -1);
        }
        Ok(())
    }

    /// Applies the counts to `search_terms`; with `fresh`, the table is
    /// emptied first (a rebuild).
    pub fn write(self, tx: &Transaction, fresh: bool) -> Result<(), DbError> {
        if fresh {
            tx.execute("DELETE FROM search_terms", [])
                .ctx("emptying the search vocabulary")?;
        }
        let mut upsert = tx
            .prepare_cached(
                "INSERT INTO search_terms (term, len, docs) VALUES (?1, ?2, ?3)
                 ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
            )
            .ctx("writing the search vocabulary")?;
        let mut lower = tx
            .prepare_cached(
                "UPDATE search_terms SET docs = docs + ?2 WHERE term = ?1 AND docs + ?2 > 0",
            )
            .ctx("writing the search vocabulary")?;
        let mut remove = tx
            .prepare_cached("DELETE FROM search_terms WHERE term = ?1 AND docs + ?2 <= 0")
            .ctx("writing the search vocabulary")?;
        for (term, by) in self.delta {
            if by > 0 {
                upsert.execute(params![term, term.chars().count() as i64, by])
            } else if by < 0 {
                // One of the two applies: the word goes, or its count falls.
                remove
                    .execute(params![term, by])
                    .and_then(|_| lower.execute(params![term, by]))
            } else {
                continue;
            }
            .ctx("writing the search vocabulary")?;
        }
        Ok(())
    }
}
