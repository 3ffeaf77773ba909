//! Search snippets: the few words of a result's text around its matches,
//! with each match between [`MARK_START`] and [`MARK_END`] (turned into
//! `<mark>` by [`super::search::highlight`]).
//!
//! Made here, for the results of one page only, rather than by FTS5's
//! `snippet()`: SQLite computes a query's columns before it sorts, so
//! `snippet()` in the ranked query tokenized the whole text of every match,
//! a third of an uncached search's time. Words are split and folded as the
//! index's tokenizer splits them (runs of letters and digits, case and
//! common accents folded by [`fold`]).

use super::search::{MARK_END, MARK_START, fold};
use std::borrow::Cow;

/// What a result's text is searched for: a word or a phrase (words in
/// order), whose last word may match as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    pub words: Vec<String>,
    pub prefix: bool,
}

/// A word of a text: where it is, and its folded form (borrowed when
/// folding changes nothing, as for most words).
struct Token<'a> {
    start: usize,
    end: usize,
    folded: Cow<'a, str>,
}

fn folded(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

/// The words of `text`, split as the index's tokenizer splits them;
/// `lowered` is [`lowered`] of it.
fn tokens<'a>(text: &'a str, lowered: &'a Option<String>) -> Vec<Token<'a>> {
    match lowered {
        Some(lower) => ascii_tokens(lower),
        None => char_tokens(text),
    }
}

/// An ASCII text in lower case, its words' folded form in one copy (a
/// copy per capitalised word was most of splitting a body); none for
/// other text, whose words are folded one by one.
fn lowered(text: &str) -> Option<String> {
    text.is_ascii().then(|| text.to_ascii_lowercase())
}

/// [`tokens`] of ASCII text in lower case (most bodies), a byte at a time:
/// split char by char, it was about 6 % of an uncached search's CPU. The
/// offsets are the original text's.
fn ascii_tokens(lower: &str) -> Vec<Token<'_>> {
    let bytes = lower.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        out.push(Token {
            start,
            end: i,
            folded: Cow::Borrowed(&lower[start..i]),
        });
    }
    out
}

