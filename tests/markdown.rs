//! Snapshot tests of Markdown rendering: heading ids and self-links, tables
//! in their scroll wrapper, footnotes, smart punctuation and sanitizing.

use careers::content::markdown::{render, render_sections};

const DOC: &str = r#"Intro with "quotes" -- and an apostrophe's turn.

## Pay, in short {#pay}

| Area | Median |
|------|-------:|
| US   | $123,860 |

### Pay, in short

A claim.[^1] <em>kept</em> <script>alert("x")</script> <a href="javascript:alert(1)" onclick="x()">link</a>

[^1]: BLS OEWS, May 2025.
"#;

#[test]
fn article_rendering() {
    let r = render(DOC);
    insta::assert_snapshot!("article_html", r.html);
    let toc: Vec<String> = r
        .toc
        .iter()
        .map(|t| format!("h{} #{} {}", t.level, t.id, t.title))
        .collect();
    insta::assert_snapshot!("article_toc", toc.join("\n"));
}

#[test]
fn role_sections_rendering() {
    let (sections, _) = render_sections(
        "Lead.\n\n## What the job is {#overview}\n\nBody.\n\n## Odd heading\n\n- a\n- b\n",
    );
    let out: Vec<String> = sections
        .iter()
        .map(|s| format!("[{}] {:?} line {}\n{}", s.id, s.title, s.line, s.html))
        .collect();
    insta::assert_snapshot!("role_sections", out.join("\n---\n"));
}
