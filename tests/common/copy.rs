//! Writable copies of a content pack in a temp folder, and sites served
//! from them: for tests that edit content (reloads, publishing dates,
//! static export, broken trees for `check`).

use actix_web::web::Data;
use careers::commands::serve::prepare;
use careers::config::ServeArgs;
use careers::web::AppState;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The small valid tree that `tests/fixtures/broken/` overlays.
pub const MINIMAL: &str = "tests/fixtures/minimal";
/// The static folder of the minimal tree's checks.
pub const MINIMAL_STATIC: &str = "tests/fixtures/static";

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

/// The minimal tree with the overlay `tests/fixtures/broken/{name}` copied
/// over it.
pub fn broken_tree(name: &str) -> (TempDir, PathBuf) {
    let (dir, root) = tree(MINIMAL);
    let overlay = Path::new("tests/fixtures/broken").join(name);
    assert!(overlay.is_dir(), "no fixture {}", overlay.display());
    copy_dir(&overlay, &root);
    (dir, root)
}

/// A site served from its own copy of a pack and its own database.
pub struct CopySite {
    pub dir: TempDir,
    pub content: PathBuf,
    pub state: Data<AppState>,
}

impl CopySite {
    /// Copies the engine test pack, lets `edit` change the copy, then
    /// prepares the site.
    pub fn new(edit: impl FnOnce(&Path)) -> CopySite {
        CopySite::with(false, edit)
    }

    /// As [`CopySite::new`], with `--drafts` when `drafts` is true.
    pub fn with(drafts: bool, edit: impl FnOnce(&Path)) -> CopySite {
        CopySite::configured(|args| args.db.content.drafts = drafts, edit)
    }

    /// As [`CopySite::new`], with settings changed by `settings`.
    pub fn configured(settings: impl FnOnce(&mut ServeArgs), edit: impl FnOnce(&Path)) -> CopySite {
        CopySite::of(super::PACK, settings, edit)
    }

    /// A copy of the real `content/`: for content tests only.
    pub fn real(edit: impl FnOnce(&Path)) -> CopySite {
        CopySite::of(super::REAL, |_| {}, edit)
    }

    /// A copy of the pack at `from`, edited by `edit`, served with the
    /// settings `settings` makes.
    pub fn of(
        from: &str,
        settings: impl FnOnce(&mut ServeArgs),
        edit: impl FnOnce(&Path),
    ) -> CopySite {
        let (dir, content) = tree(from);
        edit(&content);
        let mut args = super::args(&dir, &content);
        settings(&mut args);
        let state = Data::new(prepare(&args).expect("site prepares"));
        CopySite {
            dir,
            content,
            state,
        }
    }

    /// Exports the site into `out` under its temp folder and returns that
    /// folder; the export must find no broken link.
    pub async fn export(&self) -> PathBuf {
        let out = self.dir.path().join("out");
        let report = careers::commands::build::export(self.state.clone(), &out, None)
            .await
            .expect("export");
        assert!(report.broken.is_empty(), "{report}");
        out
    }
}

/// Writes `n` articles into the pack at `content`, all in the category
/// "Paging tests", the tag "paging" and by the author `data-desk`, dated one
/// day apart in one month (so at most 31): enough of them make every
/// listing and search page through.
pub fn add_paging_articles(content: &Path, n: usize) {
    assert!(n <= 31, "one article a day in one month");
    for i in 0..n {
        let text = format!(
            r#"+++
title = "Paging test article {i}"
summary = "An article that makes the listings long enough to page."
published = 2029-01-{day:02}
author = "data-desk"
category = "Paging tests"
tags = ["paging"]
sources = ["test-wages"]
+++

Paragraph {i}.
"#,
            day = i + 1
        );
        fs::write(content.join(format!("articles/paging-{i}.md")), text).expect("write article");
    }
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
