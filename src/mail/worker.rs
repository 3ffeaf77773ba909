//! The mail worker: one thread that delivers queued mail (and, hourly,
//! deletes rows past their retention), woken when a
//! handler queues one and every few seconds for retries. A message is
//! removed from the queue only after delivery succeeded (at least once:
//! a crash between the two sends it again).

use super::Mailer;
use crate::db;
use lettre::message::Mailbox;
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the worker looks for mail due for a retry.
const POLL: Duration = Duration::from_secs(5);

/// How often expired rows are deleted (`db::purge_expired`).
const PURGE_EVERY: Duration = Duration::from_secs(3600);

fn purge(pool: &db::Pool) {
    match pool
        .get()
        .map_err(db::DbError::from)
        .and_then(|c| db::purge_expired(&c))
    {
        Ok(0) => {}
        Ok(n) => tracing::info!(rows = n, "deleted rows past their retention"),
        Err(e) => tracing::warn!(error = %e, "applying retention failed"),
    }
}

/// Wakes the worker; dropping the last one stops it and waits for it to
/// finish what it is doing (a delivery, the retention rules), so no
/// connection of the worker's outlives the state that started it: a test
/// or a command that drops the state may then change the file.
#[derive(Clone)]
pub struct MailWorker(Arc<Running>);

/// The worker's thread and the way to wake it.
struct Running {
    wake: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        // The thread ends when it finds the channel closed.
        drop(self.wake.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl MailWorker {
    /// Starts the worker thread.
    pub fn start(pool: db::Pool, mailer: Mailer, from: Mailbox) -> std::io::Result<MailWorker> {
        let (wake, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("mail".into())
            .spawn(move || {
                let mut purged: Option<std::time::Instant> = None;
                loop {
                    // The same thread applies the retention rules, hourly.
                    if purged.is_none_or(|t| t.elapsed() >= PURGE_EVERY) {
                        purge(&pool);
                        purged = Some(std::time::Instant::now());
                    }
                    deliver_due(&pool, &mailer, &from);
                    match rx.recv_timeout(POLL) {
                        Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {
                            while rx.try_recv().is_ok() {}
                        }
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                }
            })?;
        Ok(MailWorker(Arc::new(Running {
            wake: Some(wake),
            thread: Some(thread),
        })))
    }

    /// Asks the worker to look at the queue now.
    pub fn wake(&self) {
        if let Some(wake) = &self.0.wake {
            let _ = wake.send(());
        }
    }
}

/// Delivers every message that is due; failures are retried later with a
/// growing delay (30 s, 1 min, 2 min, ... at most an hour).
fn deliver_due(pool: &db::Pool, mailer: &Mailer, from: &Mailbox) {
    let conn = match pool.get() {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "mail worker: no database connection");
            return;
        }
    };
    loop {
        let due = match db::due_mail(&conn, 20) {
            Ok(d) if d.is_empty() => return,
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "mail worker: cannot read the queue");
                return;
            }
        };
        for mail in due {
            let result = match mailer.deliver(mail.id, from, &mail.recipient, &mail.message) {
                Ok(()) => {
                    tracing::info!(id = mail.id, "mail delivered");
                    db::mail_sent(&conn, mail.id)
                }
                Err(e) => {
                    let retry = (30i64 << mail.attempts.clamp(0, 7)).min(3600);
                    tracing::warn!(id = mail.id, error = %e, retry_secs = retry, "mail not delivered");
                    db::mail_failed(&conn, mail.id, &e.to_string(), retry)
                }
            };
            if let Err(e) = result {
                tracing::warn!(error = %e, "mail worker: cannot update the queue");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Threads of this process named `mail`.
    fn mail_threads() -> usize {
        std::fs::read_dir("/proc/self/task")
            .map(|tasks| {
                tasks
                    .flatten()
                    .filter(|t| {
                        std::fs::read_to_string(t.path().join("comm"))
                            .is_ok_and(|name| name.trim() == "mail")
                    })
                    .count()
            })
            .unwrap_or(0)
    }

    #[test]
    fn dropping_the_last_handle_waits_for_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let pool = db::open(&dir.path().join("db.sqlite3")).unwrap();
        let mailer = Mailer::new(None, &dir.path().join("outbox")).unwrap();
        let from: Mailbox = "Guide <guide@example.org>".parse().unwrap();
        let before = mail_threads();
        let worker = MailWorker::start(pool, mailer, from).unwrap();
        let other = worker.clone();
        assert_eq!(mail_threads(), before + 1);
        drop(worker);
        assert_eq!(mail_threads(), before + 1, "a handle is left");
        other.wake();
        drop(other);
        assert_eq!(mail_threads(), before, "gone once the last handle is");
    }
}
