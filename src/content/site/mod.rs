//! The compiled site: every record from `content/`, checked, indexed and
//! linked into the facts each page shows ([`super::facts`]). A `Site` is
//! immutable; a reload builds a new one and swaps it in whole, so a request
//! that holds one reads one content version throughout.

use super::article::Article;
use super::data::{FaqSeed, Figure, TestimonialSeed};
use super::dataset::Data;
use super::date::Date;
use super::editorial::LogEntry;
use super::facts::{self, RoleFacts};
use super::onet::OnetProfile;
use super::page::{Block, Page};
use super::program::Program;
use super::registry::{Author, Certification, SiteInfo, Source};
use super::role::{Level, Role};
use foldhash::HashMap;
use indexes::{Indexes, indexes};
use order::{Orders, permuted};
pub use shape::Shape;
use std::collections::BTreeMap;
use std::sync::Arc;

mod indexes;
mod order;
mod shape;

pub use indexes::Term;

/// Everything the web layer and the seeder need from `content/`.
#[derive(Debug, Clone)]
pub struct Site {
    pub info: SiteInfo,
    /// Roles ordered by level, then title.
    pub roles: Vec<Role>,
    /// Articles, newest first.
    pub articles: Vec<Article>,
    /// Programs: kinds of program first, then named ones; each by
    /// credential, then title.
    pub programs: Vec<Program>,
    /// Editorial pages, in footer order.
    pub pages: Vec<Page>,
    pub authors: BTreeMap<String, Author>,
    pub sources: BTreeMap<String, Source>,
    pub certifications: BTreeMap<String, Certification>,
    pub figures: Vec<Figure>,
    pub faqs: Vec<FaqSeed>,
    pub testimonials: Vec<TestimonialSeed>,
    pub onet: Arc<std::collections::HashMap<String, OnetProfile>>,
    /// The data tables the manifest describes (national wages, projections).
    pub data: Arc<Data>,
    /// Old path (`/roles/old/`) to the canonical one.
    pub aliases: Arc<HashMap<String, String>>,
    /// Search synonym groups from `content/data/synonyms.toml` (empty without one).
    pub synonyms: Vec<super::data::SynonymGroup>,
    /// Terms from `content/glossary.toml` in file order (empty without one).
    pub glossary: Arc<[super::glossary::Term]>,
    index: Arc<Indexes>,
    /// What each role page shows, in the order of `roles`.
    facts: Vec<Arc<RoleFacts>>,
    /// Every page's corrections, newest first.
    corrections: Vec<LogEntry>,
    /// Loaded with `--drafts`: drafts, scheduled and expired pages are all shown.
    pub preview: bool,
    /// Problems that leave the site working but a page poorer than meant
    /// (file and line): `check` reports them, `serve --dev` shows them.
    pub warnings: Vec<super::ContentError>,
    /// Addresses of role and article files that did not parse (only in a
    /// partial site, which `check` reads but nothing serves).
    pub unparsed: Vec<String>,
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

/// What `Site::new` is built from: the checked records of one load.
#[derive(Debug, Clone)]
pub struct Parts {
    pub info: SiteInfo,
    pub roles: Vec<Role>,
    pub articles: Vec<Article>,
    pub programs: Vec<Program>,
    pub pages: Vec<Page>,
    pub authors: BTreeMap<String, Author>,
    pub sources: BTreeMap<String, Source>,
    pub certifications: BTreeMap<String, Certification>,
    pub figures: Vec<Figure>,
    pub faqs: Vec<FaqSeed>,
    pub testimonials: Vec<TestimonialSeed>,
    pub onet: Arc<std::collections::HashMap<String, OnetProfile>>,
    pub data: Arc<Data>,
    pub synonyms: Vec<super::data::SynonymGroup>,
    pub glossary: Arc<[super::glossary::Term]>,
    pub preview: bool,
}

impl Site {
    /// The site of `p`, its role facts kept in `memo` and its order and
    /// indexes in `shape`; with `reuse` (nothing but role and article files
    /// changed since the load that filled them), each taken from there
    /// where it still holds (see [`facts::link`] and [`Shape`]).
    pub(super) fn new(p: Parts, memo: &mut facts::Memo, shape: &mut Shape, reuse: bool) -> Site {
        let Parts {
            info,
            roles,
            articles,
            programs,
            mut pages,
            authors,
            sources,
            certifications,
            figures,
            faqs,
            testimonials,
            onet,
            data,
            synonyms,
            glossary,
            preview,
        } = p;
        let inputs = shape::Inputs::of((&roles, &articles), (&programs, &pages));
        let slugs = shape::slugs(&roles, &articles);
        let kept = shape.fitting(reuse, &inputs, slugs);
        let orders = match &kept {
            Some(made) => made.orders.clone(),
            None => Orders::of(&roles, &articles, &programs),
        };
        #[cfg(debug_assertions)]
        if kept.is_some() {
            assert_eq!(orders, Orders::of(&roles, &articles, &programs));
        }
        let mut site = Site {
            info,
            roles: permuted(roles, &orders.roles),
            articles: permuted(articles, &orders.articles),
            programs: permuted(programs, &orders.programs),
            pages: Vec::new(),
            authors,
            sources,
            certifications,
            figures,
            faqs,
            testimonials,
            onet,
            data,
            aliases: Default::default(),
            synonyms,
            glossary,
            index: Default::default(),
            facts: Vec::new(),
            corrections: Vec::new(),
            preview,
            warnings: Vec::new(),
            unparsed: Vec::new(),
        };
        pages.sort_by(|a, b| (a.fm.order, &a.fm.title).cmp(&(b.fm.order, &b.fm.title)));
        site.pages = pages;
        site.relink(memo, reuse, kept);
        let made = shape::Made {
            orders,
            index: site.index.clone(),
            aliases: site.aliases.clone(),
        };
        shape.keep(inputs, slugs, made);
        site
    }

