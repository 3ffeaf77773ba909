//! The cross-file checks of a reload that changed only role and article
//! files, run for those files alone.
//!
//! When the last load found no error, its checks passed for every page.
//! A reload whose named files are all role and article files leaves every
//! registry, table and other page as it was, so an unchanged page would
//! pass them again, and would warn as it warned, with two exceptions the
//! fast path guards against: a reference to a role whose slug came or went
//! (the set of role slugs must be the same), and an address that a changed
//! page now shares with an unchanged one (each changed page's addresses
//! are looked for among every other page's). Any error found, or any doubt,
//! and the load runs every check as a first load does, so that errors are
//! always reported as the full checks report them.

use super::Lookups;
use super::records::{check_articles, check_roles};
use crate::content::article::Article;
use crate::content::compile::{Compiled, Pages};
use crate::content::date::Date;
use crate::content::error::ContentError;
use crate::content::page::Page;
use crate::content::program::Program;
use crate::content::role::Role;
use foldhash::{HashMap, HashSet};
use std::path::Path;

/// Past this many changed pages the fast path's look for shared
/// addresses (every changed address against every page) would cost more
/// than the full checks.
const MAX_FRESH: usize = 64;

/// What the last load's checks found, when they found no error.
#[derive(Default)]
pub struct LastCheck {
    clean: Option<Clean>,
}

struct Clean {
    /// The day the checks ran: some warnings depend on it.
    day: Date,
    /// [`super::RoleSlugs::fingerprint`] of the load's role slugs.
    slugs: u64,
    /// Warnings of role and article pages, each at its page's file.
    pages: Vec<ContentError>,
    /// Every other warning.
    other: Vec<ContentError>,
}

/// The warnings of a load: those of role and article pages, and the rest.
pub(super) struct Warnings {
    pub pages: Vec<ContentError>,
    pub other: Vec<ContentError>,
}

/// What a fast recheck needs of the load besides the pages.
pub(super) struct Now<'a> {
    pub day: Date,
    pub slugs: u64,
    /// Whether a role or article file (by absolute path) is loaded.
    pub holds: &'a dyn Fn(&Path) -> bool,
    pub root: &'a Path,
}

impl LastCheck {
    /// Remembers a load's outcome: its warnings when it had no error.
    pub(super) fn record(&mut self, errors: bool, day: Date, slugs: u64, warnings: &Warnings) {
        self.clean = (!errors).then(|| Clean {
            day,
            slugs,
            pages: warnings.pages.clone(),
            other: warnings.other.clone(),
        });
    }

    /// The checks of a load whose only changes since the last are the
    /// `fresh` roles and articles (and removed ones): the whole site's
    /// warnings, or `None` when the full checks must run.
    pub(super) fn recheck(
        &self,
        roles: &Pages<Role>,
        articles: &Pages<Article>,
        programs: &[Compiled<Program>],
        pages: &[Compiled<Page>],
        x: &Lookups<'_>,
        now: Now<'_>,
    ) -> Option<Warnings> {
        let last = self.clean.as_ref()?;
        if last.day != now.day
            || last.slugs != now.slugs
            || roles.fresh.len() + articles.fresh.len() > MAX_FRESH
        {
            return None;
        }
        let fresh_roles = roles.fresh.iter().map(|&i| &roles.all[i]);
        let fresh_articles = articles.fresh.iter().map(|&i| &articles.all[i]);
        let mut errors = Vec::new();
        let mut new = Vec::new();
        let mut seen = HashMap::default();
        check_roles(fresh_roles, x, &mut seen, &mut errors, &mut new);
        check_articles(fresh_articles, x, &mut seen, &mut errors, &mut new);
        if !errors.is_empty() || shares_address(&seen, roles, articles, programs, pages) {
            return None;
        }
        let rechecked: HashSet<&Path> = seen.values().copied().collect();
        let kept = last.pages.iter().filter(|w| {
            !rechecked.contains(w.path.as_path()) && (now.holds)(&now.root.join(&w.path))
        });
        Some(Warnings {
            pages: kept.cloned().chain(new).collect(),
            other: last.other.clone(),
        })
    }
}

/// True when an address in `fresh` (the changed pages' addresses and
/// aliases) is also an unchanged page's address or alias. Every page's
/// address ends in `/{slug}/`, so an address's last segment picks the
/// pages whose address needs making.
fn shares_address(
    fresh: &HashMap<String, &Path>,
    roles: &Pages<Role>,
    articles: &Pages<Article>,
    programs: &[Compiled<Program>],
    pages: &[Compiled<Page>],
) -> bool {
    let segments: HashSet<&str> = fresh
        .keys()
        .filter_map(|a| a.strip_suffix('/')?.rsplit('/').next())
        .collect();
    let taken = |slug: &str, url: &dyn Fn() -> String, aliases: &[String]| {
        (segments.contains(slug) && fresh.contains_key(&url()))
            || aliases.iter().any(|a| fresh.contains_key(a))
    };
    let unchanged = |fresh: &[usize], i: usize| fresh.binary_search(&i).is_err();
    roles
        .all
        .iter()
        .enumerate()
        .any(|(i, (_, r))| unchanged(&roles.fresh, i) && taken(&r.slug, &|| r.url(), &r.fm.aliases))
        || articles.all.iter().enumerate().any(|(i, (_, a))| {
            unchanged(&articles.fresh, i) && taken(&a.slug, &|| a.url(), &a.fm.aliases)
        })
        || programs
            .iter()
            .any(|(_, p)| taken(&p.slug, &|| p.url(), &[]))
        || pages.iter().any(|(_, p)| taken(&p.slug, &|| p.url(), &[]))
}
