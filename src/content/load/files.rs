//! Reading one file of the tree: a TOML registry or data file into its
//! record ([`Loader::toml_file`]), the Markdown files of a folder, and
//! [`Parsed`], a record with where it came from, so that any later check
//! can report an error at the line of the key that causes it.

use super::listings::{Listings, is_markdown};
use crate::content::error::{ContentError, relative};
use crate::content::front_matter;
use serde::de::DeserializeOwned;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A parsed file and where it came from, for errors with a line number.
#[derive(Clone)]
pub(crate) struct Parsed<T> {
    pub(crate) rel: PathBuf,
    /// The TOML text. `None` for Markdown pages: their file is read again
    /// only when an error needs a line, so a loaded site does not hold a
    /// second copy of every front matter.
    toml: Option<String>,
    abs: Arc<Path>,
    toml_line: usize,
    pub(crate) value: T,
}

impl Parsed<()> {
    /// A Markdown page whose front matter starts on `toml_line`.
    pub(crate) fn page(rel: PathBuf, abs: Arc<Path>, toml_line: usize) -> Self {
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
    pub(crate) fn error_at(&self, needle: &str, message: String) -> ContentError {
        self.error_at_nth(needle, 0, message)
    }

    /// An error on the `n`-th (from 0) line that mentions `needle`, e.g. the
    /// second definition of an id; the first such line if there are fewer.
    pub(crate) fn error_at_nth(&self, needle: &str, n: usize, message: String) -> ContentError {
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

pub(super) struct Loader<'a> {
    pub(super) root: &'a Path,
    pub(super) errors: Vec<ContentError>,
}

impl Loader<'_> {
    pub(super) fn read(&mut self, path: &Path) -> Option<String> {
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

    pub(super) fn toml_file<T: DeserializeOwned>(&mut self, name: &str) -> Option<Parsed<T>> {
        let path = self.root.join(name);
        let rel = relative(&path, self.root);
        let text = self.read(&path)?;
        match front_matter::parse::<T>(&rel, &text, 1) {
            Ok(value) => Some(Parsed {
                rel,
                toml: Some(text),
                abs: path.into(),
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
    pub(super) fn optional_markdown_files(
        &mut self,
        dir: &str,
        listings: &mut Listings,
    ) -> Arc<Vec<Arc<Path>>> {
        let path = self.root.join(dir);
        listings.of(&path, || {
            if path.is_dir() {
                self.list(dir, &path)
            } else {
                Some(Vec::new())
            }
        })
    }

    /// The `.md` files of a folder, sorted, so errors come in a stable order.
    pub(super) fn markdown_files(
        &mut self,
        dir: &str,
        listings: &mut Listings,
    ) -> Arc<Vec<Arc<Path>>> {
        let path = self.root.join(dir);
        listings.of(&path, || self.list(dir, &path))
    }

    fn list(&mut self, dir: &str, path: &Path) -> Option<Vec<Arc<Path>>> {
        // One folder, so file names order them: each name is taken once from
        // its directory entry, not parsed out of its path at every comparison
        // (at 10,000 files that parsing was most of a reload's listing).
        let mut files: Vec<(std::ffi::OsString, PathBuf)> = match fs::read_dir(path) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| (e.file_name(), e.path())))
                .filter(|(name, _)| is_markdown(name.as_encoded_bytes()))
                .collect(),
            Err(e) => {
                self.errors
                    .push(ContentError::new(dir, format!("cannot read folder: {e}")));
                return None;
            }
        };
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Some(files.into_iter().map(|(_, p)| p.into()).collect())
    }
}
