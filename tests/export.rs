//! The static export, served by a real static file server, crawls clean:
//! `careers build` of the engine test pack is served with actix-files
//! the way nginx's `try_files $uri $uri/index.html` (and `404.html` as the
//! not-found page) would; a crawl from `/` through every internal `href`
//! and `src` finds every link answering 200; every exported file is byte for
//! byte what `serve` answers for its URL, apart from the differences
//! documented in `src/commands/build.rs` (the static note before
//! `</footer>`, and with a live URL the links rewritten to it), which are
//! stripped exactly; and the `.gz` and `.br` copies decompress to the file.

mod common;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::StatusCode;
use actix_web::test as atest;
use actix_web::{App, web::Data};
use careers::commands::build::{self, ExportReport};
use careers::web::AppState;
use common::TestSite;
use common::html::{self, Crawled, sitemap_paths};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

const LIVE_URL: &str = "https://live.careers.test";
/// A path no page has: the static server answers it with `404.html`.
const MISSING: &str = "/no/such/page/";

async fn export(state: &Data<AppState>, out: &Path, live: Option<&str>) -> ExportReport {
    let report = build::export(state.clone(), out, live)
        .await
        .expect("export runs");
    assert!(report.broken.is_empty(), "{report}");
    report
}

/// Where the export's own crawl starts besides `/`: robots.txt, the site
/// icon, the sitemap and every page the sitemap lists.
fn starts(out: &Path) -> Vec<String> {
    let mut paths: Vec<String> = ["/robots.txt", "/favicon.svg", "/sitemap.xml"]
        .map(String::from)
        .to_vec();
    let xml = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap exported");
    paths.extend(sitemap_paths(&xml));
    paths
}

/// Serves `out` with actix-files and crawls it from `/` (and a path no
/// page has), then from `also`: every URL reached, with its answer.
async fn crawl(out: &Path, also: &[String]) -> BTreeMap<String, Crawled> {
    let not_found = out.join("404.html");
    let files = Files::new("/", out)
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let not_found = not_found.clone();
            async move {
                let (req, _) = req.into_parts();
                let mut res = NamedFile::open_async(&not_found).await?.into_response(&req);
                *res.status_mut() = StatusCode::NOT_FOUND;
                Ok(ServiceResponse::new(req, res))
            }
        }));
    let server = atest::init_service(App::new().service(files)).await;
    let mut from = vec!["/".to_string(), MISSING.to_string()];
    from.extend(also.iter().cloned());
    html::crawl(&server, &from, false).await
}

/// An exported page as `serve` rendered it: the static note taken from
/// where `build::finish_page` put it, and with `live`, the links it pointed
/// to the live server pointed back. Panics when the note is not where the
/// documentation says.
fn strip_export(url: &str, page: &str, live: Option<&str>) -> String {
    let note = build::static_note(live);
    if !page.contains("</footer>") {
        // A page without the site's footer (the role card) has no note.
        assert!(!page.contains(&note), "{url}: a note without a footer");
        return unpoint(page, live);
    }
    assert_eq!(
        page.matches(&note).count(),
        1,
        "{url}: the note occurs once"
    );
    let at = page.find(&note).expect("note");
    let after = &page[at + note.len()..];
    assert!(
        after.starts_with("</footer>") && !after[1..].contains("</footer>"),
        "{url}: the note is just before the last </footer>"
    );
    unpoint(&format!("{}{after}", &page[..at]), live)
}

/// Links and forms the export pointed to the live server, pointed back;
/// without a live server, the links it marked live-only given back their
/// `href`.
fn unpoint(page: &str, live: Option<&str>) -> String {
    match live {
        Some(live) => page
            .replace(&format!("href=\"{live}/"), "href=\"/")
            .replace(&format!("action=\"{live}/"), "action=\"/"),
        None => page.replace(&format!("{}=\"", build::LIVE_ONLY), "href=\""),
    }
}

