//! Shared test helpers, the one copy of each: boot the real app on a
//! temporary SQLite file with the engine test pack (`tests/fixtures/pack`,
//! [`TestSite::new`]) or with the real `content/` for content tests
//! ([`TestSite::real`]); read responses ([`Page`]); copy and edit a pack
//! ([`copy`]); read pages' links and structured data ([`html`]); read a
//! pack's CSV tables ([`tables`]); read every surface's headline pay
//! ([`pay`]); list the words that name the real pack ([`pack_terms`]).

#![allow(dead_code)]

pub mod copy;
pub mod html;
pub mod pack_terms;
pub mod pay;
pub mod tables;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test as atest;
use actix_web::web::Data;
use careers::commands::serve::prepare;
use careers::config::{ContentArgs, DbArgs, ServeArgs};
use careers::web::{self, AppState};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The engine test pack: another field, every figure invented.
pub const PACK: &str = "tests/fixtures/pack";
/// The real content pack, for content tests only.
pub const REAL: &str = "content";
/// The site URL test sites are configured with.
pub const SITE_URL: &str = "https://careers.test";

/// A running test site: its temp folder lives as long as the value.
pub struct TestSite {
    pub dir: TempDir,
    pub state: Data<AppState>,
}

/// Serve settings for the pack at `content` with the database in `dir`.
pub fn args(dir: &TempDir, content: &Path) -> ServeArgs {
    ServeArgs {
        db: DbArgs {
            content: ContentArgs {
                content: content.to_path_buf(),
                drafts: false,
            },
            database: dir.path().join("careers.sqlite3"),
        },
        address: "127.0.0.1".into(),
        port: 0,
        site_url: SITE_URL.into(),
        static_dir: PathBuf::from("static"),
        workers: None,
        dev: false,
        readers: careers::config::ReaderArgs {
            outbox: Some(dir.path().join("outbox")),
            ..Default::default()
        },
    }
}

impl TestSite {
    /// The app serving the engine test pack.
    pub fn new() -> TestSite {
        TestSite::at(Path::new(PACK))
    }

    /// The app serving the real `content/`: for content tests only.
    pub fn real() -> TestSite {
        TestSite::at(Path::new(REAL))
    }

    /// The app serving the pack at `content`.
    pub fn at(content: &Path) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = Data::new(prepare(&args(&dir, content)).expect("site prepares"));
        TestSite { dir, state }
    }
}

/// A response read whole.
pub struct Page {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Texts of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = selector(css);
        self.html()
            .select(&sel)
            .map(|e| collapse(&e.text().collect::<String>()))
            .collect()
    }

    /// The `href` of every element matching `css`, in order.
    pub fn hrefs(&self, css: &str) -> Vec<String> {
        self.attrs(css, "href")
    }

    /// The attribute `name` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        let sel = selector(css);
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    }

    /// The first element matching `css`, as text; panics if there is none.
    pub fn text(&self, css: &str) -> String {
        let all = self.texts(css);
        assert!(!all.is_empty(), "no element matches {css}");
        all[0].clone()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
}

/// The `careers` binary, with no `CAREERS_*` setting inherited from the
/// environment that would change what it reads.
pub fn careers() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_careers"));
    c.env_remove("CAREERS_CONTENT").env_remove("CAREERS_STATIC");
    c
}

/// A CSS selector; panics with the selector when it does not parse.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// `text` with runs of whitespace collapsed to one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub async fn call<S, B>(app: &S, req: actix_http::Request) -> Page
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let res = atest::call_service(app, req).await;
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = atest::read_body(res).await;
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get<S, B>(app: &S, path: &str) -> Page
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    call(app, atest::TestRequest::get().uri(path).to_request()).await
}

/// Builds the service for a running app state.
pub async fn serve(
    state: &Data<AppState>,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    atest::init_service(web::app(state.clone())).await
}

/// Builds the service for a test site.
pub async fn app(
    site: &TestSite,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    serve(&site.state).await
}
