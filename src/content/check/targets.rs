//! The site's address space as `check` sees it: which paths are pages,
//! listings, routes or static files, and which `#fragment` ids each role and
//! article page has.
//!
//! Roles, articles, their listings (`/roles/`, `/articles/`, category, tag
//! and author pages) and static files are checked one by one. Other routes
//! are listed here, in [`EXACT_ROUTES`] and [`PREFIX_ROUTES`], the one place
//! to update when `web::routes` gains a route (a test compares the two).
//! Fragments are checked on role and article pages only; links into other
//! pages are checked for the page alone.

use crate::content::date::Date;
use crate::content::listing::{page_count, page_url, split_page_path};
use crate::content::outline::Anchor;
use crate::content::program::PROGRAMS_URL;
use crate::content::role::Role;
use crate::content::site::Schedule;
use crate::content::site::Site;
use crate::content::static_path;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// Routes served at exactly these paths (besides roles, articles and listings).
pub const EXACT_ROUTES: &[&str] = &[
    "/",
    "/newsletter/",
    "/my-data/",
    "/healthz",
    "/roles/",
    "/articles/",
    PROGRAMS_URL,
    "/search",
    "/compare/",
    "/career-map/",
    "/pathways/",
    "/salaries/",
    "/api/",
    GLOSSARY,
    "/feed.xml",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.svg",
    "/print.css",
];

/// The glossary page; its `#fragment`s must name a term of `content/glossary.toml`.
pub const GLOSSARY: &str = "/glossary/";

/// Routes with a role slug in them, besides the role page itself: the slug
/// must name a role.
pub const ROLE_ROUTES: &[&str] = &[
    "/roles/{slug}/qr.svg",
    "/salaries/{slug}/",
    "/embed/roles/{slug}",
    "/roles/{slug}/share/",
    "/roles/{slug}/ask/",
];

/// Routes whose pages come from data `check` does not enumerate (the
/// database, codes): any path under these prefixes is accepted.
pub const PREFIX_ROUTES: &[&str] = &[
    "/salaries/states/",
    "/soc/",
    "/api/v1/",
    "/email/",
    "/admin/",
];

/// Routes that content must not link to (they exist only with `serve --dev`).
pub const UNLINKABLE_ROUTES: &[&str] = &["/__dev/"];

/// Route patterns of `web::routes` that [`Targets`] checks one by one.
pub const CHECKED_PATTERNS: &[&str] = &[
    "/roles/{slug}/",
    "/articles/{slug}/",
    "/articles/category/{slug}/",
    "/articles/tag/{slug}/",
    "/authors/{id}/",
    "/articles/page/{n}/",
    "/articles/category/{slug}/page/{n}/",
    "/articles/tag/{slug}/page/{n}/",
    "/authors/{id}/page/{n}/",
    "/static/{path:.*}",
    "/programs/{slug}/",
    PAGE_PATTERN,
];

/// The route of editorial pages (`content/pages/*.md`): one segment, which
/// no other route may start with (see [`reserved_segment`]).
pub const PAGE_PATTERN: &str = "/{page}/";

/// True when `/{segment}/` would shadow one of the site's own routes, so no
/// editorial page may take `segment` as its slug.
pub fn reserved_segment(segment: &str) -> bool {
    EXACT_ROUTES
        .iter()
        .chain(ROLE_ROUTES)
        .chain(PREFIX_ROUTES)
        .chain(UNLINKABLE_ROUTES)
        .chain(CHECKED_PATTERNS.iter().filter(|p| **p != PAGE_PATTERN))
        .filter_map(|p| p.trim_start_matches('/').split('/').next())
        .any(|first| !first.is_empty() && first == segment)
}

/// True when `check` knows the route pattern `pattern` of `web::routes`
/// (a route or the path of a scope).
pub fn knows_route(pattern: &str) -> bool {
    EXACT_ROUTES.contains(&pattern)
        || CHECKED_PATTERNS.contains(&pattern)
        || ROLE_ROUTES.contains(&pattern)
        || PREFIX_ROUTES
            .iter()
            .chain(UNLINKABLE_ROUTES)
            .any(|p| pattern.starts_with(p) || p.trim_end_matches('/') == pattern)
}

