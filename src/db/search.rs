//! The site search: a forgiving query over the FTS5 index of roles,
//! articles, programs, editorial pages and FAQs (`search_docs`, migration
//! 2) that
//! [`super::search_index`] fills.
//!
//! User input never reaches FTS5 syntax: [`tokenize`] keeps only runs of
//! letters and digits, and the MATCH expression is built from quoted tokens.
//! Forgiveness comes from three places: prefixes (every word the reader
//! typed also matches longer words), spelling (a word the index does not
//! hold is replaced by the closest indexed word, by edit distance over the
//! `search_terms` vocabulary of [`super::search_terms`]), and synonyms from
//! the content pack (an abbreviation also finds its expansion, and the
//! other way round).

use super::error::{Context, DbError};
use super::search_rank::ranked;
use super::search_snippet::{self, Term};
use crate::content::Site;
use crate::content::data::SynonymGroup;
use rusqlite::{Connection, params};

/// Highlight markers handed to `snippet()`; private-use characters, removed
/// from indexed text so content can never forge one.
pub(super) const MARK_START: char = '\u{E000}';
pub(super) const MARK_END: char = '\u{E001}';

/// The most of a query we read, in characters, and the most words we use.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_WORDS: usize = 8;
const MAX_WORD_CHARS: usize = 40;

/// Lower case with common Latin accents removed: "Eléctrica" -> "electrica".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // Most text: no accents to remove, and ASCII's own lower case.
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

/// The words of a query: runs of letters and digits, folded, at most
/// [`MAX_WORDS`] of them from the first [`MAX_QUERY_CHARS`] characters.
/// Everything else (quotes, `*`, brackets, operators' punctuation) separates
/// words and is never passed on.
pub fn tokenize(query: &str) -> Vec<String> {
    let head: String = query.chars().take(MAX_QUERY_CHARS).collect();
    fold(&head)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WORD_CHARS).collect())
        .take(MAX_WORDS)
        .collect()
}

/// One result.
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// `role`, `article` or `faq`.
    pub kind: String,
    pub url: String,
    /// A level, a category, or the role a question belongs to.
    pub context: String,
    pub title: String,
    /// HTML: the snippet escaped, with the matched words in `<mark>`.
    pub snippet_html: String,
}

/// What a search found and how it read the query.
#[derive(Debug, Clone, Default)]
pub struct SearchOutcome {
    /// The words used, after spelling correction.
    pub words: Vec<String>,
    pub hits: Vec<SearchHit>,
    /// Results in all pages.
    pub total: usize,
    /// (typed, used) for each word replaced by a close indexed word.
    pub corrections: Vec<(String, String)>,
    /// Other terms searched because of synonyms, as written in the content.
    pub also_searched: Vec<String>,
    /// No result had every word, so these have some of them.
    pub partial: bool,
}

/// A term of the query: one or more alternatives, any of which may match.
struct Group {
    /// Each alternative is a word or a phrase (words in order).
    alternatives: Vec<Vec<String>>,
    /// The reader's own word, matched as a prefix too.
    prefix: Option<String>,
}

impl Group {
    /// What the group matches: the reader's word (as a prefix unless a
    /// single letter, which would match nearly everything) and each
    /// alternative. Both the MATCH expression and the snippets read these.
    fn terms(&self) -> impl Iterator<Item = Term> + '_ {
        let own = self.prefix.iter().map(|p| Term {
            words: vec![p.clone()],
            prefix: p.chars().count() > 1,
        });
        own.chain(self.alternatives.iter().map(|alt| Term {
            words: alt.clone(),
            prefix: false,
        }))
    }

    fn expr(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for term in self.terms() {
            let star = if term.prefix { "*" } else { "" };
            let part = format!("\"{}\"{star}", term.words.join(" "));
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        if parts.len() == 1 {
            parts.remove(0)
        } else {
            format!("({})", parts.join(" OR "))
        }
    }
}

