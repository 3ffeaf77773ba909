//! Where HTTP/1.1 messages begin and end in the bytes of a connection, so
//! [`super::server::Guarded`] can hand actix-http one request at a time.
//!
//! actix-http parses every complete request in its read buffer at once,
//! however many a client pipelined (some 6 KB of memory each, from a few
//! dozen bytes of input), and frames each response by the method of the
//! last request it parsed, not the one it answers (a HEAD and a GET sent
//! together get each other's framing). Both go away when a request is only
//! handed over once the answer to the one before it has begun: [`Inbound`]
//! follows the requests (heads, `Content-Length` and chunked bodies) and
//! says where the next one starts; [`Outbound`] follows the responses (a
//! final status line and its headers, then the body it announces, none for
//! HEAD, 1xx, 204 and 304) and counts the ones begun.
//!
//! Only heads are read byte by byte; bodies are skipped by length. Input
//! these scanners cannot follow (a response that is not HTTP/1.x, a chunk
//! size that is not hex) turns the gate off for the rest of the connection
//! rather than stall it: actix-http then answers or closes as it would.

use std::collections::VecDeque;

/// The longest header line whose start is kept for parsing (the rest of a
/// longer line is counted, not kept).
const KEEP: usize = 128;

/// A chunked body (RFC 9112 section 7.1) being skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Chunks {
    /// Reading a chunk-size line.
    Size(Vec<u8>),
    /// Skipping chunk data, then its CRLF (counted in the number).
    Data(u64),
    /// Reading trailer lines after the last chunk; `true` once a line has
    /// content.
    Trailer(bool),
}

/// What one byte did to a chunked body.
enum ChunkStep {
    More(Chunks),
    Done,
    Lost,
}

impl Chunks {
    fn start() -> Chunks {
        Chunks::Size(Vec::new())
    }

    /// Consumes from `bytes`; returns how many it used and what follows.
    fn feed(self, bytes: &[u8]) -> (usize, ChunkStep) {
        match self {
            Chunks::Data(left) => {
                let n = (bytes.len() as u64).min(left) as usize;
                let left = left - n as u64;
                let next = if left == 0 {
                    Chunks::start()
                } else {
                    Chunks::Data(left)
                };
                (n, ChunkStep::More(next))
            }
            Chunks::Size(mut line) => {
                let Some(&b) = bytes.first() else {
                    return (0, ChunkStep::More(Chunks::Size(line)));
                };
                if b != b'\n' {
                    if line.len() < KEEP {
                        line.push(b);
                    }
                    return (1, ChunkStep::More(Chunks::Size(line)));
                }
                let text = String::from_utf8_lossy(&line);
                let hex = text.split(';').next().unwrap_or("").trim();
                match u64::from_str_radix(hex, 16) {
                    Ok(0) => (1, ChunkStep::More(Chunks::Trailer(false))),
                    // The data, then its CRLF.
                    Ok(n) => (1, ChunkStep::More(Chunks::Data(n.saturating_add(2)))),
                    Err(_) => (1, ChunkStep::Lost),
                }
            }
            Chunks::Trailer(content) => match bytes.first() {
                None => (0, ChunkStep::More(Chunks::Trailer(content))),
                Some(b'\n') if !content => (1, ChunkStep::Done),
                Some(b'\n') => (1, ChunkStep::More(Chunks::Trailer(false))),
                Some(b'\r') => (1, ChunkStep::More(Chunks::Trailer(content))),
                Some(_) => (1, ChunkStep::More(Chunks::Trailer(true))),
            },
        }
    }
}

/// The header fields that frame a message, read from its head.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Head {
    /// The current line (its first [`KEEP`] bytes).
    line: Vec<u8>,
    /// Lines finished so far.
    lines: usize,
    /// The first line (request line or status line).
    first: Vec<u8>,
    content_length: Option<u64>,
    chunked: bool,
}

impl Head {
    /// Takes one byte; true when it ended the head (an empty line).
    fn feed(&mut self, b: u8) -> bool {
        if b != b'\n' {
            if self.line.len() < KEEP {
                self.line.push(b);
            }
            return false;
        }
        let mut line = std::mem::take(&mut self.line);
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        self.lines += 1;
        if self.lines == 1 {
            self.first = line;
            return false;
        }
        if line.is_empty() {
            return true;
        }
        let text = String::from_utf8_lossy(&line);
        if let Some((name, value)) = text.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim();
            if name == "content-length" {
                self.content_length = value.parse().ok();
            } else if name == "transfer-encoding" {
                self.chunked = value.to_ascii_lowercase().contains("chunked");
            }
        }
        false
    }
}

/// Where the request stream is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum In {
    /// Between requests (blank lines before a request are allowed).
    Between,
    Head(Head),
    Body(u64),
    Chunked(Chunks),
    /// Not followed any more: everything passes.
    Off,
}

/// Follows the requests of a connection.
#[derive(Debug)]
pub struct Inbound {
    state: In,
    /// Requests begun so far.
    pub started: u64,
    /// For each request whose head ended and whose answer has not begun:
    /// was it a HEAD?
    heads: VecDeque<bool>,
}

