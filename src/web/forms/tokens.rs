//! Signed values: CSRF tokens bound to a browser's cookie, and the
//! expiring links mailed to readers. Both are HMAC-SHA256 under the server
//! secret (generated on first run and kept in the database).

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

type HmacSha256 = Hmac<Sha256>;

/// What a mailed link does. The purpose is signed, so a link made for one
/// thing cannot be used for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm a newsletter sign-up (double opt-in).
    Subscribe,
    /// Verify the email of a testimonial or question submission.
    Verify,
    /// Leave the newsletter.
    Unsubscribe,
    /// Delete everything stored under an email address.
    DeleteData,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Subscribe,
        Purpose::Verify,
        Purpose::Unsubscribe,
        Purpose::DeleteData,
    ];

    /// The link's path segment: `/email/{segment}/?t=...`.
    pub fn segment(self) -> &'static str {
        match self {
            Purpose::Subscribe => "subscribe",
            Purpose::Verify => "verify",
            Purpose::Unsubscribe => "unsubscribe",
            Purpose::DeleteData => "delete",
        }
    }

    pub fn from_segment(s: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.segment() == s)
    }

    /// How long a link stays valid.
    pub fn lifetime(self) -> Duration {
        let days = match self {
            Purpose::Subscribe | Purpose::Verify | Purpose::DeleteData => {
                crate::db::retention::UNVERIFIED_DAYS as u64
            }
            Purpose::Unsubscribe => 365,
        };
        Duration::from_secs(days * 86_400)
    }
}

/// Why a link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    /// Not one of ours (or altered).
    Invalid,
    /// Ours, but past its lifetime.
    Expired,
}

/// Signs and checks with the server secret.
pub struct Signer {
    key: Vec<u8>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `n` random bytes from the operating system, as hex.
pub fn random_hex(n: usize) -> Result<String, getrandom::Error> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)?;
    Ok(hex(&buf))
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Subjects are short ASCII words: `t12`, `q3`, `s7`.
fn plain(subject: &str) -> bool {
    !subject.is_empty()
        && subject.len() <= 40
        && subject
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl Signer {
    pub fn new(key: Vec<u8>) -> Signer {
        Signer { key }
    }

    fn mac(&self, parts: &[&str]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length");
        for p in parts {
            mac.update(p.as_bytes());
            mac.update(b"\0");
        }
        mac
    }

    /// The CSRF token of forms shown to the browser holding `cookie`.
    pub fn csrf(&self, cookie: &str) -> String {
        hex(&self.mac(&["csrf", cookie]).finalize().into_bytes()[..16])
    }

    /// True when `token` is the CSRF token of `cookie` (constant time).
    pub fn csrf_ok(&self, cookie: &str, token: &str) -> bool {
        let Some(bytes) = unhex(token) else {
            return false;
        };
        !cookie.is_empty()
            && self
                .mac(&["csrf", cookie])
                .verify_truncated_left(&bytes)
                .is_ok()
    }

    /// The token of forms on pages cached for everyone (the newsletter
    /// sign-up on home, role and article pages): not bound to a browser,
    /// valid on the UTC day it was made and the next.
    pub fn page(&self) -> String {
        self.page_on(now_secs() / 86_400)
    }

    fn page_on(&self, day: u64) -> String {
        hex(&self
            .mac(&["page", &day.to_string()])
            .finalize()
            .into_bytes()[..16])
    }

    /// True for a page token made today or yesterday.
    pub fn page_ok(&self, token: &str) -> bool {
        let today = now_secs() / 86_400;
        [today, today.saturating_sub(1)]
            .iter()
            .any(|d| self.page_on(*d) == token)
    }

    /// A link token for `purpose` on `subject`, valid for the purpose's lifetime.
    pub fn link(&self, purpose: Purpose, subject: &str) -> String {
        self.link_expiring(purpose, subject, now_secs() + purpose.lifetime().as_secs())
    }

    /// As [`Signer::link`], expiring at `expires` (Unix seconds).
    pub fn link_expiring(&self, purpose: Purpose, subject: &str, expires: u64) -> String {
        debug_assert!(plain(subject));
        let exp = expires.to_string();
        let mac = self
            .mac(&["link", purpose.segment(), subject, &exp])
            .finalize()
            .into_bytes();
        format!("{subject}.{exp}.{}", hex(&mac[..16]))
    }

    /// The subject of a valid, unexpired link token for `purpose`.
    pub fn check_link(&self, purpose: Purpose, token: &str) -> Result<String, LinkError> {
        let mut parts = token.split('.');
        let (Some(subject), Some(exp), Some(mac), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(LinkError::Invalid);
        };
        let (Some(mac), Ok(expires)) = (unhex(mac), exp.parse::<u64>()) else {
            return Err(LinkError::Invalid);
        };
        if !plain(subject) || mac.len() != 16 {
            return Err(LinkError::Invalid);
        }
        self.mac(&["link", purpose.segment(), subject, exp])
            .verify_truncated_left(&mac)
            .map_err(|_| LinkError::Invalid)?;
        if expires < now_secs() {
            return Err(LinkError::Expired);
        }
        Ok(subject.to_string())
    }
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 128 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_bound_to_purpose_subject_and_time() {
        let s = Signer::new(b"k".to_vec());
        let t = s.link(Purpose::Verify, "t12");
        assert_eq!(s.check_link(Purpose::Verify, &t), Ok("t12".into()));
        assert_eq!(
            s.check_link(Purpose::DeleteData, &t),
            Err(LinkError::Invalid)
        );
        let forged = t.replacen("t12", "t13", 1);
        assert_eq!(
            s.check_link(Purpose::Verify, &forged),
            Err(LinkError::Invalid)
        );
        let old = s.link_expiring(Purpose::Verify, "t12", now_secs() - 1);
        assert_eq!(s.check_link(Purpose::Verify, &old), Err(LinkError::Expired));
        let other = Signer::new(b"other".to_vec());
        assert_eq!(
            other.check_link(Purpose::Verify, &t),
            Err(LinkError::Invalid)
        );
        assert_eq!(
            s.check_link(Purpose::Verify, "x.y"),
            Err(LinkError::Invalid)
        );
    }

    #[test]
    fn csrf_tokens_are_bound_to_the_cookie() {
        let s = Signer::new(b"k".to_vec());
        let t = s.csrf("abc");
        assert!(s.csrf_ok("abc", &t));
        assert!(!s.csrf_ok("abd", &t));
        assert!(!s.csrf_ok("", &s.csrf("")));
        assert!(!s.csrf_ok("abc", "zz"));
    }
}
