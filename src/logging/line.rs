//! The text line of an event, as `tracing-subscriber`'s default format
//! without colour writes it (`2026-12-04T18:51:13.378990Z  INFO access:
//! request method=GET status=200`), made with less work: the date and time
//! of day are formatted once a second per thread, the level is a constant,
//! and integers and strings are written without going through `Debug`. The
//! access log writes a line per request, and the library's formatter was
//! about a tenth of serving a cached page.

use std::cell::Cell;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// The formatter (see the module's documentation).
pub struct Line;

impl<S, N> FormatEvent<S, N> for Line
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut w: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        w.write_str(std::str::from_utf8(&stamp(now.as_secs())).unwrap_or_default())?;
        write!(w, ".{:06}Z ", now.subsec_micros())?;
        let meta = event.metadata();
        w.write_str(level(*meta.level()))?;
        w.write_char(' ')?;
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                w.write_str(span.name())?;
                w.write_char(':')?;
            }
            w.write_char(' ')?;
        }
        w.write_str(meta.target())?;
        w.write_str(": ")?;
        let mut fields = Fields {
            w: &mut w,
            first: true,
            result: Ok(()),
        };
        event.record(&mut fields);
        fields.result?;
        w.write_char('\n')
    }
}

/// A level as the default format pads it.
fn level(level: Level) -> &'static str {
    match level {
        Level::TRACE => "TRACE",
        Level::DEBUG => "DEBUG",
        Level::INFO => " INFO",
        Level::WARN => " WARN",
        Level::ERROR => "ERROR",
    }
}

thread_local! {
    /// The last second formatted on this thread, and its text.
    static STAMP: Cell<(u64, [u8; 19])> = const { Cell::new((u64::MAX, [0; 19])) };
}

/// `YYYY-MM-DDTHH:MM:SS` in UTC of a Unix time in seconds.
fn stamp(secs: u64) -> [u8; 19] {
    let (last, text) = STAMP.get();
    if last == secs {
        return text;
    }
    let text = format_second(secs);
    STAMP.set((secs, text));
    text
}

/// The text of one second (see [`stamp`]).
fn format_second(secs: u64) -> [u8; 19] {
    let t = time::OffsetDateTime::from_unix_timestamp(secs as i64)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    let mut out = [b'0'; 19];
    let n = text.len().min(19);
    out[..n].copy_from_slice(&text.as_bytes()[..n]);
    out
}

/// Writes an event's fields: the message first as it is, then
/// `name=value` for each other field, separated by spaces.
struct Fields<'a, 'w> {
    w: &'a mut Writer<'w>,
    first: bool,
    result: fmt::Result,
}

impl Fields<'_, '_> {
    /// Writes one field with `value`, unless an earlier write failed.
    fn field(&mut self, field: &Field, value: impl FnOnce(&mut Writer<'_>) -> fmt::Result) {
        let name = field.name();
        if self.result.is_err() || name.starts_with("log.") {
            return;
        }
        let w = &mut *self.w;
        self.result = (|| {
            if !std::mem::take(&mut self.first) {
                w.write_char(' ')?;
            }
            if name != "message" {
                w.write_str(name.strip_prefix("r#").unwrap_or(name))?;
                w.write_char('=')?;
            }
            value(w)
        })();
    }
}

impl Visit for Fields<'_, '_> {
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.field(field, |w| write!(w, "{value}"));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.field(field, |w| write!(w, "{value}"));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.field(field, |w| w.write_str(if value { "true" } else { "false" }));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.field(field, |w| w.write_str(value));
        } else {
            self.field(field, |w| write!(w, "{value:?}"));
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.field(field, |w| write!(w, "{value:?}"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::Memory;
    use super::*;
    /// The lines `log` writes through the library's formatter without
    /// colour and through [`Line`], each without its time.
    fn both(log: impl Fn()) -> (String, String) {
        let (theirs, ours) = (Memory::default(), Memory::default());
        let writer = |b: &Memory| {
            let b = b.clone();
            move || b.clone()
        };
        let library = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(writer(&theirs))
            .finish();
        tracing::subscriber::with_default(library, &log);
        let line = tracing_subscriber::fmt()
            .with_ansi(false)
            .event_format(Line)
            .with_writer(writer(&ours))
            .finish();
        tracing::subscriber::with_default(line, &log);
        let untimed = |b: &Memory| {
            let text = String::from_utf8(b.bytes()).unwrap();
            text.lines()
                .map(|l| l.split_once(' ').map_or(l, |(_, rest)| rest).to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        (untimed(&theirs), untimed(&ours))
    }

    #[test]
    fn lines_are_laid_out_as_the_library_lays_them_out() {
        let (theirs, ours) = both(|| {
            tracing::info!(target: "access", method = %"GET", uri = %"/a b", status = 200u16, micros = 12u64, "request");
            tracing::warn!(
                name = "quoted",
                ok = true,
                n = -3i64,
                "a {} message",
                "formatted"
            );
            tracing::error!("alone");
        });
        assert_eq!(ours, theirs);
        assert!(
            ours.starts_with(" INFO access: request method=GET uri=/a b status=200"),
            "{ours}"
        );
    }

    #[test]
    fn a_second_is_formatted_in_utc() {
        assert_eq!(&format_second(0), b"1970-01-01T00:00:00");
        assert_eq!(&format_second(1_796_410_273), b"2026-12-04T18:51:13");
        assert_eq!(&stamp(1_796_410_273), b"2026-12-04T18:51:13");
        assert_eq!(&stamp(1_796_410_274), b"2026-12-04T18:51:14");
        assert_eq!(&stamp(1_796_410_273), b"2026-12-04T18:51:13");
    }
}
