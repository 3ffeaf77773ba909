//! Posting forms the way a browser without JavaScript does: read the page,
//! keep its cookies, send the hidden CSRF field back.

#![allow(dead_code)]

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::test as atest;
use scraper::{Html, Selector};

/// A browser's cookie jar (name=value pairs), kept by hand.
#[derive(Debug, Clone, Default)]
pub struct Jar(pub Vec<(String, String)>);

impl Jar {
    pub fn keep(&mut self, page: &crate::common::Page) {
        for v in page.headers.get_all("set-cookie") {
            let v = v.to_str().unwrap_or("");
            let pair = v.split(';').next().unwrap_or("");
            if let Some((k, val)) = pair.split_once('=') {
                self.0.retain(|(n, _)| n != k);
                if !val.is_empty() {
                    self.0.push((k.to_string(), val.to_string()));
                }
            }
        }
    }

    pub fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The value of the hidden `csrf` field of the first form on the page.
pub fn csrf(page: &crate::common::Page) -> String {
    let doc = Html::parse_document(&page.body);
    let sel = Selector::parse("form input[name=csrf]").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("a form with a csrf field")
        .to_string()
}

pub fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn get_with<S, B>(app: &S, jar: &mut Jar, path: &str) -> crate::common::Page
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let page = crate::common::call(
        app,
        atest::TestRequest::get()
            .uri(path)
            .insert_header(("cookie", jar.header()))
            .to_request(),
    )
    .await;
    jar.keep(&page);
    page
}

pub async fn post<S, B>(
    app: &S,
    jar: &mut Jar,
    path: &str,
    fields: &[(&str, &str)],
) -> crate::common::Page
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let page = crate::common::call(
        app,
        atest::TestRequest::post()
            .uri(path)
            .insert_header(("cookie", jar.header()))
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(encode(fields))
            .to_request(),
    )
    .await;
    jar.keep(&page);
    page
}

/// The first `https://...` link in a mail that contains `path`.
pub fn link_in(mail: &str, path: &str) -> String {
    let text = mail
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    text.split_whitespace()
        .find(|w| w.starts_with("http") && w.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in {text}"))
        .to_string()
}

/// The path and query of an absolute URL.
pub fn local(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/".into(), |i| rest[i..].to_string())
}