/// Searches the index for `query`; `page` counts from 1, `per_page` results each.
pub fn search(
    conn: &Connection,
    site: &Site,
    query: &str,
    page: usize,
    per_page: usize,
) -> Result<SearchOutcome, DbError> {
    let mut outcome = SearchOutcome::default();
    let typed = tokenize(query);
    if typed.is_empty() {
        return Ok(outcome);
    }
    let synonyms = synonym_phrases(&site.synonyms);
    let mut words = Vec::with_capacity(typed.len());
    for w in typed {
        let known = synonyms.iter().any(|(_, p)| p.len() == 1 && p[0] == w);
        if known || w.chars().count() < 4 || w.chars().all(|c| c.is_ascii_digit()) {
            words.push(w);
            continue;
        }
        if has_prefix(conn, &w)? {
            words.push(w);
            continue;
        }
        match closest_word(conn, &w)? {
            Some(better) => {
                outcome.corrections.push((w, better.clone()));
                words.push(better);
            }
            None => words.push(w),
        }
    }
    let groups = group_words(
        &words,
        &site.synonyms,
        &synonyms,
        &mut outcome.also_searched,
    );
    outcome.words = words;

    let all = groups.iter().map(Group::expr).collect::<Vec<_>>();
    let terms: Vec<Vec<Term>> = groups.iter().map(|g| g.terms().collect()).collect();
    let offset = page.saturating_sub(1).saturating_mul(per_page);
    let wanted = offset.saturating_add(per_page);
    let mut found = ranked(conn, &all, &terms, false, wanted)?;
    if found.total == 0 && all.len() > 1 {
        found = ranked(conn, &all, &terms, true, wanted)?;
        outcome.partial = found.total > 0;
    }
    outcome.total = found.total;
    let terms: Vec<Term> = terms.into_iter().flatten().collect();
    for id in found.ids.iter().skip(offset).take(per_page) {
        outcome.hits.push(hit(conn, *id, &terms)?);
    }
    Ok(outcome)
}

/// Words of text around the matches a snippet shows.
const SNIPPET_WORDS: usize = 24;

/// The result shown for row `id`: the body's words around its matches, or
/// else the summary's.
fn hit(conn: &Connection, id: i64, terms: &[Term]) -> Result<SearchHit, DbError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT kind, url, context, title, summary, body FROM search_docs WHERE rowid = ?1",
        )
        .ctx("preparing a search result")?;
    stmt.query_row([id], |r| {
        let (summary, body): (String, String) = (r.get(4)?, r.get(5)?);
        let snippet = search_snippet::matched(&body, terms, SNIPPET_WORDS)
            .or_else(|| search_snippet::matched(&summary, terms, SNIPPET_WORDS))
            .unwrap_or_else(|| {
                let text = if summary.is_empty() { &body } else { &summary };
                search_snippet::opening(text, SNIPPET_WORDS)
            });
        Ok(SearchHit {
            kind: r.get(0)?,
            url: r.get(1)?,
            context: r.get(2)?,
            title: r.get(3)?,
            snippet_html: highlight(&snippet),
        })
    })
    .ctx("reading a search result")
}

/// Each synonym term as words, with the index of its group.
fn synonym_phrases(groups: &[SynonymGroup]) -> Vec<(usize, Vec<String>)> {
    groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| {
            g.terms.iter().filter_map(move |t| {
                let words: Vec<String> = fold(t)
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect();
                (!words.is_empty()).then_some((i, words))
            })
        })
        .collect()
}

/// Groups the words: a run that spells a synonym term becomes one group
/// with every term of its synonym group; any other word stands alone.
fn group_words(
    words: &[String],
    groups: &[SynonymGroup],
    phrases: &[(usize, Vec<String>)],
    also: &mut Vec<String>,
) -> Vec<Group> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let best = phrases
            .iter()
            .filter(|(_, p)| words[i..].starts_with(p))
            .max_by_key(|(_, p)| p.len());
        match best {
            Some((g, p)) => {
                let alternatives: Vec<Vec<String>> = phrases
                    .iter()
                    .filter(|(gi, _)| gi == g)
                    .map(|(_, alt)| alt.clone())
                    .collect();
                for term in &groups[*g].terms {
                    let folded: Vec<String> = fold(term)
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect();
                    if &folded != p && !also.contains(term) {
                        also.push(term.clone());
                    }
                }
                out.push(Group {
                    alternatives,
                    prefix: (p.len() == 1).then(|| p[0].clone()),
                });
                i += p.len();
            }
            None => {
                out.push(Group {
                    alternatives: Vec::new(),
                    prefix: Some(words[i].clone()),
                });
                i += 1;
            }
        }
    }
    out
}

