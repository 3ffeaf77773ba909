//! A writable copy of `content/` in a temp folder, and a site served from it:
//! for tests that edit content (reloads, publishing dates, static export).

#![allow(dead_code)]

use actix_web::web::Data;
use careers::commands::serve::prepare;
use careers::config::ServeArgs;
use careers::web::AppState;
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

/// A site served from its own copy of `content/` and its own database.
pub struct CopySite {
    pub dir: TempDir,
    pub content: PathBuf,
    pub state: Data<AppState>,
}

impl CopySite {
    /// Copies `content/`, lets `edit` change the copy, then prepares the site.
    pub fn new(edit: impl FnOnce(&Path)) -> CopySite {
        CopySite::with(false, edit)
    }

    /// As [`CopySite::new`], with `--drafts` when `drafts` is true.
    pub fn with(drafts: bool, edit: impl FnOnce(&Path)) -> CopySite {
        CopySite::configured(|args| args.db.content.drafts = drafts, edit)
    }

    /// As [`CopySite::new`], with settings changed by `settings`.
    pub fn configured(settings: impl FnOnce(&mut ServeArgs), edit: impl FnOnce(&Path)) -> CopySite {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        copy_dir(Path::new("content"), &content);
        edit(&content);
        let mut args = crate::common::args(&dir);
        args.db.content.content = content.clone();
        settings(&mut args);
        let state = Data::new(prepare(&args).expect("site prepares"));
        CopySite {
            dir,
            content,
            state,
        }
    }
}

impl CopySite {
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

/// Articles [`add_paging_articles`] adds to a copy: all in one category
/// ("Paging tests"), tag ("paging") and author, enough for three pages of
/// each of their listings.
pub const PAGING_EXTRA: usize = 2 * careers::content::listing::PER_PAGE + 4;

/// Adds [`PAGING_EXTRA`] articles to the content folder `content`.
pub fn add_paging_articles(content: &Path) {
    for i in 0..PAGING_EXTRA {
        let text = format!(
            r#"+++
title = "Paging test article {i}"
summary = "An article that makes the listings long enough to page."
published = 2025-01-{day:02}
author = "data-desk"
category = "Paging tests"
tags = ["paging"]
sources = ["bls-oews-2025"]
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
