//! What the load's cross-file checks share: the role slugs a reference
//! may name ([`RoleSlugs`]), and the checks of slugs, aliases, sources and
//! publication windows every kind of page runs.

use super::Parsed;
use crate::content::compile::{Compiled, file_slug};
use crate::content::error::{ContentError, relative};
use crate::content::markdown::is_slug;
use crate::content::role::{Role, slug_in};
use foldhash::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

/// The role slugs references may name: those that compiled, and those
/// whose file does not parse (by file name), with the files that name each
/// broken one. A reference to a broken role is not an error of its own:
/// the broken file's error names the files that wait on it.
pub(crate) struct RoleSlugs<'a> {
    /// Roles that compiled.
    good: HashSet<&'a str>,
    /// Old slugs (from role `aliases` of the form `/roles/{old}/`), each
    /// with the slug and file of the role that took it over.
    renamed: HashMap<&'a str, (&'a str, &'a Path)>,
    /// Roles whose file did not compile: its path, and the files that
    /// name the role (checked again once it compiles).
    broken: HashMap<String, (PathBuf, Vec<PathBuf>)>,
}

impl<'a> RoleSlugs<'a> {
    /// The slugs of `roles`, and of the role files among `failed` (absolute
    /// paths under `root`).
    pub(super) fn new(roles: &'a [Compiled<Role>], failed: &[PathBuf], root: &Path) -> Self {
        RoleSlugs {
            good: roles.iter().map(|(_, r)| r.slug.as_str()).collect(),
            renamed: roles
                .iter()
                .flat_map(|(p, r)| {
                    r.fm.aliases
                        .iter()
                        .filter_map(|a| slug_in(a))
                        .map(|old| (old, (r.slug.as_str(), p.rel.as_path())))
                })
                .collect(),
            broken: failed
                .iter()
                .filter(|f| f.parent().is_some_and(|d| d.ends_with("roles")))
                .map(|f| (file_slug(f), (relative(f, root), Vec::new())))
                .collect(),
        }
    }

    /// The same for equal sets of compiled role slugs (and, but for a
    /// chance of one in 2^64, different for different ones).
    pub(super) fn fingerprint(&self) -> u64 {
        let state = foldhash::fast::FixedState::with_seed(0);
        self.good.iter().fold(self.good.len() as u64, |sum, s| {
            sum.wrapping_add(state.hash_one(s))
        })
    }

    /// True when `slug` names a role, compiled or broken; a reference from
    /// `file` to a broken one is noted.
    pub(crate) fn known(&mut self, slug: &str, file: &Path) -> bool {
        if self.good.contains(slug) {
            return true;
        }
        match self.broken.get_mut(slug) {
            Some((_, files)) => {
                if !files.iter().any(|f| f == file) {
                    files.push(file.to_path_buf());
                }
                true
            }
            None => false,
        }
    }

    /// The error for a reference to `slug`, which names no role: naming the
    /// role's new slug when `slug` is an old one.
    pub(crate) fn unknown(&self, slug: &str) -> String {
        match self.renamed.get(slug) {
            Some(&(new, file)) => format!(
                "role `{slug}` was renamed to `{new}` ({} has the alias /roles/{slug}/); write `{new}`",
                file.display()
            ),
            None => unknown("role", slug, "content/roles/"),
        }
    }

    /// Adds to the first error of each broken role file the files that
    /// name the role.
    pub(super) fn name_dependents(&self, errors: &mut [ContentError]) {
        for (broken, files) in self.broken.values() {
            if files.is_empty() {
                continue;
            }
            if let Some(e) = errors.iter_mut().find(|e| e.parse && &e.path == broken) {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                e.message.push_str(&format!(
                    " (these files name the role and are checked again once it parses: {})",
                    names.join(", ")
                ));
            }
        }
    }
}

pub(super) fn check_sources<T>(
    p: &Parsed<T>,
    keys: &[String],
    known: Option<&BTreeMap<String, crate::content::registry::Source>>,
    errors: &mut Vec<ContentError>,
) {
    let Some(known) = known else { return };
    for k in keys {
        if !known.contains_key(k) {
            errors.push(p.error_at(
                &format!("\"{k}\""),
                unknown("source", k, "content/sources.toml"),
            ));
        }
    }
}

pub(super) fn unknown(kind: &str, id: &str, registry: &str) -> String {
    format!("unknown {kind} `{id}`; it must be defined in {registry}")
}

/// A page's `expires` day must come after its `publish` day.
pub(super) fn check_window<T>(
    p: &Parsed<T>,
    s: crate::content::site::Schedule,
    errors: &mut Vec<ContentError>,
) {
    if let (Some(publish), Some(expires)) = (s.publish, s.expires)
        && expires <= publish
    {
        errors.push(p.error_at(
            "expires",
            format!("`expires` ({expires}) must be later than `publish` ({publish}), or the page is never shown"),
        ));
    }
}

pub(super) fn check_aliases<'a, T>(
    p: &'a Parsed<T>,
    aliases: &[String],
    seen: &mut HashMap<String, &'a Path>,
    errors: &mut Vec<ContentError>,
) {
    for a in aliases {
        if !a.starts_with('/') || !a.ends_with('/') || a.contains("..") || a.contains("//") {
            errors.push(p.error_at(a, format!("alias `{a}` must be a site path that starts and ends with `/`, e.g. /roles/old-title/")));
        } else if let Some(other) = seen.insert(a.clone(), &p.rel) {
            errors.push(p.error_at(
                a,
                format!(
                    "alias `{a}` is already a page or alias of {}",
                    other.display()
                ),
            ));
        }
    }
}

/// A record's slug: its form, and that no other page has its address.
pub(super) fn check_slug<'a, T>(
    p: &'a Parsed<T>,
    slug: &str,
    url: String,
    seen: &mut HashMap<String, &'a Path>,
    errors: &mut Vec<ContentError>,
) {
    if !is_slug(slug) {
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
