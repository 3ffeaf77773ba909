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
//! Only heads are read, a line at a time; bodies are skipped by length. Input
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

/// How many bytes of a head's first line are kept: enough for a method
/// or a status code.
const START: usize = 16;

/// The header fields that frame a message, read from its head. A line that
/// arrives whole in one read is looked at where it lies; only a line split
/// between reads is copied (its first [`KEEP`] bytes), so reading a head
/// allocates nothing in the common case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Head {
    /// The start of a line begun in an earlier read; empty between lines.
    partial: Vec<u8>,
    /// Lines finished so far.
    lines: usize,
    /// The first [`START`] bytes of the first line (request line or
    /// status line), and how many there are.
    first: ([u8; START], usize),
    content_length: Option<u64>,
    chunked: bool,
}

impl Head {
    /// Takes from `bytes` up to the end of the head (an empty line) or all
    /// of them; returns how many it took and whether the head ended.
    fn feed(&mut self, bytes: &[u8]) -> (usize, bool) {
        let mut used = 0;
        while let Some(rest) = bytes.get(used..).filter(|r| !r.is_empty()) {
            let Some(n) = memchr::memchr(b'\n', rest) else {
                self.keep(rest);
                return (bytes.len(), false);
            };
            used += n + 1;
            let ended = if self.partial.is_empty() {
                self.end_line(&rest[..n])
            } else {
                self.keep(&rest[..n]);
                let line = std::mem::take(&mut self.partial);
                let ended = self.end_line(&line);
                self.partial = line;
                self.partial.clear();
                ended
            };
            if ended {
                return (used, true);
            }
        }
        (used, false)
    }

    /// Keeps what fits of `part` of a line split between reads.
    fn keep(&mut self, part: &[u8]) {
        let room = KEEP.saturating_sub(self.partial.len());
        self.partial
            .extend_from_slice(&part[..part.len().min(room)]);
    }

    /// The first line's start.
    fn first(&self) -> &[u8] {
        &self.first.0[..self.first.1]
    }

    /// Reads one finished line (without its `\n`; its first [`KEEP`]
    /// bytes count, as when it is split between reads); true when it was
    /// the empty line ending the head.
    fn end_line(&mut self, line: &[u8]) -> bool {
        let line = &line[..line.len().min(KEEP)];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        self.lines += 1;
        if self.lines == 1 {
            let n = line.len().min(START);
            self.first.0[..n].copy_from_slice(&line[..n]);
            self.first.1 = n;
            return false;
        }
        if line.is_empty() {
            return true;
        }
        if let Some(colon) = memchr::memchr(b':', line) {
            let name = line[..colon].trim_ascii();
            let value = line[colon + 1..].trim_ascii();
            if name.eq_ignore_ascii_case(b"content-length") {
                self.content_length = std::str::from_utf8(value).ok().and_then(|v| v.parse().ok());
            } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
                self.chunked = value.windows(7).any(|w| w.eq_ignore_ascii_case(b"chunked"));
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
                    let (n, ended) = head.feed(&bytes[i..]);
                    i += n;
                    self.state = if ended {
                        self.heads.push_back(head.first().starts_with(b"HEAD "));
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
                    let (n, ended) = head.feed(bytes);
                    bytes = &bytes[n..];
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
        let status = Some(head.first())
            .filter(|l| l.starts_with(b"HTTP/1."))
            .and_then(|l| l.get(9..12))
            .and_then(|s| std::str::from_utf8(s).ok()?.parse::<u16>().ok());
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
mod tests;
