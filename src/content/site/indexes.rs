//! The lookups a [`Site`](super::Site) builds once from its records: pages
//! by slug, what points at each role, categories, tags and listings. They
//! hold positions into the site's record lists, never copies of slugs: a
//! slug is read from its record when a lookup compares it, so building
//! the indexes of 20,000 pages allocates little.

use crate::content::article::Article;
use crate::content::listing::{author_url, category_url, tag_url};
use crate::content::page::Page;
use crate::content::program::Program;
use crate::content::registry::Author;
use crate::content::role::Role;
use foldhash::HashMap;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use std::collections::BTreeMap;
use std::hash::BuildHasher;

/// A category or tag: its name as editors write it, and its articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub name: String,
    /// Its address segment, e.g. `career-paths`.
    pub slug: String,
    /// Indexes into `articles`, newest first.
    pub(super) articles: Vec<usize>,
}

/// A record with a slug of its own.
pub(super) trait Slugged {
    fn slug(&self) -> &str;
}

macro_rules! slugged {
    ($($t:ty),*) => {$(
        impl Slugged for $t {
            fn slug(&self) -> &str {
                &self.slug
            }
        }
    )*};
}
slugged!(Role, Article, Program, Page);

/// Positions of records by slug; a later record with a slug already seen
/// takes its place (only a site with errors has two).
#[derive(Debug, Clone, Default)]
pub(super) struct SlugIndex {
    table: HashTable<usize>,
    state: foldhash::fast::RandomState,
}

impl SlugIndex {
    fn new<T: Slugged>(items: &[T]) -> SlugIndex {
        let state = foldhash::fast::RandomState::default();
        let mut table = HashTable::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let slug = item.slug();
            let hash = state.hash_one(slug);
            let same = |&j: &usize| items[j].slug() == slug;
            match table.entry(hash, same, |&j: &usize| state.hash_one(items[j].slug())) {
                Entry::Occupied(mut e) => *e.get_mut() = i,
                Entry::Vacant(e) => drop(e.insert(i)),
            }
        }
        SlugIndex { table, state }
    }

    /// The position in `items` (the records this index was built from) of
    /// the one with `slug`.
    pub(super) fn get<T: Slugged>(&self, items: &[T], slug: &str) -> Option<usize> {
        let hash = self.state.hash_one(slug);
        self.table.find(hash, |&i| items[i].slug() == slug).copied()
    }
}

/// Equal when they hold as many positions: two indexes of the same
/// records' slugs, in the same order, are then the same (the tests'
/// check of kept indexes compares them so).
impl PartialEq for SlugIndex {
    fn eq(&self, other: &SlugIndex) -> bool {
        self.table.len() == other.table.len()
    }
}

/// Items grouped by the position of what they belong to (a role, say),
/// each group in the order the items were given: one list of every item
/// and where each group's run of it starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Groups<T> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Groups<T> {
    fn new(groups: usize, pairs: &[(usize, T)]) -> Groups<T> {
        let mut starts = vec![0u32; groups + 1];
        for &(g, _) in pairs {
            starts[g + 1] += 1;
        }
        for g in 0..groups {
            starts[g + 1] += starts[g];
        }
        let mut next = starts.clone();
        let mut items = vec![T::default(); pairs.len()];
        for &(g, item) in pairs {
            items[next[g] as usize] = item;
            next[g] += 1;
        }
        Groups { starts, items }
    }

    /// The items of group `g` (empty for a group that has none).
    pub(super) fn of(&self, g: usize) -> &[T] {
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Categories or tags as articles name them: each name's term, found by
/// hashing the name (most articles name a term an earlier one named).
#[derive(Default)]
struct Terms<'a> {
    at: HashMap<&'a str, usize>,
    terms: Vec<Term>,
}

impl<'a> Terms<'a> {
    /// Files article `i` under the term `name`.
    fn file(&mut self, name: &'a str, i: usize) {
        match self.at.get(name) {
            Some(&t) => self.terms[t].articles.push(i),
            None => {
                self.at.insert(name, self.terms.len());
                self.terms.push(Term {
                    name: name.to_string(),
                    slug: crate::content::markdown::slugify(name),
                    articles: vec![i],
                });
            }
        }
    }

