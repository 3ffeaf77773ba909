//! The compiled site: every record from `content/`, checked and indexed.
//! A `Site` is immutable; a reload builds a new one and swaps it in whole.

use super::article::Article;
use super::data::{FaqSeed, Figure, TestimonialSeed};
use super::date::Date;
use super::onet::OnetProfile;
use super::registry::{Author, Certification, SiteInfo, Source};
use super::role::{Level, Role};
use std::collections::{BTreeMap, HashMap};

/// Everything the web layer and the seeder need from `content/`.
#[derive(Debug, Clone)]
pub struct Site {
    pub info: SiteInfo,
    /// Roles ordered by level, then title.
    pub roles: Vec<Role>,
    /// Articles, newest first.
    pub articles: Vec<Article>,
    pub authors: BTreeMap<String, Author>,
    pub sources: BTreeMap<String, Source>,
    pub certifications: BTreeMap<String, Certification>,
    pub figures: Vec<Figure>,
    pub faqs: Vec<FaqSeed>,
    pub testimonials: Vec<TestimonialSeed>,
    pub onet: HashMap<String, OnetProfile>,
    /// Old path (`/roles/cmio/`) to the canonical one.
    pub aliases: HashMap<String, String>,
    /// Search synonym groups from `content/data/synonyms.toml` (empty without one).
    pub synonyms: Vec<super::data::SynonymGroup>,
    /// Terms from `content/glossary.toml` in file order (empty without one).
    pub glossary: std::sync::Arc<[super::glossary::Term]>,
    index: Indexes,
    /// Loaded with `--drafts`: drafts, scheduled and expired pages are all shown.
    pub preview: bool,
}

/// When a page may be shown: its draft flag and its publication window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub draft: bool,
    /// First public day, if set.
    pub publish: Option<Date>,
    /// First day it is no longer public, if set.
    pub expires: Option<Date>,
}

/// Lookups built once per site.
#[derive(Debug, Clone, Default)]
struct Indexes {
    roles: HashMap<String, usize>,
    articles: HashMap<String, usize>,
    /// For each role slug, the moves into it: (index of the role the move
    /// starts from, index of the move in its `transitions`).
    entries: HashMap<String, Vec<(usize, usize)>>,
}

/// Slug indexes of roles and articles, the moves into each role, and the
/// aliases of both.
fn indexes(roles: &[Role], articles: &[Article]) -> (Indexes, HashMap<String, String>) {
    let mut index = Indexes {
        roles: roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.clone(), i))
            .collect(),
        articles: articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect(),
        entries: HashMap::new(),
    };
    for (i, r) in roles.iter().enumerate() {
        for (j, t) in r.fm.transitions.iter().enumerate() {
            index.entries.entry(t.to.clone()).or_default().push((i, j));
        }
    }
    let mut aliases = HashMap::new();
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
    (index, aliases)
}

/// A move into or out of a role, resolved to the other role.
#[derive(Debug, Clone)]
pub struct Edge<'a> {
    pub role: &'a Role,
    /// Years in the role before the move, when the move's source gives them.
    pub years: Option<super::role::Years>,
    pub requires: &'a str,
    /// Key of the source that describes the move (in the leaving role's `sources`).
    pub source: Option<&'a str>,
}

