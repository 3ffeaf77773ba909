//! Where log lines go: a buffer that a thread of its own writes out in
//! batches, so a request thread only copies its line in and a busy server
//! makes a few writes a second rather than one per line. The thread sleeps
//! until a line arrives and writes it at once, unless it wrote less than
//! [`WINDOW`] ago: then lines are coming fast, and it gathers them for that
//! window (less once [`EARLY`] bytes are waiting) and writes them
//! together. So a quiet program's lines are out as they are logged (a
//! command's log lines stay in order with what it prints), and a busy
//! server's within about the window. Never lossy: past [`LIMIT`] bytes
//! waiting, a thread that logs waits for the writer. Dropping the
//! [`Guard`] writes what is left; a line logged after that is written at
//! once.
//!
//! This replaces `tracing-appender`'s non-blocking writer, which sent each
//! line through a channel as an allocation of its own and woke its thread
//! for nearly every line at the rate of a busy server.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tracing_subscriber::fmt::MakeWriter;

/// How long the writer gathers lines before writing them, when it wrote
/// less than this long ago.
pub const WINDOW: Duration = Duration::from_millis(20);

/// Bytes waiting that wake the writer before its window ends.
const EARLY: usize = 64 * 1024;

/// Bytes waiting past which a thread that logs waits.
const LIMIT: usize = 1024 * 1024;

/// The buffer and the writer's state.
#[derive(Default)]
struct State {
    lines: Vec<u8>,
    /// The writer waits for a first line (and must be woken for one).
    idle: bool,
    /// The guard was dropped: the writer writes what is left and ends.
    closed: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Wakes the writer.
    wake: Condvar,
    /// Wakes threads waiting for room.
    room: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The writer `tracing` is given (`MakeWriter`): cheap to clone.
#[derive(Clone)]
pub struct Lines(Arc<Shared>);

/// Keeps the writing thread; dropping it writes out what is waiting.
pub struct Guard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// Starts the thread that writes lines to `out`.
pub fn start(out: impl Write + Send + 'static) -> std::io::Result<(Lines, Guard)> {
    start_with(out, WINDOW)
}

/// [`start`] with another window (tests).
fn start_with(
    out: impl Write + Send + 'static,
    window: Duration,
) -> std::io::Result<(Lines, Guard)> {
    let shared = Arc::new(Shared::default());
    let theirs = shared.clone();
    let thread = std::thread::Builder::new()
        .name("log".into())
        .spawn(move || write_batches(&theirs, out, window))?;
    Ok((
        Lines(shared.clone()),
        Guard {
            shared,
            thread: Some(thread),
        },
    ))
}

/// The writing thread's loop.
fn write_batches(shared: &Shared, mut out: impl Write, window: Duration) {
    let mut batch = Vec::new();
    let mut wrote: Option<Instant> = None;
    loop {
        let mut state = shared.lock();
        while state.lines.is_empty() && !state.closed {
            state.idle = true;
            state = shared.wake.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.idle = false;
        if state.lines.is_empty() {
            return; // closed, and nothing is left
        }
        let busy = wrote.is_some_and(|t| t.elapsed() < window);
        if busy && !state.closed && state.lines.len() < EARLY {
            state = shared
                .wake
                .wait_timeout_while(state, window, |s| !s.closed && s.lines.len() < EARLY)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        std::mem::swap(&mut state.lines, &mut batch);
        drop(state);
        shared.room.notify_all();
        // A failed write loses the batch, as a failed write to stdout
        // would; there is nowhere better to report it.
        let _ = out.write_all(&batch).and_then(|()| out.flush());
        batch.clear();
        wrote = Some(Instant::now());
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_one();
        self.shared.room.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut state = self.0.lock();
        while state.lines.len() >= LIMIT && !state.closed {
            state = self.0.room.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        if state.closed {
            drop(state);
            return std::io::stdout().write(bytes);
        }
        let before = state.lines.len();
        state.lines.extend_from_slice(bytes);
        // Woken once: for a first line while it sleeps, or as the waiting
        // lines pass EARLY (not again for every line after: each wake is a
        // system call).
        let crossed = before < EARLY && state.lines.len() >= EARLY;
        let wake = (state.idle && !state.lines.is_empty()) || crossed;
        if wake {
            state.idle = false;
        }
        drop(state);
        if wake {
            self.0.wake.notify_one();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Lines {
    type Writer = Lines;

    fn make_writer(&'a self) -> Lines {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Memory;
    use super::*;

    #[test]
    fn lines_are_written_in_batches_soon_and_all_at_the_end() {
        let out = Memory::default();
        let (lines, guard) = start(out.clone()).unwrap();
        let mut w = lines.make_writer();
        for i in 0..1000 {
            writeln!(w, "line {i}").unwrap();
        }
        let started = Instant::now();
        while out.bytes().is_empty() {
            assert!(started.elapsed() < Duration::from_secs(5), "written soon");
            std::thread::sleep(Duration::from_millis(1));
        }
        let writes = out.writes();
        assert!(
            writes < 10,
            "a thousand lines in a few writes, not {writes}"
        );
        writeln!(w, "last").unwrap();
        drop(guard);
        let text = String::from_utf8(out.bytes()).unwrap();
        let expected: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        assert_eq!(text, expected + "last\n", "every line, in order");
    }

    #[test]
    fn a_line_after_a_quiet_spell_is_written_at_once() {
        // A window far longer than the wait below: a line gathered for it
        // would not be out in time.
        let window = Duration::from_secs(30);
        let out = Memory::default();
        let (lines, guard) = start_with(out.clone(), window).unwrap();
        let mut w = lines.make_writer();
        let started = Instant::now();
        writeln!(w, "alone").unwrap();
        while out.bytes().is_empty() {
            assert!(started.elapsed() < window / 3, "written at once");
            std::thread::sleep(Duration::from_millis(1));
        }
        // Right after a write, lines are gathered; closing writes them.
        writeln!(w, "gathered").unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(out.bytes(), b"alone\n", "still gathered");
        drop(guard);
        assert_eq!(out.bytes(), b"alone\ngathered\n");
    }

    #[test]
    fn a_full_buffer_makes_the_logger_wait_and_loses_nothing() {
        let out = Memory::default();
        let (lines, guard) = start(out.clone()).unwrap();
        let line = vec![b'x'; 1000];
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let mut w = lines.clone();
                let line = line.clone();
                std::thread::spawn(move || {
                    for _ in 0..2000 {
                        w.write_all(&line).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        drop(guard);
        assert_eq!(out.bytes().len(), 4 * 2000 * 1000);
    }
}
