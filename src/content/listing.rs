//! Article listings and their addresses: `/articles/`, one per category,
//! tag and author, each cut into pages of [`PER_PAGE`] articles, newest
//! first.
//!
//! Page 1 is the listing's own address (`/articles/`); page N > 1 lives at
//! `{listing}page/N/` (`/articles/page/2/`, `/articles/tag/entry/page/2/`),
//! a path rather than a query string so that a static export can hold every
//! page as a file. The web layer answers the old `?page=N` form with a 301.

use super::markdown::slugify;

/// Articles per listing page.
pub const PER_PAGE: usize = 10;

/// The listing of one category.
pub fn category_url(name: &str) -> String {
    format!("/articles/category/{}/", slugify(name))
}

/// The listing of one tag.
pub fn tag_url(name: &str) -> String {
    format!("/articles/tag/{}/", slugify(name))
}

/// An author's page, which lists their articles.
pub fn author_url(id: &str) -> String {
    format!("/authors/{id}/")
}

/// How many pages a listing of `len` articles has (one, even when empty).
pub fn page_count(len: usize) -> usize {
    len.div_ceil(PER_PAGE).max(1)
}

/// The address of page `n` of the listing at `base` (which ends with `/`).
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// `/articles/page/2/` as the listing's address and the page number as
/// written: `("/articles/", "2")`. `None` when `path` is not of that shape.
pub fn split_page_path(path: &str) -> Option<(&str, &str)> {
    let (head, number) = path.strip_suffix('/')?.rsplit_once('/')?;
    let base = head.strip_suffix("page")?;
    (base.ends_with('/') && !number.is_empty()).then_some((base, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_addresses() {
        assert_eq!(page_url("/articles/", 1), "/articles/");
        assert_eq!(page_url("/articles/", 2), "/articles/page/2/");
        assert_eq!(
            page_url("/articles/tag/entry/", 3),
            "/articles/tag/entry/page/3/"
        );
        assert_eq!(
            split_page_path("/articles/page/2/"),
            Some(("/articles/", "2"))
        );
        assert_eq!(
            split_page_path("/authors/data-desk/page/x/"),
            Some(("/authors/data-desk/", "x"))
        );
        // An article whose slug is `page`, and paths of other shapes.
        assert_eq!(split_page_path("/articles/page/"), None);
        assert_eq!(split_page_path("/articles/page/2"), None);
        assert_eq!(split_page_path("/articles/mypage/2/"), None);
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PER_PAGE), 1);
        assert_eq!(page_count(PER_PAGE + 1), 2);
    }
}
