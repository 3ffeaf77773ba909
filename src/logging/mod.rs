//! Logging for every command: `tracing` events written to stdout as text
//! (coloured only when stdout is a terminal and `NO_COLOR` is unset) or, with
//! `CAREERS_LOG_FORMAT=json`, as one JSON object a line. `CAREERS_LOG` is the
//! filter (`info` by default; `warn` drops the per-request lines, which have
//! the target `access`; see `web::access_log`). Lines without colour are
//! formatted by [`line`], and every line is written by [`batch`]'s thread.

mod batch;
mod line;

pub use batch::Guard;

use std::io::IsTerminal;
use std::os::fd::AsFd;
use tracing::Subscriber;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line of text per event, for people.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Text, Format::Json];

    /// The value of `CAREERS_LOG_FORMAT` that selects this format.
    pub fn key(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
        }
    }

    /// Reads a `CAREERS_LOG_FORMAT` value.
    pub fn parse(value: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.key() == value.trim())
            .ok_or_else(|| {
                let keys: Vec<&str> = Format::ALL.iter().map(|f| f.key()).collect();
                format!(
                    "CAREERS_LOG_FORMAT={value:?} is not a log format; use one of: {}",
                    keys.join(", ")
                )
            })
    }
}

/// Installs the logger from `CAREERS_LOG` and `CAREERS_LOG_FORMAT`; an
/// invalid value of either is an error naming it. The guard it returns
/// writes out the lines still queued when it is dropped: keep it until the
/// program ends.
pub fn init() -> Result<Guard, String> {
    let format = match std::env::var("CAREERS_LOG_FORMAT") {
        Ok(v) => Format::parse(&v)?,
        Err(_) => Format::Text,
    };
    let filter = match std::env::var("CAREERS_LOG") {
        Ok(v) => EnvFilter::try_new(&v).map_err(|e| format!("CAREERS_LOG={v:?}: {e}"))?,
        Err(_) => EnvFilter::new("info"),
    };
    let ansi = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Lines are written by a thread of their own, in batches (see `batch`):
    // a request thread only formats its line and copies it in.
    let stdout = std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| format!("cannot write the log to stdout: {e}"))?;
    let (writer, guard) = batch::start(std::fs::File::from(stdout))
        .map_err(|e| format!("cannot start the log writer: {e}"))?;
    tracing::subscriber::set_global_default(subscriber(format, ansi, filter, writer))
        .map_err(|e| format!("cannot install the logger: {e}"))?;
    Ok(guard)
}

/// The subscriber [`init`] installs, writing to `writer` (tests give a buffer).
pub fn subscriber<W>(
    format: Format,
    ansi: bool,
    filter: EnvFilter,
    writer: W,
) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        Format::Text if ansi => Box::new(builder.with_ansi(true).finish()),
        Format::Text => Box::new(builder.with_ansi(false).event_format(line::Line).finish()),
        Format::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(false)
                .with_span_list(false)
                .finish(),
        ),
    }
}

/// An output the unit tests read while a writer holds it: the bytes
/// written and how many writes made them.
#[cfg(test)]
#[derive(Clone, Default)]
struct Memory(std::sync::Arc<std::sync::Mutex<(Vec<u8>, usize)>>);

#[cfg(test)]
impl Memory {
    fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().0.clone()
    }

    fn writes(&self) -> usize {
        self.0.lock().unwrap().1
    }
}

#[cfg(test)]
impl std::io::Write for Memory {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let mut out = self.0.lock().unwrap();
        out.0.extend_from_slice(b);
        out.1 += 1;
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_their_keys_only() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.key()), Ok(f));
        }
        let err = Format::parse("yaml").unwrap_err();
        assert!(err.contains("text, json"), "{err}");
    }
}
