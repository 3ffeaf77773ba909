//! The glossary: `content/glossary.toml`, `[[term]]` tables. `/glossary/`
//! lists the terms, each at a stable anchor (`/glossary/#go-live`), and
//! Markdown rendering links the first use of each term on a role, article,
//! program or editorial page to it ([`Terms`], used by `markdown::render_linked`).
//!
//! The file is optional: a pack without one has an empty glossary page and
//! no term links.

use super::error::ContentError;
use super::load::Parsed;
use super::markdown::is_slug;
use super::registry::Source;
use aho_corasick::AhoCorasick;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use serde::Deserialize;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// Where the glossary page lives; its `#ids` are the terms' ids.
pub const URL: &str = "/glossary/";

/// `content/glossary.toml`: `[[term]]` tables.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    #[serde(default)]
    pub term: Vec<Term>,
}

/// One entry of the glossary.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id, the anchor on `/glossary/` (`/glossary/#go-live`): lower
    /// case letters, digits and hyphens. Pages link to it, so never rename one.
    pub id: String,
    /// The term as the glossary lists it and as page text writes it, e.g. "go-live".
    pub term: String,
    /// Other spellings in page text that link here, e.g. `["GFCI", "ground-fault interrupters"]`.
    /// Matching needs whole words, allows a plural "s" and ignores case,
    /// except that a spelling in capitals ("GFCI", "ARC") matches only in capitals.
    #[serde(default)]
    pub also: Vec<String>,
    /// What the term means, in our own words (plain text).
    pub definition: String,
    /// Key in `content/sources.toml` of the source the definition rests on.
    pub source: String,
}

impl Term {
    /// The term and its other spellings.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.also.iter().map(String::as_str))
    }
}

/// The glossary's spellings, ready for linking: each spelling with the
/// index of its term, longest first so "ICD-10 code" wins over "ICD-10".
#[derive(Debug, Clone, Default)]
pub struct Terms {
    ids: Vec<String>,
    spellings: Vec<(String, usize)>,
    /// The longest spelling, in bytes.
    longest: usize,
    /// Finds every spelling in one pass; `None` without terms.
    matcher: Option<AhoCorasick>,
}

/// A term found in a text: where it starts and ends, and which term it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

impl Terms {
    pub fn new(terms: &[Term]) -> Self {
        let mut spellings: Vec<(String, usize)> = terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.spellings().map(move |s| (s.trim().to_string(), i)))
            .filter(|(s, _)| !s.is_empty())
            .collect();
        spellings.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let matcher = (!spellings.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(spellings.iter().map(|(s, _)| s))
                .expect("spellings of a few dozen terms fit an automaton")
        });
        Terms {
            ids: terms.iter().map(|t| t.id.clone()).collect(),
            longest: spellings.iter().map(|(s, _)| s.len()).max().unwrap_or(0),
            spellings,
            matcher,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The anchor of term `i` on the glossary page.
    pub fn href(&self, i: usize) -> String {
        format!("{URL}#{}", self.ids[i])
    }

    /// Changes whenever a spelling or id changes: pages compiled with other
    /// terms must be compiled again.
    pub fn fingerprint(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.ids.hash(&mut h);
        self.spellings.hash(&mut h);
        h.finish()
    }

    /// The earliest use in `text` of a term not in `done` (the longest
    /// spelling when two start at the same place). One pass over the text
    /// finds every spelling at once (Aho-Corasick); each place it finds is
    /// then checked as a whole word ([`word_at`]).
    pub fn find(&self, text: &str, done: &[bool]) -> Option<Found> {
        let ac = self.matcher.as_ref()?;
        let mut best: Option<Found> = None;
        // Matches come in order of where they end; none ending past this
        // can start before the best one.
        let mut stop = usize::MAX;
        for m in ac.find_overlapping_iter(text) {
            if m.end() > stop {
                break;
            }
            let (spelling, term) = &self.spellings[m.pattern().as_usize()];
            if done.get(*term).copied().unwrap_or(false) {
                continue;
            }
            let Some(end) = word_at(text, m.start(), spelling) else {
                continue;
            };
            let better = best.is_none_or(|b| {
                m.start() < b.start || (m.start() == b.start && end - m.start() > b.end - b.start)
            });
            if better {
                best = Some(Found {
                    start: m.start(),
                    end,
                    term: *term,
                });
                stop = m.start().saturating_add(self.longest + 1);
            }
        }
        best
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// The first whole-word use of `word` in `text`, allowing a plural "s":
/// its byte range. ASCII case is ignored unless `word` is in capitals.
#[cfg(test)]
fn find_word(text: &str, word: &str) -> Option<(usize, usize)> {
    (0..text.len()).find_map(|start| word_at(text, start, word).map(|end| (start, end)))
}

/// Where a whole-word use of `word` that starts at byte `start` of `text`
/// ends (a plural "s" included), if there is one there. ASCII case is
/// ignored unless `word` is in capitals.
fn word_at(text: &str, start: usize, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let candidate = t.get(start..start.checked_add(w.len())?)?;
    let capitals = word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase);
    let same = if capitals {
        candidate == w
    } else {
        candidate.eq_ignore_ascii_case(w)
    };
    let mut end = start + w.len();
    if w.is_empty() || !same || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let not_word = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    if !not_word(text[..start].chars().next_back()) {
        return None;
    }
    if t.get(end) == Some(&b's') && not_word(text[end + 1..].chars().next()) {
        end += 1;
    }
    not_word(text[end..].chars().next()).then_some(end)
}

/// Links the first use of each term of `terms` not yet `done` on this page
/// to its glossary entry. Headings, links, images, code and raw HTML are
/// left alone, so a term is never linked inside another link.
pub(super) fn link_terms<'a>(
    events: Vec<Event<'a>>,
    terms: &Terms,
    done: &mut [bool],
) -> Vec<Event<'a>> {
    if done.iter().all(|d| *d) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    // How deep we are inside something whose text must not be linked.
    let mut inside = 0usize;
    // Consecutive text, joined: the parser splits words at escapes
    // (`O\*NET`) and smart quotes, and a term must match across them.
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) = &event
            && inside == 0
        {
            text.push_str(t);
            continue;
        }
        flush_text(&mut text, terms, done, &mut out);
        match &event {
            Event::Start(
                Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_),
            ) => inside += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                inside = inside.saturating_sub(1)
            }
            Event::InlineHtml(h) if h.starts_with("<a ") || h.starts_with("<a>") => inside += 1,
            Event::InlineHtml(h) if h.starts_with("</a") => inside = inside.saturating_sub(1),
            _ => {}
        }
        out.push(event);
    }
    flush_text(&mut text, terms, done, &mut out);
    out
}