/// The slug in `path` when it matches the role route `pattern`.
fn role_route_slug<'p>(path: &'p str, pattern: &str) -> Option<&'p str> {
    let (pre, post) = pattern.split_once("{slug}")?;
    let slug = path.strip_prefix(pre)?.strip_suffix(post)?;
    (!slug.is_empty() && !slug.contains('/')).then_some(slug)
}

/// Ids the article page template renders itself, besides the headings of
/// the body and `ref-{source key}` for each source the article cites.
pub const ARTICLE_PAGE_IDS: &[&str] = &[
    "main",
    "toc-title",
    "related-roles",
    "related-articles",
    "references",
];

/// What a link resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A page, route or file that exists (with its fragment, if any).
    Ok,
    /// Another site, or a scheme such as `mailto:`; not checked.
    External,
    /// Reaches a page only through a redirect: the canonical address.
    Redirects(String),
    /// No page has this address: why, and what to do.
    NoPage(String),
    /// No static file has this address.
    NoFile(String),
    /// The page exists but has no element with the fragment's id.
    NoFragment(String),
    /// A `#ref-KEY` citation of a key that is not in `sources.toml`.
    UnknownSource(String),
    /// The page is scheduled (`publish` in the future): readers get a 404
    /// until that day. Says when.
    NotYetPublic(String),
}

#[derive(Clone, Copy)]
enum Target<'a> {
    Role(&'a str),
    Article(&'a str),
    Glossary,
    /// A page whose ids are not checked, or a file.
    Unchecked,
}

/// The addresses and ids of a loaded site.
pub struct Targets<'a> {
    site: &'a Site,
    static_dir: &'a Path,
    role_ids: HashMap<&'a str, HashSet<String>>,
    article_ids: HashMap<&'a str, HashSet<String>>,
    categories: HashSet<String>,
    tags: HashSet<String>,
    glossary_ids: HashSet<String>,
    today: Date,
}

/// The `id="..."` values in rendered HTML.
pub fn html_ids(html: &str) -> impl Iterator<Item = &str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
}

impl<'a> Targets<'a> {
    pub fn new(site: &'a Site, static_dir: &'a Path, today: Date) -> Self {
        let role_ids = site
            .roles
            .iter()
            .map(|r| (r.slug.as_str(), role_ids(site, r)))
            .collect();
        let article_ids = site
            .articles
            .iter()
            .map(|a| {
                let ids = ARTICLE_PAGE_IDS
                    .iter()
                    .map(|s| s.to_string())
                    .chain(html_ids(&a.html.get()).map(str::to_string))
                    .chain(a.fm.sources.iter().map(|k| format!("ref-{k}")))
                    .collect();
                (a.slug.as_str(), ids)
            })
            .collect();
        Targets {
            site,
            static_dir,
            role_ids,
            article_ids,
            categories: site.categories().map(|c| c.slug.clone()).collect(),
            tags: site.tags().map(|t| t.slug.clone()).collect(),
            glossary_ids: site.glossary.iter().map(|t| t.id.clone()).collect(),
            today,
        }
    }

    /// The draft flag and publication window of the role or article at `url`.
    fn schedule_of(&self, url: &str) -> Option<Schedule> {
        if let Some(slug) = segment(url, "/roles/") {
            return self.site.role(slug).map(|r| r.schedule());
        }
        segment(url, "/articles/")
            .and_then(|slug| self.site.article(slug))
            .map(|a| a.schedule())
    }

    /// True when the role or article at `url` is not shown to readers today
    /// (a draft, scheduled for later, or expired).
    pub fn hidden_today(&self, url: &str) -> bool {
        self.schedule_of(url)
            .is_some_and(|s| !self.site.is_visible(s, self.today))
    }

