//! The route table: every address the site answers, as data.
//!
//! [`ROUTES`] is the one place that names URLs. Each entry gives the URL
//! pattern, what kind of route it is ([`Kind`]), the query parameters its
//! handler reads, and the handler. [`configure`] registers the table into
//! actix; [`find`] tells other code (the canonical-URL middleware, the
//! trailing-slash redirect, the renamed-role redirects, `check` and the
//! tests) which route a path belongs to, with the same matcher actix uses.
//!
//! Every page, resource and static file answers GET and HEAD (HEAD gets the
//! status and headers of GET; the HTTP layer drops the body) and 405 with
//! `Allow: GET, HEAD` to any other method; a reader form also takes POST.
//! The JSON API and the editors' `/admin/` are one entry each, a scope with
//! its own answers.

use super::error::ErrorInfo;
use super::{MAX_URI, pages::misc};
use crate::content::Site;
use actix_web::dev::{Path, ResourceDef};
use actix_web::http::header;
use actix_web::{HttpResponse, guard, web};
use std::sync::LazyLock;

mod table;
pub use table::{PAGE_PATTERN, ROUTES};

/// What kind of address a route is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML page whose address ends in `/`; the same address without
    /// the slash redirects to it (keeping the query string).
    Page,
    /// A resource at exactly its address (`/feed.xml`, `/search`,
    /// `/embed/roles/{slug}`): no slash redirect.
    Resource,
    /// The files of the static folder: any path under the prefix.
    Files,
    /// The JSON API: a scope with its own resources, 404s and 405s.
    Api,
    /// A page with a reader form: GET and HEAD show it, POST sends it.
    Form,
    /// The editors' pages: a scope behind a sign-in, never linked from content.
    Private,
}

/// What a link to a route's addresses must name for the page to exist,
/// as `check` validates links in content (`content::check::targets`).
/// Routes with a `{placeholder}` say which; a fixed address needs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Any value is served, or the values come from data `check` does not
    /// list (the JSON API's resources).
    Any,
    /// `{slug}` names a role: the role page, whose `#ids` are checked.
    RolePage,
    /// `{slug}` names a role: another page of the role (salaries, card, forms).
    OfRole,
    /// `{slug}` names an article, whose `#ids` are checked.
    ArticlePage,
    /// `{slug}` is the category of some article.
    Category,
    /// `{slug}` is a tag of some article.
    Tag,
    /// `{id}` names an author.
    Author,
    /// `{n}` is a page number within the listing's pages.
    ListingPage,
    /// `{code}` is an occupation or detail code some role uses.
    Code,
    /// `{code}` is a state or territory, in lower case.
    State,
    /// `{path}` names a file of the static folder.
    StaticFile,
    /// `{slug}` names a program.
    Program,
    /// `{page}` names an editorial page of `content/pages/`.
    Page,
    /// Content must not link here; why.
    Never(&'static str),
}

/// How a route is registered.
#[derive(Clone, Copy)]
enum Handler {
    /// GET and HEAD answered by this handler (given the route to attach it to).
    Read(fn(actix_web::Route) -> actix_web::Route),
    /// A reader form: GET and HEAD show it, POST sends it.
    Form {
        read: fn(actix_web::Route) -> actix_web::Route,
        submit: fn(actix_web::Route) -> actix_web::Route,
    },
    /// A whole scope registered as is.
    Scope(fn(&mut web::ServiceConfig)),
}

/// One entry of the route table.
#[derive(Clone, Copy)]
pub struct Route {
    /// The actix pattern (`/roles/{slug}/`); for [`Kind::Api`] the prefix.
    pub pattern: &'static str,
    pub kind: Kind,
    /// Query parameters the handler reads. A GET or HEAD with any other
    /// parameter (or an empty or repeated `&`) is redirected to the same
    /// URL without it, so stray parameters never make a second copy of a
    /// page in the cache. Not used for [`Kind::Api`], which answers
    /// unknown parameters with a 400 itself.
    /// Read from the handler's query struct ([`typed_query::fields`]).
    pub params: fn() -> &'static [&'static str],
    /// Served only with `--dev`.
    pub dev: bool,
    /// What a link must name; `None` for a fixed address.
    pub links: Option<Links>,
    /// The glossary page, whose `#ids` are the terms of the glossary.
    pub glossary: bool,
    handler: Handler,
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Route")
            .field("pattern", &self.pattern)
            .field("kind", &self.kind)
            .field("params", &(self.params)())
            .field("dev", &self.dev)
            .field("links", &self.links)
            .finish()
    }
}

