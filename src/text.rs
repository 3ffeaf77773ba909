//! Plain-text helpers every layer shares, each written once: the escape for
//! markup (HTML and XML, text and attribute values alike) and the edit
//! distance behind every "did you mean".

/// Escapes `s` for HTML or XML text and attribute values: the five
/// characters with a meaning in markup become entities, and the control
/// characters XML 1.0 forbids are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Edit distance: insertions, deletions, substitutions and swaps of
/// neighboring characters each cost 1 (optimal string alignment).
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// [`edit_distance`] between `a` and `b` when it is at most `limit`: none
/// is computed when their lengths alone differ by more. Adds the cells the
/// comparison takes to `cells`, so a caller facing hostile input (the 404
/// page's suggestions) can bound its work.
pub fn distance_within(a: &str, b: &str, limit: usize, cells: &mut usize) -> Option<usize> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > limit {
        return None;
    }
    *cells += la * lb;
    Some(edit_distance(a, b)).filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">O'Neil & co</a>\u{1}\n"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;\n"
        );
    }

    #[test]
    fn distance_counts_a_swap_once() {
        assert_eq!(edit_distance("cheif", "chief"), 1);
        assert_eq!(edit_distance("lead", "laed"), 1);
        assert_eq!(edit_distance("welder", "welders"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