    /// Rebuilds every role's facts from the records, and the indexes too
    /// unless `kept` (the last load's, which fit these records).
    fn relink(&mut self, memo: &mut facts::Memo, reuse: bool, kept: Option<shape::Made>) {
        let made = || {
            let (index, aliases) = indexes(
                &self.roles,
                &self.articles,
                &self.programs,
                &self.pages,
                &self.authors,
            );
            (Arc::new(index), Arc::new(aliases))
        };
        let (index, aliases) = match kept {
            Some(kept) => {
                #[cfg(debug_assertions)]
                {
                    let (index, aliases) = made();
                    assert!(
                        index == kept.index && aliases == kept.aliases,
                        "kept indexes differ"
                    );
                }
                (kept.index, kept.aliases)
            }
            None => made(),
        };
        self.index = index;
        self.aliases = aliases;
        self.facts = facts::link(self, memo, reuse);
        self.corrections = super::editorial::log(self);
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
            .chain(self.programs.iter().map(Program::schedule))
            .chain(self.pages.iter().map(Page::schedule))
            .any(|s| !self.is_visible(s, today))
    }

    /// The site as readers see it on `today`: pages that [`Site::is_visible`]
    /// rejects are removed, with their aliases, listing entries, index
    /// entries and every fact that named them, so no handler can show or
    /// link them.
    pub fn visible_on(&self, today: Date) -> Site {
        let mut site = self.clone();
        site.roles.retain(|r| self.is_visible(r.schedule(), today));
        site.articles
            .retain(|a| self.is_visible(a.schedule(), today));
        site.programs
            .retain(|p| self.is_visible(p.schedule(), today));
        site.pages.retain(|p| self.is_visible(p.schedule(), today));
        site.relink(&mut facts::Memo::default(), false, None);
        site
    }

    /// True when `other` holds the same pages as this site, slug by slug
    /// at the same places in every list (this site was made with the
    /// other's kept indexes, or the other with this one's).
    pub fn pairs_with(&self, other: &Site) -> bool {
        Arc::ptr_eq(&self.index, &other.index)
    }

    pub fn role(&self, slug: &str) -> Option<&Role> {
        self.index
            .roles
            .get(&self.roles, slug)
            .map(|i| &self.roles[i])
    }

    /// The role once called `old`: the role whose `aliases` hold its old
    /// page, `/roles/{old}/`. Every address of the old slug redirects to
    /// the same address of this role's.
    pub fn renamed_role(&self, old: &str) -> Option<&Role> {
        let target = self.aliases.get(&super::role::url_of(old))?;
        self.role(super::role::slug_in(target)?)
    }

    /// Every old role slug with the role that took it over.
    pub fn renamed_roles(&self) -> impl Iterator<Item = (&str, &Role)> {
        self.aliases.iter().filter_map(|(alias, target)| {
            let old = super::role::slug_in(alias)?;
            Some((old, self.role(super::role::slug_in(target)?)?))
        })
    }

