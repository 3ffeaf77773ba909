//! Compiling one role, article, program or editorial page file (read,
//! split, parse, render), and the
//! cache that lets a reload skip the files that did not change.
//!
//! Every page compiles on its own, so [`compile_all`] runs them in parallel.
//! Cross-file checks (slugs, references) are not here: `load` runs them over
//! the whole set after each compile, cached or not.

use super::article::{Article, ArticleFrontMatter, ArticleRecord};
use super::error::{ContentError, relative};
use super::front_matter;
use super::glossary::Terms;
use super::html::Html;
use super::load::{Listings, LoadOptions, Parsed};
use super::markdown;
use super::outline::Anchor;
use super::page::{self as editorial_page, Page, PageFrontMatter};
use super::program::{Program, ProgramFrontMatter};
use super::role::{Role, RoleFrontMatter, RoleRecord};
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A compiled page with where it came from (shared, so reusing a cached
/// compile copies little); the front matter text is not kept (see
/// [`Parsed::error_at`]), so the record lives in the page only.
pub(super) type Compiled<T> = (Arc<Parsed<()>>, T);

/// Compiled pages from earlier loads, reused while their file keeps its
/// length and modification time and no watcher event names it. Errors are
/// never cached: a broken file compiles again on every load.
#[derive(Default)]
pub struct CompileCache {
    drafts: Option<bool>,
    /// The glossary the cached pages were linked with ([`Terms::fingerprint`]).
    glossary: u64,
    /// Set by [`CompileCache::changed`]: the next load reuses every cached
    /// file without looking at it on disk.
    trusted: bool,
    // Keyed by the paths of the folders' listings (one copy of each).
    roles: HashMap<Arc<Path>, Entry<Role>>,
    articles: HashMap<Arc<Path>, Entry<Article>>,
    programs: HashMap<Arc<Path>, Entry<Program>>,
    pages: HashMap<Arc<Path>, Entry<Page>>,
    /// Each folder's files as last listed.
    pub(super) listings: Listings,
    /// The role facts of the last load.
    pub(super) facts: super::facts::Memo,
    /// What the last load's site was ordered and indexed by.
    pub(super) shape: super::site::Shape,
    /// Files compiled (not reused) by the last load.
    pub compiled: usize,
    /// Files of the last load that did not compile.
    pub(super) failed: Vec<PathBuf>,
    /// What the last load's cross-file checks found.
    pub(super) checks: super::load::LastCheck,
    /// The data tables of the last load, when it had no error.
    pub(super) tables: Option<super::load::Tables>,
    /// `Some(n)` when the last load ran the cross-file checks over only the
    /// `n` role and article pages it compiled (see `load/recheck.rs`);
    /// `None` when it ran every check.
    pub rechecked: Option<usize>,
}

/// One file's last good compile: `None` for a draft left out.
pub(super) struct Entry<T> {
    stamp: Stamp,
    page: Option<Compiled<T>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok()?,
    })
}

