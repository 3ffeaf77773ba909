//! Reading `content/` into a [`Site`]: parse every file, check every
//! reference, and collect all the problems rather than stopping at the first.

use super::article::Article;
use super::compile::{self, CompileCache, Compiled};
use super::data::{FaqsFile, FiguresFile, SynonymsFile, TestimonialsFile};
use super::dataset;
use super::date::Date;
use super::error::{ContentError, ContentErrors};
use super::glossary::{self, GlossaryFile, Terms};
use super::markdown;
use super::onet;
use super::page::Page;
use super::program::Program;
use super::registry::{AuthorsFile, CertificationsFile, SiteInfo, SourcesFile};
use super::role::Role;
use super::site::{Parts, Site};
use foldhash::HashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod data_files;
mod files;
mod listings;
mod recheck;
mod records;
mod refs;
mod study;

use files::Loader;
pub(super) use files::Parsed;
pub(super) use listings::Listings;
pub(crate) use recheck::LastCheck;
use recheck::Warnings;
use study::{Known, check_study};

pub(crate) use refs::RoleSlugs;
use refs::unknown;

/// What the cross-file checks look names up in: the registries and role
/// slugs ([`Known`]), the site settings and figures (when their files
/// parsed), the occupational profiles and the data manifest.
struct Lookups<'a> {
    pub known: Known<'a>,
    pub info: Option<&'a Parsed<SiteInfo>>,
    pub figures: Option<&'a Parsed<FiguresFile>>,
    pub onet: &'a std::collections::HashMap<String, onet::OnetProfile>,
    pub data: &'a dataset::Data,
    /// The day (UTC) the load checks dates against.
    pub today: Date,
}

/// Options for a load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep pages marked `draft = true`.
    pub drafts: bool,
}

fn valid_soc(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 7
        && b[2] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// The one form of the content folder's path the program uses: absolute,
/// with symbolic links resolved, so that `content`, `./content`, an
/// absolute path and a link to the folder all name its files alike (the
/// file watcher reports absolute paths; the compile cache is keyed by them).
/// A folder that cannot be resolved (it does not exist) is made absolute
/// as given, and its load reports the problem.
pub fn canonical_root(root: &Path) -> PathBuf {
    fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf())
}

/// Loads and checks the whole content tree at `root`.
pub fn load(root: &Path, opts: LoadOptions) -> Result<Site, ContentErrors> {
    load_cached(root, opts, &mut CompileCache::default())
}

/// [`load`], compiling only the pages that changed since the loads that
/// filled `cache`; every cross-file check still runs over the whole tree.
pub fn load_cached(
    root: &Path,
    opts: LoadOptions,
    cache: &mut CompileCache,
) -> Result<Site, ContentErrors> {
    load_all(root, opts, cache).result()
}

