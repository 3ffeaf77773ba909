//! Reading `content/` into a [`Site`]: parse every file, check every
//! reference, and collect all the problems rather than stopping at the first.

use super::checks::{Known, check_editorial, check_study};
use super::compile::{self, CompileCache};
use super::data::{FaqsFile, FigureUnit, FiguresFile, SynonymsFile, TestimonialsFile};
use super::dataset::{self, MANIFEST};
use super::error::{ContentError, ContentErrors, relative};
use super::facts::can_lead_pay;
use super::front_matter;
use super::glossary::{self, GlossaryFile, Terms};
use super::markdown::{self, is_slug};
use super::onet;
use super::registry::{AuthorsFile, CertificationsFile, SiteInfo, SourcesFile};
use super::role::Headline;
use super::site::{Parts, Site};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Options for a load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep pages marked `draft = true`.
    pub drafts: bool,
}

/// A parsed file and where it came from, for errors with a line number.
#[derive(Clone)]
pub(super) struct Parsed<T> {
    pub(super) rel: PathBuf,
    /// The TOML text. `None` for Markdown pages: their file is read again
    /// only when an error needs a line, so a loaded site does not hold a
    /// second copy of every front matter.
    toml: Option<String>,
    abs: PathBuf,
    toml_line: usize,
    pub(super) value: T,
}

impl Parsed<()> {
    /// A Markdown page whose front matter starts on `toml_line`.
    pub(super) fn page(rel: PathBuf, abs: PathBuf, toml_line: usize) -> Self {
        Parsed {
            rel,
            toml: None,
            abs,
            toml_line,
            value: (),
        }
    }
}

impl<T> Parsed<T> {
    /// An error on the line of the front matter that mentions `needle`.
    pub(super) fn error_at(&self, needle: &str, message: String) -> ContentError {
        self.error_at_nth(needle, 0, message)
    }

    /// An error on the `n`-th (from 0) line that mentions `needle`, e.g. the
    /// second definition of an id; the first such line if there are fewer.
    pub(super) fn error_at_nth(&self, needle: &str, n: usize, message: String) -> ContentError {
        let e = ContentError::new(&self.rel, message);
        let text = match &self.toml {
            Some(t) => Some(t.clone()),
            None => fs::read_to_string(&self.abs).ok().and_then(|t| {
                front_matter::split(&self.rel, &t)
                    .ok()
                    .map(|s| s.toml.to_string())
            }),
        };
        // The n-th line that mentions `needle` (the first if there are
        // fewer), and the column where it does.
        let found = text.and_then(|t| {
            let hits: Vec<(usize, usize)> = t
                .lines()
                .enumerate()
                .filter_map(|(i, l)| l.find(needle).map(|at| (i, l[..at].chars().count() + 1)))
                .collect();
            hits.get(n).or(hits.first()).copied()
        });
        match found {
            Some((i, column)) => e.at(self.toml_line + i, column),
            None => e.at_line(self.toml_line),
        }
    }
}

struct Loader<'a> {
    root: &'a Path,
    errors: Vec<ContentError>,
}

