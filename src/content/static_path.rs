//! Which addresses under `/static/` name a file of the static folder: the
//! one rule that `serve` (what it answers) and `check` (which links and
//! images it accepts) share.
//!
//! A name is a relative path of plain segments separated by `/`: no empty
//! segment, no `.` or `..`, no hidden file or folder (a segment starting
//! with `.`), no backslash, colon or NUL, and it must lead to a regular file
//! that, once symbolic links are followed, is still inside the folder.

use std::path::{Path, PathBuf};

/// True when `name` (already percent-decoded) is shaped like a file name
/// inside the folder, whether or not the file exists.
pub fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(['\\', ':', '\0'])
        && name
            .split('/')
            .all(|seg| !seg.is_empty() && !seg.starts_with('.'))
}

/// The file `name` names in `static_dir`, or `None` when the name is not
/// plain, the file does not exist or is not a regular file, or it resolves
/// outside the folder. Touches the file system: call it off the async
/// workers when serving.
pub fn resolve(static_dir: &Path, name: &str) -> Option<PathBuf> {
    if !is_plain(name) {
        return None;
    }
    let root = static_dir.canonicalize().ok()?;
    let file = root.join(name).canonicalize().ok()?;
    (file.starts_with(&root) && file.is_file()).then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names() {
        for ok in ["share.png", "img/charts/pay.svg", "a b.pdf", "x..y.txt"] {
            assert!(is_plain(ok), "{ok}");
        }
        for bad in [
            "",
            "../Cargo.toml",
            "img/../../x",
            "./x",
            "/etc/passwd",
            "img//x.png",
            "img/",
            ".env",
            "img/.hidden/x",
            "..\\x",
            "C:/x",
            "x\0y",
        ] {
            assert!(!is_plain(bad), "{bad:?}");
        }
    }

    #[test]
    fn resolves_files_inside_the_folder_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("static");
        std::fs::create_dir_all(root.join("img")).expect("mkdir");
        std::fs::write(root.join("img/a.png"), b"png").expect("write");
        std::fs::write(dir.path().join("secret.txt"), b"no").expect("write");
        assert!(resolve(&root, "img/a.png").is_some());
        assert!(resolve(&root, "img").is_none(), "a folder is not a file");
        assert!(resolve(&root, "img/missing.png").is_none());
        assert!(resolve(&root, "../secret.txt").is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .expect("symlink");
            assert!(
                resolve(&root, "link.txt").is_none(),
                "a link out of the folder"
            );
        }
    }
}
