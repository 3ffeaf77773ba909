//! The site's address space as `check` sees it: which paths are pages,
//! and which `#fragment` ids each role and article page has.
//!
//! A path is matched against the app's own route table
//! (`web::routes::ROUTES`, with the matcher actix uses), and each route
//! says what its `{placeholder}` must name ([`Links`]): a role, an article,
//! a category, a file of the static folder, and so on. So a new route is
//! known to `check` the moment it is in the table. Fragments are checked
//! on role and article pages and the glossary; links into other pages are
//! checked for the page alone.

use crate::content::date::Date;
use crate::content::listing::{page_count, page_url, split_page_path};
use crate::content::outline::Anchor;
use crate::content::role::Role;
use crate::content::site::Schedule;
use crate::content::site::Site;
use crate::content::static_path;
use crate::web::pages::misc::redirect_for;
use crate::web::routes::{self, Kind, Links, ROUTES};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// Ids the layout (`templates/base.html`) renders on every page: the
/// skip link's target and the search box.
pub const LAYOUT_IDS: &[&str] = &["main", "site-search-q"];

/// Ids the article page template renders itself, besides the layout's,
/// the headings of the body and `ref-{source key}` for each source the
/// article cites.
pub const ARTICLE_PAGE_IDS: &[&str] = &[
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
                let ids = LAYOUT_IDS
                    .iter()
                    .chain(ARTICLE_PAGE_IDS)
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
        let target = match self.resolve_path(&path, fragment) {
            Ok(t) => t,
            Err(Resolution::Redirects(to)) => {
                return Resolution::Redirects(with_fragment(&to, fragment));
            }
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

    /// What `path` names; `fragment` is kept in a suggested address.
    fn resolve_path(&self, path: &str, fragment: Option<&str>) -> Result<Target<'a>, Resolution> {
        // The page's file does not parse: its error is reported, and links
        // to it are checked once it does.
        if self.site.unparsed.iter().any(|u| u == path) {
            return Ok(Target::Unchecked);
        }
        let matched = routes::find(path, true);
        let found = match &matched {
            Some(m) => self.named(m, path)?,
            None => None,
        };
        if let Some(t) = found {
            return Ok(t);
        }
        // Where the server would send a reader instead (an alias, a renamed
        // role's slug, the trailing slash), when that page exists.
        if let Some(to) = redirect_for(self.site, path, "", true)
            && self.resolve_path(&to, None).is_ok()
        {
            return Err(Resolution::Redirects(to));
        }
        let links = matched.and_then(|m| m.route.links);
        Err(Resolution::NoPage(self.no_page(path, links, fragment)))
    }

    /// What the route `m` matched at `path` names: the page, `None` when
    /// its placeholder names nothing of the site, or an error that says
    /// why the link cannot work.
    fn named(&self, m: &routes::Match, path: &str) -> Result<Option<Target<'a>>, Resolution> {
        let value = || m.captures.first().map_or("", |(_, v)| v.as_str());
        let site = self.site;
        if m.route.glossary {
            return Ok(Some(Target::Glossary));
        }
        let Some(links) = m.route.links else {
            return Ok(Some(Target::Unchecked));
        };
        let unchecked = |exists: bool| exists.then_some(Target::Unchecked);
        Ok(match links {
            Links::Any => Some(Target::Unchecked),
            Links::Never(why) => return Err(Resolution::NoPage(why.into())),
            Links::RolePage => site.role(value()).map(|r| Target::Role(&r.slug)),
            Links::OfRole => unchecked(site.role(value()).is_some()),
            Links::ArticlePage => site.article(value()).map(|a| Target::Article(&a.slug)),
            Links::Category => unchecked(self.categories.contains(value())),
            Links::Tag => unchecked(self.tags.contains(value())),
            Links::Author => unchecked(site.authors.contains_key(value())),
            Links::Code => unchecked(crate::web::pages::soc::Code::parse(value()).is_ok_and(|c| {
                let (exact, related) = crate::web::pages::soc::roles_under(&site.roles, &c);
                !exact.is_empty() || !related.is_empty()
            })),
            Links::State => unchecked(crate::content::dataset::states::is_abbr(value())),
            Links::Program => unchecked(site.program(value()).is_some()),
            Links::Page => unchecked(site.page(value()).is_some()),
            Links::ListingPage => match split_page_path(path) {
                Some((base, raw)) => match site.listing(base) {
                    Some(list) => return listing_page(base, raw, page_count(list.len())).map(Some),
                    None => None,
                },
                None => None,
            },
            Links::StaticFile => {
                if static_path::resolve(self.static_dir, value()).is_some() {
                    Some(Target::Unchecked)
                } else {
                    return Err(Resolution::NoFile(format!(
                        "there is no file `{}` in the static folder ({}); add the file there or correct the name",
                        value(),
                        self.static_dir.display()
                    )));
                }
            }
        })
    }

    fn no_page(&self, path: &str, links: Option<Links>, fragment: Option<&str>) -> String {
        let what = match links {
            Some(Links::RolePage | Links::OfRole) => {
                "there is no role with this slug in content/roles/"
            }
            Some(Links::ArticlePage) => "there is no article with this slug in content/articles/",
            Some(Links::Category) => "no article has this category",
            Some(Links::Tag) => "no article has this tag",
            Some(Links::Author) => "there is no author with this id in content/authors.toml",
            Some(Links::Code) => "no role uses this occupation code",
            Some(Links::State) => {
                "there is no state or territory with this code (two lower-case letters, e.g. `ny`)"
            }
            Some(Links::ListingPage) => "there is no listing at this address",
            Some(Links::Program) => "there is no program with this slug in content/programs/",
            Some(Links::Page) => "there is no page with this slug in content/pages/",
            _ => "no page of the site has this address",
        };
        match self.suggest(path) {
            Some(s) => format!("{what}; did you mean `{}`?", with_fragment(&s, fragment)),
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
            .chain(fixed_pages());
        candidates
            .map(|c| (crate::text::edit_distance(path, &c), c))
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
                    .filter(|i| {
                        !i.starts_with("ref-") && !LAYOUT_IDS.contains(i) && !i.ends_with("-title")
                    })
                    .collect();
                set.into_iter().collect()
            }
        };
        let near = ids
            .iter()
            .map(|i| (crate::text::edit_distance(fragment, i), i.as_str()))
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
/// layout's [`LAYOUT_IDS`]. (Ids made from database rows are
/// [`pattern_id`]s.)
pub fn role_ids(site: &Site, r: &Role) -> HashSet<String> {
    let facts = site.facts(r);
    let mut ids: HashSet<String> = facts.outline.ids().map(str::to_string).collect();
    ids.extend(LAYOUT_IDS.iter().map(|s| s.to_string()));
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

/// The fixed addresses readers may be linked to: routes without a
/// placeholder, but not the `--dev` ones.
fn fixed_pages() -> impl Iterator<Item = String> {
    ROUTES
        .iter()
        .filter(|r| r.links.is_none() && matches!(r.kind, Kind::Page | Kind::Resource | Kind::Form))
        .map(|r| r.pattern.to_string())
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

/// `path` with `#fragment` when there is one.
fn with_fragment(path: &str, fragment: Option<&str>) -> String {
    match fragment {
        Some(f) if !f.is_empty() => format!("{path}#{f}"),
        _ => path.to_string(),
    }
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
        let layout = include_str!("../../../templates/base.html");
        let frame: BTreeSet<&str> = html_ids(layout)
            .filter(|i| !i.contains("{{") && !i.starts_with("dev-"))
            .collect();
        let known: BTreeSet<&str> = LAYOUT_IDS.iter().copied().collect();
        assert_eq!(frame, known, "the layout's ids (the dev banner's aside)");
    }
}
