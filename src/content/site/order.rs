//! The order of a site's records: each record's sort key is made once and
//! the keys are sorted side by side, so comparing two records reads no
//! record (sorting 20,000 records by comparing through each one's front
//! matter took several times longer).

use crate::content::article::Article;
use crate::content::program::Program;
use crate::content::role::Role;
use std::cmp::Reverse;

/// A text's sort key: its first eight bytes as a number, then the whole
/// text. Ordered as the text is, and most comparisons end at the number.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Text<'a>(u64, &'a str);

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Text<'a> {
        let mut head = [0u8; 8];
        let n = text.len().min(8);
        head[..n].copy_from_slice(&text.as_bytes()[..n]);
        Text(u64::from_be_bytes(head), text)
    }
}

/// Where each record goes in the site's order: positions into the lists
/// a load gives [`super::Site::new`] (in file order).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Orders {
    pub roles: Vec<usize>,
    pub articles: Vec<usize>,
    pub programs: Vec<usize>,
}

impl Orders {
    /// Roles by level, then title; articles newest first, then by title;
    /// programs: kinds of program first, then named ones, each by
    /// credential, then title.
    pub(super) fn of(roles: &[Role], articles: &[Article], programs: &[Program]) -> Orders {
        Orders {
            roles: order_of(roles, |r| (r.fm.level, Text::new(&r.fm.title))),
            articles: order_of(articles, |a| {
                (Reverse(a.fm.published), Text::new(&a.fm.title))
            }),
            programs: order_of(programs, |p| {
                (!p.is_kind(), p.fm.credential, Text::new(&p.fm.title))
            }),
        }
    }
}

/// The positions of `items` in the order of `key`; items with equal keys
/// keep their order.
fn order_of<'a, T, K: Ord>(items: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<usize> {
    let mut keyed: Vec<(K, usize)> = items.iter().map(key).zip(0..).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// `items` in `order` (from [`order_of`]).
pub(super) fn permuted<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&i| slots[i].take().expect("each position once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keys_order_as_their_texts() {
        let words = [
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefgi",
            "b",
            "a\0",
            "é",
            "Zebra",
            "zebra",
            "abcdefg",
        ];
        for a in words {
            for b in words {
                assert_eq!(Text::new(a).cmp(&Text::new(b)), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn equal_keys_keep_their_order() {
        let items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        let order = order_of(&items, |&(k, _)| k);
        let got: Vec<char> = permuted(items, &order)
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        assert_eq!(got, ['e', 'b', 'd', 'a', 'c']);
    }
}
