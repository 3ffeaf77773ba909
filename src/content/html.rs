//! [`Html`]: a rendered body kept compressed in memory.
//!
//! A loaded site holds every page's rendered body. Kept as plain strings,
//! the bodies of a large pack (tens of thousands of pages) are most of the
//! server's memory; deflated they take a third or less. A body is inflated
//! when a page is rendered, which takes microseconds, and the page cache
//! keeps rendered pages, so a busy page pays it once per generation.
//!
//! A command that reads every body once and exits (`check`, `build`) calls
//! [`hold_plain`] before it loads: deflating and inflating each body again
//! would be about a third of its run, for memory it does not keep.

use flate2::read::DeflateDecoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Sanitized HTML, deflated (or plain, see [`hold_plain`]); cheap to clone (shared).
#[derive(Clone)]
pub struct Html(Body);

#[derive(Clone)]
enum Body {
    Deflated(Arc<[u8]>),
    Plain(Arc<str>),
}

static PLAIN: AtomicBool = AtomicBool::new(false);

/// From now on this process keeps bodies as plain text: for commands that
/// load the site, read each body once and exit.
pub fn hold_plain() {
    PLAIN.store(true, Ordering::Relaxed);
}

impl Html {
    /// The body, held as this process holds bodies (deflated unless [`hold_plain`]).
    pub fn new(html: &str) -> Html {
        if PLAIN.load(Ordering::Relaxed) {
            Html::plain(html)
        } else {
            Html::deflated(html)
        }
    }

    /// The body as plain text.
    pub fn plain(html: &str) -> Html {
        Html(Body::Plain(html.into()))
    }

    /// The body deflated.
    pub fn deflated(html: &str) -> Html {
        thread_local! {
            // One compressor per thread, reset between bodies: setting one
            // up costs more than deflating a typical section.
            static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
        }
        DEFLATE.with_borrow_mut(|deflate| {
            deflate.reset();
            let mut out = Vec::with_capacity(html.len() / 2 + 64);
            loop {
                let read = deflate.total_in() as usize;
                let status = deflate
                    .compress_vec(&html.as_bytes()[read..], &mut out, FlushCompress::Finish)
                    .expect("deflating into a Vec cannot fail");
                match status {
                    Status::StreamEnd => break,
                    _ => out.reserve(out.capacity().max(64)),
                }
            }
            Html(Body::Deflated(out.into()))
        })
    }

    /// The HTML text.
    pub fn get(&self) -> String {
        match &self.0 {
            Body::Plain(text) => text.to_string(),
            Body::Deflated(bytes) => {
                let mut out = String::new();
                DeflateDecoder::new(&bytes[..])
                    .read_to_string(&mut out)
                    .expect("a body deflated from a str inflates to UTF-8");
                out
            }
        }
    }

    /// The same body (not just equal text): a copy of one compile.
    pub fn ptr_eq(a: &Html, b: &Html) -> bool {
        match (&a.0, &b.0) {
            (Body::Deflated(a), Body::Deflated(b)) => Arc::ptr_eq(a, b),
            (Body::Plain(a), Body::Plain(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Bytes held in memory.
    pub fn stored_len(&self) -> usize {
        match &self.0 {
            Body::Deflated(bytes) => bytes.len(),
            Body::Plain(text) => text.len(),
        }
    }
}

/// Writes the HTML, so templates show it with `{{ body|safe }}`.
impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.get())
    }
}

impl fmt::Debug for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Body::Deflated(b) => write!(f, "Html({} bytes deflated)", b.len()),
            Body::Plain(t) => write!(f, "Html({} bytes)", t.len()),
        }
    }
}

impl From<String> for Html {
    fn from(s: String) -> Html {
        Html::new(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_shrinks() {
        let text = "<p>Site leads run crews and schedules. </p>".repeat(100);
        let h = Html::deflated(&text);
        assert_eq!(h.get(), text);
        assert_eq!(h.to_string(), text);
        assert!(h.stored_len() * 4 < text.len(), "{} bytes", h.stored_len());
        assert!(Html::ptr_eq(&h, &h.clone()));
        assert!(!Html::ptr_eq(&h, &Html::deflated(&text)));
        assert_eq!(Html::deflated("").get(), "");
    }

    #[test]
    fn a_plain_body_reads_the_same() {
        let text = "<p>Site leads run crews and schedules. </p>".repeat(100);
        let h = Html::plain(&text);
        assert_eq!(h.get(), text);
        assert_eq!(h.stored_len(), text.len());
        assert!(Html::ptr_eq(&h, &h.clone()));
        assert!(!Html::ptr_eq(&h, &Html::plain(&text)));
        assert!(!Html::ptr_eq(&h, &Html::deflated(&text)));
    }
}