/// Whether any indexed word starts with `word`.
fn has_prefix(conn: &Connection, word: &str) -> Result<bool, DbError> {
    let upper = format!("{word}{}", char::MAX);
    conn.prepare_cached("SELECT 1 FROM search_terms WHERE term >= ?1 AND term < ?2 LIMIT 1")
        .and_then(|mut s| s.exists(params![word, upper]))
        .ctx("looking a word up in the search vocabulary")
}

/// The indexed word closest to `word` by edit distance (a swap of two
/// neighbouring letters counts once): at most 1 edit for words of up to 5
/// letters, 2 for longer ones; ties go to the word in more rows.
pub fn closest_word(conn: &Connection, word: &str) -> Result<Option<String>, DbError> {
    let len = word.chars().count();
    let limit = if len <= 5 { 1 } else { 2 };
    let mut stmt = conn
        .prepare_cached("SELECT term, docs FROM search_terms WHERE len BETWEEN ?1 AND ?2")
        .ctx("reading the search vocabulary")?;
    let mut rows = stmt
        .query(params![
            len.saturating_sub(limit) as i64,
            (len + limit) as i64
        ])
        .ctx("reading the search vocabulary")?;
    let letters = crate::text::Letters::of(word);
    let mut best: Option<(usize, i64, String)> = None;
    // Each word is read in place: most are ruled out by their letters.
    while let Some(r) = rows.next().ctx("reading the search vocabulary")? {
        let term = r
            .get_ref(0)
            .and_then(|v| Ok(v.as_str()?))
            .ctx("reading the search vocabulary")?;
        if term.chars().any(|c| c.is_ascii_digit()) || !letters.could_be_within(term, limit) {
            continue;
        }
        let Some(d) = crate::text::distance_within(word, term, limit, &mut 0) else {
            continue;
        };
        if d == 0 {
            continue;
        }
        let docs: i64 = r.get(1).ctx("reading the search vocabulary")?;
        let better = match &best {
            None => true,
            Some((bd, bdocs, _)) => d < *bd || (d == *bd && docs > *bdocs),
        };
        if better {
            best = Some((d, docs, term.to_string()));
        }
    }
    Ok(best.map(|(_, _, t)| t))
}

/// Escapes a snippet for HTML and turns the markers into `<mark>` elements,
/// always balanced. Nothing else of the snippet is trusted.
pub fn highlight(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len() + 32);
    let mut open = false;
    for c in snippet.chars() {
        match c {
            MARK_START if !open => {
                out.push_str("<mark>");
                open = true;
            }
            MARK_END if open => {
                out.push_str("</mark>");
                open = false;
            }
            MARK_START | MARK_END => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenize_drops_every_fts_operator() {
        assert_eq!(
            tokenize("\"volt\" NEAR( chief* ) ^title:x -y + (("),
            ["volt", "near", "chief", "title", "x", "y"]
        );
        assert_eq!(tokenize("Eléctrica CAFÉ"), ["electrica", "cafe"]);
        assert!(tokenize("\"*()^:").is_empty());
        assert_eq!(tokenize(&"a ".repeat(2000)).len(), MAX_WORDS);
    }

    #[test]
    fn highlight_escapes_everything_but_its_markers() {
        let s = format!("<b>{MARK_START}volt{MARK_END}</b> & \"x\" {MARK_START}open");
        assert_eq!(
            highlight(&s),
            "&lt;b&gt;<mark>volt</mark>&lt;/b&gt; &amp; &quot;x&quot; <mark>open</mark>"
        );
        assert_eq!(highlight(&format!("{MARK_END}a")), "a");
    }
}