/// `pattern` with each plain `{name}` placeholder set to its value.
pub fn fill<'v>(pattern: &str, values: impl IntoIterator<Item = (&'v str, &'v str)>) -> String {
    values.into_iter().fold(pattern.to_string(), |url, (n, v)| {
        url.replace(&format!("{{{n}}}"), v)
    })
}

impl Route {
    /// The address with each plain `{name}` placeholder set to its value.
    pub fn fill<'v>(&self, values: impl IntoIterator<Item = (&'v str, &'v str)>) -> String {
        fill(self.pattern, values)
    }

    /// The same route, saying what a link to it must name.
    const fn links(self, links: Links) -> Route {
        Route {
            links: Some(links),
            ..self
        }
    }
}

/// The methods every page, resource and static file answers.
pub const ALLOW: &str = "GET, HEAD";
/// The methods a reader form answers.
pub const ALLOW_FORM: &str = "GET, HEAD, POST";

/// Bodies a form takes (longer ones get 413); fields have their own limits.
pub const FORM_LIMIT: usize = 64 * 1024;

/// A route for GET and HEAD.
pub fn read() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// Registers the routes of [`ROUTES`] (the `--dev` ones only when `dev`),
/// and the fallback for every other address.
pub fn configure(cfg: &mut web::ServiceConfig, dev: bool) {
    for route in ROUTES.iter().filter(|r| dev || !r.dev) {
        match route.handler {
            Handler::Read(to) => {
                cfg.service(
                    web::resource(route.pattern)
                        .route(to(read()))
                        .default_service(web::to(wrong_method)),
                );
            }
            Handler::Form { read: show, submit } => {
                cfg.service(
                    web::resource(route.pattern)
                        .app_data(web::FormConfig::default().limit(FORM_LIMIT))
                        .route(show(read()))
                        .route(submit(web::post()))
                        .default_service(web::to(wrong_form_method)),
                );
            }
            Handler::Scope(register) => register(cfg),
        }
    }
    cfg.default_service(web::to(misc::fallback));
}

/// Any method other than GET or HEAD on a page, resource or file: 405 with
/// the methods that work.
async fn wrong_method() -> HttpResponse {
    let mut res = HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, ALLOW))
        .finish();
    res.extensions_mut().insert(ErrorInfo {
        message: "This address can only be read (GET or HEAD).".into(),
    });
    res
}

/// Any method but GET, HEAD or POST on a reader form: 405.
async fn wrong_form_method() -> HttpResponse {
    let mut res = HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, ALLOW_FORM))
        .finish();
    res.extensions_mut().insert(ErrorInfo {
        message: "This address shows a form (GET) and takes it back (POST).".into(),
    });
    res
}

/// The matchers of [`ROUTES`], built once, in the same order.
static MATCHERS: LazyLock<Vec<ResourceDef>> = LazyLock::new(|| {
    ROUTES
        .iter()
        .map(|r| match r.kind {
            Kind::Api | Kind::Private => ResourceDef::prefix(r.pattern),
            _ => ResourceDef::new(r.pattern),
        })
        .collect()
});

/// A path matched to its route, with the values of the pattern's
/// `{placeholders}`.
#[derive(Debug, Clone)]
pub struct Match {
    pub route: &'static Route,
    pub captures: Vec<(String, String)>,
}