    /// The terms by name, alphabetically.
    fn sorted(self) -> BTreeMap<String, Term> {
        self.terms
            .into_iter()
            .map(|t| (t.name.clone(), t))
            .collect()
    }
}

/// Lookups built once per site.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Indexes {
    pub roles: SlugIndex,
    pub articles: SlugIndex,
    pub programs: SlugIndex,
    pub pages: SlugIndex,
    /// For each role (by position), the programs that prepare for it, in
    /// program order.
    pub programs_for: Groups<usize>,
    /// For each role, the moves into it: (position of the role the move
    /// starts from, position of the move in its `transitions`).
    pub entries: Groups<(usize, usize)>,
    /// For each role, the articles about it, newest first.
    pub about: Groups<usize>,
    /// Categories and tags by name, alphabetically.
    pub categories: BTreeMap<String, Term>,
    pub tags: BTreeMap<String, Term>,
    /// Every listing's address with its articles, newest first.
    pub listings: Vec<(String, Vec<usize>)>,
    pub listing_at: HashMap<String, usize>,
}

/// The indexes of the site's records, and their aliases.
pub(super) fn indexes(
    roles: &[Role],
    articles: &[Article],
    programs: &[Program],
    pages: &[Page],
    authors: &BTreeMap<String, Author>,
) -> (Indexes, HashMap<String, String>) {
    let role_index = SlugIndex::new(roles);
    let role_at = |slug: &str| role_index.get(roles, slug);
    let mut pairs = Vec::new();
    for (i, p) in programs.iter().enumerate() {
        pairs.extend(p.fm.roles.iter().filter_map(|r| Some((role_at(r)?, i))));
    }
    let programs_for = Groups::new(roles.len(), &pairs);
    let mut moves = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        for (j, t) in r.fm.transitions.iter().enumerate() {
            moves.extend(role_at(&t.to).map(|to| (to, (i, j))));
        }
    }
    let entries = Groups::new(roles.len(), &moves);
    pairs.clear();
    let mut categories = Terms::default();
    let mut tags = Terms::default();
    let author_at: HashMap<&str, usize> = authors
        .keys()
        .zip(0..)
        .map(|(a, i)| (a.as_str(), i))
        .collect();
    let mut by_author = vec![Vec::new(); authors.len()];
    for (i, a) in articles.iter().enumerate() {
        pairs.extend(a.fm.roles.iter().filter_map(|r| Some((role_at(r)?, i))));
        categories.file(&a.fm.category, i);
        for t in &a.fm.tags {
            tags.file(t, i);
        }
        if let Some(&at) = author_at.get(a.fm.author.as_str()) {
            by_author[at].push(i);
        }
    }
    let (categories, tags) = (categories.sorted(), tags.sorted());
    let about = Groups::new(roles.len(), &pairs);
    let mut listings = vec![("/articles/".to_string(), (0..articles.len()).collect())];
    listings.extend(
        categories
            .values()
            .map(|t| (category_url(&t.name), t.articles.clone())),
    );
    listings.extend(
        tags.values()
            .map(|t| (tag_url(&t.name), t.articles.clone())),
    );
    listings.extend(
        authors
            .keys()
            .zip(by_author)
            .map(|(id, list)| (author_url(id), list)),
    );
    let listing_at = listings
        .iter()
        .enumerate()
        .map(|(i, (url, _))| (url.clone(), i))
        .collect();
    let mut aliases = HashMap::default();
    for r in roles {
        for a in &r.fm.aliases {
            aliases.insert(a.clone(), r.url());
        }
    }
    for a in articles {
        for al in &a.fm.aliases {
            aliases.insert(al.clone(), a.url());
        }
    }
    let index = Indexes {
        articles: SlugIndex::new(articles),
        programs: SlugIndex::new(programs),
        pages: SlugIndex::new(pages),
        roles: role_index,
        programs_for,
        entries,
        about,
        categories,
        tags,
        listings,
        listing_at,
    };
    (index, aliases)
}
