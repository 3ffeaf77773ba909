//! The `.md` files of each content folder as last listed, kept for the
//! next load while a file watcher names every change: at 10,000 files,
//! listing and sorting a folder was about a tenth of a one-file reload.

use foldhash::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Default)]
pub struct Listings {
    held: HashMap<PathBuf, Arc<Vec<Arc<Path>>>>,
    /// The paths a watcher named since the last load; `None` when nobody
    /// said what changed, and then every folder is read again.
    named: Option<Vec<PathBuf>>,
}

/// A file name a folder's listing holds: `name.md`, where `.md` alone is a
/// hidden file (as `Path::extension` has it).
pub(super) fn is_markdown(name: &[u8]) -> bool {
    name.len() > 3 && name.ends_with(b".md")
}

impl Listings {
    /// Records paths a watcher saw change: written, created, removed or
    /// renamed (both names of a rename).
    pub(in crate::content) fn named<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.named
            .get_or_insert_default()
            .extend(paths.into_iter().map(Path::to_path_buf));
    }

    /// After a load: until a watcher names paths again, folders are read.
    pub(in crate::content) fn finish(&mut self) {
        self.named = None;
    }

    /// True when a watcher named every change since the last load and
    /// each is a `.md` file directly inside one of `dirs`.
    pub(super) fn named_only_in(&self, dirs: &[&Path]) -> bool {
        self.named.as_ref().is_some_and(|named| {
            named.iter().all(|p| {
                p.parent().is_some_and(|d| dirs.contains(&d))
                    && p.file_name()
                        .is_some_and(|f| is_markdown(f.as_encoded_bytes()))
            })
        })
    }

    /// The `.md` files of `dir`, sorted by name: the last listing with the
    /// named paths added or removed as they now are on disk, or, when no
    /// watcher named them, when one named the folder itself or a folder
    /// above it, or when there is no last listing, what `read` lists (a
    /// folder it could not read, `None`, is read again next time).
    pub(super) fn of(
        &mut self,
        dir: &Path,
        read: impl FnOnce() -> Option<Vec<Arc<Path>>>,
    ) -> Arc<Vec<Arc<Path>>> {
        if let (Some(named), Some(held)) = (&self.named, self.held.get_mut(dir))
            && patch(Arc::make_mut(held), dir, named)
        {
            return held.clone();
        }
        match read() {
            Some(files) => {
                let files = Arc::new(files);
                self.held.insert(dir.to_path_buf(), files.clone());
                files
            }
            None => {
                self.held.remove(dir);
                Arc::default()
            }
        }
    }
}

/// Brings `list` (the sorted `.md` files of `dir`) up to date with the
/// `named` paths; false when `dir` must be read again instead.
fn patch(list: &mut Vec<Arc<Path>>, dir: &Path, named: &[PathBuf]) -> bool {
    for path in named {
        if dir.starts_with(path) {
            return false;
        }
        let Some(name) = path.file_name() else {
            continue;
        };
        if path.parent() != Some(dir) || !is_markdown(name.as_encoded_bytes()) {
            continue;
        }
        // Any entry at all, as a folder listing has it (a broken link too).
        let there = fs::symlink_metadata(path).is_ok();
        match (
            list.binary_search_by(|p| p.file_name().cmp(&Some(name))),
            there,
        ) {
            (Err(at), true) => list.insert(at, path.as_path().into()),
            (Ok(at), false) => {
                list.remove(at);
            }
            _ => {}
        }
    }
    true
}