/// Loads what can be loaded of the tree at `root`, with every problem.
pub fn load_all(root: &Path, opts: LoadOptions, cache: &mut CompileCache) -> Loaded {
    let root = &canonical_root(root);
    let started = std::time::Instant::now();
    let phase =
        |what: &str| tracing::debug!(ms = started.elapsed().as_millis() as u64, "load: {what}");
    let mut l = Loader {
        root,
        errors: Vec::new(),
    };
    let info = l.toml_file::<SiteInfo>("site.toml");
    let authors = l.toml_file::<AuthorsFile>("authors.toml");
    let sources = l.toml_file::<SourcesFile>("sources.toml");
    let certs = l.toml_file::<CertificationsFile>("certifications.toml");
    let figures = l.toml_file::<FiguresFile>("data/figures.toml");
    let faqs = l.toml_file::<FaqsFile>("data/faqs.toml");
    let testimonials = l.toml_file::<TestimonialsFile>("data/testimonials.toml");
    // Only role and article files changed since the last load: every other
    // input is as it was. The data tables of a last load with no error are
    // kept; the role facts and the checks compare page by page.
    let only_pages_changed = cache
        .listings
        .named_only_in(&[&root.join("roles"), &root.join("articles")]);
    let tables = match cache.tables.take().filter(|_| only_pages_changed) {
        Some(kept) => kept,
        None => Tables::load(root, &mut l.errors),
    };
    // Optional: a pack without synonyms still searches, just less forgivingly.
    let synonyms = if root.join("data/synonyms.toml").exists() {
        l.toml_file::<SynonymsFile>("data/synonyms.toml")
    } else {
        None
    };
    if let Some(p) = &synonyms {
        for (i, group) in p.value.synonym.iter().enumerate() {
            let named = group.terms.iter().filter(|t| !t.trim().is_empty()).count();
            if named < 2 || named != group.terms.len() {
                l.errors.push(ContentError::new(
                    &p.rel,
                    format!(
                        "synonym group {} needs two or more terms, none of them empty",
                        i + 1
                    ),
                ));
            }
        }
    }

    // Optional too: without a glossary no term is linked.
    let glossary = if root.join("glossary.toml").exists() {
        l.toml_file::<GlossaryFile>("glossary.toml")
    } else {
        None
    };
    let terms = Terms::new(glossary.as_ref().map_or(&[][..], |g| &g.value.term));

    // Roles and articles compile in parallel; each file is independent.
    cache.start(opts, &terms);
    let role_files = l.markdown_files("roles", &mut cache.listings);
    let roles = cache.compile::<Role>(root, &role_files, opts, &terms, &mut l.errors);
    let article_files = l.markdown_files("articles", &mut cache.listings);
    let articles = cache.compile::<Article>(root, &article_files, opts, &terms, &mut l.errors);
    // Programs and editorial pages are optional folders.
    let program_files = l.optional_markdown_files("programs", &mut cache.listings);
    let programs = cache.compile::<Program>(root, &program_files, opts, &terms, &mut l.errors);
    let page_files = l.optional_markdown_files("pages", &mut cache.listings);
    let pages = cache.compile::<Page>(root, &page_files, opts, &terms, &mut l.errors);
    cache.finish();
    phase("pages compiled");

    // Registries into maps, with duplicate ids reported.
    let source_map = registry_map(
        sources.as_ref(),
        |f| &f.source,
        |s| &s.key,
        "source key",
        &mut l.errors,
    );
    let author_map = registry_map(
        authors.as_ref(),
        |f| &f.author,
        |a| &a.id,
        "author id",
        &mut l.errors,
    );
    let cert_map = registry_map(
        certs.as_ref(),
        |f| &f.certification,
        |c| &c.id,
        "certification id",
        &mut l.errors,
    );
    if let Some(p) = &certs
        && sources.is_some()
    {
        for c in &p.value.certification {
            if !source_map.contains_key(&c.source) {
                l.errors.push(p.error_at(
                    &format!("\"{}\"", c.source),
                    unknown("source", &c.source, "content/sources.toml"),
                ));
            }
        }
    }

    let role_slugs = RefCell::new(RoleSlugs::new(&roles.all, &cache.failed, root));
    let slugs = role_slugs.borrow().fingerprint();
    // `None` when sources.toml itself failed to parse: its error is reported already.
    let known_sources = sources.as_ref().map(|_| &source_map);
    let known = Known {
        sources: known_sources,
        authors: authors.as_ref().map(|_| &author_map),
        certifications: certs.as_ref().map(|_| &cert_map),
        roles: &role_slugs,
    };
    let lookups = Lookups {
        known,
        info: info.as_ref(),
        figures: figures.as_ref(),
        onet: &tables.onet,
        data: &tables.data,
        today: Date::today(),
    };
    let day = lookups.today;
    // The same inputs but some role and article files: check those only.
    let quick = (only_pages_changed && l.errors.is_empty())
        .then(|| {
            let holds = |p: &Path| cache.holds_page(p);
            let now = recheck::Now {
                day,
                slugs,
                holds: &holds,
                root,
            };
            (cache.checks).recheck(&roles, &articles, &programs.all, &pages.all, &lookups, now)
        })
        .flatten();
    cache.rechecked = quick
        .is_some()
        .then_some(roles.fresh.len() + articles.fresh.len());
    let warnings = match quick {
        Some(warnings) => {
            phase("cross-file checks of the changed pages done");
            warnings
        }
        None => {
            let files = OtherFiles {
                glossary: glossary.as_ref(),
                faqs: faqs.as_ref(),
                testimonials: testimonials.as_ref(),
            };
            let warnings = check_everything(
                (&roles.all, &articles.all),
                (&programs.all, &pages.all),
                files,
                &lookups,
                &mut l.errors,
            );
            role_slugs.borrow().name_dependents(&mut l.errors);
            phase("cross-file checks done");
            warnings
        }
    };
    cache
        .checks
        .record(!l.errors.is_empty(), day, slugs, &warnings);
    // A file that failed to load leaves its part of the site empty; the
    // site is still built, so `check` can check the links of every file
    // that did load. It is served only when there is no error.
    let mut info = info.map(|p| p.value).unwrap_or_default();
    info.intro_html = markdown::render_inline(&info.intro);
    info.attributions_html = info
        .attributions
        .iter()
        .map(|a| markdown::render_inline(a))
        .collect();
    let mut faqs = faqs.map(|p| p.value.faq).unwrap_or_default();
    for f in &mut faqs {
        f.answer_html = markdown::render(&f.answer).html;
        f.answer_text = markdown::text_of_html(&f.answer_html);
    }
    let mut site = Site::new(
        Parts {
            info,
            roles: roles.all.into_iter().map(|(_, r)| r).collect(),
            articles: articles.all.into_iter().map(|(_, a)| a).collect(),
            programs: programs.all.into_iter().map(|(_, p)| p).collect(),
            pages: pages.all.into_iter().map(|(_, p)| p).collect(),
            authors: author_map,
            sources: source_map,
            certifications: cert_map,
            figures: figures.map(|p| p.value.figure).unwrap_or_default(),
            faqs,
            testimonials: testimonials
                .map(|p| p.value.testimonial)
                .unwrap_or_default(),
            onet: tables.onet.clone(),
            data: tables.data.clone(),
            synonyms: synonyms.map(|p| p.value.synonym).unwrap_or_default(),
            glossary: glossary.map(|p| p.value.term.into()).unwrap_or_default(),
            preview: opts.drafts,
        },
        &mut cache.facts,
        &mut cache.shape,
        only_pages_changed,
    );
    phase("site linked");
    // Problems that leave the site working but a page poorer than meant.
    site.warnings = warnings.pages.into_iter().chain(warnings.other).collect();
    site.unparsed = cache
        .failed
        .iter()
        .filter_map(|f| {
            let dir = f.parent()?.file_name()?.to_str()?;
            Some(format!("/{dir}/{}/", compile::file_slug(f)))
        })
        .collect();
    cache.tables = l.errors.is_empty().then_some(tables);
    Loaded {
        site,
        errors: l.errors,
    }
}

