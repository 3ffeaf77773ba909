//! Boots the real app on a temporary SQLite file with the real `content/`.

#![allow(dead_code)]

pub mod copy;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test as atest;
use actix_web::web::Data;
use careers::commands::serve::prepare;
use careers::config::{ContentArgs, DbArgs, ServeArgs};
use careers::web::{self, AppState};
use scraper::{Html, Selector};
use std::path::PathBuf;
use tempfile::TempDir;

/// A running test site: its temp folder lives as long as the value.
pub struct TestSite {
    pub dir: TempDir,
    pub state: Data<AppState>,
}

pub fn args(dir: &TempDir) -> ServeArgs {
    ServeArgs {
        db: DbArgs {
            content: ContentArgs {
                content: PathBuf::from("content"),
                drafts: false,
            },
            database: dir.path().join("careers.sqlite3"),
        },
        address: "127.0.0.1".into(),
        port: 0,
        site_url: "https://careers.test".into(),
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
    pub fn new() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = Data::new(prepare(&args(&dir)).expect("site prepares"));
        TestSite { dir, state }
    }

    /// The app serving the pack at `content` (the engine test pack is
    /// `tests/fixtures/pack`).
    pub fn at(content: &std::path::Path) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut args = args(&dir);
        args.db.content.content = content.to_path_buf();
        let state = Data::new(prepare(&args).expect("site prepares"));
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
        let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html()
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The `href` of every element matching `css`, in order.
    pub fn hrefs(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr("href").map(str::to_string))
            .collect()
    }

    /// The single element matching `css`, as text; panics if there is none.
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

/// Builds the service for a test site.
pub async fn app(
    site: &TestSite,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    atest::init_service(web::app(site.state.clone())).await
}
