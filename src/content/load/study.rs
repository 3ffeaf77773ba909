//! The load's checks of programs and editorial pages, and of every page's
//! reviewer and corrections: each problem is an error at the line of the
//! front matter that causes it (the load calls these).

use super::{Parsed, RoleSlugs};
use crate::content::compile::Compiled;
use crate::content::editorial::{self, Correction};
use crate::content::error::ContentError;
use crate::content::markdown::is_slug;
use crate::content::page::{PRIVACY_SLUG, Page};
use crate::content::program::{Program, tracking_safe};
use crate::content::registry::{Author, Certification, Source};
use foldhash::HashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

/// The registries a check looks keys up in; `None` when the registry's
/// file did not parse (its own error is reported already).
pub(super) struct Known<'a> {
    pub sources: Option<&'a BTreeMap<String, Source>>,
    pub authors: Option<&'a BTreeMap<String, Author>>,
    pub certifications: Option<&'a BTreeMap<String, Certification>>,
    /// Role slugs, with roles whose file did not parse (see [`RoleSlugs`]).
    pub roles: &'a RefCell<RoleSlugs<'a>>,
}

impl Known<'_> {
    fn source(&self, key: &str) -> bool {
        self.sources.is_none_or(|s| s.contains_key(key))
    }
}

/// A page's `reviewer` and `corrections`, against the authors and its
/// last review day.
pub(super) fn check_editorial(
    p: &Parsed<()>,
    reviewer: Option<&str>,
    corrections: &[Correction],
    updated: crate::content::date::Date,
    known: &Known,
    errors: &mut Vec<ContentError>,
) {
    let is_author = |id: &str| known.authors.is_none_or(|a| a.contains_key(id));
    for (needle, message) in editorial::problems(reviewer, corrections, updated, is_author) {
        errors.push(p.error_at(&needle, message));
    }
}

/// A source key that must be known and listed in the program's `sources`.
fn cited(
    p: &Parsed<()>,
    program: &Program,
    key: &str,
    field: &str,
    known: &Known,
    errors: &mut Vec<ContentError>,
) {
    if !known.source(key) {
        errors.push(p.error_at(
            &format!("\"{key}\""),
            format!(
                "unknown source `{key}` in `{field}`; it must be defined in content/sources.toml"
            ),
        ));
    } else if !program.fm.sources.iter().any(|s| s == key) {
        errors.push(p.error_at(
            &format!("\"{key}\""),
            format!("`{field}` cites `{key}`, which is not among the program's `sources`; add it there so the page lists it under References"),
        ));
    }
}

fn web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.contains(char::is_whitespace)
}

/// Everything `load` checks of one program besides its slug.
fn check_program(p: &Parsed<()>, program: &Program, known: &Known, errors: &mut Vec<ContentError>) {
    let fm = &program.fm;
    if fm.sources.is_empty() {
        errors.push(p.error_at(
            "sources",
            "a program needs `sources`: the keys of the sources that describe it".into(),
        ));
    }
    check_keys(p, &fm.sources, known, errors);
    if fm.roles.is_empty() {
        errors.push(
            p.error_at(
                "roles",
                "a program needs `roles`: the slugs of the roles its sources say it prepares for"
                    .into(),
            ),
        );
    }
    for r in &fm.roles {
        if !known.roles.borrow_mut().known(r, &p.rel) {
            errors.push(p.error_at(&format!("\"{r}\""), known.roles.borrow().unknown(r)));
        }
    }
    for id in &fm.eligible {
        if known.certifications.is_some_and(|c| !c.contains_key(id)) {
            errors.push(p.error_at(&format!("\"{id}\""), format!("unknown certification `{id}`; it must be defined in content/certifications.toml")));
        }
    }
    match (&fm.eligible_source, fm.eligible.is_empty()) {
        (None, false) => errors.push(p.error_at("eligible", "`eligible` needs `eligible_source`, the key of a source that says graduates become eligible; leave `eligible` out when no source says so".into())),
        (Some(_), true) => errors.push(p.error_at("eligible_source", "`eligible_source` is set but `eligible` is empty; name the credentials or remove `eligible_source`".into())),
        (Some(k), false) => cited(p, program, k, "eligible_source", known, errors),
        (None, true) => {}
    }
    if let Some(a) = &fm.accreditation {
        if a.by.trim().is_empty() {
            errors.push(p.error_at(
                "by",
                "`accreditation.by` is empty; give the accreditor's short name".into(),
            ));
        }
        cited(p, program, &a.source, "accreditation.source", known, errors);
    }
    for (what, f) in program.figures() {
        let field = what.to_lowercase();
        match &f.source {
            None => errors.push(p.error_at(&field, format!("the program's {field} has no `source`: a length or cost is shown only as the institution publishes it, with the key of the source that does; add `source = \"...\"` or remove the {field}"))),
            Some(k) => cited(p, program, k, &format!("{field}.source"), known, errors),
        }
        if f.as_of.as_deref().is_none_or(|d| d.trim().is_empty()) {
            errors.push(p.error_at(&field, format!("the program's {field} needs `as_of`, the date or period its source gives for it (\"undated\" when it gives none)")));
        }
        if f.text.trim().is_empty() {
            errors.push(p.error_at(
                &field,
                format!(
                    "the program's {field} has an empty `text`; write it as the institution does"
                ),
            ));
        }
    }
    match (&fm.institution, &fm.url) {
        (Some(_), None) => errors.push(p.error_at("institution", "a program with an `institution` needs `url`, the institution's page for it".into())),
        (None, Some(_)) => errors.push(p.error_at("url", "`url` without `institution`: a kind of program has no official page; name the institution or remove `url`".into())),
        (Some(_), Some(u)) if !web_address(u) => errors.push(p.error_at("url", format!("`{u}` is not a web address; write it in full, starting with https://"))),
        _ => {}
    }
    if fm.institution.is_none() {
        // A kind of program: nothing one institution publishes.
        for (field, set) in [
            ("length", fm.length.is_some()),
            ("cost", fm.cost.is_some()),
            ("call_to_action", fm.call_to_action.is_some()),
            ("sponsored", fm.sponsored),
        ] {
            if set {
                errors.push(p.error_at(field, format!("`{field}` needs an `institution`: a kind of program has no length, cost, call to action or sponsor of its own")));
            }
        }
    }
    if let Some(c) = &fm.call_to_action {
        if !web_address(&c.url) || c.url.contains('#') {
            errors.push(p.error_at(
                "call_to_action",
                format!(
                    "the call to action's `url` `{}` must be a full web address without a `#` part",
                    c.url
                ),
            ));
        }
        if c.text.trim().is_empty() {
            errors.push(p.error_at(
                "call_to_action",
                "the call to action needs `text`, the words on its button".into(),
            ));
        }
        for (k, v) in &c.tracking {
            if !tracking_safe(k) || !tracking_safe(v) {
                errors.push(p.error_at(k, format!("tracking parameter `{k} = \"{v}\"`: keys and values may use letters, digits, `-`, `_` and `.` only")));
            }
        }
    }
}

