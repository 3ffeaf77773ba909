//! Server-rendered SVG: the career map and the salary charts. Output is
//! well-formed XML (only the five predefined entities), so the same markup
//! works inline in HTML and as a standalone `.svg` file. Drawing code knows
//! nothing about the field; callers pass labels, links and numbers.

pub mod charts;
pub mod map;

pub use crate::text::escape as esc;

/// Splits `text` into lines of at most `width` characters at spaces (a
/// longer word gets a line to itself).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A coordinate with at most one decimal, without a trailing `.0`.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_wraps() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(
            wrap("Offshore Wind Turbine Commissioning Lead", 20),
            vec!["Offshore Wind", "Turbine", "Commissioning Lead"]
        );
        assert_eq!(wrap("", 10), Vec::<String>::new());
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.3");
    }
}
