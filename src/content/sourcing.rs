//! The sourcing rules `load` enforces on role records: a number of years
//! (of study, or spent in a role before a move) and every move between roles
//! name the source that gives them, and that source is one the page lists
//! among its references.

use super::error::ContentError;
use super::load::Parsed;
use super::registry::Source;
use super::role::RoleFrontMatter;
use std::collections::BTreeMap;

/// Checks `education.typical_years` and each `[[transitions]]` entry of one
/// role. `known` is `None` when `sources.toml` did not parse (its own error
/// is reported already), so source keys are then not looked up.
pub(super) fn check_role(
    p: &Parsed<()>,
    fm: &RoleFrontMatter,
    known: Option<&BTreeMap<String, Source>>,
    errors: &mut Vec<ContentError>,
) {
    let e = &fm.education;
    match (&e.typical_years, &e.years_source) {
        (Some(_), None) => errors.push(p.error_at(
            "typical_years",
            "`typical_years` needs `years_source`, the key of a source that gives that number of years; leave `typical_years` out when no source gives one".into(),
        )),
        (None, Some(_)) => errors.push(p.error_at(
            "years_source",
            "`years_source` is set but `typical_years` is not; give the years the source states, or remove `years_source`".into(),
        )),
        (Some(_), Some(key)) => cited(p, fm, key, &|| "years_source".into(), known, errors),
        (None, None) => {}
    }
    for t in &fm.transitions {
        // Made only for an error: most roles have several moves.
        let at = || format!("\"{}\"", t.to);
        match &t.source {
            None => errors.push(p.error_at(
                &at(),
                format!(
                    "the move to `{}` needs `source`, the key of a source that describes it{}; a move no source describes does not belong in the guide",
                    t.to,
                    if t.years.is_some() { " and gives its years" } else { "" }
                ),
            )),
            Some(key) => cited(p, fm, key, &at, known, errors),
        }
    }
}

/// `key` must be in `sources.toml` and in the role's `sources`, so the page
/// can link the claim to its entry in the references.
fn cited(
    p: &Parsed<()>,
    fm: &RoleFrontMatter,
    key: &str,
    at: &dyn Fn() -> String,
    known: Option<&BTreeMap<String, Source>>,
    errors: &mut Vec<ContentError>,
) {
    if known.is_some_and(|k| !k.contains_key(key)) {
        errors.push(p.error_at(
            &at(),
            format!("unknown source `{key}`; it must be defined in content/sources.toml"),
        ));
    } else if !fm.sources.iter().any(|s| s == key) {
        errors.push(p.error_at(
            &at(),
            format!(
                "source `{key}` is cited here but not listed in the role's `sources`; add it there so the page lists it among its references"
            ),
        ));
    }
}
