//! [`Html`]: a rendered body, kept compressed and, in the server, out of memory.
//!
//! A loaded site holds every page's rendered body. Kept as plain strings,
//! the bodies of a large pack (tens of thousands of pages) are most of the
//! server's memory; deflated they take a third or less. The server keeps
//! them in none: `serve` calls [`hold_in_file`] before it loads, and every
//! body is deflated into one file beside the database (unlinked as soon as
//! it is open, so nothing is left behind, even after a crash) and read back
//! with one positioned read when a page is rendered. That takes
//! microseconds, and the page cache keeps rendered pages, so a busy page
//! pays it once per generation.
//!
//! A command that reads every body once and exits (`check`, `build`) calls
//! [`hold_plain`] before it loads: deflating and inflating each body again
//! would be about a third of its run, for memory it does not keep. The
//! first choice of a process stands; without one, bodies are held deflated
//! in memory.

use flate2::read::DeflateDecoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// Sanitized HTML, deflated (or plain, see [`hold_plain`]); cheap to clone (shared).
#[derive(Clone)]
pub struct Html(Body);

#[derive(Clone)]
enum Body {
    Deflated(Arc<[u8]>),
    Plain(Arc<str>),
    /// Deflated in a body file: `len` bytes from `at`.
    Filed {
        file: &'static BodyFile,
        at: u64,
        len: u32,
    },
}

/// How this process holds bodies, decided once.
enum Hold {
    Plain,
    File(BodyFile),
}

static HOLD: OnceLock<Hold> = OnceLock::new();

/// An append-only file of deflated bodies. Space is claimed by moving the
/// end forward, so writers on many threads never overlap; a body whose
/// write fails stays in memory, so the file never holds a gap anyone reads.
pub struct BodyFile {
    file: File,
    end: AtomicU64,
}

impl BodyFile {
    /// A new body file in `dir`, already unlinked.
    pub fn create(dir: &Path) -> io::Result<BodyFile> {
        let path = dir.join(format!(".careers-bodies-{}", std::process::id()));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        fs::remove_file(&path)?;
        Ok(BodyFile {
            file,
            end: AtomicU64::new(0),
        })
    }

    /// Bytes written so far, bodies of earlier generations included.
    pub fn len(&self) -> u64 {
        self.end.load(Ordering::Relaxed)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `html` deflated into the file, or into memory if the write fails.
    pub fn hold(&'static self, html: &str) -> Html {
        let bytes = deflate(html);
        let Ok(len) = u32::try_from(bytes.len()) else {
            return Html(Body::Deflated(bytes.into()));
        };
        let at = self.end.fetch_add(u64::from(len), Ordering::Relaxed);
        match self.file.write_all_at(&bytes, at) {
            Ok(()) => Html(Body::Filed {
                file: self,
                at,
                len,
            }),
            Err(e) => {
                tracing::warn!(error = %e, "cannot write a page body to the body file; holding it in memory");
                Html(Body::Deflated(bytes.into()))
            }
        }
    }

    fn read(&self, at: u64, len: u32) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; len as usize];
        self.file.read_exact_at(&mut buf, at)?;
        Ok(buf)
    }
}

/// From now on this process keeps bodies as plain text: for commands that
/// load the site, read each body once and exit.
pub fn hold_plain() {
    let _ = HOLD.set(Hold::Plain);
}

/// From now on this process keeps bodies in a body file in `dir` (unless
/// it chose plain bodies first). On error bodies stay in memory, deflated.
pub fn hold_in_file(dir: &Path) -> io::Result<()> {
    if HOLD.get().is_some() {
        return Ok(());
    }
    let file = BodyFile::create(dir)?;
    let _ = HOLD.set(Hold::File(file));
    Ok(())
}

/// The body file this process writes, if it holds bodies in one.
pub fn body_file() -> Option<&'static BodyFile> {
    match HOLD.get() {
        Some(Hold::File(f)) => Some(f),
        _ => None,
    }
}

fn deflate(html: &str) -> Vec<u8> {
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
        out
    })
}

fn inflate(bytes: &[u8]) -> String {
    let mut out = String::new();
    DeflateDecoder::new(bytes)
        .read_to_string(&mut out)
        .expect("a body deflated from a str inflates to UTF-8");
    out
}

impl Html {
    /// The body, held as this process holds bodies (see the module).
    pub fn new(html: &str) -> Html {
        match HOLD.get() {
            Some(Hold::Plain) => Html::plain(html),
            Some(Hold::File(file)) => file.hold(html),
            None => Html::deflated(html),
        }
    }

    /// The body as plain text.
    pub fn plain(html: &str) -> Html {
        Html(Body::Plain(html.into()))
    }

    /// The body deflated in memory.
    pub fn deflated(html: &str) -> Html {
        Html(Body::Deflated(deflate(html).into()))
    }

    /// The HTML text. A body file that cannot be read (a failing disk) is
    /// logged, and the page shows that its text is missing.
    pub fn get(&self) -> String {
        match &self.0 {
            Body::Plain(text) => text.to_string(),
            Body::Deflated(bytes) => inflate(bytes),
            Body::Filed { file, at, len } => match file.read(*at, *len) {
                Ok(bytes) => inflate(&bytes),
                Err(e) => {
                    tracing::error!(error = %e, "cannot read a page body from the body file");
                    "<p><strong>This part of the page cannot be read from the server's disk \
                     just now.</strong></p>"
                        .to_string()
                }
            },
        }
    }

    /// The same body (not just equal text): a copy of one compile.
    pub fn ptr_eq(a: &Html, b: &Html) -> bool {
        match (&a.0, &b.0) {
            (Body::Deflated(a), Body::Deflated(b)) => Arc::ptr_eq(a, b),
            (Body::Plain(a), Body::Plain(b)) => Arc::ptr_eq(a, b),
            (Body::Filed { file: f, at: a, .. }, Body::Filed { file: g, at: b, .. }) => {
                std::ptr::eq(*f, *g) && a == b
            }
            _ => false,
        }
    }

    /// Bytes held in memory (none for a body in a file).
    pub fn stored_len(&self) -> usize {
        match &self.0 {
            Body::Deflated(bytes) => bytes.len(),
            Body::Plain(text) => text.len(),
            Body::Filed { .. } => 0,
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
            Body::Filed { len, .. } => write!(f, "Html({len} bytes deflated in a file)"),
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

    #[test]
    fn a_filed_body_reads_the_same_and_holds_no_memory() {
        let dir = tempfile::tempdir().unwrap();
        let file: &'static BodyFile = Box::leak(Box::new(BodyFile::create(dir.path()).unwrap()));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "unlinked");
        let text = "<p>Site leads run crews and schedules. </p>".repeat(100);
        let bodies: Vec<Html> = (0..3).map(|i| file.hold(&format!("{text}{i}"))).collect();
        for (i, h) in bodies.iter().enumerate() {
            assert_eq!(h.get(), format!("{text}{i}"));
            assert_eq!(h.stored_len(), 0);
            assert!(Html::ptr_eq(h, &h.clone()));
        }
        assert!(!Html::ptr_eq(&bodies[0], &bodies[1]));
        assert!(!Html::ptr_eq(&bodies[0], &Html::deflated(&text)));
        assert!(!file.is_empty() && file.len() * 4 < 3 * text.len() as u64);
        assert_eq!(file.hold("").get(), "");
    }
}