    /// Why the page at `path` is not public today, if it is not.
    fn visibility(&self, path: &str) -> Option<Resolution> {
        let s = self.schedule_of(path)?;
        if self.site.is_visible(s, self.today) {
            return None;
        }
        Some(match (s.publish, s.expires) {
            (Some(p), _) if p > self.today => Resolution::NotYetPublic(format!(
                "the page is scheduled to appear on {p} (its `publish` date); until then readers get a 404, so publish both pages on the same day or link later"
            )),
            (_, Some(e)) if e <= self.today => Resolution::NoPage(format!(
                "the page expired on {e} (its `expires` date); remove the link or the expiry"
            )),
            _ => Resolution::NoPage(
                "the page is a draft, left out of the site; publish it or remove the link".into(),
            ),
        })
    }

    /// Resolves `dest` as written on the page at `page` (its URL, when known).
    pub fn resolve_link(&self, page: Option<&str>, dest: &str) -> Resolution {
        let dest = dest.trim();
        if dest.is_empty() {
            return Resolution::NoPage(
                "the address is empty; write the path of the page, e.g. /roles/{slug}/".into(),
            );
        }
        if dest.starts_with("//") || has_scheme(dest) {
            return Resolution::External;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or("");
        let path = if path.is_empty() {
            match page {
                Some(p) => p.to_string(),
                None => return Resolution::Ok,
            }
        } else if path.starts_with('/') {
            path.to_string()
        } else {
            join(page.unwrap_or("/"), path)
        };
        let target = match self.resolve_path(&path) {
            Ok(t) => t,
            Err(r) => return r,
        };
        if let Some(hidden) = self.visibility(&path) {
            return hidden;
        }
        match fragment {
            Some(f) if !f.is_empty() => self.check_fragment(&path, target, f),
            _ => Resolution::Ok,
        }
    }

    fn resolve_path<'p>(&self, path: &'p str) -> Result<Target<'p>, Resolution> {
        if path == GLOSSARY {
            return Ok(Target::Glossary);
        }
        if EXACT_ROUTES.contains(&path) || PREFIX_ROUTES.iter().any(|p| path.starts_with(p)) {
            return Ok(Target::Unchecked);
        }
        if UNLINKABLE_ROUTES.iter().any(|p| path.starts_with(p)) {
            return Err(Resolution::NoPage(
                "this address exists only while editing with `serve --dev`; remove the link".into(),
            ));
        }
        for pattern in ROLE_ROUTES {
            if let Some(slug) = role_route_slug(path, pattern) {
                if self.site.role(slug).is_some() {
                    return Ok(Target::Unchecked);
                }
                return Err(Resolution::NoPage(format!(
                    "there is no role `{slug}` in content/roles/; correct the slug"
                )));
            }
        }
        if let Some(name) = path.strip_prefix("/static/") {
            if static_path::resolve(self.static_dir, name).is_some() {
                return Ok(Target::Unchecked);
            }
            return Err(Resolution::NoFile(format!(
                "there is no file `{name}` in the static folder ({}); add the file there or correct the name",
                self.static_dir.display()
            )));
        }
        if let Some((base, raw)) = split_page_path(path)
            && let Some(list) = self.site.listing(base)
        {
            return listing_page(base, raw, page_count(list.len()));
        }
        let found = if let Some(slug) = segment(path, "/roles/") {
            self.site.role(slug).map(|_| Target::Role(slug))
        } else if let Some(c) = segment(path, "/articles/category/") {
            self.categories.contains(c).then_some(Target::Unchecked)
        } else if let Some(t) = segment(path, "/articles/tag/") {
            self.tags.contains(t).then_some(Target::Unchecked)
        } else if let Some(slug) = segment(path, "/articles/") {
            self.site.article(slug).map(|_| Target::Article(slug))
        } else if let Some(id) = segment(path, "/authors/") {
            self.site
                .authors
                .contains_key(id)
                .then_some(Target::Unchecked)
        } else if let Some(slug) = segment(path, PROGRAMS_URL) {
            self.site.program(slug).map(|_| Target::Unchecked)
        } else if let Some(slug) = segment(path, "/") {
            self.site.page(slug).map(|_| Target::Unchecked)
        } else {
            None
        };
        if let Some(t) = found {
            return Ok(t);
        }
        if let Some(to) = self.site.aliases.get(path) {
            return Err(Resolution::Redirects(to.clone()));
        }
        if !path.ends_with('/') {
            let slashed = format!("{path}/");
            if self.resolve_path(&slashed).is_ok() {
                return Err(Resolution::Redirects(slashed));
            }
        }
        Err(Resolution::NoPage(self.no_page(path)))
    }

    fn no_page(&self, path: &str) -> String {
        let what = if segment(path, "/roles/").is_some() {
            "there is no role with this slug in content/roles/"
        } else if segment(path, "/articles/category/").is_some() {
            "no article has this category"
        } else if segment(path, "/articles/tag/").is_some() {
            "no article has this tag"
        } else if segment(path, "/articles/").is_some() {
            "there is no article with this slug in content/articles/"
        } else if segment(path, "/authors/").is_some() {
            "there is no author with this id in content/authors.toml"
        } else if segment(path, PROGRAMS_URL).is_some() {
            "there is no program with this slug in content/programs/"
        } else if segment(path, "/").is_some() {
            "there is no page with this slug in content/pages/"
        } else {
            "no page of the site has this address"
        };
        match self.suggest(path) {
            Some(s) => format!("{what}; did you mean `{s}`?"),
            None => format!("{what}; correct the address or remove the link"),
        }
    }

    /// The closest existing page address, if one is close.
    fn suggest(&self, path: &str) -> Option<String> {
        let candidates = self
            .site
            .roles
            .iter()
            .map(Role::url)
            .chain(self.site.articles.iter().map(|a| a.url()))
            .chain(
                self.categories
                    .iter()
                    .map(|c| format!("/articles/category/{c}/")),
            )
            .chain(self.tags.iter().map(|t| format!("/articles/tag/{t}/")))
            .chain(self.site.authors.keys().map(|a| format!("/authors/{a}/")))
            .chain(self.site.programs.iter().map(|p| p.url()))
            .chain(self.site.pages.iter().map(|p| p.url()))
            .chain(EXACT_ROUTES.iter().map(|s| s.to_string()));
        candidates
            .map(|c| (distance(path, &c), c))
            .filter(|(d, c)| *d <= (c.len() / 4).max(2))
            .min()
            .map(|(_, c)| c)
    }

    fn check_fragment(&self, path: &str, target: Target, fragment: &str) -> Resolution {
        let (ids, what) = match target {
            Target::Role(slug) => (&self.role_ids[slug], "role page"),
            Target::Article(slug) => (&self.article_ids[slug], "article"),
            Target::Glossary => {
                if self.glossary_ids.contains(fragment) {
                    return Resolution::Ok;
                }
                return Resolution::NoFragment(format!(
                    "there is no glossary term with id `{fragment}` in content/glossary.toml; add the term or correct the id"
                ));
            }
            Target::Unchecked => return Resolution::Ok,
        };
        let states = match target {
            Target::Role(slug) => self
                .site
                .role(slug)
                .is_some_and(|r| self.site.facts(r).outline.shows(Anchor::SalaryStates)),
            _ => false,
        };
        if ids.contains(fragment) || pattern_id(fragment, states) {
            return Resolution::Ok;
        }
        if let Some(key) = fragment.strip_prefix("ref-") {
            if !self.site.sources.contains_key(key) {
                return Resolution::UnknownSource(format!(
                    "it cites source `{key}`, which is not in content/sources.toml; correct the key or add the source"
                ));
            }
            return Resolution::NoFragment(format!(
                "the {what} `{path}` does not list source `{key}` among its references; add `{key}` to its `sources`"
            ));
        }
        // Suggest from every id; list only the main ones (sections, headings).
        let main: Vec<&str> = match target {
            Target::Role(slug) => self
                .site
                .role(slug)
                .map(|r| self.site.facts(r).outline.body().map(|s| s.id()).collect())
                .unwrap_or_default(),
            _ => {
                let set: BTreeSet<&str> = ids
                    .iter()
                    .map(String::as_str)
                    .filter(|i| !i.starts_with("ref-") && *i != "main" && !i.ends_with("-title"))
                    .collect();
                set.into_iter().collect()
            }
        };
        let near = ids
            .iter()
            .map(|i| (distance(fragment, i), i.as_str()))
            .filter(|(d, i)| *d <= (i.len() / 3).max(2))
            .min()
            .map(|(_, i)| format!(" Did you mean `#{i}`?"))
            .unwrap_or_default();
        let sorted = main;
        Resolution::NoFragment(format!(
            "the {what} `{path}` has no element with id `{fragment}`.{near} Its main anchors are: {}",
            sorted.join(", ")
        ))
    }
}

