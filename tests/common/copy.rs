//! Writable copies of a content pack in a temp folder, for tests that edit
//! content (the same helpers, by the same names, as the fixture-pack tests
//! use: `copy_dir`, `tree`, `replace_in`).

use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A copy of the tree at `from` in a new temp folder: the folder, and the
/// copy (`content/` inside it).
pub fn tree(from: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("content");
    copy_dir(Path::new(from), &root);
    (dir, root)
}

/// Replaces the one occurrence of `old` in the file at `path` with `new`.
pub fn replace_in(path: &Path, old: &str, new: &str) {
    let text = fs::read_to_string(path).expect("read file");
    assert_eq!(
        text.matches(old).count(),
        1,
        "{old:?} must occur once in {}",
        path.display()
    );
    fs::write(path, text.replacen(old, new, 1)).expect("write file");
}
