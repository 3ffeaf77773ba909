//! `build OUT_DIR`: the whole public site as static files, for any plain web
//! server or CDN bucket.
//!
//! The export crawls the real app in process, from `/` and every URL of the
//! sitemap, following internal links (`href` and `src` values that are site
//! paths, and absolute URLs under the site URL such as `og:image`), so a
//! page is exported exactly as `serve` renders it: every listing page
//! (`/articles/page/2/`) and every file of the static folder that a page
//! links to or embeds come along. Each page is written where a plain server looks for
//! it: `/roles/cmio/` as `roles/cmio/index.html`, an HTML page without a
//! trailing slash (`/search`) as `search/index.html`, other files under
//! their own path. Aliases become small redirect pages; `404.html` is the
//! not-found page; text files get precompressed `.gz` and `.br` copies.
//!
//! Documented differences from `serve` (`tests/export.rs` strips exactly
//! these and compares the rest byte for byte; other files are identical):
//! - every HTML page with the site's footer carries [`static_note`] just
//!   before its last `</footer>`; a page without one (the framable role card
//!   `/embed/roles/{slug}`) gets no note;
//! - with `--live-url`, form actions, links with a query string (search,
//!   filters, comparisons) and links to server-only paths (the JSON API)
//!   get the live URL in front (`href="/x?y"` becomes `href="{live}/x?y"`);
//!   without it forms and query links stay as they are (a plain server
//!   answers them with the starting page), and links to server-only paths
//!   keep their target as `data-live-only` instead of `href`
//!   ([`html::LIVE_ONLY`]), so the export links nothing a plain server
//!   cannot answer; the note says what needs the server.

use crate::config::BuildArgs;
use crate::web::routes::{Links, ROUTES};
use crate::web::{self, AppState, compress};
use actix_web::http::StatusCode;
use actix_web::test as atest;
use actix_web::web::Data;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod html;
pub use html::{LIVE_ONLY, finish_page, links, static_note};
use html::{between_all, redirect_page, unescape};

/// Written into OUT_DIR so a later build knows it may replace the folder.
pub const MARKER: &str = ".careers-build";

/// Where the not-found page is written, and the URL the export asks for it.
pub const NOT_FOUND: &str = "/404.html";

/// Extensions that get `.gz` and `.br` copies.
const COMPRESSIBLE: &[&str] = &["html", "css", "js", "json", "xml", "txt", "svg"];