impl Default for Inbound {
    fn default() -> Self {
        Inbound {
            state: In::Between,
            started: 0,
            heads: VecDeque::new(),
        }
    }
}

impl Inbound {
    /// How many bytes of `bytes` may be handed over now: all of them,
    /// except that a new request may begin only when `may_start` is true
    /// (it is asked once per request, just before its first byte).
    pub fn pass(&mut self, bytes: &[u8], mut may_start: impl FnMut(u64) -> bool) -> usize {
        let mut i = 0;
        while i < bytes.len() {
            match std::mem::replace(&mut self.state, In::Off) {
                In::Off => return bytes.len(),
                In::Between => {
                    let b = bytes[i];
                    if b == b'\r' || b == b'\n' {
                        self.state = In::Between;
                        i += 1;
                        continue;
                    }
                    if !may_start(self.started) {
                        self.state = In::Between;
                        return i;
                    }
                    self.started += 1;
                    self.state = In::Head(Head::default());
                }
                In::Head(mut head) => {
                    let ended = head.feed(bytes[i]);
                    i += 1;
                    self.state = if ended {
                        self.heads.push_back(head.first.starts_with(b"HEAD "));
                        if head.chunked {
                            In::Chunked(Chunks::start())
                        } else {
                            match head.content_length {
                                Some(n) if n > 0 => In::Body(n),
                                _ => In::Between,
                            }
                        }
                    } else {
                        In::Head(head)
                    };
                }
                In::Body(left) => {
                    let n = ((bytes.len() - i) as u64).min(left) as usize;
                    i += n;
                    let left = left - n as u64;
                    self.state = if left == 0 {
                        In::Between
                    } else {
                        In::Body(left)
                    };
                }
                In::Chunked(chunks) => {
                    let (n, step) = chunks.feed(&bytes[i..]);
                    i += n;
                    self.state = match step {
                        ChunkStep::More(c) => In::Chunked(c),
                        ChunkStep::Done => In::Between,
                        ChunkStep::Lost => In::Off,
                    };
                }
            }
        }
        i
    }

    /// True once the requests can no longer be followed.
    pub fn is_off(&self) -> bool {
        self.state == In::Off
    }

    /// Whether the oldest request not yet answered was a HEAD (false when
    /// there is none: an answer actix-http sends to a broken head).
    fn answered(&mut self) -> bool {
        self.heads.pop_front().unwrap_or(false)
    }
}

/// Where the response stream is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Out {
    Head(Head),
    Body(u64),
    Chunked(Chunks),
    /// A body that ends when the connection does.
    UntilClose,
    Off,
}

/// Follows the responses of a connection.
#[derive(Debug)]
pub struct Outbound {
    state: Out,
    /// Final responses whose head has been written.
    pub begun: u64,
}

impl Default for Outbound {
    fn default() -> Self {
        Outbound {
            state: Out::Head(Head::default()),
            begun: 0,
        }
    }
}

impl Outbound {
    /// Follows `bytes` written to the client; `requests` says which
    /// answers were to HEAD requests.
    pub fn wrote(&mut self, mut bytes: &[u8], requests: &mut Inbound) {
        while !bytes.is_empty() {
            match std::mem::replace(&mut self.state, Out::Off) {
                Out::Off | Out::UntilClose => {
                    self.state = Out::Off;
                    return;
                }
                Out::Head(mut head) => {
                    let ended = head.feed(bytes[0]);
                    bytes = &bytes[1..];
                    self.state = if ended {
                        self.after_head(&head, requests)
                    } else {
                        Out::Head(head)
                    };
                }
                Out::Body(left) => {
                    let n = (bytes.len() as u64).min(left) as usize;
                    bytes = &bytes[n..];
                    let left = left - n as u64;
                    self.state = if left == 0 {
                        Out::Head(Head::default())
                    } else {
                        Out::Body(left)
                    };
                }
                Out::Chunked(chunks) => {
                    let (n, step) = chunks.feed(bytes);
                    bytes = &bytes[n..];
                    self.state = match step {
                        ChunkStep::More(c) => Out::Chunked(c),
                        ChunkStep::Done => Out::Head(Head::default()),
                        ChunkStep::Lost => Out::Off,
                    };
                }
            }
        }
    }

    fn after_head(&mut self, head: &Head, requests: &mut Inbound) -> Out {
        let status = std::str::from_utf8(&head.first)
            .ok()
            .filter(|l| l.starts_with("HTTP/1."))
            .and_then(|l| l.get(9..12))
            .and_then(|s| s.parse::<u16>().ok());
        let Some(status) = status else {
            return Out::Off;
        };
        if (100..200).contains(&status) {
            return Out::Head(Head::default()); // interim: the answer follows
        }
        self.begun += 1;
        let to_head = requests.answered();
        if to_head || status == 204 || status == 304 {
            Out::Head(Head::default())
        } else if head.chunked {
            Out::Chunked(Chunks::start())
        } else {
            match head.content_length {
                Some(0) => Out::Head(Head::default()),
                Some(n) => Out::Body(n),
                None => Out::UntilClose,
            }
        }
    }

    /// True once the responses can no longer be followed.
    pub fn is_off(&self) -> bool {
        self.state == Out::Off
    }
}

#[cfg(test)]
mod tests {
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
}