impl CompileCache {
    /// Forgets `paths` (say, from a file watcher), so the next load reads
    /// them again even if their length and time look unchanged.
    pub fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        for p in paths {
            self.roles.remove(p);
            self.articles.remove(p);
            self.programs.remove(p);
            self.pages.remove(p);
        }
    }

    /// A file watcher saw exactly `paths` change since the last load: they
    /// are forgotten, and the next load trusts every other cached file as
    /// it is, without reading its length and time (on a large tree that
    /// check is most of a reload), and each folder's listing is the last
    /// one with the files of `paths` added or removed as they are now (a
    /// watcher names a file created, removed or renamed, both names of a
    /// rename).
    pub fn changed<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        let paths: Vec<&Path> = paths.into_iter().collect();
        self.listings.named(paths.iter().copied());
        self.forget(paths);
        self.trusted = true;
    }

    /// Forgets everything when the load options or the glossary change
    /// (every page links the glossary's terms).
    pub(super) fn start(&mut self, opts: LoadOptions, terms: &Terms) {
        let glossary = terms.fingerprint();
        if self.drafts != Some(opts.drafts) || self.glossary != glossary {
            *self = CompileCache {
                drafts: Some(opts.drafts),
                glossary,
                ..CompileCache::default()
            };
        }
        self.compiled = 0;
        self.failed.clear();
    }

    /// Ends a load: the next one checks files again unless told otherwise.
    pub(super) fn finish(&mut self) {
        self.trusted = false;
        self.listings.finish();
    }

    /// Compiles the files `paths` of one kind (roles, articles, programs
    /// or editorial pages), reusing the cached compile of each unchanged one.
    pub(super) fn compile<T: Kind>(
        &mut self,
        root: &Path,
        paths: &[Arc<Path>],
        opts: LoadOptions,
        terms: &Terms,
        errors: &mut Vec<ContentError>,
    ) -> Pages<T> {
        let trusted = self.trusted;
        let (cache, failed) = T::parts(self);
        let (pages, fresh, compiled) = compile_all(cache, paths, trusted, errors, failed, |p| {
            T::compile(root, p, opts, terms)
        });
        self.compiled += compiled;
        Pages { all: pages, fresh }
    }

    /// True when the role or article file `path` compiled in the last load
    /// (and is no draft left out).
    pub(super) fn holds_page(&self, path: &Path) -> bool {
        self.roles.get(path).is_some_and(|e| e.page.is_some())
            || self.articles.get(path).is_some_and(|e| e.page.is_some())
    }
}

/// The pages of one kind a load compiled or reused.
pub(super) struct Pages<T> {
    /// Every page, in file order.
    pub all: Vec<Compiled<T>>,
    /// Indexes into `all` of the pages compiled by this load (not reused).
    pub fresh: Vec<usize>,
}

/// A kind of page file the cache compiles: where its compiles are kept,
/// and how one file of it compiles (`Ok(None)` for a draft left out).
pub(super) trait Kind: Clone + Send + Sync + Sized {
    /// This kind's cached compiles, and the list of files that failed.
    fn parts(c: &mut CompileCache) -> (&mut HashMap<Arc<Path>, Entry<Self>>, &mut Vec<PathBuf>);
    fn compile(
        root: &Path,
        path: &Arc<Path>,
        opts: LoadOptions,
        terms: &Terms,
    ) -> Result<Option<Compiled<Self>>, Vec<ContentError>>;
}

macro_rules! kind {
    ($t:ty, $field:ident, $compile:ident) => {
        impl Kind for $t {
            fn parts(
                c: &mut CompileCache,
            ) -> (&mut HashMap<Arc<Path>, Entry<Self>>, &mut Vec<PathBuf>) {
                (&mut c.$field, &mut c.failed)
            }
            fn compile(
                root: &Path,
                path: &Arc<Path>,
                opts: LoadOptions,
                terms: &Terms,
            ) -> Result<Option<Compiled<Self>>, Vec<ContentError>> {
                $compile(root, path, opts, terms)
            }
        }
    };
}
kind!(Role, roles, compile_role);
kind!(Article, articles, compile_article);
kind!(Program, programs, compile_program);
kind!(Page, pages, compile_page);

