//! Content errors: every problem found while loading `content/` knows the
//! file it came from and, where it can, the line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, relative to the content folder where possible.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
    /// The file does not parse (front matter, types, dates): other
    /// problems may follow from it, so it is reported first.
    pub parse: bool,
}

impl ContentError {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        ContentError {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            parse: false,
        }
    }

    /// Marks the error as one of a file that does not parse.
    pub fn parsing(mut self) -> Self {
        self.parse = true;
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// All the problems of one load, reported together.
#[derive(Debug, Clone, Default)]
pub struct ContentErrors(pub Vec<ContentError>);

impl ContentErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, e: ContentError) {
        self.0.push(e);
    }
}

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            writeln!(f, "{:>3}. {e}", i + 1)?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} error{} in content; the site was not (re)built",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for ContentErrors {}

/// Converts a byte offset in `text` to a 1-based (line, column).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, col)
}

/// Shows `path` relative to `root` when it lies inside it.
pub fn relative(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let t = "ab\ncd\nef";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 4), (2, 2));
        assert_eq!(line_col(t, 99), (3, 3));
    }

    #[test]
    fn errors_are_numbered_with_a_summary() {
        let errs = ContentErrors(vec![
            ContentError::new("roles/a.md", "bad").at(3, 1),
            ContentError::new("roles/b.md", "worse"),
        ]);
        let s = errs.to_string();
        assert!(s.contains("  1. roles/a.md:3:1: bad"));
        assert!(s.contains("  2. roles/b.md: worse"));
        assert!(s.ends_with("2 errors in content; the site was not (re)built"));
    }
}
