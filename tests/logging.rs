//! Logs: one cheap line per request with the target cut to a few hundred
//! characters, client errors below WARN, JSON lines with
//! `CAREERS_LOG_FORMAT=json`, and no colour codes when stdout is not a
//! terminal (the binary, its stdout a pipe).

mod common;

use actix_web::test as atest;
use careers::logging::{self, Format};
use common::{TestSite, app, call, get};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// A log writer into memory.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).expect("UTF-8 log")
    }
}

#[actix_web::test]
async fn each_request_is_one_json_line_with_the_target_cut_and_client_errors_at_info() {
    let site = TestSite::new();
    let app = app(&site).await;
    let buffer = Buffer::default();
    let _guard = tracing::subscriber::set_default(logging::subscriber(
        Format::Json,
        false,
        EnvFilter::new("info"),
        buffer.clone(),
    ));
    let long = format!("/{}", "x".repeat(16_000));
    assert_eq!(get(&app, "/roles/").await.status, 200);
    assert_eq!(get(&app, &long).await.status, 404);
    let post = atest::TestRequest::post().uri("/roles/").to_request();
    assert_eq!(call(&app, post).await.status, 405);
    let text = buffer.text();
    assert!(text.len() < 4000, "no line carries the whole 16 KB target");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let access: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["target"] == "access").collect();
    assert_eq!(access.len(), 3, "one line per request: {text}");
    let statuses: Vec<u64> = access
        .iter()
        .map(|l| l["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [200, 404, 405]);
    for line in &access {
        assert_eq!(line["level"], "INFO", "{line}");
        assert!(line["micros"].as_u64().is_some());
    }
    let cut = access[1]["uri"].as_str().unwrap();
    assert!(cut.chars().count() < 240, "{cut}");
    assert!(cut.ends_with("bytes)") && cut.starts_with("/xxx"), "{cut}");
    assert!(
        lines
            .iter()
            .all(|l| l["level"] != "WARN" && l["level"] != "ERROR"),
        "client errors stay below WARN: {text}"
    );
}

/// Runs `careers serve` with `env` on a free port, sends a request for a
/// 16 KB unknown path and one for `/roles/`, stops it and returns its
/// stdout.
fn serve_and_log(env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(["serve", "--port", &port.to_string(), "--database"])
        .arg(dir.path().join("db.sqlite3"))
        .envs(env.iter().copied())
        .env_remove("CAREERS_LOG")
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start careers");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut out = String::new();
    let started = Instant::now();
    while !out.contains("Serving ") {
        let line = rx
            .recv_timeout(Duration::from_secs(60).saturating_sub(started.elapsed()))
            .expect("the server starts");
        out.push_str(&line);
        out.push('\n');
    }
    for path in [format!("/{}", "y".repeat(16_000)), "/roles/".to_string()] {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        let _ = std::io::Read::read_to_end(&mut s, &mut answer);
    }
    // The two access lines.
    let mut access = 0;
    while access < 2 {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the requests are logged");
        access += usize::from(line.contains("access"));
        out.push_str(&line);
        out.push('\n');
    }
    let _ = child.kill();
    let _ = child.wait();
    out
}

#[test]
fn the_binary_writes_plain_text_to_a_pipe() {
    let out = serve_and_log(&[]);
    assert!(!out.contains('\u{1b}'), "no colour codes in a pipe:\n{out}");
    assert!(out.contains("INFO access"), "{out}");
    assert!(out.contains("status=404"), "{out}");
    assert!(!out.contains(&"y".repeat(300)), "the target is cut");
    assert!(
        !out.contains("WARN"),
        "client errors stay below WARN:\n{out}"
    );
}

#[test]
fn the_binary_writes_json_lines_when_asked() {
    let out = serve_and_log(&[("CAREERS_LOG_FORMAT", "json")]);
    for line in out.lines().filter(|l| !l.starts_with("Serving ")) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(v["level"].is_string(), "{line}");
    }
    assert!(out.contains("\"target\":\"access\""), "{out}");
}

#[test]
fn an_unknown_log_format_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_careers"))
        .arg("check")
        .env("CAREERS_LOG_FORMAT", "yaml")
        .output()
        .expect("run careers");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("CAREERS_LOG_FORMAT") && err.contains("text, json"),
        "{err}"
    );
}