/// The data tables the manifest describes and the occupational profiles:
/// shared by a load's site and, when it had no error, kept for the next.
pub(crate) struct Tables {
    onet: Arc<std::collections::HashMap<String, onet::OnetProfile>>,
    data: Arc<dataset::Data>,
}

impl Tables {
    fn load(root: &Path, errors: &mut Vec<ContentError>) -> Tables {
        let data = dataset::load(root, errors);
        let onet = match data.profiles() {
            Some(p) => onet::load(&root.join("data").join(&p.folder), errors),
            None => Default::default(),
        };
        Tables {
            onet: Arc::new(onet),
            data: Arc::new(data),
        }
    }
}

/// The files the checks of pages do not cover: the glossary, FAQs and
/// testimonials (each `None` when absent or not parsed).
struct OtherFiles<'a> {
    glossary: Option<&'a Parsed<GlossaryFile>>,
    faqs: Option<&'a Parsed<FaqsFile>>,
    testimonials: Option<&'a Parsed<TestimonialsFile>>,
}

/// Every cross-file check over every page and file; returns the warnings.
fn check_everything(
    (roles, articles): (&[Compiled<Role>], &[Compiled<Article>]),
    (programs, pages): (&[Compiled<Program>], &[Compiled<Page>]),
    files: OtherFiles,
    x: &Lookups,
    errors: &mut Vec<ContentError>,
) -> Warnings {
    let mut w = Warnings {
        pages: Vec::new(),
        other: Vec::new(),
    };
    let all = roles.len() + articles.len() + programs.len() + pages.len();
    let mut seen_urls: HashMap<String, &Path> =
        HashMap::with_capacity_and_hasher(all, Default::default());
    records::check_roles(roles, x, &mut seen_urls, errors, &mut w.pages);
    records::check_articles(articles, x, &mut seen_urls, errors, &mut w.pages);
    if let Some(g) = files.glossary {
        glossary::check(g, x.known.sources, errors);
    }
    check_study(
        programs,
        pages,
        &x.known,
        &mut seen_urls,
        errors,
        &mut w.other,
    );
    data_files::check_data_files(x.figures, files.faqs, files.testimonials, x, errors);
    w
}

/// What one load made: the site, and every problem found. With any error
/// the site is partial (what loaded), fit for `check` but not for serving.
pub struct Loaded {
    pub site: Site,
    pub errors: Vec<ContentError>,
}

impl Loaded {
    /// The site, when nothing is wrong.
    pub fn result(self) -> Result<Site, ContentErrors> {
        if self.errors.is_empty() {
            Ok(self.site)
        } else {
            Err(ContentErrors(self.errors))
        }
    }
}

/// Builds an id-to-record map of a registry file, reporting ids used twice.
fn registry_map<F, T: Clone>(
    file: Option<&Parsed<F>>,
    items: impl Fn(&F) -> &Vec<T>,
    id: impl Fn(&T) -> &String,
    what: &str,
    errors: &mut Vec<ContentError>,
) -> BTreeMap<String, T> {
    let mut map = BTreeMap::new();
    let mut seen: HashMap<String, usize> = HashMap::default();
    let Some(p) = file else { return map };
    for item in items(&p.value) {
        let key = id(item).clone();
        let n = seen.entry(key.clone()).or_default();
        if map.insert(key.clone(), item.clone()).is_some() {
            // At the repeated definition, which is the one to change.
            errors.push(p.error_at_nth(
                &format!("\"{key}\""),
                *n,
                format!("{what} `{key}` is used twice; give one of them another id"),
            ));
        }
        *n += 1;
    }
    map
}
