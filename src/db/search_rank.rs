//! The order of search results, and their number.
//!
//! Rows whose title holds every term come first (role pages before other
//! kinds among them). After them, a query matching at most
//! [`BM25_AT_MOST`] rows is ordered by bm25; a broader one by page order.
//! bm25 scores every match before the first can be shown (2-3 µs each, 50
//! ms for a pair of common words matching 17,000 of 20,000 pages), and for
//! such a query it tells pages apart by little: FTS5 gives a word in half
//! the rows or more next to no weight. For the same reason such a word is
//! left out of what bm25 orders when the query has a rarer one (see
//! [`ranked`]'s code): it only filters.

use super::error::{Context, DbError};
use super::search_snippet::Term;
use rusqlite::{Connection, Params, params};
use std::collections::HashSet;

/// bm25 weights, one per column: kind, url, context (unindexed), title, summary, body.
const RANK: &str = "bm25(search_docs, 0.0, 0.0, 0.0, 10.0, 4.0, 1.0)";

/// The most matches a query may have to be ordered by bm25.
pub(super) const BM25_AT_MOST: usize = 2_000;

/// Rows matching a query, best first.
pub(super) struct Ranked {
    /// At least the first `wanted` rows (all of them when fewer match).
    pub ids: Vec<i64>,
    /// How many rows match.
    pub total: usize,
}

/// The rows matching `expr` (the terms' expressions joined by AND, or by
/// OR when `any`), ordered as the module says; `all` are the terms'
/// expressions, `terms` what they match.
pub(super) fn ranked(
    conn: &Connection,
    all: &[String],
    terms: &[Vec<Term>],
    any: bool,
    wanted: usize,
) -> Result<Ranked, DbError> {
    ranked_within(conn, all, terms, any, wanted, BM25_AT_MOST)
}

/// [`ranked`], with bm25 for at most `cap` matches.
fn ranked_within(
    conn: &Connection,
    all: &[String],
    terms: &[Vec<Term>],
    any: bool,
    wanted: usize,
    cap: usize,
) -> Result<Ranked, DbError> {
    let expr = all.join(if any { " OR " } else { " AND " });
    let title_expr = all.join(" AND ");
    let rows = indexed_rows(conn)?;
    let bounds = group_bounds(conn, terms, cap.max(rows / 2))?;
    if let Some(total) = broad_count(conn, &expr, &bounds, any, cap)? {
        return in_page_order(conn, &expr, &title_expr, wanted, total);
    }
    // bm25 first reads the whole posting list of every term of the MATCH
    // expression to count its rows (the weight of a word). A group in
    // half the rows or more weighs next to nothing, and for a common word
    // that reading was most of the query: such groups (by the vocabulary's
    // count, an upper bound) are left out of the expression bm25 orders,
    // and the rows it orders are then kept only if they match the whole
    // query.
    let common = |i: usize| bounds[i] >= rows / 2;
    let rank_expr = if any || (0..all.len()).all(common) || !(0..all.len()).any(common) {
        expr.clone()
    } else {
        let rare: Vec<&str> = (0..all.len())
            .filter(|&i| !common(i))
            .map(|i| all[i].as_str())
            .collect();
        rare.join(" AND ")
    };
    let sql = format!(
        "SELECT rowid FROM search_docs WHERE search_docs MATCH ?1
         ORDER BY CASE WHEN rowid IN (SELECT rowid FROM search_titles WHERE search_titles MATCH ?2)
                       THEN (CASE kind WHEN 'role' THEN 2 ELSE 1 END) ELSE 0 END DESC,
                  {RANK}, rowid"
    );
    let mut stmt = conn.prepare_cached(&sql).ctx("preparing the search")?;
    let mut ids: Vec<i64> = stmt
        .query_map(params![rank_expr, title_expr], |r| r.get(0))
        .ctx("running the search")?
        .collect::<Result<_, _>>()
        .ctx("reading a search result")?;
    if rank_expr != expr {
        let matching = matching_rows(conn, &expr)?;
        ids.retain(|id| matching.contains(id));
    }
    Ok(Ranked {
        total: ids.len(),
        ids,
    })
}

/// How many rows the index holds (the row-size table's count, which
/// SQLite reads from its b-tree without looking at the rows).
fn indexed_rows(conn: &Connection) -> Result<usize, DbError> {
    conn.prepare_cached("SELECT count(*) FROM search_docs_docsize")
        .and_then(|mut s| s.query_row([], |r| r.get::<_, i64>(0)))
        .ctx("counting the indexed rows")
        .map(|n| n as usize)
}

