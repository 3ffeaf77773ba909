//! Outgoing mail: composing messages (lettre's builder), and delivering
//! them over SMTP to `CAREERS_SMTP_URL` or, without one, as `.eml` files in
//! an outbox folder. Handlers never send: they queue the composed message
//! in the same transaction as the row it is about (`db::enqueue_mail`),
//! and [`worker`] delivers it, retrying when the server is away.

pub mod worker;

use lettre::address::Envelope;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{SmtpTransport, Transport};
use std::path::{Path, PathBuf};

/// A mail to compose.
#[derive(Debug, Clone)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    /// For newsletter mails: the one-click unsubscribe URL (RFC 8058),
    /// sent as `List-Unsubscribe` and `List-Unsubscribe-Post`.
    pub unsubscribe: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("bad address `{0}`: {1}")]
    Address(String, String),
    #[error("composing a mail: {0}")]
    Compose(String),
    #[error("sending a mail: {0}")]
    Send(String),
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

/// The whole RFC 5322 message for `letter`, from `from`.
pub fn compose(from: &Mailbox, letter: &Letter) -> Result<Vec<u8>, MailError> {
    let to: Mailbox = letter
        .to
        .parse()
        .map_err(|e: lettre::address::AddressError| {
            MailError::Address(letter.to.clone(), e.to_string())
        })?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(letter.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    if let Some(url) = &letter.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    builder
        .body(letter.body.clone())
        .map(|m| m.formatted())
        .map_err(|e| MailError::Compose(e.to_string()))
}

/// Composes `letter` and queues it; call inside the transaction that
/// writes the row the mail is about, and wake the worker after commit.
pub fn queue(
    c: &rusqlite::Connection,
    from: &Mailbox,
    letter: &Letter,
) -> Result<i64, crate::db::DbError> {
    let message = compose(from, letter).map_err(|e| crate::db::DbError::Invalid(e.to_string()))?;
    crate::db::enqueue_mail(c, &letter.to, &message)
}

/// Where mail goes.
pub enum Mailer {
    Smtp(Box<SmtpTransport>),
    /// Each message becomes a file `{n}.eml` in this folder.
    Outbox(PathBuf),
}

impl Mailer {
    /// SMTP to `url` (`smtp://host:port`, `smtps://user:pass@host`, ...)
    /// when given, else the outbox folder (created if missing).
    pub fn new(url: Option<&str>, outbox: &Path) -> Result<Mailer, MailError> {
        match url.filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                let transport = SmtpTransport::from_url(url)
                    .map_err(|e| MailError::Send(format!("CAREERS_SMTP_URL: {e}")))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                tracing::info!(server = %redact(url), "mail goes out over SMTP");
                Ok(Mailer::Smtp(Box::new(transport)))
            }
            None => {
                std::fs::create_dir_all(outbox)
                    .map_err(|e| MailError::Io(format!("creating {}", outbox.display()), e))?;
                tracing::info!(
                    outbox = %outbox.display(),
                    "no CAREERS_SMTP_URL: mail is written to the outbox folder as .eml files"
                );
                Ok(Mailer::Outbox(outbox.to_path_buf()))
            }
        }
    }

    /// Delivers one composed message from `from` to `to`.
    pub fn deliver(
        &self,
        id: i64,
        from: &Mailbox,
        to: &str,
        message: &[u8],
    ) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(t) => {
                let to = to.parse().map_err(|e: lettre::address::AddressError| {
                    MailError::Address(to.to_string(), e.to_string())
                })?;
                let envelope = Envelope::new(Some(from.email.clone()), vec![to])
                    .map_err(|e| MailError::Compose(e.to_string()))?;
                t.send_raw(&envelope, message)
                    .map(|_| ())
                    .map_err(|e| MailError::Send(e.to_string()))
            }
            Mailer::Outbox(dir) => {
                // Written whole beside the final name, then renamed, so a
                // reader of the folder never sees half a message.
                let path = dir.join(format!("{id:08}.eml"));
                let tmp = dir.join(format!(".{id:08}.eml.tmp"));
                std::fs::write(&tmp, message)
                    .and_then(|()| std::fs::rename(&tmp, &path))
                    .map_err(|e| MailError::Io(format!("writing {}", path.display()), e))
            }
        }
    }
}

/// `url` without its password, for the log.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}

/// The sender: `CAREERS_MAIL_FROM`, or `no-reply@` the site's host.
pub fn sender(
    configured: Option<&str>,
    site_title: &str,
    site_url: &str,
) -> Result<Mailbox, MailError> {
    let text = match configured.filter(|s| !s.trim().is_empty()) {
        Some(s) => s.to_string(),
        None => {
            let host = site_url
                .split("://")
                .nth(1)
                .unwrap_or(site_url)
                .split(['/', ':'])
                .next()
                .unwrap_or("localhost");
            let host = if host.contains('.') {
                host.to_string()
            } else {
                format!("{host}.localdomain")
            };
            format!(
                "{} <no-reply@{host}>",
                site_title.replace(['<', '>', '"'], "")
            )
        }
    };
    text.parse()
        .map_err(|e: lettre::address::AddressError| MailError::Address(text.clone(), e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsletter_mail_has_list_unsubscribe() {
        let from = sender(None, "Guide", "https://guide.example/").unwrap();
        let raw = compose(
            &from,
            &Letter {
                to: "reader@example.org".into(),
                subject: "Confirm".into(),
                body: "Hello".into(),
                unsubscribe: Some("https://guide.example/email/unsubscribe/?t=abc".into()),
            },
        )
        .unwrap();
        let text = String::from_utf8(raw).unwrap();
        assert!(
            text.contains("List-Unsubscribe: <https://guide.example/email/unsubscribe/?t=abc>"),
            "{text}"
        );
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(
            text.contains("From: Guide <no-reply@guide.example>"),
            "{text}"
        );
    }

    #[test]
    fn passwords_stay_out_of_the_log() {
        assert_eq!(
            redact("smtps://me:secret@mail.example:465"),
            "smtps://…@mail.example:465"
        );
        assert_eq!(redact("smtp://127.0.0.1:25"), "smtp://127.0.0.1:25");
    }
}
