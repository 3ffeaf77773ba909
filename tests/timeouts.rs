//! What slow or non-reading clients hold is freed: the real server (with
//! short limits, so the tests are quick) closes a connection whose request
//! head trickles in (on the first request and on a later one of a kept-alive
//! connection, which actix-http alone does not time), an idle kept-alive
//! connection, and a connection whose client pipelines requests and never
//! reads the answers.

mod common;
#[path = "common/net.rs"]
mod net;

use careers::commands::serve::server::Limits;
use common::TestSite;
use net::Conn;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn limits() -> Limits {
    Limits {
        request_head: Duration::from_millis(600),
        keep_alive: Duration::from_millis(600),
        read: Duration::from_millis(800),
        write: Duration::from_millis(800),
        disconnect: Duration::from_millis(200),
        connections_per_worker: 256,
        send_buffer: 128 * 1024,
    }
}

/// Sends a header line every 100 ms until the server closes or answers;
/// returns how long it kept the connection.
fn trickle(conn: &mut Conn, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    conn.stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit {
        if conn.stream.write_all(b"X-Slow: 1\r\n").is_err() {
            return Some(started.elapsed());
        }
        match conn.stream.read(&mut buf) {
            Ok(0) | Err(_) if started.elapsed() < Duration::from_millis(90) => {}
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {
                // An answer (408) to a head that never ended: closed next.
                return conn.closed_within(limit).map(|_| started.elapsed());
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn a_first_request_head_that_trickles_in_is_cut_off() {
    let site = TestSite::new();
    let addr = net::serve(site.state.clone(), limits());
    let mut conn = Conn::open(addr);
    conn.stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let held = trickle(&mut conn, Duration::from_secs(10)).expect("closed");
    assert!(held < Duration::from_secs(5), "held {held:?}");
}

#[test]
fn a_later_request_head_that_trickles_in_is_cut_off() {
    let site = TestSite::new();
    let addr = net::serve(site.state.clone(), limits());
    let mut conn = Conn::open(addr);
    conn.send("GET", "/healthz", &[]);
    assert_eq!(conn.read(false).status, 200);
    conn.stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let held = trickle(&mut conn, Duration::from_secs(10)).expect("closed");
    assert!(held < Duration::from_secs(5), "held {held:?}");
}

#[test]
fn an_idle_kept_alive_connection_is_closed() {
    let site = TestSite::new();
    let addr = net::serve(site.state.clone(), limits());
    let mut conn = Conn::open(addr);
    conn.send("GET", "/healthz", &[]);
    assert_eq!(conn.read(false).status, 200);
    let held = conn.closed_within(Duration::from_secs(10)).expect("closed");
    assert!(held < Duration::from_secs(5), "held {held:?}");
}

#[test]
fn a_client_that_pipelines_and_never_reads_is_closed() {
    let site = TestSite::new();
    let role = site.state.site().roles[0].url();
    let addr = net::serve(site.state.clone(), limits());
    let mut conn = Conn::open(addr);
    // Requests without end (for 20 s at most), far more than the socket
    // buffers hold (each answer is the whole, uncompressed role page), sent
    // from another thread because the server stops reading once its
    // answers back up.
    let mut writer = conn.stream.try_clone().unwrap();
    let request = format!("GET {role} HTTP/1.1\r\nHost: x\r\n\r\n");
    let sender = std::thread::spawn(move || {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if writer.write_all(request.as_bytes()).is_err() {
                return;
            }
        }
    });
    // Long enough for the buffers to fill and the write deadline to pass.
    std::thread::sleep(Duration::from_secs(3));
    // Now read: a closed connection ends (after what was in flight); an
    // open one would go on answering for as long as the sender sends.
    let started = Instant::now();
    conn.stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buf = vec![0u8; 1 << 20];
    let ended = loop {
        if started.elapsed() > Duration::from_secs(8) {
            break false;
        }
        match conn.stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break false,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => break false,
            Err(_) => break true, // reset
        }
    };
    assert!(
        ended,
        "the connection was still served after the write deadline"
    );
    let _ = sender.join();
    // The server still answers others.
    let mut other = Conn::open(addr);
    other.send("GET", "/healthz", &[]);
    assert_eq!(other.read(false).status, 200);
}