/// Compiles `paths` in parallel, keeping file order, reusing what `cache`
/// holds for unchanged files (all cached files when `trusted`); returns the
/// pages, the indexes of those compiled again, and how many files were
/// compiled (failed ones too).
/// Afterwards the cache holds exactly the files of this load that compiled
/// cleanly.
fn compile_all<T: Clone + Send + Sync>(
    cache: &mut HashMap<Arc<Path>, Entry<T>>,
    paths: &[Arc<Path>],
    trusted: bool,
    errors: &mut Vec<ContentError>,
    failed: &mut Vec<PathBuf>,
    compile: impl Fn(&Arc<Path>) -> Result<Option<Compiled<T>>, Vec<ContentError>> + Sync,
) -> (Vec<Compiled<T>>, Vec<usize>, usize) {
    enum Outcome<T> {
        /// The cached page, taken in the same (parallel) lookup that
        /// found it still good.
        Kept(Option<Compiled<T>>),
        /// Compiled again, with the file's stamp when it could be read.
        Compiled(
            Option<Stamp>,
            Result<Option<Compiled<T>>, Vec<ContentError>>,
        ),
    }
    let outcomes: Vec<Outcome<T>> = paths
        .par_iter()
        .map(|p| match cache.get(&**p) {
            Some(e) if trusted => Outcome::Kept(e.page.clone()),
            cached => {
                let now = stamp(p);
                match cached {
                    Some(e) if now == Some(e.stamp) => Outcome::Kept(e.page.clone()),
                    _ => Outcome::Compiled(now, compile(p)),
                }
            }
        })
        .collect();
    let mut pages = Vec::with_capacity(paths.len());
    let mut fresh = Vec::new();
    let mut compiled = 0;
    let mut kept = 0;
    for (path, outcome) in paths.iter().zip(outcomes) {
        match outcome {
            Outcome::Kept(page) => {
                kept += 1;
                pages.extend(page);
            }
            Outcome::Compiled(now, Ok(page)) => {
                compiled += 1;
                match now {
                    Some(stamp) => {
                        kept += 1;
                        let entry = Entry {
                            stamp,
                            page: page.clone(),
                        };
                        cache.insert(path.clone(), entry);
                    }
                    None => {
                        cache.remove(&**path);
                    }
                }
                if page.is_some() {
                    fresh.push(pages.len());
                }
                pages.extend(page);
            }
            Outcome::Compiled(_, Err(e)) => {
                compiled += 1;
                cache.remove(&**path);
                failed.push(path.to_path_buf());
                errors.extend(e.into_iter().map(ContentError::parsing));
            }
        }
    }
    if cache.len() != kept {
        // Files were removed since the last load.
        let listed: HashSet<&Path> = paths.iter().map(|p| &**p).collect();
        cache.retain(|p, _| listed.contains(&**p));
    }
    (pages, fresh, compiled)
}

/// A Markdown file's parsed front matter, its body and the body's first line.
type Source<T> = (Arc<Parsed<()>>, T, String, usize);

/// Reads, splits and parses one Markdown file.
fn page<T: DeserializeOwned>(root: &Path, path: &Arc<Path>) -> Result<Source<T>, ContentError> {
    let rel = relative(path, root);
    let text = fs::read_to_string(path)
        .map_err(|e| ContentError::new(&rel, format!("cannot read: {e}")))?;
    let split = front_matter::split(&rel, &text)?;
    let value = front_matter::parse::<T>(&rel, split.toml, split.toml_line)?;
    Ok((
        Arc::new(Parsed::page(rel, path.clone(), split.toml_line)),
        value,
        split.body.to_string(),
        split.body_line,
    ))
}