/// Ids of a role page: the headings its outline shows, the ids inside its
/// prose, `ref-{key}` for every source its references list, and the
/// layout's `main`.
fn role_ids(site: &Site, r: &Role) -> HashSet<String> {
    let facts = site.facts(r);
    let mut ids: HashSet<String> = facts.outline.ids().map(str::to_string).collect();
    ids.insert("main".into());
    for s in r.sections.iter() {
        ids.extend(html_ids(&s.html.get()).map(str::to_string));
    }
    ids.extend(facts.references.iter().map(|k| format!("ref-{k}")));
    ids
}

/// Ids a role page makes from database rows: `faq-N` answers, and
/// `state-xx` rows when the page has a state table.
fn pattern_id(id: &str, states: bool) -> bool {
    let state = states
        && id
            .strip_prefix("state-")
            .is_some_and(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()));
    let faq = id
        .strip_prefix("faq-")
        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    state || faq
}

/// Page `raw` of the listing at `base`, which has `pages` pages.
fn listing_page<'p>(base: &str, raw: &str, pages: usize) -> Result<Target<'p>, Resolution> {
    match raw.parse::<usize>() {
        Ok(n) if (1..=pages).contains(&n) => {
            if n == 1 || raw != n.to_string() {
                Err(Resolution::Redirects(page_url(base, n)))
            } else {
                Ok(Target::Unchecked)
            }
        }
        _ => Err(Resolution::NoPage(format!(
            "the listing `{base}` has {pages} page{}; link to one of them",
            if pages == 1 { "" } else { "s" }
        ))),
    }
}