/// Unknown source keys among `keys`.
fn check_keys(p: &Parsed<()>, keys: &[String], known: &Known, errors: &mut Vec<ContentError>) {
    for k in keys {
        if !known.source(k) {
            errors.push(p.error_at(
                &format!("\"{k}\""),
                format!("unknown source `{k}`; it must be defined in content/sources.toml"),
            ));
        }
    }
}

/// A page's slug must be a slug, and its address no other page's.
fn check_slug<'a>(
    p: &'a Parsed<()>,
    slug: &str,
    url: String,
    seen: &mut HashMap<String, &'a Path>,
    errors: &mut Vec<ContentError>,
) {
    if !is_slug(slug) || slug.is_empty() {
        errors.push(p.error_at(
            "slug",
            format!("slug `{slug}` must be lower case letters, digits and hyphens"),
        ));
    }
    if let Some(other) = seen.insert(url, &p.rel) {
        errors.push(p.error_at(
            "slug",
            format!("slug `{slug}` is also used by {}", other.display()),
        ));
    }
}

/// Programs and editorial pages: slugs and addresses (`seen` holds every
/// address taken so far), records, sources, reviewers and corrections; a
/// warning when the pack has no privacy page.
pub(super) fn check_study<'a>(
    programs: &'a [Compiled<Program>],
    pages: &'a [Compiled<Page>],
    known: &Known,
    seen: &mut HashMap<String, &'a Path>,
    errors: &mut Vec<ContentError>,
    warnings: &mut Vec<ContentError>,
) {
    for (p, program) in programs {
        check_slug(p, &program.slug, program.url(), seen, errors);
        check_program(p, program, known, errors);
        let fm = &program.fm;
        check_editorial(p, None, &fm.corrections, fm.updated, known, errors);
    }
    for (p, page) in pages {
        check_slug(p, &page.slug, page.url(), seen, errors);
        if crate::web::routes::reserved_segment(&page.slug) {
            errors.push(p.error_at(
                "slug",
                format!(
                    "slug `{}` is taken: the site serves its own pages under /{}/; choose another slug",
                    page.slug, page.slug
                ),
            ));
        }
        let fm = &page.fm;
        check_keys(p, &fm.sources, known, errors);
        check_editorial(
            p,
            fm.reviewer.as_deref(),
            &fm.corrections,
            fm.updated,
            known,
            errors,
        );
    }
    if !pages.iter().any(|(_, p)| p.slug == PRIVACY_SLUG) {
        warnings.push(ContentError::new(
            "pages",
            format!(
                "there is no pages/{PRIVACY_SLUG}.md: the reader forms and the footer link to /{PRIVACY_SLUG}/, which answers 404 until the page exists; add it with the {{{{ retention }}}} section"
            ),
        ));
    }
}
