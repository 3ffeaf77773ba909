//! Finding lines in TOML registry files (`[[figure]]`, `[[source]]`
//! tables), so findings about an entry point at the line to edit.

use super::report::Finding;

/// 1-based line of the entry whose `key` is `value` (`id = "x"`).
pub fn line_of_entry(text: &str, key: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|l| key_value(l).is_some_and(|(k, v)| k == key && unquote(v) == value))
        .map(|i| i + 1)
}

/// Line and column of the value of `key` in the table that starts at
/// `entry_line` (1-based), looking forward to the next `[[` table.
pub fn value_position(text: &str, entry_line: usize, key: &str) -> Option<(usize, usize)> {
    let start = entry_line.checked_sub(1)?;
    // Back up to the table header so keys written above `id` are found too.
    let lines: Vec<&str> = text.lines().collect();
    let header = (0..=start.min(lines.len().saturating_sub(1)))
        .rev()
        .find(|&i| lines[i].trim_start().starts_with("[["))
        .unwrap_or(0);
    for (i, line) in lines.iter().enumerate().skip(header) {
        if i > header && line.trim_start().starts_with("[[") {
            break;
        }
        if let Some((k, v)) = key_value(line)
            && k == key
        {
            let col = line.len() - v.len();
            return Some((i + 1, line[..col].chars().count() + 1));
        }
    }
    None
}

/// Places `finding` at the value of `field` in the entry `(key, value)`,
/// else at the entry's line, else leaves it without a line.
pub fn locate(finding: Finding, text: &str, entry: (&str, &str), field: &str) -> Finding {
    match line_of_entry(text, entry.0, entry.1) {
        Some(line) => match value_position(text, line, field) {
            Some((l, c)) => finding.at(l, Some(c)),
            None => finding.at(line, None),
        },
        None => finding,
    }
}

/// `key = value` on one line: the bare key and the value text.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once('=')?;
    let k = k.trim();
    if k.is_empty()
        || !k
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return None;
    }
    Some((k, v.trim_start()))
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    let v = v.split_once(" #").map_or(v, |(a, _)| a).trim();
    v.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_entries_and_their_fields() {
        let t = "[[figure]]\nid = \"a\"\nperiod = \"2024\"\n\n[[figure]]\nperiod = \"May 2019\"\nid = \"b\"\n";
        assert_eq!(line_of_entry(t, "id", "b"), Some(7));
        assert_eq!(value_position(t, 2, "period"), Some((3, 10)));
        assert_eq!(value_position(t, 7, "period"), Some((6, 10)));
        assert_eq!(value_position(t, 2, "note"), None);
    }
}
