//! What every page's layout (`templates/base.html`) needs: titles, the
//! canonical URL, the stylesheet's hashed URL, breadcrumbs and footer notes.

use super::jsonld;
use super::state::AppState;
use crate::content::Site;
use std::sync::Arc;

/// The default image link previews show: 1200 x 630 PNG in `static/`.
pub const SHARE_IMAGE: &str = "/static/share.png";

/// One link of the breadcrumb trail.
#[derive(Debug, Clone)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// The layout's fields; every page template has one as `page`.
#[derive(Debug, Clone)]
pub struct PageMeta {
    /// Text of `<title>`.
    pub title: String,
    pub description: String,
    /// Absolute URL of the page.
    pub canonical: String,
    pub site_title: String,
    pub site_tagline: String,
    pub css_url: String,
    /// Trail from home to the page's parent; the page itself is last, without a URL.
    pub breadcrumbs: Vec<Crumb>,
    /// Rendered attribution notices for the footer.
    pub attributions: Vec<String>,
    /// The pack's editorial pages, in footer order: (url, title).
    pub footer_pages: Vec<(String, String)>,
    /// `website` or `article`, for Open Graph.
    pub og_type: &'static str,
    /// Which main-navigation entry is current.
    pub section: &'static str,
    /// Public base URL without a trailing slash.
    pub site_url: String,
    /// Absolute URL of the image link previews show (Open Graph, Twitter).
    pub image: String,
    /// JSON-LD blocks beyond the breadcrumb trail (`Occupation`, `Article`,
    /// `FAQPage`), already serialized with `jsonld::script_body`.
    pub jsonld: Vec<String>,
    /// Under `--dev` only: the content errors banner and the reload script.
    pub dev: Option<DevInfo>,
}

/// What a page shows under `--dev`.
#[derive(Debug, Clone)]
pub struct DevInfo {
    /// Problems of the last failed reload, `file:line:column: message`.
    pub errors: Vec<String>,
    /// What `check` would warn about in the site served.
    pub warnings: Arc<Vec<String>>,
    /// The state the page was rendered in; the reload script compares it.
    pub token: String,
}

impl PageMeta {
    /// Layout for the page at `path` (starting with `/`) of `site`, the
    /// one content version the request reads.
    pub fn new(
        state: &AppState,
        site: &Site,
        title: &str,
        description: &str,
        path: &str,
    ) -> PageMeta {
        let full_title = if path == "/" {
            format!("{} | {}", site.info.title, site.info.tagline)
        } else {
            format!("{title} | {}", site.info.title)
        };
        PageMeta {
            title: full_title,
            description: description.trim().to_string(),
            canonical: format!("{}{}", state.config.site_url.trim_end_matches('/'), path),
            site_title: site.info.title.clone(),
            site_tagline: site.info.tagline.clone(),
            css_url: state.assets.css_url.clone(),
            breadcrumbs: Vec::new(),
            attributions: site.info.attributions_html.clone(),
            footer_pages: site
                .pages
                .iter()
                .map(|p| (p.url(), p.fm.title.clone()))
                .collect(),
            og_type: "website",
            section: "",
            site_url: state.config.site_url.trim_end_matches('/').to_string(),
            image: format!(
                "{}{}",
                state.config.site_url.trim_end_matches('/'),
                SHARE_IMAGE
            ),
            jsonld: Vec::new(),
            dev: state.config.dev.then(|| DevInfo {
                errors: state
                    .content_errors()
                    .iter()
                    .map(|e| e.to_string())
                    .collect(),
                warnings: state.warnings(),
                token: super::pages::dev::state_token(state),
            }),
        }
    }

    /// Adds a crumb; call in order from home, ending with the page itself (url "").
    pub fn crumb(mut self, title: &str, url: &str) -> Self {
        if self.breadcrumbs.is_empty() {
            self.breadcrumbs.push(Crumb {
                title: "Home".into(),
                url: "/".into(),
            });
        }
        self.breadcrumbs.push(Crumb {
            title: title.into(),
            url: url.into(),
        });
        self
    }

    /// Every JSON-LD block of the page: the breadcrumb trail (pages below
    /// home), then the page's own blocks.
    pub fn structured_data(&self) -> Vec<String> {
        let trail: Vec<(String, String)> = self
            .breadcrumbs
            .iter()
            .map(|c| {
                let url = if c.url.is_empty() {
                    self.canonical.clone()
                } else {
                    format!("{}{}", self.site_url, c.url)
                };
                (c.title.clone(), url)
            })
            .collect();
        jsonld::breadcrumbs(&trail)
            .map(|b| jsonld::script_body(&b))
            .into_iter()
            .chain(self.jsonld.iter().cloned())
            .collect()
    }

    pub fn in_section(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }
}
