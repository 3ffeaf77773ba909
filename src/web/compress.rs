//! Compressing whole bodies, at one of two levels: [`Level::Serving`] for
//! the page cache, where a miss is compressed while a visitor waits (and a
//! flood of misses must stay cheap), and [`Level::Export`] for the static
//! export, which is compressed once and served many times.

use std::io::Write;

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// gzip 6 and brotli 5: a few times faster than the export levels, for
    /// a few percent more bytes.
    Serving,
    /// gzip 9 and brotli 11: the smallest files.
    Export,
}

impl Level {
    fn gzip(self) -> u32 {
        match self {
            Level::Serving => 6,
            Level::Export => 9,
        }
    }

    fn brotli(self) -> u32 {
        match self {
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

/// Brotli at `level`, with a 4 MiB window (`lgwin` 22).
pub fn brotli(data: &[u8], level: Level) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 4);
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, level.brotli(), 22);
        enc.write_all(data).expect("writing to memory cannot fail");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn round_trips_at_both_levels() {
        let text = "role page ".repeat(500);
        for level in [Level::Serving, Level::Export] {
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
}
