//! The engine names no content pack: no file under `src/` or `templates/`
//! mentions a health-care word, or the real pack's role slugs and titles,
//! source keys and publishers, occupation codes, data releases, periods or
//! top-code (the list is read from `content/`, see
//! `tests/common/pack_terms.rs`). A failure names the file, line and term.

mod common;

use common::pack_terms::{mentioned, real_pack_terms};
use std::fs;
use std::path::{Path, PathBuf};

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_scan_finds_a_planted_term() {
    let terms = real_pack_terms();
    let planted = "let x = 1;\n// pay of a registered nurse\n";
    let hits: Vec<(usize, &str)> = planted
        .lines()
        .enumerate()
        .flat_map(|(i, l)| {
            mentioned(l, &terms)
                .into_iter()
                .map(move |t| (i + 1, t.text.as_str()))
        })
        .collect();
    assert!(hits.contains(&(2, "nurse")), "{hits:?}");
    assert!(hits.iter().all(|(line, _)| *line == 2), "{hits:?}");
}

#[test]
fn no_engine_file_names_the_real_pack_or_its_field() {
    let terms = real_pack_terms();
    let mut found = Vec::new();
    let mut scanned = 0;
    for dir in ["src", "templates"] {
        for path in files(Path::new(dir)) {
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            scanned += 1;
            for (i, line) in text.lines().enumerate() {
                for t in mentioned(line, &terms) {
                    found.push(format!(
                        "{}:{}: {} `{}`",
                        path.display(),
                        i + 1,
                        t.kind,
                        t.text
                    ));
                }
            }
        }
    }
    assert!(scanned > 50, "scanned {scanned} files");
    assert!(
        found.is_empty(),
        "{} mentions of the real pack or its field in src/ and templates/ (move them to content/):\n{}",
        found.len(),
        found.join("\n")
    );
}
