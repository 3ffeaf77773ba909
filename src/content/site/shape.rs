//! What a site's order and indexes were made from, kept from one load to
//! the next. A reload whose records sort and index as the last load's did
//! (the same files, each unchanged or changed only in what neither the
//! order nor an index reads: a body, a summary, a pay note) takes the last
//! load's order and indexes instead of making them again.

use super::indexes::Indexes;
use super::order::Orders;
use crate::content::article::{Article, ArticleFrontMatter};
use crate::content::page::{Page, PageFrontMatter};
use crate::content::program::{Program, ProgramFrontMatter};
use crate::content::role::{Role, RoleFrontMatter};
use foldhash::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

/// The indexes of a site, shared with the next load's while they fit it.
#[derive(Clone)]
pub(super) struct Made {
    pub orders: Orders,
    pub index: Arc<Indexes>,
    pub aliases: Arc<HashMap<String, String>>,
}

/// Kept by the compile cache from one load to the next.
#[derive(Default)]
pub struct Shape {
    last: Option<Last>,
}

struct Last {
    inputs: Inputs,
    /// [`slugs`] of the roles and articles.
    slugs: u64,
    made: Made,
}

/// Each record's front matter, in the order a load gave the records.
pub(super) struct Inputs {
    roles: Vec<Arc<RoleFrontMatter>>,
    articles: Vec<Arc<ArticleFrontMatter>>,
    programs: Vec<Arc<ProgramFrontMatter>>,
    pages: Vec<Arc<PageFrontMatter>>,
}

impl Inputs {
    pub(super) fn of(
        (roles, articles): (&[Role], &[Article]),
        (programs, pages): (&[Program], &[Page]),
    ) -> Inputs {
        Inputs {
            roles: roles.iter().map(|r| r.fm.clone()).collect(),
            articles: articles.iter().map(|a| a.fm.clone()).collect(),
            programs: programs.iter().map(|p| p.fm.clone()).collect(),
            pages: pages.iter().map(|p| p.fm.clone()).collect(),
        }
    }
}

/// The slugs of `roles` and `articles` with their positions, fingerprinted
/// (a slug can come from the file name, which the front matter lacks).
pub(super) fn slugs(roles: &[Role], articles: &[Article]) -> u64 {
    let state = foldhash::fast::FixedState::with_seed(0);
    let roles = roles.iter().map(|r| r.slug.as_str());
    let articles = articles.iter().map(|a| a.slug.as_str());
    roles
        .chain([""])
        .chain(articles)
        .enumerate()
        .fold(0u64, |sum, pair| sum.wrapping_add(state.hash_one(pair)))
}

/// True when `a` and `b` sort and index alike (see [`super::indexes`] and
/// `Site::new`, whose reads these lists must follow).
fn role_fits(a: &RoleFrontMatter, b: &RoleFrontMatter) -> bool {
    a.slug == b.slug
        && a.level == b.level
        && a.title == b.title
        && a.aliases == b.aliases
        && a.transitions.len() == b.transitions.len()
        && a.transitions
            .iter()
            .zip(&b.transitions)
            .all(|(x, y)| x.to == y.to)
}

fn article_fits(a: &ArticleFrontMatter, b: &ArticleFrontMatter) -> bool {
    a.slug == b.slug
        && a.published == b.published
        && a.title == b.title
        && a.roles == b.roles
        && a.category == b.category
        && a.tags == b.tags
        && a.author == b.author
        && a.aliases == b.aliases
}

/// True when `now` holds, position by position, the very front matter of
/// `last` or front matter that `fits` it.
fn all_fit<F>(now: &[Arc<F>], last: &[Arc<F>], fits: impl Fn(&F, &F) -> bool) -> bool {
    now.len() == last.len()
        && now
            .iter()
            .zip(last)
            .all(|(a, b)| Arc::ptr_eq(a, b) || fits(a, b))
}

impl Shape {
    /// The last load's order and indexes, when `reuse` (nothing but role
    /// and article files changed) and the records of `now` fit them.
    pub(super) fn fitting(&self, reuse: bool, now: &Inputs, slugs: u64) -> Option<Made> {
        let last = self.last.as_ref().filter(|_| reuse)?;
        let was = &last.inputs;
        let fits = last.slugs == slugs
            && all_fit(&now.programs, &was.programs, |_, _| false)
            && all_fit(&now.pages, &was.pages, |_, _| false)
            && all_fit(&now.roles, &was.roles, role_fits)
            && all_fit(&now.articles, &was.articles, article_fits);
        fits.then(|| last.made.clone())
    }

    /// Keeps what the site of the records of `inputs` was ordered and
    /// indexed by.
    pub(super) fn keep(&mut self, inputs: Inputs, slugs: u64, made: Made) {
        self.last = Some(Last {
            inputs,
            slugs,
            made,
        });
    }
}
