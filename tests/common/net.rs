//! The real server on a loopback port (its own thread and runtime, as
//! `serve` runs it), and a raw HTTP/1.1 client that shows exactly what goes
//! over the wire: for tests of HEAD bodies, pipelining and timeouts.

#![allow(dead_code)]

use actix_web::web::Data;
use careers::commands::serve::server::{self, Limits};
use careers::web::AppState;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// Starts the server for `state` with `limits` on a free loopback port, one
/// worker; it runs until the test process ends.
pub fn serve(state: Data<AppState>, limits: Limits) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let addr = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = server::start(state, listener, Some(1), limits).expect("server starts");
            server.await.expect("server runs");
        })
    });
    addr
}

/// One response as it came over the wire.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A client connection.
pub struct Conn {
    pub stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub fn open(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        Conn {
            stream,
            buf: Vec::new(),
        }
    }

    /// Sends `method path` with `headers` (and `Host`).
    pub fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)]) {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: careers.test\r\n");
        for (n, v) in headers {
            req.push_str(&format!("{n}: {v}\r\n"));
        }
        req.push_str("\r\n");
        self.stream.write_all(req.as_bytes()).expect("send");
    }

    /// Reads one response; `head` says it answers a HEAD (no body follows
    /// whatever the headers say). Panics on anything that is not HTTP.
    pub fn read(&mut self, head: bool) -> Response {
        let end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i;
            }
            self.fill();
        };
        let text = String::from_utf8_lossy(&self.buf[..end]).into_owned();
        self.buf.drain(..end + 4);
        let mut lines = text.split("\r\n");
        let status_line = lines.next().unwrap_or("");
        assert!(
            status_line.starts_with("HTTP/1.1 "),
            "not a status line: {status_line:?} (a body where none should be?)"
        );
        let status: u16 = status_line[9..12].parse().expect("status code");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut res = Response {
            status,
            headers,
            body: Vec::new(),
        };
        if head || status == 204 || status == 304 || (100..200).contains(&status) {
            return res;
        }
        if let Some(len) = res.header("content-length") {
            let len: usize = len.parse().expect("content-length");
            while self.buf.len() < len {
                self.fill();
            }
            res.body = self.buf.drain(..len).collect();
        } else if res
            .header("transfer-encoding")
            .is_some_and(|t| t.contains("chunked"))
        {
            loop {
                let line_end = loop {
                    if let Some(i) = find(&self.buf, b"\r\n") {
                        break i;
                    }
                    self.fill();
                };
                let size_text = String::from_utf8_lossy(&self.buf[..line_end]).into_owned();
                let size = usize::from_str_radix(size_text.trim(), 16).expect("chunk size");
                self.buf.drain(..line_end + 2);
                while self.buf.len() < size + 2 {
                    self.fill();
                }
                res.body.extend(self.buf.drain(..size));
                self.buf.drain(..2);
                if size == 0 {
                    break;
                }
            }
        }
        res
    }

    fn fill(&mut self) {
        let mut chunk = [0u8; 65536];
        let n = self.stream.read(&mut chunk).expect("read");
        assert!(n > 0, "the server closed the connection");
        self.buf.extend_from_slice(&chunk[..n]);
    }

    /// Waits up to `limit` for the server to close the connection; returns
    /// how long that took, or `None` when it stayed open.
    pub fn closed_within(&mut self, limit: Duration) -> Option<Duration> {
        let started = std::time::Instant::now();
        let mut chunk = [0u8; 65536];
        while started.elapsed() < limit {
            let left = limit
                .saturating_sub(started.elapsed())
                .max(Duration::from_millis(1));
            self.stream.set_read_timeout(Some(left)).expect("timeout");
            match self.stream.read(&mut chunk) {
                Ok(0) => return Some(started.elapsed()),
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return Some(started.elapsed()), // reset by the server
            }
        }
        None
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