impl Site {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        info: SiteInfo,
        mut roles: Vec<Role>,
        mut articles: Vec<Article>,
        authors: BTreeMap<String, Author>,
        sources: BTreeMap<String, Source>,
        certifications: BTreeMap<String, Certification>,
        figures: Vec<Figure>,
        faqs: Vec<FaqSeed>,
        testimonials: Vec<TestimonialSeed>,
        onet: HashMap<String, OnetProfile>,
    ) -> Site {
        roles.sort_by(|a, b| {
            a.fm.level
                .cmp(&b.fm.level)
                .then_with(|| a.fm.title.cmp(&b.fm.title))
        });
        articles.sort_by(|a, b| {
            b.fm.published
                .cmp(&a.fm.published)
                .then_with(|| a.fm.title.cmp(&b.fm.title))
        });
        let (index, aliases) = indexes(&roles, &articles);
        Site {
            info,
            roles,
            articles,
            authors,
            sources,
            certifications,
            figures,
            faqs,
            testimonials,
            onet,
            aliases,
            synonyms: Vec::new(),
            glossary: Default::default(),
            index,
            preview: false,
        }
    }

    /// True when a page with `schedule` is public on `today` (a UTC calendar
    /// day): not a draft, its `publish` day reached, its `expires` day not yet.
    /// With `--drafts` (a preview) every loaded page is visible. Every page,
    /// listing, feed, sitemap and related-articles query goes through this,
    /// by way of [`Site::visible_on`].
    pub fn is_visible(&self, schedule: Schedule, today: Date) -> bool {
        self.preview
            || (!schedule.draft
                && schedule.publish.is_none_or(|p| p <= today)
                && schedule.expires.is_none_or(|e| today < e))
    }

    /// True when some loaded page is not visible on `today`.
    pub fn hides_any_on(&self, today: Date) -> bool {
        self.roles
            .iter()
            .map(Role::schedule)
            .chain(self.articles.iter().map(Article::schedule))
            .any(|s| !self.is_visible(s, today))
    }

    /// The site as readers see it on `today`: pages that [`Site::is_visible`]
    /// rejects are removed, with their aliases, listing entries and index
    /// entries, so no handler can show or link them.
    pub fn visible_on(&self, today: Date) -> Site {
        let mut site = self.clone();
        site.roles.retain(|r| self.is_visible(r.schedule(), today));
        site.articles
            .retain(|a| self.is_visible(a.schedule(), today));
        let (index, aliases) = indexes(&site.roles, &site.articles);
        site.index = index;
        site.aliases = aliases;
        site
    }

    pub fn role(&self, slug: &str) -> Option<&Role> {
        self.index.roles.get(slug).map(|&i| &self.roles[i])
    }

    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.index.articles.get(slug).map(|&i| &self.articles[i])
    }

    pub fn roles_at(&self, level: Level) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |r| r.fm.level == level)
    }

    /// Where people go next from `role`.
    pub fn next_steps<'a>(&'a self, role: &'a Role) -> Vec<Edge<'a>> {
        role.fm
            .transitions
            .iter()
            .filter_map(|t| {
                self.role(&t.to).map(|r| Edge {
                    role: r,
                    years: t.years,
                    requires: &t.requires,
                    source: t.source.as_deref(),
                })
            })
            .collect()
    }

    /// Where people in `role` come from.
    pub fn entry_routes<'a>(&'a self, role: &Role) -> Vec<Edge<'a>> {
        let Some(moves) = self.index.entries.get(&role.slug) else {
            return Vec::new();
        };
        moves
            .iter()
            .map(|&(i, j)| {
                let from = &self.roles[i];
                let t = &from.fm.transitions[j];
                Edge {
                    role: from,
                    years: t.years,
                    requires: &t.requires,
                    source: t.source.as_deref(),
                }
            })
            .collect()
    }

    /// Articles that name `slug` among their roles.
    pub fn articles_about<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a Article> {
        self.articles
            .iter()
            .filter(move |a| a.fm.roles.iter().any(|r| r == slug))
    }

    /// Categories with their articles, alphabetically.
    pub fn categories(&self) -> BTreeMap<String, Vec<&Article>> {
        let mut map: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
        for a in &self.articles {
            map.entry(a.fm.category.clone()).or_default().push(a);
        }
        map
    }

    /// Tags with their articles, alphabetically.
    pub fn tags(&self) -> BTreeMap<String, Vec<&Article>> {
        let mut map: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
        for a in &self.articles {
            for t in &a.fm.tags {
                map.entry(t.clone()).or_default().push(a);
            }
        }
        map
    }

    /// Articles related to `article`: shared roles count twice, shared tags once.
    pub fn related_articles<'a>(&'a self, article: &Article, limit: usize) -> Vec<&'a Article> {
        let mut scored: Vec<(usize, &Article)> = self
            .articles
            .iter()
            .filter(|a| a.slug != article.slug)
            .map(|a| {
                let roles =
                    a.fm.roles
                        .iter()
                        .filter(|r| article.fm.roles.contains(r))
                        .count();
                let tags =
                    a.fm.tags
                        .iter()
                        .filter(|t| article.fm.tags.contains(t))
                        .count();
                (roles * 2 + tags, a)
            })
            .filter(|(score, _)| *score > 0)
            .collect();
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.fm.published.cmp(&a.1.fm.published))
        });
        scored.into_iter().take(limit).map(|(_, a)| a).collect()
    }

    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// Every SOC code a role uses, sorted, without repeats.
    pub fn soc_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self.roles.iter().map(|r| r.fm.soc.clone()).collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// Role and article slugs, for "did you mean" suggestions.
    pub fn all_pages(&self) -> impl Iterator<Item = (String, &str)> {
        self.roles
            .iter()
            .map(|r| (r.url(), r.fm.title.as_str()))
            .chain(self.articles.iter().map(|a| (a.url(), a.fm.title.as_str())))
    }
}
