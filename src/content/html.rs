//! [`Html`]: a rendered body kept compressed in memory.
//!
//! A loaded site holds every page's rendered body. Kept as plain strings,
//! the bodies of a large pack (tens of thousands of pages) are most of the
//! server's memory; deflated they take a third or less. A body is inflated
//! when a page is rendered, which takes microseconds, and the page cache
//! keeps rendered pages, so a busy page pays it once per generation.

use flate2::read::DeflateDecoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::sync::Arc;

/// Sanitized HTML, deflated; cheap to clone (shared).
#[derive(Clone)]
pub struct Html(Arc<[u8]>);

impl Html {
    pub fn new(html: &str) -> Html {
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
            Html(out.into())
        })
    }

    /// The HTML text.
    pub fn get(&self) -> String {
        let mut out = String::new();
        DeflateDecoder::new(&self.0[..])
            .read_to_string(&mut out)
            .expect("a body deflated from a str inflates to UTF-8");
        out
    }

    /// The same body (not just equal text): a copy of one compile.
    pub fn ptr_eq(a: &Html, b: &Html) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// Bytes held in memory.
    pub fn stored_len(&self) -> usize {
        self.0.len()
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
        write!(f, "Html({} bytes deflated)", self.0.len())
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
        let h = Html::new(&text);
        assert_eq!(h.get(), text);
        assert_eq!(h.to_string(), text);
        assert!(h.stored_len() * 4 < text.len(), "{} bytes", h.stored_len());
        assert!(Html::ptr_eq(&h, &h.clone()));
        assert!(!Html::ptr_eq(&h, &Html::new(&text)));
        assert_eq!(Html::new("").get(), "");
    }
}
