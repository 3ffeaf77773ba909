//! Splits a content file into TOML front matter (between `+++` fences) and a
//! Markdown body, and parses the front matter with line numbers kept.

use super::error::{ContentError, line_col};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A file split at its fences.
pub struct Split<'a> {
    /// The TOML between the fences.
    pub toml: &'a str,
    /// 1-based line of the first TOML line in the file.
    pub toml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Finds the `+++` fences. The opening fence must be the first line.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, ContentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return Err(ContentError::new(
            path,
            "the file must start with a `+++` line, then the TOML front matter, then another `+++` line",
        )
        .at(1, 1));
    }
    let rest_start = (first_end + 1).min(text.len());
    let rest = &text[rest_start..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let toml = &rest[..offset];
            let body_start = (offset + line.len()).min(rest.len());
            let toml_line = 2;
            let body_line = toml_line + toml.matches('\n').count() + 1;
            return Ok(Split {
                toml,
                toml_line,
                body: &rest[body_start..],
                body_line,
            });
        }
        offset += line.len();
    }
    Err(ContentError::new(
        path,
        "the front matter opened with `+++` on line 1 is never closed; add a `+++` line after it",
    )
    .at_line(1))
}

/// Parses TOML into `T`, turning a parse error into a file:line error.
/// `first_line` is the file line that the TOML text starts on.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    toml: &str,
    first_line: usize,
) -> Result<T, ContentError> {
    toml::from_str(toml).map_err(|e| toml_error(path, toml, first_line, &e))
}

/// Turns a toml error into a content error with a line and column in the file.
pub fn toml_error(path: &Path, toml: &str, first_line: usize, e: &toml::de::Error) -> ContentError {
    let message = with_hint(e.message().trim());
    match e.span() {
        Some(span) => {
            let (line, col) = line_col(toml, span.start);
            ContentError::new(path, message).at(first_line + line - 1, col)
        }
        None => ContentError::new(path, message).at_line(first_line),
    }
}

/// The parser's message in an editor's words, with what to do.
fn with_hint(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, known) = rest.split_once('`').unwrap_or((rest, ""));
        let known = known
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .replace('`', "");
        return format!(
            "`{field}` is not a field here; correct its spelling or remove it (the fields here are: {known}; docs/editing.md explains each)"
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!(
            "the required field `{field}` is missing; add it (docs/editing.md says what it holds)"
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "this should be {}, not {}",
            expected_words(expected),
            found_words(found)
        );
    }
    if message.starts_with("invalid date") || message.contains("datetime") {
        return format!("{message}; write the date as YYYY-MM-DD, e.g. 2026-11-20");
    }
    message.to_string()
}

/// What a value should be, from serde's `expected ...`.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    if e.contains("sequence") {
        "a list in brackets, e.g. [\"a\", \"b\"]".into()
    } else if e.contains("string") {
        "text in double quotes".into()
    } else if e.starts_with('u') || e.starts_with('i') || e.contains("integer") {
        "a whole number".into()
    } else if e.starts_with('f') && e.len() <= 3 {
        "a number".into()
    } else if e.contains("bool") {
        "true or false".into()
    } else if e.contains("map") || e.starts_with("struct") {
        "a table of fields, e.g. [education] on its own line followed by its fields".into()
    } else {
        e.to_string()
    }
}

/// What was written instead, from serde's `invalid type: ...`.
fn found_words(found: &str) -> String {
    let f = found.trim();
    if let Some(v) = f.strip_prefix("string ") {
        format!("the text {v}")
    } else if let Some(v) = f.strip_prefix("integer ") {
        format!("the number {}", v.trim_matches('`'))
    } else if let Some(v) = f.strip_prefix("floating point ") {
        format!("the number {}", v.trim_matches('`'))
    } else if let Some(v) = f.strip_prefix("boolean ") {
        v.trim_matches('`').to_string()
    } else if f.starts_with("sequence") {
        "a list".into()
    } else if f.starts_with("map") {
        "a table".into()
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        level: u8,
    }

    fn p() -> &'static Path {
        Path::new("roles/x.md")
    }

    #[test]
    fn splits_fences_and_counts_lines() {
        let text = "+++\ntitle = \"A\"\nlevel = 1\n+++\n\nBody\n";
        let s = split(p(), text).unwrap();
        assert_eq!(s.toml, "title = \"A\"\nlevel = 1\n");
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn missing_fences_are_errors() {
        assert_eq!(split(p(), "# hello").err().unwrap().line, Some(1));
        assert!(
            split(p(), "+++\ntitle = 1\n")
                .err()
                .unwrap()
                .message
                .contains("never closed")
        );
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let text = "+++\ntitle = \"A\"\nlevel = 1\ncolour = \"red\"\n+++\n";
        let s = split(p(), text).unwrap();
        let e = parse::<Fm>(p(), s.toml, s.toml_line).unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.to_string().starts_with("roles/x.md:4:"), "{e}");
        assert!(e.message.contains("`colour` is not a field here"), "{e}");
        assert!(e.message.contains("title or level"), "{e}");
    }

    #[test]
    fn wrong_type_and_missing_field() {
        let s = split(p(), "+++\ntitle = \"A\"\nlevel = \"high\"\n+++\n").unwrap();
        let e = parse::<Fm>(p(), s.toml, s.toml_line).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(
            e.message
                .contains("this should be a whole number, not the text \"high\""),
            "{e}"
        );
        let s = split(p(), "+++\ntitle = \"A\"\n+++\n").unwrap();
        let e = parse::<Fm>(p(), s.toml, s.toml_line).unwrap_err();
        assert!(
            e.message.contains("the required field `level` is missing"),
            "{e}"
        );
    }
}
