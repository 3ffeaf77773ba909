//! The hostile corpus: malformed and hostile requests against an address
//! of every route of the table (and the fallback) get an answer below 500,
//! never reflect markup unescaped, and never reach outside the static
//! folder; a handful of requests the HTTP parser must refuse are sent raw
//! to the real server.

mod common;
#[path = "common/examples.rs"]
mod examples;
#[path = "common/net.rs"]
mod net;

use actix_web::test as atest;
use careers::commands::serve::server::Limits;
use common::copy::{CopySite, add_paging_articles};
use std::io::{Read, Write};

const MARKUP: &str = "<script>alert(1)</script>";
const MARKUP_ENCODED: &str = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";

/// Suffixes appended to an address's path.
fn path_mutations() -> Vec<String> {
    vec![
        "../../../../etc/passwd".into(),
        "..%2f..%2f..%2fCargo.toml".into(),
        "%2e%2e/%2e%2e/Cargo.toml".into(),
        "%00".into(),
        "%ZZ".into(),
        MARKUP_ENCODED.into(),
        "%C0%AF".into(),
        "%F0%9F%98%80".into(),
        "//double".into(),
        "./.".into(),
        "x".repeat(4000),
        format!("{}/", "seg/".repeat(500)),
        "%".into(),
    ]
}

/// Query strings, each appended to every address.
fn queries() -> Vec<String> {
    vec![
        format!("q={MARKUP_ENCODED}&page={MARKUP_ENCODED}"),
        "q=%27%20OR%201%3D1%20--&sort=%22;DROP%20TABLE%20wages".into(),
        "level=%ZZ&education=%&pay=%00".into(),
        "roles=a,b,c,d,e,f,g,h&pick=x&add=%FF".into(),
        "from=x&to=y&from=z".into(),
        "sort=state&dir=sideways".into(),
        "page=-1".into(),
        "page=99999999999999999999999".into(),
        format!("q={}", "w".repeat(8000)),
        "a[]=1&a[b]=2&=&&".into(),
        "soc=%27&area=%3C".into(),
    ]
}

#[actix_web::test]
async fn the_hostile_corpus_gets_no_server_error() {
    let site = CopySite::new(|c| add_paging_articles(c, 12));
    let app = atest::init_service(careers::web::app(site.state.clone())).await;
    let mut targets: Vec<String> = examples::examples(&app, &site.state, false)
        .await
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    targets.push("/no/such/page".into());
    targets.push("/static/".into());
    let mut requests: Vec<(String, String)> = Vec::new();
    for t in &targets {
        for m in path_mutations() {
            requests.push(("GET".into(), format!("{t}{m}")));
        }
        for q in queries() {
            requests.push(("GET".into(), format!("{t}?{q}")));
        }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD"] {
            requests.push((method.into(), t.clone()));
        }
    }
    requests.push(("GET".into(), format!("/{}", "a".repeat(17_000))));
    let mut failures = Vec::new();
    for (method, uri) in &requests {
        assert!(
            actix_web::http::Uri::try_from(uri.as_str()).is_ok(),
            "the corpus must hold valid URIs (raw ones are sent below): {}",
            cut(uri)
        );
        let method_v = method.parse().expect("a method");
        let req = atest::TestRequest::default()
            .method(method_v)
            .uri(uri)
            .insert_header(("accept-encoding", "br;q=abc, gzip;q=, *;q=0.5"))
            .insert_header(("if-none-match", "*, W/\"\", \"x\"\"\""))
            .insert_header(("range", "bytes=999999-1"))
            .set_payload("x".repeat(2000))
            .to_request();
        let res = atest::call_service(&app, req).await;
        let status = res.status().as_u16();
        let body = String::from_utf8_lossy(&atest::read_body(res).await).into_owned();
        if status >= 500 {
            failures.push(format!("{status} {method} {}", cut(uri)));
        }
        if body.contains(MARKUP) {
            failures.push(format!("reflected markup: {method} {}", cut(uri)));
        }
        if body.contains("root:x:0") || body.contains("[package]") {
            failures.push(format!("outside the static folder: {method} {}", cut(uri)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} requests failed:\n{}",
        failures.len(),
        requests.len(),
        failures.join("\n")
    );
}

fn cut(s: &str) -> String {
    s.chars().take(120).collect()
}

#[test]
fn requests_the_parser_refuses_get_a_4xx_or_a_closed_connection() {
    let site = common::TestSite::new();
    let addr = net::serve(site.state.clone(), Limits::default());
    let raw: Vec<Vec<u8>> = vec![
        format!("GET /{MARKUP} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes(),
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n".to_vec(),
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".to_vec(),
        format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "h".repeat(200_000)).into_bytes(),
        format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "p".repeat(20_000)).into_bytes(),
    ];
    for request in raw {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let _ = s.write_all(&request);
        let mut answer = Vec::new();
        let mut buf = [0u8; 65536];
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
            if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        let text = String::from_utf8_lossy(&answer);
        let head: String = String::from_utf8_lossy(&request).chars().take(60).collect();
        if let Some(status) = text.strip_prefix("HTTP/1.1 ") {
            let code: u16 = status[..3].parse().unwrap_or(0);
            assert!((400..500).contains(&code), "{head:?} answered {code}");
        }
        assert!(!text.contains(MARKUP), "{head:?} reflected markup");
    }
    // The server is still there.
    let mut conn = net::Conn::open(addr);
    conn.send("GET", "/healthz", &[]);
    assert_eq!(conn.read(false).status, 200);
}