/// The files under `dir`, relative, with `/` separators.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel)).expect("read dir") {
            let entry = entry.expect("entry");
            let rel = rel.join(entry.file_name());
            if entry.file_type().expect("type").is_dir() {
                stack.push(rel);
            } else {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Every exported file compared with what `serve` answers for its URL: a
/// second site on its own database, so nothing the export fetched is served
/// again from the first one's page cache.
async fn compare_with_serve(
    site: &TestSite,
    out: &Path,
    report: &ExportReport,
    live: Option<&str>,
) {
    let fresh = TestSite::new();
    let app = common::app(&fresh).await;
    let mut differences = Vec::new();
    let mut compared = BTreeSet::new();
    let mut urls: Vec<(String, String)> = report
        .pages
        .iter()
        .map(|(url, file)| (url.clone(), file.clone()))
        .collect();
    urls.push((build::NOT_FOUND.to_string(), "404.html".to_string()));
    for (url, file) in urls {
        let exported = std::fs::read(out.join(&file)).expect("exported file");
        let req = atest::TestRequest::get().uri(&url).to_request();
        let res = atest::call_service(&app, req).await;
        let status = res.status();
        let html = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
        let live_body = atest::read_body(res).await.to_vec();
        let want = if url == build::NOT_FOUND {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::OK
        };
        assert_eq!(status, want, "serve answers {url}");
        let exported = if html {
            // Each installation signs its newsletter sign-up with its own
            // secret (a documented difference): compare with fresh's.
            let page = String::from_utf8(exported).expect("UTF-8 page").replace(
                &site.state.readers.signer.page(),
                &fresh.state.readers.signer.page(),
            );
            strip_export(&url, &page, live).into_bytes()
        } else {
            exported
        };
        if exported != live_body {
            differences.push(url.clone());
        }
        compared.insert(file);
    }
    assert!(
        differences.is_empty(),
        "exported files differ from serve: {differences:?}"
    );
    // Every other file is an alias redirect page (or, for a renamed role,
    // the old address of one of its pages; `tests/renamed.rs` reads them),
    // a compressed copy or the marker.
    let site_now = site.state.site();
    let renamed = site_now.renamed_roles().flat_map(|(old, _)| {
        careers::web::routes::ROUTES
            .iter()
            .filter(|r| r.links == Some(careers::web::routes::Links::OfRole))
            .flat_map(move |r| {
                let path = r.fill([("slug", old)]);
                [build::file_for(&path, true), build::file_for(&path, false)]
            })
    });
    let alias_files: BTreeSet<String> = site_now
        .aliases
        .keys()
        .map(|a| build::file_for(a, true))
        .chain(renamed)
        .collect();
    for file in files_under(out) {
        if compared.contains(&file) || file == build::MARKER {
            continue;
        }
        if let Some(plain) = file.strip_suffix(".gz") {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(&std::fs::read(out.join(&file)).expect("gz")[..])
                .read_to_end(&mut bytes)
                .expect("gunzip");
            assert_eq!(
                bytes,
                std::fs::read(out.join(plain)).expect("plain"),
                "{file}"
            );
        } else if let Some(plain) = file.strip_suffix(".br") {
            let mut bytes = Vec::new();
            brotli::Decompressor::new(&std::fs::read(out.join(&file)).expect("br")[..], 4096)
                .read_to_end(&mut bytes)
                .expect("unbrotli");
            assert_eq!(
                bytes,
                std::fs::read(out.join(plain)).expect("plain"),
                "{file}"
            );
        } else {
            assert!(alias_files.contains(&file), "unexpected file {file}");
        }
    }
}

#[actix_web::test]
async fn the_export_crawls_clean_and_matches_serve() {
    let site = TestSite::new();
    let out = site.dir.path().join("out");
    let report = export(&site.state, &out, None).await;
    let served = crawl(&out, &starts(&out)).await;
    // Without a live server the data API cannot work: the note says so, and
    // its links are marked live-only, so every link the crawl finds answers.
    assert!(
        !report.server_only.is_empty(),
        "the pack links the JSON API, which only the server can answer"
    );
    let broken: Vec<String> = served
        .iter()
        .filter(|(path, s)| s.status != StatusCode::OK && *path != MISSING)
        .map(|(path, s)| format!("{path} ({}) linked from {}", s.status, s.from))
        .collect();
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    let missing = &served[MISSING];
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing.body,
        std::fs::read(out.join("404.html")).expect("404.html")
    );
    assert!(
        report.server_only.iter().all(|p| p.starts_with("/api/v1/")
            || p.ends_with("/share/")
            || p.ends_with("/ask/")
            || p == "/newsletter/"
            || p == "/my-data/"),
        "{:?}",
        report.server_only
    );
    // The crawl reaches every exported page and what the server sends is
    // the exported file.
    for (url, file) in &report.pages {
        let s = served
            .get(url)
            .unwrap_or_else(|| panic!("the crawl never reached {url}"));
        assert_eq!(
            s.body,
            std::fs::read(out.join(file)).expect("file"),
            "{url}"
        );
    }
    assert!(served.contains_key("/articles/"));
    assert!(served.keys().any(|p| p.starts_with("/static/")));
    assert!(
        served
            .values()
            .any(|s| s.content_type.starts_with("image/")),
        "images are crawled through src"
    );
    compare_with_serve(&site, &out, &report, None).await;
}

#[actix_web::test]
async fn with_a_live_url_every_link_answers_and_pages_match_serve() {
    let site = TestSite::new();
    let out = site.dir.path().join("out");
    let report = export(&site.state, &out, Some(LIVE_URL)).await;
    let served = crawl(&out, &starts(&out)).await;
    let broken: Vec<String> = served
        .iter()
        .filter(|(path, s)| s.status != StatusCode::OK && *path != MISSING)
        .map(|(path, s)| format!("{path} ({}) linked from {}", s.status, s.from))
        .collect();
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    let home = String::from_utf8(served["/"].body.clone()).expect("UTF-8");
    assert!(
        home.contains(&format!("action=\"{LIVE_URL}/search\"")),
        "the search form points to the live server"
    );
    compare_with_serve(&site, &out, &report, Some(LIVE_URL)).await;
}