impl Match {
    /// The value of the placeholder `name` (`slug` in `/roles/{slug}/`).
    pub fn capture(&self, name: &str) -> Option<&str> {
        self.captures
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The address of the same route with the placeholder `name` set to
    /// `value` and the others as matched (for routes whose placeholders
    /// are plain `{name}`s).
    pub fn with(&self, name: &str, value: &str) -> String {
        self.route.fill(self.captures.iter().map(|(n, v)| {
            let v = if n == name { value } else { v.as_str() };
            (n.as_str(), v)
        }))
    }
}

/// The route that answers `path` (without query string), as the app
/// matches it; `dev` includes the `--dev` routes. `None` is the fallback
/// (a 404, an alias or a trailing-slash redirect).
pub fn find(path: &str, dev: bool) -> Option<Match> {
    if path.len() > MAX_URI {
        return None;
    }
    ROUTES
        .iter()
        .zip(MATCHERS.iter())
        .filter(|(r, _)| dev || !r.dev)
        .find_map(|(route, def)| {
            let mut p = Path::new(path);
            def.capture_match_info(&mut p).then(|| Match {
                route,
                captures: p
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect(),
            })
        })
}

/// True when `/{segment}/` would shadow one of the site's own routes (a
/// pattern starts with that segment), so no editorial page may take
/// `segment` as its slug.
pub fn reserved_segment(segment: &str) -> bool {
    ROUTES
        .iter()
        .filter(|r| r.pattern != PAGE_PATTERN)
        .filter_map(|r| r.pattern.trim_start_matches('/').split('/').next())
        .any(|first| !first.is_empty() && first == segment)
}

/// Where a GET of `path` without its trailing slash should go: the path
/// with the slash, when that is a page route (for `/{page}/`, when `site`
/// has the editorial page).
pub fn with_slash(path: &str, dev: bool, site: &Site) -> Option<String> {
    if path.ends_with('/') {
        return None;
    }
    let slashed = format!("{path}/");
    find(&slashed, dev)
        .is_some_and(|m| {
            m.route.kind == Kind::Page
                && (m.route.pattern != PAGE_PATTERN
                    || m.capture("page")
                        .is_some_and(|slug| site.page(slug).is_some()))
        })
        .then_some(slashed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_with_a_placeholder_says_what_links_name() {
        for r in ROUTES {
            let open = matches!(r.kind, Kind::Api | Kind::Private);
            assert_eq!(
                r.links.is_some(),
                r.pattern.contains('{') || open || r.dev,
                "{}: `.links(...)` says what a link to it must name",
                r.pattern
            );
        }
    }

    #[test]
    fn finds_routes_in_matching_order() {
        let m = find("/roles/a-role/", false).expect("role page");
        assert_eq!(m.route.pattern, "/roles/{slug}/");
        assert_eq!(m.capture("slug"), Some("a-role"));
        let m = find("/salaries/states/xx/", false).expect("state page");
        assert_eq!(m.route.pattern, "/salaries/states/{code}/");
        assert_eq!(
            find("/static/img/a.png", false).unwrap().route.kind,
            Kind::Files
        );
        assert_eq!(
            find("/api/v1/roles/x", false).unwrap().route.kind,
            Kind::Api
        );
        assert!(find("/roles/a-role", false).is_none());
        assert!(find("/__dev/state", false).is_none());
        assert!(find("/__dev/state", true).unwrap().route.dev);
    }

    #[test]
    fn slash_redirects_only_to_pages() {
        let site = crate::content::load::load(
            std::path::Path::new("tests/fixtures/minimal"),
            Default::default(),
        )
        .expect("the minimal tree loads");
        let slash = |p: &str| with_slash(p, false, &site);
        assert_eq!(slash("/roles/a-role").as_deref(), Some("/roles/a-role/"));
        assert_eq!(slash("/compare").as_deref(), Some("/compare/"));
        assert_eq!(slash("/api").as_deref(), Some("/api/"));
        assert_eq!(slash("/privacy").as_deref(), Some("/privacy/"));
        assert_eq!(slash("/healthz"), None);
        assert_eq!(slash("/static"), None);
        assert_eq!(slash("/404.html"), None, "no editorial page has this slug");
        assert_eq!(slash("/roles/"), None);
        assert_eq!(slash("/embed/roles/a-role"), None);
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
    fn a_match_rebuilds_its_address_with_another_value() {
        let m = find("/roles/old/qr.svg", false).unwrap();
        assert_eq!(m.with("slug", "new"), "/roles/new/qr.svg");
        let m = find("/articles/tag/a/page/2/", false).unwrap();
        assert_eq!(m.with("n", "3"), "/articles/tag/a/page/3/");
    }

    #[test]
    fn patterns_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for r in ROUTES {
            assert!(seen.insert(r.pattern), "{} twice", r.pattern);
            assert_eq!(
                matches!(r.kind, Kind::Page | Kind::Form),
                r.pattern.ends_with('/'),
                "{}: pages and forms, and only they, end in /",
                r.pattern
            );
        }
    }
}