/// The rows matching `expr`, in no order.
fn matching_rows(conn: &Connection, expr: &str) -> Result<HashSet<i64>, DbError> {
    let mut stmt = conn
        .prepare_cached("SELECT rowid FROM search_docs WHERE search_docs MATCH ?1")
        .ctx("preparing the search")?;
    stmt.query_map([expr], |r| r.get(0))
        .ctx("running the search")?
        .collect::<Result<_, _>>()
        .ctx("reading a search result")
}

/// For each group of terms, at most how many rows hold it (see
/// [`rows_at_most`]), or anything over `limit`.
fn group_bounds(
    conn: &Connection,
    terms: &[Vec<Term>],
    limit: usize,
) -> Result<Vec<usize>, DbError> {
    let mut bounds = Vec::with_capacity(terms.len());
    for group in terms {
        let mut bound = 0;
        for term in group {
            bound += rows_at_most(conn, term, limit)?;
        }
        bounds.push(bound);
    }
    Ok(bounds)
}

/// How many rows match, when more than `cap` do. The vocabulary's row
/// counts bound it first (`bounds`, from [`group_bounds`]: no FTS5 query
/// at all for a query with a rare word); past the bound the rows are
/// counted. The vocabulary splits and folds words as the index does, but
/// where they disagree (an accent `fold` does not know) a bound too low
/// only means a broad query is ordered by bm25: slower, never wrong.
fn broad_count(
    conn: &Connection,
    expr: &str,
    bounds: &[usize],
    any: bool,
    cap: usize,
) -> Result<Option<usize>, DbError> {
    let bound = if any {
        bounds.iter().sum()
    } else {
        bounds.iter().copied().min().unwrap_or(0)
    };
    if bound <= cap {
        return Ok(None);
    }
    let total: i64 = conn
        .prepare_cached("SELECT count(*) FROM search_docs WHERE search_docs MATCH ?1")
        .and_then(|mut s| s.query_row([expr], |r| r.get(0)))
        .ctx("counting search results")?;
    Ok((total as usize > cap).then_some(total as usize))
}

/// At most how many rows hold `term` (the rows of each word it may match,
/// summed), or anything over `cap` once the sum passes it.
fn rows_at_most(conn: &Connection, term: &Term, cap: usize) -> Result<usize, DbError> {
    match term.words.as_slice() {
        [word] if term.prefix => summed(
            conn,
            "SELECT docs FROM search_terms WHERE term >= ?1 AND term < ?2",
            params![word, format!("{word}{}", char::MAX)],
            cap,
        ),
        words => {
            let mut fewest = usize::MAX;
            for w in words {
                let sql = "SELECT docs FROM search_terms WHERE term = ?1";
                fewest = fewest.min(summed(conn, sql, [w], cap)?);
            }
            Ok(fewest.min(cap + 1))
        }
    }
}

/// The sum of the row counts `sql` reads, read only until it passes `cap`.
fn summed(conn: &Connection, sql: &str, args: impl Params, cap: usize) -> Result<usize, DbError> {
    let mut stmt = conn
        .prepare_cached(sql)
        .ctx("reading the search vocabulary")?;
    let mut rows = stmt.query(args).ctx("reading the search vocabulary")?;
    let mut sum = 0;
    while let Some(r) = rows.next().ctx("reading the search vocabulary")? {
        sum += r.get::<_, i64>(0).ctx("reading the search vocabulary")? as usize;
        if sum > cap {
            break;
        }
    }
    Ok(sum)
}

