//! Loading fixture content trees: a valid one loads, and each kind of
//! mistake is reported with its file and line, all mistakes together.

mod common;

use careers::content::{self, ContentErrors, LoadOptions};
use common::copy::MINIMAL;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A copy of the valid fixture with `edits` applied: (relative path, new text).
fn tree(edits: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let (dir, root) = common::copy::tree(MINIMAL);
    for (path, text) in edits {
        fs::write(root.join(path), text).unwrap();
    }
    (dir, root)
}

fn errors(edits: &[(&str, &str)]) -> ContentErrors {
    let (_dir, root) = tree(edits);
    match content::load(&root, LoadOptions::default()) {
        Ok(_) => panic!("the broken tree loaded"),
        Err(e) => e,
    }
}

fn role_with(front: &str) -> String {
    format!("+++\n{front}\n+++\n\n## Overview {{#overview}}\n\nText.\n")
}

const GOOD_ROLE: &str = "title = \"Analyst\"\nsummary = \"S\"\nlevel = \"entry\"\nsoc = \"15-1211\"\nsoc_note = \"N\"\nbackgrounds = [\"it\"]\nskills = [\"x\"]\nsources = [\"src\"]\nupdated = 2026-01-01\n[education]\nminimum = \"bachelor\"\ntypical_years = 4\nyears_source = \"src\"\n[pay]\nheadline = \"code-median\"\nwhy = \"W\"";

#[test]
fn the_valid_fixture_loads() {
    let (_dir, root) = tree(&[]);
    let site = content::load(&root, LoadOptions::default()).unwrap();
    assert_eq!(site.roles.len(), 2);
    assert_eq!(site.entry_routes(site.role("manager").unwrap()).len(), 1);
    assert_eq!(site.articles[0].reading_minutes, 1);
}

#[test]
fn unknown_key_names_file_line_and_key() {
    let text = role_with(&GOOD_ROLE.replace("skills = [\"x\"]", "skills = [\"x\"]\nsalary = 5"));
    let e = errors(&[("roles/analyst.md", &text)]);
    let first = &e.0[0];
    assert_eq!(first.path, Path::new("roles/analyst.md"));
    assert_eq!(first.line, Some(9), "{first}");
    assert!(
        first.message.contains("`salary` is not a field here"),
        "{first}"
    );
}

#[test]
fn missing_required_field_and_bad_date() {
    let text = role_with(&GOOD_ROLE.replace("summary = \"S\"\n", ""));
    let e = errors(&[("roles/analyst.md", &text)]);
    assert!(
        e.0[0]
            .message
            .contains("the required field `summary` is missing"),
        "{}",
        e
    );
    let text = role_with(&GOOD_ROLE.replace("updated = 2026-01-01", "updated = \"last week\""));
    let e = errors(&[("roles/analyst.md", &text)]);
    assert_eq!(e.0[0].line, Some(10), "{e}");
    assert!(e.0[0].message.contains("YYYY-MM-DD"), "{e}");
}

#[test]
fn wrong_type_is_reported_at_its_line() {
    let text = role_with(&GOOD_ROLE.replace("level = \"entry\"", "level = \"intern\""));
    let e = errors(&[("roles/analyst.md", &text)]);
    assert_eq!(e.0[0].line, Some(4), "{e}");
    assert!(e.0[0].message.contains("intern"), "{e}");
}

#[test]
fn all_mistakes_are_reported_together_and_numbered() {
    let e = errors(&[
        (
            "roles/analyst.md",
            &role_with(&GOOD_ROLE.replace("sources = [\"src\"]", "sources = [\"src\", \"nope\"]")),
        ),
        (
            "articles/hello.md",
            "+++\ntitle = \"Hello\"\nsummary = \"S\"\npublished = 2026-01-02\nauthor = \"ghost\"\ncategory = \"News\"\nroles = [\"nobody\"]\nsources = []\n+++\nBody\n",
        ),
    ]);
    let text = e.to_string();
    assert_eq!(e.0.len(), 3, "{text}");
    assert!(text.contains("  1. "), "{text}");
    assert!(
        text.contains("articles/hello.md:5:1: unknown author `ghost`"),
        "{text}"
    );
    assert!(
        text.contains("articles/hello.md:7:10: unknown role `nobody`"),
        "{text}"
    );
    assert!(
        text.contains("roles/analyst.md:9:19: unknown source `nope`"),
        "{text}"
    );
}

#[test]
fn unknown_section_id_and_missing_fences() {
    let text = format!("+++\n{GOOD_ROLE}\n+++\n\n## Salary talk {{#money}}\n\nText.\n");
    let e = errors(&[("roles/analyst.md", &text)]);
    let msg = e.to_string();
    assert!(
        msg.contains("roles/analyst.md:20: section `money`"),
        "{msg}"
    );
    let e = errors(&[("roles/analyst.md", "title = \"no fences\"\n")]);
    assert!(
        e.to_string()
            .contains("roles/analyst.md:1:1: the file must start with a `+++` line"),
        "{e}"
    );
}

#[test]
fn duplicate_slugs_and_unknown_transition_targets() {
    let dup = role_with(&format!("{GOOD_ROLE}\nslug = \"analyst\""));
    let text = dup
        .replacen("+++\n", "+++\nslug = \"analyst\"\n", 1)
        .replace("\nslug = \"analyst\"\n+++", "\n+++");
    let e = errors(&[("roles/other.md", &text)]);
    assert!(
        e.to_string()
            .contains("slug `analyst` is also used by roles/analyst.md"),
        "{e}"
    );
    let text = role_with(&format!(
        "{GOOD_ROLE}\n[[transitions]]\nto = \"astronaut\"\nsource = \"src\"\nyears = 2\nrequires = \"x\""
    ));
    let e = errors(&[("roles/analyst.md", &text)]);
    assert!(e.to_string().contains("unknown role `astronaut`"), "{e}");
}

#[test]
fn figures_need_a_known_source_and_a_period() {
    let text = "[[figure]]\nid = \"share\"\ntopic = \"workforce\"\nlabel = \"L\"\nvalue = 1\nunit = \"percent\"\nsource = \"nowhere\"\nperiod = \"\"\n";
    let e = errors(&[("data/figures.toml", text)]);
    let msg = e.to_string();
    assert!(
        msg.contains("data/figures.toml:2:6: figure `share` needs the period"),
        "{msg}"
    );
    assert!(msg.contains("unknown source `nowhere`"), "{msg}");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let text = role_with(&format!("draft = true\n{GOOD_ROLE}"))
        .replace("title = \"Analyst\"", "title = \"Draft\"");
    let (_dir, root) = tree(&[("roles/draft.md", &text)]);
    let site = content::load(&root, LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(site.role("draft").is_none());
    let site = content::load(&root, LoadOptions { drafts: true }).unwrap();
    assert!(site.role("draft").is_some());
}

#[test]
fn registry_ids_used_twice_are_reported() {
    let twice = "[[source]]\nkey = \"src\"\npublisher = \"P\"\ntitle = \"T\"\ndate = \"2025\"\n\n[[source]]\nkey = \"src\"\npublisher = \"Q\"\ntitle = \"U\"\ndate = \"2025\"\n";
    let e = errors(&[("sources.toml", twice)]);
    assert!(
        e.to_string()
            .contains("sources.toml:8:7: source key `src` is used twice"),
        "{e}"
    );
}
