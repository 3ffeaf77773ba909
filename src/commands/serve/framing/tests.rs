//! Tests of the framing scanners.

use super::*;

/// Bytes handed over when each request may begin only after `answered`
/// answers.
fn pass_all(inbound: &mut Inbound, bytes: &[u8], answered: u64) -> usize {
    inbound.pass(bytes, |started| started <= answered)
}

#[test]
fn a_request_begins_only_when_the_one_before_is_answered() {
    let two = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
    let first = two.iter().position(|&b| b == b'G').unwrap();
    let second = two.windows(6).position(|w| w == b"GET /b").unwrap();
    let mut inbound = Inbound::default();
    assert_eq!(first, 0);
    assert_eq!(pass_all(&mut inbound, two, 0), second, "stops before /b");
    assert_eq!(pass_all(&mut inbound, &two[second..], 0), 0, "still held");
    assert_eq!(
        pass_all(&mut inbound, &two[second..], 1),
        two.len() - second
    );
    assert_eq!(inbound.started, 2);
}

#[test]
fn bodies_pass_with_their_request() {
    let req = b"POST /f HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n\r\n";
    let mut inbound = Inbound::default();
    assert_eq!(pass_all(&mut inbound, req, 0), req.len() - 18);
    let chunked =
        b"POST /f HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET";
    let mut inbound = Inbound::default();
    assert_eq!(pass_all(&mut inbound, chunked, 0), chunked.len() - 3);
    // Bare LF line ends, as httparse accepts them; blank lines between.
    let lf = b"GET / HTTP/1.1\nHost: x\n\n\r\nGET";
    let mut inbound = Inbound::default();
    assert_eq!(pass_all(&mut inbound, lf, 0), lf.len() - 3);
    // Byte by byte (held bytes are offered again) gives the same answer.
    let mut inbound = Inbound::default();
    let mut n = 0;
    while n < req.len() && pass_all(&mut inbound, &req[n..n + 1], 0) == 1 {
        n += 1;
    }
    assert_eq!(n, req.len() - 18);
}

#[test]
fn a_head_is_read_the_same_whole_or_in_pieces() {
    let long = "x".repeat(3 * KEEP);
    let head = format!(
        "HTTP/1.1 200 OK\r\nX-Long: {long}\r\nCONTENT-LENGTH : 12\r\nTransfer-Encoding: gzip, Chunked\r\n\r\nbody"
    );
    let bytes = head.as_bytes();
    let whole = {
        let mut h = Head::default();
        let (n, ended) = h.feed(bytes);
        assert!(ended);
        assert_eq!(&bytes[n..], b"body", "stops after the empty line");
        h
    };
    assert_eq!(whole.content_length, Some(12));
    assert!(whole.chunked);
    assert_eq!(whole.first(), b"HTTP/1.1 200 OK");
    for size in [1, 2, 7, KEEP - 1, KEEP + 1] {
        let mut h = Head::default();
        let mut used = 0;
        for piece in bytes.chunks(size) {
            let (n, ended) = h.feed(piece);
            used += n;
            if ended {
                break;
            }
            assert_eq!(n, piece.len());
        }
        assert_eq!(used, bytes.len() - 4, "pieces of {size}");
        assert_eq!(h, whole, "pieces of {size}");
    }
}

#[test]
fn answers_are_counted_by_their_framing() {
    let mut inbound = Inbound::default();
    let reqs = b"HEAD / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n";
    assert_eq!(pass_all(&mut inbound, reqs, 5), reqs.len());
    let mut out = Outbound::default();
    // HEAD: a length but no body; then a body holding a status line;
    // then a chunked answer; all split at every byte.
    let answers = b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\n\
HTTP/1.1 200 OK\r\ncontent-length: 17\r\n\r\nHTTP/1.1 200 OK\r\n\
HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    for b in answers.chunks(1) {
        out.wrote(b, &mut inbound);
    }
    assert_eq!(out.begun, 3);
    assert!(!out.is_off());
    out.wrote(b"garbage\r\n\r\n", &mut inbound);
    assert!(out.is_off(), "what it cannot follow turns it off");
}
