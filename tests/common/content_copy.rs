//! A writable copy of `content/` in a temp folder, and a site served from it:
//! for tests that edit content (reloads, publishing dates, static export).

#![allow(dead_code)]

use actix_web::web::Data;
use careers::commands::serve::prepare;
use careers::config::ServeArgs;
use careers::web::AppState;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub use crate::common::copy::{copy_dir, replace_in};

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
