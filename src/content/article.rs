//! Articles: `content/articles/*.md`.

use super::date::Date;
use super::html::Html;
use super::markdown::TocEntry;
use serde::Deserialize;
use std::sync::Arc;

/// The front matter of an article. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrontMatter {
    /// The headline.
    pub title: String,
    /// The URL segment (`/articles/{slug}/`). Defaults to the file name without `.md`.
    #[serde(default)]
    pub slug: Option<String>,
    /// One or two sentences for listings, feeds and the meta description.
    pub summary: String,
    /// First publication date.
    pub published: Date,
    /// Date of the last substantive revision, if any.
    #[serde(default)]
    pub updated: Option<Date>,
    /// Author id from `content/authors.toml`.
    pub author: String,
    /// Author id of who reviewed the article, when not its author; the page
    /// then says "Reviewed by ...".
    #[serde(default)]
    pub reviewer: Option<String>,
    /// Dated corrections of the article, shown on it and in the corrections log.
    #[serde(default)]
    pub corrections: Vec<super::editorial::Correction>,
    /// One category, e.g. "Career paths"; each category has a listing page.
    pub category: String,
    /// Free tags, lower case; each tag has a listing page.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Slugs of the roles the article is about.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Keys from `content/sources.toml` that the article cites.
    pub sources: Vec<String>,
    /// A draft is left out of the site.
    #[serde(default)]
    pub draft: bool,
    /// The day (UTC) the article goes public, e.g. `publish = 2027-01-15`. Until
    /// then it is left out of every page, listing, feed and the sitemap; it
    /// appears on that day without a restart. Leave it out to publish at once.
    #[serde(default)]
    pub publish: Option<Date>,
    /// The day (UTC) the article is taken down, e.g. `expires = 2027-06-30`: from
    /// that day on it is left out as if it were a draft. Leave it out to keep it.
    #[serde(default)]
    pub expires: Option<Date>,
    /// Old URLs of this article that should redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A compiled article: one pointer to its [`ArticleRecord`], so each copy
/// costs one count (see [`super::role::Role`]).
#[derive(Debug, Clone)]
pub struct Article(Arc<ArticleRecord>);

impl std::ops::Deref for Article {
    type Target = ArticleRecord;
    fn deref(&self) -> &ArticleRecord {
        &self.0
    }
}

impl From<ArticleRecord> for Article {
    fn from(record: ArticleRecord) -> Article {
        Article(Arc::new(record))
    }
}

/// What a compiled article holds.
#[derive(Debug)]
pub struct ArticleRecord {
    pub slug: String,
    /// Shared, so copies of a page (a dated view, the compile cache) are cheap.
    pub fm: Arc<ArticleFrontMatter>,
    pub path: String,
    /// The body, rendered and sanitized; shared, so the dated views of a
    /// site do not copy it.
    pub html: Html,
    /// h2 and h3 headings, for the table of contents.
    pub toc: Arc<[TocEntry]>,
    /// Minutes to read at 220 words a minute, at least 1.
    pub reading_minutes: usize,
}

impl Article {
    pub fn url(&self) -> String {
        format!("/articles/{}/", self.slug)
    }

    /// Its draft flag and publication window, for [`super::Site::is_visible`].
    pub fn schedule(&self) -> super::site::Schedule {
        super::site::Schedule {
            draft: self.fm.draft,
            publish: self.fm.publish,
            expires: self.fm.expires,
        }
    }

    /// The date readers should see as "last updated".
    pub fn last_updated(&self) -> Date {
        self.fm.updated.unwrap_or(self.fm.published)
    }
}