/// A broad query's rows: the title tier as in [`ranked`], then the others
/// in page order (the index's), read only as far as `wanted`.
fn in_page_order(
    conn: &Connection,
    expr: &str,
    title_expr: &str,
    wanted: usize,
    total: usize,
) -> Result<Ranked, DbError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT t.rowid FROM search_titles AS t JOIN search_docs AS d ON d.rowid = t.rowid
             WHERE search_titles MATCH ?1 ORDER BY d.kind <> 'role', t.rowid LIMIT ?2",
        )
        .ctx("preparing the search")?;
    let mut ids: Vec<i64> = stmt
        .query_map(params![title_expr, wanted as i64], |r| r.get(0))
        .ctx("running the search")?
        .collect::<Result<_, _>>()
        .ctx("reading a search result")?;
    if ids.len() < wanted {
        // The whole title tier is read: skip its rows among the others.
        let titled: HashSet<i64> = ids.iter().copied().collect();
        let mut stmt = conn
            .prepare_cached("SELECT rowid FROM search_docs WHERE search_docs MATCH ?1")
            .ctx("preparing the search")?;
        let mut rows = stmt.query([expr]).ctx("running the search")?;
        while ids.len() < wanted {
            let Some(r) = rows.next().ctx("reading a search result")? else {
                break;
            };
            let id: i64 = r.get(0).ctx("reading a search result")?;
            if !titled.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(Ranked { ids, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five rows: (rowid, kind, title, body); "weld"* matches each.
    const ROWS: [(i64, &str, &str, &str); 5] = [
        (1, "article", "Welding basics", "weld weld weld"),
        (2, "role", "Welder", "weld"),
        (3, "article", "Other", "weld once"),
        (4, "article", "Other two", "welding welding welding welding"),
        (5, "role", "Pipe welder", "weld"),
    ];

    type Index = (
        tempfile::TempDir,
        r2d2::PooledConnection<r2d2_sqlite::SqliteConnectionManager>,
    );

    /// An index of `rows` (rowid, kind, title, body), with the vocabulary
    /// `words` (word, rows holding it).
    fn index_of(rows: &[(i64, &str, &str, &str)], words: &[(&str, i64)]) -> Index {
        let dir = tempfile::tempdir().unwrap();
        let pool = super::super::open(&dir.path().join("db.sqlite3")).unwrap();
        let conn = pool.get().unwrap();
        for &(id, kind, title, body) in rows {
            conn.execute(
                "INSERT INTO search_docs (rowid, kind, url, context, title, summary, body)
                 VALUES (?1, ?2, '', '', ?3, '', ?4)",
                params![id, kind, title, body],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO search_titles (rowid, title) VALUES (?1, ?2)",
                params![id, title],
            )
            .unwrap();
        }
        for &(term, docs) in words {
            conn.execute(
                "INSERT INTO search_terms (term, len, docs) VALUES (?1, ?2, ?3)",
                params![term, term.len() as i64, docs],
            )
            .unwrap();
        }
        (dir, conn)
    }

    /// [`ROWS`], with the rows holding each word as the index's writer
    /// counts them.
    fn index() -> Index {
        index_of(&ROWS, &[("weld", 4), ("welding", 2), ("welder", 2)])
    }

    fn weld(conn: &Connection, wanted: usize, cap: usize) -> Ranked {
        let all = ["\"weld\"*".to_string()];
        let terms = [vec![Term {
            words: vec!["weld".into()],
            prefix: true,
        }]];
        ranked_within(conn, &all, &terms, false, wanted, cap).unwrap()
    }

    #[test]
    fn titles_first_then_bm25_or_for_a_broad_query_page_order() {
        let (_dir, conn) = index();
        // bm25: the role titles, the other title, then by how often.
        let narrow = weld(&conn, 10, 100);
        assert_eq!(narrow.total, 5);
        let mut roles = narrow.ids[..2].to_vec();
        roles.sort();
        assert_eq!(
            (roles.as_slice(), &narrow.ids[2..]),
            ([2, 5].as_slice(), [1, 4, 3].as_slice())
        );
        // Past the cap: the same title tier, roles first, then page order,
        // read only as far as wanted; the total still counts every row.
        let broad = weld(&conn, 10, 3);
        assert_eq!(broad.ids, [2, 5, 1, 3, 4]);
        assert_eq!(broad.total, 5);
        let first = weld(&conn, 4, 3);
        assert_eq!(
            (first.ids.as_slice(), first.total),
            ([2, 5, 1, 3].as_slice(), 5)
        );
    }

    #[test]
    fn a_word_in_most_rows_is_left_to_the_filter_and_the_order_is_bm25s() {
        // "plain" is in eleven of twelve rows, "zest" in five (in 1, 3, 5
        // and 7 a different number of times, and in 12, without "plain").
        let bodies: Vec<String> = (1..=12)
            .map(|i| {
                let plain = if i == 12 { "" } else { "plain " };
                let zest = match i {
                    1 | 3 | 5 | 7 => "zest ".repeat(i / 2 + 1),
                    12 => "zest ".into(),
                    _ => String::new(),
                };
                format!("{plain}{zest}filler words here")
            })
            .collect();
        let rows: Vec<(i64, &str, &str, &str)> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| (i as i64 + 1, "article", "Other", b.as_str()))
            .collect();
        let (_dir, conn) = index_of(&rows, &[("plain", 11), ("zest", 5)]);
        let all = ["\"plain\"*".to_string(), "\"zest\"*".to_string()];
        let term = |w: &str| {
            vec![Term {
                words: vec![w.into()],
                prefix: true,
            }]
        };
        let found =
            ranked_within(&conn, &all, &[term("plain"), term("zest")], false, 10, 100).unwrap();
        let expected: Vec<i64> = conn
            .prepare(&format!(
                "SELECT rowid FROM search_docs WHERE search_docs MATCH ?1 ORDER BY {RANK}, rowid"
            ))
            .unwrap()
            .query_map([all.join(" AND ")], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(expected.len(), 4, "rows 1, 3, 5 and 7 hold both");
        assert_eq!(found.ids, expected);
        assert_eq!(found.total, 4);
    }
}