impl Loader<'_> {
    fn read(&mut self, path: &Path) -> Option<String> {
        match fs::read_to_string(path) {
            Ok(t) => Some(t),
            Err(e) => {
                self.errors.push(ContentError::new(
                    relative(path, self.root),
                    format!("cannot read: {e}"),
                ));
                None
            }
        }
    }

    fn toml_file<T: DeserializeOwned>(&mut self, name: &str) -> Option<Parsed<T>> {
        let path = self.root.join(name);
        let rel = relative(&path, self.root);
        let text = self.read(&path)?;
        match front_matter::parse::<T>(&rel, &text, 1) {
            Ok(value) => Some(Parsed {
                rel,
                toml: Some(text),
                abs: path,
                toml_line: 1,
                value,
            }),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    /// The `.md` files of a folder the pack may leave out, sorted.
    fn optional_markdown_files(&mut self, dir: &str) -> Vec<PathBuf> {
        if self.root.join(dir).is_dir() {
            self.markdown_files(dir)
        } else {
            Vec::new()
        }
    }

    /// The `.md` files of a folder, sorted, so errors come in a stable order.
    fn markdown_files(&mut self, dir: &str) -> Vec<PathBuf> {
        let path = self.root.join(dir);
        let mut files: Vec<PathBuf> = match fs::read_dir(&path) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect(),
            Err(e) => {
                self.errors
                    .push(ContentError::new(dir, format!("cannot read folder: {e}")));
                Vec::new()
            }
        };
        // One folder, so file names order them (cheaper than whole paths).
        files.sort_unstable_by(|a, b| a.file_name().cmp(&b.file_name()));
        files
    }
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
    let mut l = Loader {
        root,
        errors: Vec::new(),
    };
    // Problems that leave the site working but a page poorer than meant.
    let mut warnings: Vec<ContentError> = Vec::new();
    let info = l.toml_file::<SiteInfo>("site.toml");
    let authors = l.toml_file::<AuthorsFile>("authors.toml");
    let sources = l.toml_file::<SourcesFile>("sources.toml");
    let certs = l.toml_file::<CertificationsFile>("certifications.toml");
    let figures = l.toml_file::<FiguresFile>("data/figures.toml");
    let faqs = l.toml_file::<FaqsFile>("data/faqs.toml");
    let testimonials = l.toml_file::<TestimonialsFile>("data/testimonials.toml");
    let data = dataset::load(root, &mut l.errors);
    let onet = match data.profiles() {
        Some(p) => onet::load(&root.join("data").join(&p.folder), &mut l.errors),
        None => Default::default(),
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
    let role_files = l.markdown_files("roles");
    let roles = cache.roles(root, &role_files, opts, &terms, &mut l.errors);
    let article_files = l.markdown_files("articles");
    let articles = cache.articles(root, &article_files, opts, &terms, &mut l.errors);
    // Programs and editorial pages are optional folders.
    let program_files = l.optional_markdown_files("programs");
    let programs = cache.programs(root, &program_files, opts, &terms, &mut l.errors);
    let page_files = l.optional_markdown_files("pages");
    let pages = cache.pages(root, &page_files, opts, &terms, &mut l.errors);
    cache.finish();

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

    let role_slugs = RefCell::new(RoleSlugs {
        good: roles.iter().map(|(_, r)| r.slug.clone()).collect(),
        renamed: roles
            .iter()
            .flat_map(|(p, r)| {
                r.fm.aliases
                    .iter()
                    .filter_map(|a| super::role::slug_in(a))
                    .map(|old| (old.to_string(), (r.slug.clone(), p.rel.clone())))
            })
            .collect(),
        broken: cache
            .failed
            .iter()
            .filter(|f| f.parent().is_some_and(|d| d.ends_with("roles")))
            .map(|f| (compile::file_slug(f), (relative(f, root), Vec::new())))
            .collect(),
    });
    // `None` when sources.toml itself failed to parse: its error is reported already.
    let known_sources = sources.as_ref().map(|_| &source_map);
    let known = Known {
        sources: known_sources,
        authors: authors.as_ref().map(|_| &author_map),
        certifications: certs.as_ref().map(|_| &cert_map),
        roles: &role_slugs,
    };
    // Roles: slugs, codes, references.
    let mut seen_urls: HashMap<String, &Path> = HashMap::new();
    for (p, r) in &roles {
        let fm = &r.fm;
        if !is_slug(&r.slug) {
            l.errors.push(p.error_at(
                "slug",
                format!(
                    "slug `{}` must be lower case letters, digits and hyphens",
                    r.slug
                ),
            ));
        }
        if let Some(other) = seen_urls.insert(r.url(), &p.rel) {
            l.errors.push(p.error_at(
                "slug",
                format!("slug `{}` is also used by {}", r.slug, other.display()),
            ));
        }
        if !valid_soc(&fm.soc) {
            l.errors.push(p.error_at(
                "soc",
                format!(
                    "`{}` is not an occupation code; write it as NN-NNNN, e.g. 47-2111",
                    fm.soc
                ),
            ));
        }
        for code in &fm.onet {
            if !onet.contains_key(code) {
                l.errors.push(p.error_at(
                    code,
                    match data.profiles() {
                        Some(p) => format!(
                            "code `{code}` has no profile: it is not in content/data/{}/occupations.csv",
                            p.folder
                        ),
                        None => format!(
                            "code `{code}` has no profile: content/data/datasets.toml has no [profiles]"
                        ),
                    },
                ));
            }
        }
        for id in fm.licenses.iter().chain(&fm.certifications) {
            if certs.is_some() && !cert_map.contains_key(id) {
                l.errors.push(p.error_at(
                    &format!("\"{id}\""),
                    unknown("certification", id, "content/certifications.toml"),
                ));
            }
        }
        for t in &fm.transitions {
            if !role_slugs.borrow_mut().known(&t.to, &p.rel) {
                l.errors
                    .push(p.error_at(&format!("\"{}\"", t.to), role_slugs.borrow().unknown(&t.to)));
            } else if t.to == r.slug {
                l.errors.push(p.error_at(
                    &format!("\"{}\"", t.to),
                    "a role cannot transition to itself".into(),
                ));
            }
        }
        if let Some(i) = &info {
            for b in &fm.backgrounds {
                if i.value.background(b).is_none() {
                    let known: Vec<&str> =
                        i.value.background.iter().map(|d| d.id.as_str()).collect();
                    l.errors.push(p.error_at(
                        &format!("\"{b}\""),
                        format!(
                            "unknown background `{b}`; use one of the [[background]] ids in content/site.toml: {}",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        match &fm.pay.headline {
            Headline::Figure(id) => {
                let found = figures.as_ref().map(|f| {
                    f.value
                        .figure
                        .iter()
                        .find(|x| &x.id == id && x.role.as_deref() == Some(r.slug.as_str()))
                });
                match found {
                    Some(None) => l.errors.push(p.error_at(
                        "headline",
                        format!(
                            "`pay.headline = \"{id}\"` names no figure of this role in content/data/figures.toml; give a figure id with `role = \"{}\"`, or write \"{}\" for the code's median",
                            r.slug,
                            super::role::CODE_MEDIAN
                        ),
                    )),
                    Some(Some(f)) if !can_lead_pay(f) => l.errors.push(p.error_at(
                        "headline",
                        format!(
                            "figure `{id}` cannot be the role's pay: a headline figure needs `topic = \"pay\"`, `unit = \"usd\"` (a year's pay), a `value` and a `measure` (\"median\" or \"mean\")"
                        ),
                    )),
                    _ => {}
                }
            }
            Headline::CodeMedian => {}
        }
        if let Some(w) = data.wages()
            && data.national(&fm.soc).is_none()
        {
            let pay = if fm.pay.headline == Headline::CodeMedian {
                " so this role shows no pay, and"
            } else {
                ""
            };
            warnings.push(p.error_at(
                "soc",
                format!(
                    "the pack's wage table has no row for {}:{pay} its pages say the guide has no wage figures for the code. The codes it has are in data/{} (column `{}`); add the code's rows to the wage files that {MANIFEST} lists, or correct the code",
                    fm.soc, w.national, w.columns.code
                ),
            ));
        }
        check_sources(p, &fm.sources, known_sources, &mut l.errors);
        super::sourcing::check_role(p, fm, known_sources, &mut l.errors);
        check_editorial(
            p,
            fm.reviewer.as_deref(),
            &fm.corrections,
            fm.updated,
            &known,
            &mut l.errors,
        );
        check_aliases(p, &fm.aliases, &mut seen_urls, &mut l.errors);
        check_window(p, r.schedule(), &mut l.errors);
    }
    if let Some(g) = &glossary {
        glossary::check(g, known_sources, &mut l.errors);
    }

    // Articles.
    for (p, a) in &articles {
        let fm = &a.fm;
        if !is_slug(&a.slug) {
            l.errors.push(p.error_at(
                "slug",
                format!(
                    "slug `{}` must be lower case letters, digits and hyphens",
                    a.slug
                ),
            ));
        }
        if let Some(other) = seen_urls.insert(a.url(), &p.rel) {
            l.errors.push(p.error_at(
                "slug",
                format!("slug `{}` is also used by {}", a.slug, other.display()),
            ));
        }
        if authors.is_some() && !author_map.contains_key(&fm.author) {
            l.errors.push(p.error_at(
                "author",
                unknown("author", &fm.author, "content/authors.toml"),
            ));
        }
        for slug in &fm.roles {
            if !role_slugs.borrow_mut().known(slug, &p.rel) {
                l.errors
                    .push(p.error_at(&format!("\"{slug}\""), role_slugs.borrow().unknown(slug)));
            }
        }
        if let Some(u) = fm.updated
            && u < fm.published
        {
            l.errors
                .push(p.error_at("updated", "`updated` is earlier than `published`".into()));
        }
        check_sources(p, &fm.sources, known_sources, &mut l.errors);
        check_editorial(
            p,
            fm.reviewer.as_deref(),
            &fm.corrections,
            a.last_updated(),
            &known,
            &mut l.errors,
        );
        check_aliases(p, &fm.aliases, &mut seen_urls, &mut l.errors);
        check_window(p, a.schedule(), &mut l.errors);
        if fm.publish.is_none() && fm.published > super::date::Date::today() {
            warnings.push(p.error_at(
                "published",
                format!(
                    "`published = {}` is in the future, but without a `publish` date the article is live now, dated ahead and listed first; add `publish = {}` to hold it until that day, or correct the date",
                    fm.published, fm.published
                ),
            ));
        }
    }

    // Programs and editorial pages.
    check_study(
        &programs,
        &pages,
        &known,
        &mut seen_urls,
        &mut l.errors,
        &mut warnings,
    );

    // Data files.
    if let Some(p) = &figures {
        let mut ids = HashMap::new();
        for f in &p.value.figure {
            let at = format!("\"{}\"", f.id);
            if ids.insert(f.id.clone(), ()).is_some() {
                l.errors
                    .push(p.error_at(&at, format!("figure id `{}` is used twice", f.id)));
            }
            if let Some(role) = &f.role
                && !role_slugs.borrow_mut().known(role, &p.rel)
            {
                l.errors
                    .push(p.error_at(&at, role_slugs.borrow().unknown(role)));
            }
            match (f.unit, f.value, &f.text) {
                (FigureUnit::Text, _, None) => l.errors.push(p.error_at(
                    &at,
                    format!("figure `{}` has unit \"text\" but no `text`", f.id),
                )),
                (FigureUnit::Text, _, Some(_)) => {}
                (_, None, _) => l
                    .errors
                    .push(p.error_at(&at, format!("figure `{}` has no `value`", f.id))),
                _ => {}
            }
            if f.period.trim().is_empty() {
                l.errors.push(p.error_at(
                    &at,
                    format!("figure `{}` needs the period it describes", f.id),
                ));
            }
            check_sources(
                p,
                std::slice::from_ref(&f.source),
                known_sources,
                &mut l.errors,
            );
        }
    }
    if let Some(p) = &faqs {
        for f in &p.value.faq {
            if let Some(role) = &f.role
                && !role_slugs.borrow_mut().known(role, &p.rel)
            {
                l.errors
                    .push(p.error_at(&format!("\"{}\"", f.key), role_slugs.borrow().unknown(role)));
            }
            if let Some(s) = &f.source {
                check_sources(p, std::slice::from_ref(s), known_sources, &mut l.errors);
            }
        }
    }
    if let Some(p) = &testimonials {
        for t in &p.value.testimonial {
            if !role_slugs.borrow_mut().known(&t.role, &p.rel) {
                l.errors.push(p.error_at(
                    &format!("\"{}\"", t.key),
                    role_slugs.borrow().unknown(&t.role),
                ));
            }
        }
    }
    if let (Some(i), Some(f)) = (&info, &figures) {
        for id in &i.value.key_findings {
            if !f.value.figure.iter().any(|x| &x.id == id) {
                l.errors.push(i.error_at(
                    &format!("\"{id}\""),
                    unknown("figure", id, "content/data/figures.toml"),
                ));
            }
        }
    }

    if sources.is_some() {
        for about in data.all_about() {
            if !source_map.contains_key(&about.source) {
                l.errors.push(ContentError::new(
                    MANIFEST,
                    format!(
                        "`{}` cites source `{}`, which is not in content/sources.toml; add a [[source]] with that key",
                        about.name, about.source
                    ),
                ));
            }
        }
    }

    role_slugs.borrow().name_dependents(&mut l.errors);
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
    let mut site = Site::new(Parts {
        info,
        roles: roles.into_iter().map(|(_, r)| r).collect(),
        articles: articles.into_iter().map(|(_, a)| a).collect(),
        programs: programs.into_iter().map(|(_, p)| p).collect(),
        pages: pages.into_iter().map(|(_, p)| p).collect(),
        authors: author_map,
        sources: source_map,
        certifications: cert_map,
        figures: figures.map(|p| p.value.figure).unwrap_or_default(),
        faqs,
        testimonials: testimonials
            .map(|p| p.value.testimonial)
            .unwrap_or_default(),
        onet,
        data,
        synonyms: synonyms.map(|p| p.value.synonym).unwrap_or_default(),
        glossary: glossary.map(|p| p.value.term.into()).unwrap_or_default(),
        preview: opts.drafts,
    });
    site.warnings = warnings;
    site.unparsed = cache
        .failed
        .iter()
        .filter_map(|f| {
            let dir = f.parent()?.file_name()?.to_str()?;
            Some(format!("/{dir}/{}/", compile::file_slug(f)))
        })
        .collect();
    Loaded {
        site,
        errors: l.errors,
    }
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

/// The slugs of the roles: those that compiled, and those whose file does
/// not parse (by file name), with the files that name each broken one. A
/// reference to a broken role is not an error of its own: the broken file's
/// error names the files that wait on it.
/// The role slugs references may name: compiled roles, and roles whose
/// file did not parse (a reference to one is noted, not reported).
pub(super) struct RoleSlugs {
    good: HashSet<String>,
    /// Old slugs (from role `aliases` of the form `/roles/{old}/`), each
    /// with the slug and file of the role that took it over.
    renamed: HashMap<String, (String, PathBuf)>,
    broken: HashMap<String, (PathBuf, Vec<PathBuf>)>,
}

impl RoleSlugs {
    /// True when `slug` names a role, compiled or broken; a reference from
    /// `file` to a broken one is noted.
    pub(super) fn known(&mut self, slug: &str, file: &Path) -> bool {
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
    pub(super) fn unknown(&self, slug: &str) -> String {
        match self.renamed.get(slug) {
            Some((new, file)) => format!(
                "role `{slug}` was renamed to `{new}` ({} has the alias /roles/{slug}/); write `{new}`",
                file.display()
            ),
            None => unknown("role", slug, "content/roles/"),
        }
    }

    /// Adds to the first error of each broken role file the files that
    /// name the role.
    fn name_dependents(&self, errors: &mut [ContentError]) {
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

fn check_sources<T>(
    p: &Parsed<T>,
    keys: &[String],
    known: Option<&BTreeMap<String, super::registry::Source>>,
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

/// Builds an id-to-record map of a registry file, reporting ids used twice.
fn registry_map<F, T: Clone>(
    file: Option<&Parsed<F>>,
    items: impl Fn(&F) -> &Vec<T>,
    id: impl Fn(&T) -> &String,
    what: &str,
    errors: &mut Vec<ContentError>,
) -> BTreeMap<String, T> {
    let mut map = BTreeMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
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

fn unknown(kind: &str, id: &str, registry: &str) -> String {
    format!("unknown {kind} `{id}`; it must be defined in {registry}")
}

/// A page's `expires` day must come after its `publish` day.
fn check_window<T>(p: &Parsed<T>, s: super::site::Schedule, errors: &mut Vec<ContentError>) {
    if let (Some(publish), Some(expires)) = (s.publish, s.expires)
        && expires <= publish
    {
        errors.push(p.error_at(
            "expires",
            format!("`expires` ({expires}) must be later than `publish` ({publish}), or the page is never shown"),
        ));
    }
}

fn check_aliases<'a, T>(
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