/// `slug` when `path` is `{prefix}{slug}/` with a single segment.
fn segment<'p>(path: &'p str, prefix: &str) -> Option<&'p str> {
    let rest = path.strip_prefix(prefix)?.strip_suffix('/')?;
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves a relative path against the page at `base` (a URL path).
fn join(base: &str, rel: &str) -> String {
    let dir = &base[..=base.rfind('/').unwrap_or(0)];
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("/..");
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out
}

/// Edit distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_join_like_a_browser() {
        assert_eq!(join("/articles/a/", "../b/"), "/articles/b/");
        assert_eq!(join("/articles/a/", "../../roles/x/"), "/roles/x/");
        assert_eq!(join("/roles/x/", "img.png"), "/roles/x/img.png");
    }

    #[test]
    fn schemes_and_patterns() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("/roles/a:b/"));
        assert!(pattern_id("state-ca", true) && pattern_id("faq-12", false));
        assert!(!pattern_id("state-ca", false));
        assert!(!pattern_id("state-cal", true) && !pattern_id("faq-", true));
        assert_eq!(distance("/roles/lead/", "/roles/laed/"), 2);
    }

    #[test]
    fn page_slugs_cannot_shadow_routes() {
        for taken in [
            "roles",
            "programs",
            "api",
            "static",
            "healthz",
            "newsletter",
            "email",
        ] {
            assert!(reserved_segment(taken), "{taken}");
        }
        for free in ["about", "privacy", "methodology", "role"] {
            assert!(!reserved_segment(free), "{free}");
        }
    }

    #[test]
    fn the_article_template_renders_no_id_unknown_to_check() {
        let template = include_str!("../../../templates/articles/page.html");
        for id in html_ids(template).filter(|i| !i.contains("{{")) {
            assert!(
                ARTICLE_PAGE_IDS.contains(&id),
                "add `{id}` to ARTICLE_PAGE_IDS"
            );
        }
    }
}