pub fn run(args: &BuildArgs) -> ExitCode {
    // Each body is rendered once, into its file: not worth deflating.
    crate::content::html::hold_plain();
    let mut serve = args.serve.clone();
    serve.dev = false;
    let state = match super::serve::prepare(&serve) {
        Ok(s) => Data::new(s),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let live = args.live_url.as_deref();
    let result = actix_web::rt::System::new().block_on(export(state, &args.out_dir, live));
    match result {
        Ok(report) => {
            println!("{report}");
            if report.broken.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("build: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What an export wrote and found.
#[derive(Debug, Default)]
pub struct ExportReport {
    pub out_dir: PathBuf,
    /// URL paths exported, each with the file it was written to (relative).
    pub pages: BTreeMap<String, String>,
    /// Alias redirect pages written.
    pub redirects: usize,
    /// Compressed copies written.
    pub compressed: usize,
    /// Paths that only the server can answer (the JSON API): not exported;
    /// links to them point to the live server when one is configured.
    pub server_only: BTreeSet<String>,
    /// Internal links that did not answer 200, with the page that links them.
    pub broken: Vec<(String, String, u16)>,
    /// Internal links through a redirect of the site's own (warnings, as
    /// in `check`): the link, the page that links it, where it goes.
    pub redirected: Vec<(String, String, String)>,
}

impl std::fmt::Display for ExportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (link, from, status)) in self.broken.iter().enumerate() {
            writeln!(
                f,
                "{:>3}. {from} links {link}, which answers {status}",
                i + 1
            )?;
        }
        for (link, from, to) in &self.redirected {
            writeln!(
                f,
                "warning: {from} links {link}, which redirects to {to}; link {to}"
            )?;
        }
        write!(
            f,
            "exported {} files, {} alias redirects and {} compressed copies to {}",
            self.pages.len(),
            self.redirects,
            self.compressed,
            self.out_dir.display()
        )?;
        if !self.broken.is_empty() {
            write!(f, "; {} broken internal links", self.broken.len())?;
        }
        Ok(())
    }
}

/// GETs `path` from the app: `(status, content type, body, private,
/// Location)`. A macro
/// because the request type (`actix_http::Request`) cannot be named here.
macro_rules! fetch {
    ($app:expr, $path:expr) => {{
        let req = atest::TestRequest::get().uri($path).to_request();
        let res = atest::call_service($app, req).await;
        let status = res.status();
        let content_type = res
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let private = res
            .headers()
            .get(actix_web::http::header::CACHE_CONTROL)
            .is_some_and(|v| v.as_bytes() == b"no-store");
        let location = res
            .headers()
            .get(actix_web::http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = atest::read_body(res).await.to_vec();
        (status, content_type, body, private, location)
    }};
}

/// Exports the site `state` serves into `out_dir`.
pub async fn export(
    state: Data<AppState>,
    out_dir: &Path,
    live_url: Option<&str>,
) -> Result<ExportReport, String> {
    prepare_out_dir(out_dir)?;
    let site_url = state.config.site_url.trim_end_matches('/').to_string();
    let site = state.site();
    let app = atest::init_service(web::app(state.clone())).await;
    let mut report = ExportReport {
        out_dir: out_dir.to_path_buf(),
        ..ExportReport::default()
    };

    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut push = |queue: &mut VecDeque<(String, String)>, path: String, from: &str| {
        if seen.insert(path.clone()) {
            queue.push_back((path, from.to_string()));
        }
    };
    for start in ["/", "/sitemap.xml", "/robots.txt", "/favicon.svg"] {
        push(&mut queue, start.to_string(), "(start)");
    }
    let (status, _, sitemap, _, _) = fetch!(&app, "/sitemap.xml");
    if status == StatusCode::OK {
        for loc in between_all(&String::from_utf8_lossy(&sitemap), "<loc>", "</loc>") {
            if let Some(path) = unescape(&loc).strip_prefix(&site_url)
                && path.starts_with('/')
            {
                push(&mut queue, path.to_string(), "/sitemap.xml");
            }
        }
    }

    // Crawl first, write after: which targets need the server is known
    // only once everything has been fetched.
    let mut fetched: Vec<(String, bool, Vec<u8>)> = Vec::new();
    while let Some((path, from)) = queue.pop_front() {
        let started = std::time::Instant::now();
        let (status, content_type, body, private, location) = fetch!(&app, &path);
        tracing::debug!(%path, %status, ms = started.elapsed().as_millis(), "exported");
        if status == StatusCode::BAD_REQUEST && !has_extension(&path) {
            // Data that needs parameters (e.g. `/api/v1/salaries?soc=`).
            report.server_only.insert(path);
            continue;
        }
        if status.is_redirection()
            && let Some(to) = location.filter(|l| l.starts_with('/'))
        {
            // A link through one of the site's own redirects (an alias, a
            // renamed role, the trailing slash) works in the export too, as
            // on the server: `check` warns about it, and so does the export.
            push(&mut queue, to.clone(), &path);
            report.redirected.push((path, from, to));
            continue;
        }
        if status != StatusCode::OK {
            report.broken.push((path, from, status.as_u16()));
            continue;
        }
        let html = content_type.starts_with("text/html");
        if html && private {
            // A page for one visitor (a reader form with its CSRF token):
            // it stays on the server, like the JSON API.
            report.server_only.insert(path);
            continue;
        }
        if !html && !has_extension(&path) {
            // Data without a file extension (the JSON API): a plain server
            // could not give it a type, and `/x` and `/x/y` cannot both be
            // files. It stays on the server.
            report.server_only.insert(path);
            continue;
        }
        if html {
            for link in links(&String::from_utf8_lossy(&body), &site_url) {
                push(&mut queue, link, &path);
            }
        }
        fetched.push((path, html, body));
    }
    for (path, html, body) in fetched {
        let body = if html {
            finish_page(
                &String::from_utf8_lossy(&body),
                live_url,
                &report.server_only,
            )
            .into_bytes()
        } else {
            body
        };
        let file = file_for(&path, html);
        write(out_dir, &file, &body, &mut report.compressed)?;
        report.pages.insert(path, file);
    }

    // The not-found page, as the server renders it.
    let (status, _, body, _, _) = fetch!(&app, NOT_FOUND);
    if status != StatusCode::NOT_FOUND {
        return Err(format!("{NOT_FOUND} answered {status}, not 404"));
    }
    let page = finish_page(
        &String::from_utf8_lossy(&body),
        live_url,
        &report.server_only,
    );
    write(out_dir, "404.html", page.as_bytes(), &mut report.compressed)?;

    // Aliases: a plain server cannot answer 301, so each old URL gets a page
    // that sends browsers and search engines on (meta refresh + canonical).
    for (alias, target) in site.aliases.iter() {
        let file = file_for(alias, true);
        if out_dir.join(&file).exists() {
            continue;
        }
        write(
            out_dir,
            &file,
            redirect_page(&format!("{site_url}{target}"), target).as_bytes(),
            &mut report.compressed,
        )?;
        report.redirects += 1;
    }
    // A renamed role's other exported addresses (salaries, card, QR code):
    // the old one gets a redirect page, or for a file the same bytes.
    for (old, role) in site.renamed_roles() {
        for route in ROUTES.iter().filter(|r| r.links == Some(Links::OfRole)) {
            let new_path = route.fill([("slug", role.slug.as_str())]);
            let Some(file) = report.pages.get(&new_path) else {
                continue;
            };
            let old_path = route.fill([("slug", old)]);
            let body = if file.ends_with(".html") {
                redirect_page(&format!("{site_url}{new_path}"), &new_path).into_bytes()
            } else {
                fs::read(out_dir.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?
            };
            write(
                out_dir,
                &file_for(&old_path, file.ends_with(".html")),
                &body,
                &mut report.compressed,
            )?;
            report.redirects += 1;
        }
    }
    fs::write(out_dir.join(MARKER), "written by `careers build`\n").map_err(|e| e.to_string())?;
    Ok(report)
}

/// Creates `out_dir`, or empties it when an earlier build wrote it.
fn prepare_out_dir(out_dir: &Path) -> Result<(), String> {
    if out_dir.exists() {
        let empty = fs::read_dir(out_dir)
            .map_err(|e| format!("cannot read {}: {e}", out_dir.display()))?
            .next()
            .is_none();
        if !empty {
            if !out_dir.join(MARKER).exists() {
                return Err(format!(
                    "{} is not empty and was not written by `careers build`; choose an empty or new folder",
                    out_dir.display()
                ));
            }
            fs::remove_dir_all(out_dir)
                .map_err(|e| format!("cannot empty {}: {e}", out_dir.display()))?;
        }
    }
    fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))
}

/// The file a URL path is written to, relative to OUT_DIR.
pub fn file_for(path: &str, html: bool) -> String {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() {
        "index.html".into()
    } else if rel.ends_with('/') {
        format!("{rel}index.html")
    } else if html && !rel.ends_with(".html") {
        format!("{rel}/index.html")
    } else {
        rel.to_string()
    }
}

/// True when the last segment of `path` has a file extension.
fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Writes `body` to `out_dir/rel`, with `.gz` and `.br` copies for text.
fn write(out_dir: &Path, rel: &str, body: &[u8], compressed: &mut usize) -> Result<(), String> {
    let path = out_dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(&path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if COMPRESSIBLE.contains(&ext) {
        fs::write(
            with_suffix(&path, "gz"),
            compress::gzip(body, compress::Level::Export),
        )
        .map_err(|e| e.to_string())?;
        fs::write(
            with_suffix(&path, "br"),
            compress::brotli(body, compress::Level::Export),
        )
        .map_err(|e| e.to_string())?;
        *compressed += 2;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_for_paths() {
        assert_eq!(file_for("/", true), "index.html");
        assert_eq!(file_for("/roles/cmio/", true), "roles/cmio/index.html");
        assert_eq!(file_for("/search", true), "search/index.html");
        assert_eq!(file_for("/sitemap.xml", false), "sitemap.xml");
        assert_eq!(
            file_for("/static/site.abc.css", false),
            "static/site.abc.css"
        );
    }
}
