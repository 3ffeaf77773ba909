//! Compressing whole bodies, at one of three levels: [`Level::First`] for
//! the answer to a request whose copy the page cache has not made yet,
//! made while the visitor waits;
//! [`Level::Serving`] for the copies the page cache keeps (made after that
//! answer has gone, and while a flood of misses must stay cheap); and
//! [`Level::Export`] for the static export, which is compressed once and
//! served many times.

use std::io::Write;

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// gzip 3 and brotli 2: about half the time of the serving level for a
    /// role page (brotli 0.5 against 1.2 ms), for about an eighth more
    /// bytes, sent once.
    First,
    /// gzip 6 and brotli 5: a few times faster than the export levels, for
    /// a few percent more bytes.
    Serving,
    /// gzip 9 and brotli 11: the smallest files.
    Export,
}

impl Level {
    fn gzip(self) -> u32 {
        match self {
            Level::First => 3,
            Level::Serving => 6,
            Level::Export => 9,
        }
    }

    fn brotli(self) -> u32 {
        match self {
            Level::First => 2,
            Level::Serving => 5,
            Level::Export => 11,
        }
    }
}

/// gzip at `level`.
pub fn gzip(data: &[u8], level: Level) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(level.gzip()),
    );
    enc.write_all(data).expect("writing to memory cannot fail");
    enc.finish().expect("writing to memory cannot fail")
}

/// Brotli at `level`, with a window ([`window`]) just big enough for `data`.
pub fn brotli(data: &[u8], level: Level) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 4);
    {
        let mut enc =
            brotli::CompressorWriter::new(&mut out, 4096, level.brotli(), window(data.len()));
        enc.write_all(data).expect("writing to memory cannot fail");
    }
    out
}

/// The brotli window (`lgwin`) for `len` bytes: the smallest that holds
/// them, so no match is lost, but at least 18 and at most 22 (4 MiB). The
/// encoder clears tables sized by the window, so a 4 MiB window for a
/// 48 KB page costs half of brotli 2's time; below 17 the encoder takes a
/// far slower path at brotli 5 (20 times slower on a role page).
fn window(len: usize) -> u32 {
    (usize::BITS - len.leading_zeros()).clamp(18, 22)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn round_trips_at_both_levels() {
        let text = "role page ".repeat(500);
        for level in [Level::First, Level::Serving, Level::Export] {
            let mut back = String::new();
            flate2::read::GzDecoder::new(&gzip(text.as_bytes(), level)[..])
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, text);
            let mut back = String::new();
            brotli::Decompressor::new(&brotli(text.as_bytes(), level)[..], 4096)
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, text);
            assert!(brotli(text.as_bytes(), level).len() < text.len() / 10);
        }
    }

    #[test]
    fn the_window_holds_the_body() {
        assert_eq!(window(0), 18);
        assert_eq!(window(48_000), 18);
        assert_eq!(window(300_000), 19);
        assert_eq!(window(usize::MAX), 22);
        // A body of a window between the bounds round-trips.
        let text: String = (0..60_000u32).map(|i| format!("{i:x} ")).collect();
        assert_eq!(window(text.len()), 19);
        let mut back = String::new();
        brotli::Decompressor::new(&brotli(text.as_bytes(), Level::First)[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }
}