/// Compiles one role file: `Ok(None)` for a draft left out.
fn compile_role(
    root: &Path,
    path: &Arc<Path>,
    opts: LoadOptions,
    terms: &Terms,
) -> Result<Option<Compiled<Role>>, Vec<ContentError>> {
    let (parsed, fm, body, body_line) = page::<RoleFrontMatter>(root, path).map_err(|e| vec![e])?;
    if fm.draft && !opts.drafts {
        return Ok(None);
    }
    let slug = fm.slug.clone().unwrap_or_else(|| file_slug(path));
    let (mut sections, _) = markdown::render_sections_linked(&body, terms);
    for s in &mut sections {
        if s.line > 0 {
            s.line += body_line - 1;
        }
    }
    if sections.first().is_some_and(|s| s.id.is_empty()) {
        let lead = sections.remove(0);
        match sections.iter_mut().find(|s| s.id == "overview") {
            Some(o) => o.html = Html::new(&(lead.html.get() + &o.html.get())),
            None => sections.insert(
                0,
                markdown::Section {
                    id: "overview".into(),
                    ..lead
                },
            ),
        }
    }
    let errors: Vec<ContentError> = sections
        .iter()
        .filter(|s| !Anchor::from_key(&s.id).is_some_and(Anchor::takes_prose))
        .map(|s| {
            ContentError::new(
                &parsed.rel,
                format!(
                    "section `{}` (\"{}\") is not a role section; give the heading one of these ids with {{#id}}: {}",
                    s.id,
                    s.title,
                    Anchor::prose_ids().join(", ")
                ),
            )
            .at_line(s.line)
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let role = Role::from(RoleRecord {
        slug,
        soc_note_html: markdown::render_inline(&fm.soc_note).into(),
        fm: Arc::new(fm),
        path: parsed.rel.display().to_string(),
        sections: sections.into(),
    });
    Ok(Some((parsed, role)))
}

/// Compiles one article file: `Ok(None)` for a draft left out.
fn compile_article(
    root: &Path,
    path: &Arc<Path>,
    opts: LoadOptions,
    terms: &Terms,
) -> Result<Option<Compiled<Article>>, Vec<ContentError>> {
    let (parsed, fm, body, _) = page::<ArticleFrontMatter>(root, path).map_err(|e| vec![e])?;
    if fm.draft && !opts.drafts {
        return Ok(None);
    }
    let slug = fm.slug.clone().unwrap_or_else(|| file_slug(path));
    let rendered = markdown::render_linked(&body, terms);
    let words = markdown::word_count(&rendered.plain_text);
    let article = Article::from(ArticleRecord {
        slug,
        fm: Arc::new(fm),
        path: parsed.rel.display().to_string(),
        html: rendered.html.into(),
        toc: rendered.toc.into(),
        reading_minutes: words.div_ceil(220).max(1),
    });
    Ok(Some((parsed, article)))
}

pub(super) fn file_slug(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Compiles one program file: `Ok(None)` for a draft left out.
fn compile_program(
    root: &Path,
    path: &Arc<Path>,
    opts: LoadOptions,
    terms: &Terms,
) -> Result<Option<Compiled<Program>>, Vec<ContentError>> {
    let (parsed, fm, body, _) = page::<ProgramFrontMatter>(root, path).map_err(|e| vec![e])?;
    if fm.draft && !opts.drafts {
        return Ok(None);
    }
    let program = Program {
        slug: fm.slug.clone().unwrap_or_else(|| file_slug(path)),
        accreditor: fm.accreditation.as_ref().map(|a| markdown::slugify(&a.by)),
        html: markdown::render_linked(&body, terms).html.into(),
        fm: Arc::new(fm),
        path: parsed.rel.display().to_string(),
    };
    Ok(Some((parsed, program)))
}

/// Compiles one editorial page: `Ok(None)` for a draft left out.
fn compile_page(
    root: &Path,
    path: &Arc<Path>,
    opts: LoadOptions,
    terms: &Terms,
) -> Result<Option<Compiled<Page>>, Vec<ContentError>> {
    let (parsed, fm, body, body_line) = page::<PageFrontMatter>(root, path).map_err(|e| vec![e])?;
    if fm.draft && !opts.drafts {
        return Ok(None);
    }
    let (parts, toc) = editorial_page::render(&body, terms).map_err(|errors| {
        errors
            .into_iter()
            .map(|(line, message)| {
                ContentError::new(&parsed.rel, message).at_line(body_line + line - 1)
            })
            .collect::<Vec<_>>()
    })?;
    let page = Page {
        slug: fm.slug.clone().unwrap_or_else(|| file_slug(path)),
        fm: Arc::new(fm),
        path: parsed.rel.display().to_string(),
        parts: parts.into(),
        toc: toc.into(),
    };
    Ok(Some((parsed, page)))
}
