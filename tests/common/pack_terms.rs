//! Words that name the real content pack or its field: health-care terms,
//! and, read from the real `content/` itself so the list follows it, its
//! role slugs and titles, source keys and publishers, occupation codes,
//! and its data tables' names, periods and top-code. The engine (`src/`,
//! `templates/`) and the test pack's pages must mention none of them.

use careers::content::LoadOptions;
use std::path::Path;

/// A word or phrase to look for, and what it is.
#[derive(Debug, Clone)]
pub struct Term {
    pub text: String,
    pub kind: &'static str,
    /// Abbreviations (`EHR`, `BLS`) match only in capitals; words in any case.
    pub case_sensitive: bool,
}

impl Term {
    fn new(text: &str, kind: &'static str) -> Term {
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let case_sensitive =
            letters.len() <= 6 && !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
        Term {
            text: text.to_string(),
            kind,
            case_sensitive,
        }
    }
}

/// Health-care words. Bare "health" is not one: the engine has health
/// checks (`/healthz`, `db::health`), a word of its own.
pub const HEALTH_WORDS: &[&str] = &[
    "health care",
    "health-care",
    "health information",
    "health record",
    "health records",
    "health system",
    "healthcare",
    "medical",
    "medicine",
    "clinical",
    "clinician",
    "clinicians",
    "clinic",
    "clinics",
    "nurse",
    "nurses",
    "nursing",
    "patient",
    "patients",
    "hospital",
    "hospitals",
    "physician",
    "physicians",
    "pharmacist",
    "pharmacy",
    "informatics",
    "EHR",
    "EMR",
    "HIPAA",
    "CMIO",
    "RN",
];

/// Every term of the real pack and of its field, without repeats.
pub fn real_pack_terms() -> Vec<Term> {
    let root = Path::new(super::REAL);
    let site = careers::content::load(root, LoadOptions { drafts: true })
        .unwrap_or_else(|e| panic!("the real content loads:\n{e}"));
    let mut terms: Vec<Term> = HEALTH_WORDS
        .iter()
        .map(|w| Term::new(w, "health-care word"))
        .collect();
    for r in &site.roles {
        terms.push(Term::new(&r.slug, "real role slug"));
        terms.push(Term::new(&r.fm.title, "real role title"));
        terms.push(Term::new(&r.fm.soc, "real SOC code"));
        for c in &r.fm.onet {
            terms.push(Term::new(c, "real O*NET code"));
        }
    }
    for s in site.sources.values() {
        terms.push(Term::new(&s.key, "real source key"));
        terms.push(Term::new(&s.publisher, "real source publisher"));
    }
    let manifest = super::tables::manifest(root);
    let mut abouts = Vec::new();
    if let Some(w) = &manifest.wages {
        abouts.push(&w.about);
        let top = w.top_code.annual;
        terms.push(Term::new(&top.to_string(), "real top-code"));
        terms.push(Term::new(
            &careers::web::format::money(top),
            "real top-code",
        ));
    }
    if let Some(p) = &manifest.projections {
        abouts.push(&p.about);
    }
    if let Some(p) = &manifest.profiles {
        abouts.push(&p.about);
    }
    for a in abouts {
        terms.push(Term::new(&a.name, "real data release"));
        terms.push(Term::new(&a.short, "real data release"));
        terms.push(Term::new(&a.publisher, "real data publisher"));
        terms.push(Term::new(&a.source, "real source key"));
        if let Some(p) = &a.period {
            terms.push(Term::new(p, "real data period"));
        }
    }
    terms.sort_by(|a, b| a.text.cmp(&b.text).then(a.kind.cmp(b.kind)));
    terms.dedup_by(|a, b| a.text == b.text);
    terms
}

/// True when `text` mentions `term` as a whole word or phrase: no letter or
/// digit right before or after it.
pub fn mentions(text: &str, term: &Term) -> bool {
    let (hay, needle) = if term.case_sensitive {
        (text.to_string(), term.text.clone())
    } else {
        (text.to_lowercase(), term.text.to_lowercase())
    };
    if needle.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(&needle).any(|(i, m)| {
        !word(hay[..i].chars().next_back()) && !word(hay[i + m.len()..].chars().next())
    })
}

/// The terms `text` mentions.
pub fn mentioned<'a>(text: &str, terms: &'a [Term]) -> Vec<&'a Term> {
    terms.iter().filter(|t| mentions(text, t)).collect()
}
