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

/// Levenshtein distance between `a` and `b` when it is at most `limit`;
/// gives up as soon as it must be more. Adds the cells computed to `cells`,
/// so a caller facing hostile input (the 404 page's suggestions) can bound
/// its work; [`edit_distance`] is for the editors' own text.
pub fn distance_within(a: &str, b: &str, limit: usize, cells: &mut usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        *cells += b.len();
        if cur.iter().min().is_some_and(|m| *m > limit) {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= limit)
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