/// Pushes the joined `text` (emptying it), with the first use of each term
/// not yet `done` as a link.
fn flush_text<'a>(text: &mut String, terms: &Terms, done: &mut [bool], out: &mut Vec<Event<'a>>) {
    if text.is_empty() {
        return;
    }
    let t = std::mem::take(text);
    match terms.find(&t, done) {
        Some(first) => split_at_terms(&t, first, terms, done, out),
        None => out.push(Event::Text(CowStr::from(t))),
    }
}

/// Pushes `text` with each term found in it (starting with `first`) as a link.
fn split_at_terms<'a>(
    text: &str,
    first: Found,
    terms: &Terms,
    done: &mut [bool],
    out: &mut Vec<Event<'a>>,
) {
    let mut from = 0;
    let mut found = Some(first);
    while let Some(f) = found {
        let (start, end) = (from + f.start, from + f.end);
        if start > from {
            out.push(Event::Text(CowStr::from(text[from..start].to_string())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(terms.href(f.term)),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push(Event::Text(CowStr::from(text[start..end].to_string())));
        out.push(Event::End(TagEnd::Link));
        done[f.term] = true;
        from = end;
        found = terms.find(&text[from..], done);
    }
    if from < text.len() {
        out.push(Event::Text(CowStr::from(text[from..].to_string())));
    }
}

/// Checks the glossary file: ids that are slugs and used once, spellings
/// that belong to one term only, a definition, and a known source.
pub(super) fn check(
    p: &Parsed<GlossaryFile>,
    known: Option<&BTreeMap<String, Source>>,
    errors: &mut Vec<ContentError>,
) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut spellings: HashMap<String, &str> = HashMap::new();
    for t in &p.value.term {
        let at = format!("\"{}\"", t.id);
        // Entries with this id so far: which `id = ` line this one is on.
        let seen = ids.get(t.id.as_str()).copied().unwrap_or(0);
        ids.insert(&t.id, seen + 1);
        let id_line = format!("id = {at}");
        if t.id.is_empty() || !is_slug(&t.id) {
            errors.push(p.error_at(
                &at,
                format!(
                    "glossary id `{}` must be lower case letters, digits and hyphens",
                    t.id
                ),
            ));
        }
        if seen > 0 {
            errors.push(p.error_at_nth(
                &id_line,
                seen,
                format!(
                    "glossary term `{}` is defined twice; merge the two entries",
                    t.id
                ),
            ));
        }
        for s in t.spellings() {
            let key = s.trim().to_ascii_lowercase();
            if let Some(other) = spellings.insert(key, &t.id)
                && other != t.id
            {
                errors.push(p.error_at(
                    &format!("\"{s}\""),
                    format!("\"{s}\" is a spelling of glossary terms `{other}` and `{}`; a spelling may link to one term only", t.id),
                ));
            }
        }
        if t.definition.trim().is_empty() {
            errors.push(p.error_at_nth(
                &id_line,
                seen,
                format!("glossary term `{}` has no definition", t.id),
            ));
        }
        if known.is_some_and(|k| !k.contains_key(&t.source)) {
            errors.push(p.error_at(
                &format!("\"{}\"", t.source),
                format!(
                    "unknown source `{}`; it must be defined in content/sources.toml",
                    t.source
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, term: &str, also: &[&str]) -> Term {
        Term {
            id: id.into(),
            term: term.into(),
            also: also.iter().map(|s| s.to_string()).collect(),
            definition: "d".into(),
            source: "s".into(),
        }
    }

    #[test]
    fn whole_words_any_case_and_plurals() {
        assert_eq!(find_word("Two go-lives later", "go-live"), Some((4, 12)));
        assert_eq!(find_word("the ARC's flash", "arc"), Some((4, 7)));
        assert_eq!(find_word("archer", "arc"), None);
        assert_eq!(find_word("nonARC", "arc"), None);
        assert_eq!(find_word("caf\u{e9} ARC", "ARC"), Some((6, 9)));
        // A spelling in capitals matches only in capitals: "HIM" is not "him".
        assert_eq!(find_word("ask him about HIM", "HIM"), Some((14, 17)));
        assert_eq!(find_word("Go-Live day", "go-live"), Some((0, 7)));
    }

    #[test]
    fn finds_the_earliest_term_not_done() {
        let t = Terms::new(&[
            term("arc", "ARC", &["arc flash"]),
            term("go-live", "go-live", &[]),
        ]);
        let f = t.find("A go-live of the ARC", &[false, false]).unwrap();
        assert_eq!((f.start, f.term), (2, 1));
        let f = t.find("A go-live of the ARC", &[false, true]).unwrap();
        assert_eq!((f.start, f.term), (17, 0));
        assert!(t.find("A go-live", &[false, true]).is_none());
        assert_eq!(t.href(1), "/glossary/#go-live");
    }
}