    /// What the page of `role` (a role of this site) shows.
    pub fn facts(&self, role: &Role) -> &RoleFacts {
        let i = self.index.roles.get(&self.roles, &role.slug);
        &self.facts[i.expect("a role of this site")]
    }

    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.index
            .articles
            .get(&self.articles, slug)
            .map(|i| &self.articles[i])
    }

    pub fn program(&self, slug: &str) -> Option<&Program> {
        self.index
            .programs
            .get(&self.programs, slug)
            .map(|i| &self.programs[i])
    }

    /// The editorial page at `/{slug}/`.
    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.index
            .pages
            .get(&self.pages, slug)
            .map(|i| &self.pages[i])
    }

    /// The programs that prepare for the role `slug`, kinds first.
    pub fn programs_for<'a>(&'a self, slug: &str) -> impl Iterator<Item = &'a Program> + 'a {
        let role = self.index.roles.get(&self.roles, slug);
        let list = role.map_or(&[][..], |i| self.index.programs_for.of(i));
        list.iter().map(|&i| &self.programs[i])
    }

    /// The roles of the site that `program` prepares for, in its order.
    pub fn roles_of<'a>(&'a self, program: &'a Program) -> impl Iterator<Item = &'a Role> + 'a {
        program.fm.roles.iter().filter_map(|s| self.role(s))
    }

    /// Every correction of the site's pages, newest first.
    pub fn corrections(&self) -> &[LogEntry] {
        &self.corrections
    }

    /// The corrections of the page at `url`, newest first.
    pub fn corrections_of<'a>(&'a self, url: &'a str) -> impl Iterator<Item = &'a LogEntry> + 'a {
        self.corrections.iter().filter(move |e| e.url == url)
    }

    /// The address of the page that shows the corrections log, if one does.
    pub fn corrections_url(&self) -> Option<String> {
        self.page_with(Block::Corrections).map(Page::url)
    }

    /// The first editorial page that shows the generated section `block`.
    pub fn page_with(&self, block: Block) -> Option<&Page> {
        self.pages.iter().find(|p| p.has(block))
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
        let Some(at) = self.index.roles.get(&self.roles, &role.slug) else {
            return Vec::new();
        };
        self.index
            .entries
            .of(at)
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

    fn pick<'a>(&'a self, list: &'a [usize]) -> impl Iterator<Item = &'a Article> + 'a {
        list.iter().map(|&i| &self.articles[i])
    }

    /// Articles that name `slug` among their roles, newest first.
    pub fn articles_about<'a>(&'a self, slug: &str) -> impl Iterator<Item = &'a Article> + 'a {
        let role = self.index.roles.get(&self.roles, slug);
        let list = role.map_or(&[][..], |i| self.index.about.of(i));
        self.pick(list)
    }

    /// Categories, alphabetically.
    pub fn categories(&self) -> impl Iterator<Item = &Term> {
        self.index.categories.values()
    }

    /// Tags, alphabetically.
    pub fn tags(&self) -> impl Iterator<Item = &Term> {
        self.index.tags.values()
    }

    /// The articles of a category or tag, newest first.
    pub fn term_articles<'a>(&'a self, term: &'a Term) -> impl Iterator<Item = &'a Article> + 'a {
        self.pick(&term.articles)
    }

    /// Every listing's address with its articles, newest first: `/articles/`,
    /// then each category, tag and author (authors without articles included).
    pub fn listings(&self) -> impl Iterator<Item = (&str, Vec<&Article>)> {
        self.index
            .listings
            .iter()
            .map(|(url, list)| (url.as_str(), self.pick(list).collect()))
    }

    /// The articles of the listing at `base`, or `None` when no listing has
    /// that address.
    pub fn listing(&self, base: &str) -> Option<Vec<&Article>> {
        let &i = self.index.listing_at.get(base)?;
        Some(self.pick(&self.index.listings[i].1).collect())
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

    /// Every occupation code a role uses, sorted, without repeats.
    pub fn soc_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self.roles.iter().map(|r| r.fm.soc.clone()).collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// Role and article addresses with their titles, for "did you mean".
    pub fn all_pages(&self) -> impl Iterator<Item = (String, &str)> {
        self.roles
            .iter()
            .map(|r| (r.url(), r.fm.title.as_str()))
            .chain(self.articles.iter().map(|a| (a.url(), a.fm.title.as_str())))
            .chain(self.programs.iter().map(|p| (p.url(), p.fm.title.as_str())))
            .chain(self.pages.iter().map(|p| (p.url(), p.fm.title.as_str())))
    }
}