fn char_tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token {
                    start: s,
                    end: i,
                    folded: folded(&text[s..i]),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether `term` is found at word `at`.
fn found_at(words: &[Token], at: usize, term: &Term) -> bool {
    let Some(last) = term.words.len().checked_sub(1) else {
        return false;
    };
    let Some(window) = words.get(at..=at + last) else {
        return false;
    };
    window
        .iter()
        .zip(&term.words)
        .enumerate()
        .all(|(k, (w, t))| {
            if k == last && term.prefix {
                w.folded.starts_with(t.as_str())
            } else {
                w.folded == *t
            }
        })
}

/// Up to `size` words of `text` around its matches of `terms`, the matches
/// marked, with "…" where the text goes on; `None` when nothing matches.
/// The words shown are those holding the most different terms, then the
/// most matches, the earliest first.
pub(super) fn matched(text: &str, terms: &[Term], size: usize) -> Option<String> {
    let lower = lowered(text);
    let words = tokens(text, &lower);
    // For each word: the term found starting there.
    let begins: Vec<Option<usize>> = (0..words.len())
        .map(|at| terms.iter().position(|t| found_at(&words, at, t)))
        .collect();
    let starts: Vec<usize> = (0..words.len()).filter(|&i| begins[i].is_some()).collect();
    if starts.is_empty() {
        return None;
    }
    let score = |from: usize| {
        let shown = &begins[from..(from + size).min(words.len())];
        let mut distinct: Vec<usize> = shown.iter().flatten().copied().collect();
        let all = distinct.len();
        distinct.sort_unstable();
        distinct.dedup();
        (distinct.len(), all)
    };
    // Each candidate window begins a few words before a match.
    let mut best = 0;
    let mut best_score = (0, 0);
    for &m in &starts {
        let from = m.saturating_sub(3);
        let s = score(from);
        if s > best_score {
            (best, best_score) = (from, s);
        }
    }
    Some(render(text, &words, best, size, &begins, terms))
}

/// The first `size` words of `text`, with "…" where it goes on.
pub(super) fn opening(text: &str, size: usize) -> String {
    let lower = lowered(text);
    let words = tokens(text, &lower);
    render(text, &words, 0, size, &[], &[])
}

fn render(
    text: &str,
    words: &[Token],
    from: usize,
    size: usize,
    begins: &[Option<usize>],
    terms: &[Term],
) -> String {
    if words.is_empty() {
        return text.trim().to_string();
    }
    let to = (from + size).min(words.len());
    let start = if from == 0 { 0 } else { words[from].start };
    let end = if to == words.len() {
        text.len()
    } else {
        words[to - 1].end
    };
    let mut out = String::with_capacity(end - start + 16);
    if from > 0 {
        out.push('…');
    }
    let mut at = start;
    let mut open_until = None;
    for (i, w) in words.iter().enumerate().take(to).skip(from) {
        out.push_str(&text[at..w.start]);
        if open_until.is_none()
            && let Some(t) = begins.get(i).copied().flatten()
        {
            out.push(MARK_START);
            open_until = Some(i + terms[t].words.len() - 1);
        }
        out.push_str(&text[w.start..w.end]);
        at = w.end;
        if open_until == Some(i) {
            out.push(MARK_END);
            open_until = None;
        }
    }
    if open_until.is_some() {
        out.push(MARK_END);
    }
    out.push_str(&text[at..end]);
    if to < words.len() {
        out.push('…');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(words: &[&str], prefix: bool) -> Term {
        Term {
            words: words.iter().map(|w| w.to_string()).collect(),
            prefix,
        }
    }

    fn shown(s: &str) -> String {
        s.replace(MARK_START, "[").replace(MARK_END, "]")
    }

    #[test]
    fn marks_prefixes_words_and_phrases_folded() {
        let terms = [term(&["weld"], true), term(&["safety", "plan"], false)];
        let s = matched(
            "Welders keep the Safety Plan; safety alone is not one.",
            &terms,
            24,
        );
        assert_eq!(
            shown(&s.unwrap()),
            "[Welders] keep the [Safety Plan]; safety alone is not one."
        );
        let s = matched("Électricité", &[term(&["electri"], true)], 24).unwrap();
        assert_eq!(shown(&s), "[Électricité]");
        assert_eq!(matched("nothing here", &terms, 24), None);
        assert_eq!(matched("a term of no words", &[term(&[], false)], 24), None);
    }

    #[test]
    fn shows_the_words_around_the_most_terms() {
        let text = format!(
            "{} volt here. {} volt and amp together. {}",
            "a ".repeat(30),
            "b ".repeat(30),
            "c ".repeat(30)
        );
        let terms = [term(&["volt"], false), term(&["amp"], false)];
        let s = shown(&matched(&text, &terms, 8).unwrap());
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[volt] and [amp]"), "{s}");
        assert!(s.split_whitespace().count() <= 8, "{s}");
    }

    #[test]
    fn ascii_text_splits_as_any_text_does() {
        let text = "CNC-welder, 2024: Plans (v2.1) & OSHA 30; a--b  end.";
        let parts = |t: Vec<Token>| -> Vec<(usize, usize, String)> {
            t.into_iter()
                .map(|t| (t.start, t.end, t.folded.into_owned()))
                .collect()
        };
        let lower = text.to_ascii_lowercase();
        assert_eq!(parts(ascii_tokens(&lower)), parts(char_tokens(text)));
        assert_eq!(parts(ascii_tokens(&lower))[0], (0, 3, "cnc".to_string()));
    }

    #[test]
    fn the_opening_is_cut_at_a_word() {
        assert_eq!(opening("one two three four", 2), "one two…");
        assert_eq!(opening("one two", 5), "one two");
        assert_eq!(opening("", 5), "");
    }
}
