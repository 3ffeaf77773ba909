//! docs/editing.md documents every front-matter and data-file field. The
//! field list comes from the record structs themselves (every struct with
//! `#[serde(deny_unknown_fields)]` in the content model), read from the
//! source files, so a new field without documentation fails this test.

use std::fs;

/// The files that define what editors may write.
const MODEL: &[&str] = &[
    "src/content/role.rs",
    "src/content/article.rs",
    "src/content/registry.rs",
    "src/content/data.rs",
    "src/content/glossary.rs",
    "src/content/onet.rs",
    // `data/datasets.toml`, the manifest of the pack's data tables.
    "src/content/dataset/mod.rs",
    "src/content/dataset/wages.rs",
    "src/content/dataset/projections.rs",
    // Programs, editorial pages, and the corrections every page may carry.
    "src/content/program.rs",
    "src/content/page.rs",
    "src/content/editorial.rs",
];

/// A record struct: its name and the keys editors write (serde renames applied).
#[derive(Debug)]
struct Record {
    file: &'static str,
    name: String,
    fields: Vec<String>,
}

/// Reads the `pub` fields of every `deny_unknown_fields` struct in `file`.
fn records(file: &'static str) -> Vec<Record> {
    let text = fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim().strip_prefix("pub struct ") else {
            continue;
        };
        let Some(name) = rest.strip_suffix(" {") else {
            continue;
        };
        // The attributes right above the struct (doc comments, derives, serde).
        let attrs: Vec<&str> = lines[..i]
            .iter()
            .rev()
            .take_while(|l| {
                let t = l.trim();
                t.starts_with("#[") || t.starts_with("///") || t.starts_with("//")
            })
            .copied()
            .collect();
        if !attrs.iter().any(|a| a.contains("deny_unknown_fields")) {
            continue;
        }
        let mut fields = Vec::new();
        let mut rename: Option<String> = None;
        // `#[serde(skip)]` fields are filled by the loader, not written.
        let mut skip = false;
        for l in &lines[i + 1..] {
            let t = l.trim();
            if t == "}" {
                break;
            }
            if t.starts_with("#[serde(") && t.contains("rename = \"") {
                rename = t
                    .split("rename = \"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .map(str::to_string);
            }
            if t.starts_with("#[serde(")
                && (t.contains("(skip)") || t.contains("skip_deserializing"))
            {
                skip = true;
            }
            if let Some(f) = t.strip_prefix("pub ").and_then(|f| f.split_once(':')) {
                let name = rename.take().unwrap_or_else(|| f.0.trim().to_string());
                if !std::mem::take(&mut skip) {
                    fields.push(name);
                }
            }
        }
        out.push(Record {
            file,
            name: name.trim().to_string(),
            fields,
        });
    }
    out
}

/// The reference section of `name`: from its `<!-- struct: name -->`
/// marker to the next heading.
fn section<'a>(doc: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!("<!-- struct: {name} -->");
    let start = doc.find(&marker)? + marker.len();
    let rest = &doc[start..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    Some(&rest[..end])
}

#[test]
fn the_field_scan_finds_the_records() {
    let all: Vec<Record> = MODEL.iter().flat_map(|f| records(f)).collect();
    let role = all
        .iter()
        .find(|r| r.name == "RoleFrontMatter")
        .expect("role struct");
    for f in ["title", "soc", "transitions", "updated", "aliases"] {
        assert!(role.fields.iter().any(|x| x == f), "{role:?}");
    }
    assert!(all.iter().any(|r| r.name == "ArticleFrontMatter"));
    assert!(all.iter().any(|r| r.name == "SiteInfo"));
    assert!(all.iter().any(|r| r.name == "Figure"));
    assert!(all.iter().any(|r| r.name == "TestimonialSeed"));
    assert!(all.iter().any(|r| r.name == "PaySpec"));
    assert!(all.iter().any(|r| r.name == "WageColumns"));
    assert!(all.iter().any(|r| r.name == "ProgramFrontMatter"));
    assert!(all.iter().any(|r| r.name == "PageFrontMatter"));
    assert!(all.iter().any(|r| r.name == "Correction"));
}

#[test]
fn every_field_is_in_the_editing_guide() {
    let doc = fs::read_to_string("docs/editing.md").unwrap();
    let mut missing = Vec::new();
    for r in MODEL.iter().flat_map(|f| records(f)) {
        if r.name.ends_with("File") {
            // A wrapper: `authors.toml` holds `[[author]]` tables, and so on.
            for f in &r.fields {
                if !doc.contains(&format!("`[[{f}]]`")) {
                    missing.push(format!("{} ({}): the `[[{f}]]` tables", r.name, r.file));
                }
            }
            continue;
        }
        let Some(sec) = section(&doc, &r.name) else {
            missing.push(format!(
                "{} ({}): no section marked <!-- struct: {} --> in docs/editing.md",
                r.name, r.file, r.name
            ));
            continue;
        };
        for f in &r.fields {
            if !sec.contains(&format!("| `{f}` |")) {
                missing.push(format!("{} ({}): field `{f}`", r.name, r.file));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/editing.md does not document (add a table row `| `field` | type | required | meaning |` to the struct's section):\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_guide_documents_no_field_that_does_not_exist() {
    let doc = fs::read_to_string("docs/editing.md").unwrap();
    for r in MODEL.iter().flat_map(|f| records(f)) {
        let Some(sec) = section(&doc, &r.name) else {
            continue;
        };
        for row in sec.lines().filter(|l| l.starts_with("| `")) {
            let field = row[3..].split('`').next().unwrap();
            assert!(
                r.fields.iter().any(|f| f == field),
                "docs/editing.md documents `{field}` under {}, which has no such field",
                r.name
            );
        }
    }
}

#[test]
fn the_guide_names_the_section_ids() {
    let doc = fs::read_to_string("docs/editing.md").unwrap();
    for id in careers::content::outline::Anchor::prose_ids() {
        assert!(
            doc.contains(&format!("{{#{id}}}")),
            "section id `{id}` is not in the guide"
        );
    }
}
