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
    distance_within(a, b, usize::MAX, &mut 0).unwrap_or(usize::MAX)
}

/// [`edit_distance`] between `a` and `b` when it is at most `limit`,
/// giving up as soon as it must be more (or when their lengths alone
/// differ by more). Adds the cells computed to `cells`, so a caller facing
/// hostile input (the 404 page's suggestions) can bound its work. Our own
/// rather than a crate's: strsim, which clap builds anyway, has no
/// bounded form.
pub fn distance_within(a: &str, b: &str, limit: usize, cells: &mut usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let n = b.len();
    let mut before: Vec<usize> = vec![0; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        *cells += n;
        // A later cell comes from this row or the one before (a swap
        // reaches back two): when both are past the limit, so is the end.
        let least = |row: &[usize]| row.iter().copied().min().unwrap_or(0);
        if least(&cur) > limit && (i == 1 || least(&prev) > limit) {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[n]).filter(|d| *d <= limit)
}

/// A word's letters counted (in 32 buckets), to rule out most words of a
/// vocabulary before [`distance_within`]: each edit changes the counts by
/// at most 2 in all (a swap by 0), so words whose counts differ by more
/// than twice the limit are farther than the limit. Buckets shared by two
/// letters only make the test pass more often, never wrongly fail.
pub struct Letters([i16; 32]);

impl Letters {
    pub fn of(word: &str) -> Letters {
        let mut counts = [0i16; 32];
        for c in word.chars() {
            counts[c as usize % 32] += 1;
        }
        Letters(counts)
    }

    /// False when `other` is sure to be more than `limit` edits away.
    pub fn could_be_within(&self, other: &str, limit: usize) -> bool {
        let mut counts = self.0;
        for c in other.chars() {
            counts[c as usize % 32] -= 1;
        }
        let apart: usize = counts.iter().map(|n| n.unsigned_abs() as usize).sum();
        apart <= 2 * limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_counts_rule_out_only_words_past_the_limit() {
        let word = Letters::of("electrican");
        for (other, limit) in [("electrician", 1), ("elcetrican", 1), ("electrcian", 2)] {
            assert!(word.could_be_within(other, limit), "{other}");
            assert!(distance_within("electrican", other, limit, &mut 0).is_some());
        }
        assert!(!word.could_be_within("plumber", 2));
        assert!(!Letters::of("abcd").could_be_within("wxyz", 3));
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">O'Neil & co</a>\u{1}\n"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;\n"
        );
    }

    #[test]
    fn a_bounded_distance_gives_up_past_its_limit() {
        let mut cells = 0;
        assert_eq!(
            distance_within("electrican", "electrician", 2, &mut cells),
            Some(1)
        );
        let mut few = 0;
        assert_eq!(
            distance_within("zzzzzzzzzz", "electrician", 2, &mut few),
            None
        );
        assert!(few < 11 * 11, "stopped early: {few} cells");
        assert_eq!(
            distance_within("ab", "abcdef", 2, &mut 0),
            None,
            "lengths alone"
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
