//! Rate limits (governor's GCRA), in memory only: form submissions per
//! client and for the whole site, and login attempts per client and per
//! user name. Keys are client addresses and user names; they are never
//! written anywhere and are forgotten once their limit has refilled.

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DashMapStateStore;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

type Keyed = RateLimiter<String, DashMapStateStore<String>, DefaultClock>;
type Direct = RateLimiter<NotKeyed, InMemoryState, DefaultClock>;

/// Login attempts one client may make in a burst, then one per `LOGIN_PERIOD`.
pub const LOGIN_BURST: u32 = 10;
/// Login attempts one user name may receive in a burst, then one per `LOGIN_PERIOD`.
pub const LOGIN_USER_BURST: u32 = 5;
pub const LOGIN_PERIOD: Duration = Duration::from_secs(60);

pub struct Limits {
    per_client: Keyed,
    overall: Direct,
    login_client: Keyed,
    login_user: Keyed,
    checks: AtomicU64,
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

impl Limits {
    /// `per_minute` submissions per client (as a burst, refilling evenly
    /// over the minute) and `per_second` for the whole site.
    pub fn new(per_minute: u32, per_second: u32) -> Limits {
        let login = |burst| {
            Quota::with_period(LOGIN_PERIOD)
                .expect("non-zero period")
                .allow_burst(nz(burst))
        };
        Limits {
            per_client: RateLimiter::dashmap(Quota::per_minute(nz(per_minute))),
            overall: RateLimiter::direct(Quota::per_second(nz(per_second))),
            login_client: RateLimiter::dashmap(login(LOGIN_BURST)),
            login_user: RateLimiter::dashmap(login(LOGIN_USER_BURST)),
            checks: AtomicU64::new(0),
        }
    }

    /// Drops the keys whose limits have refilled, every few thousand checks.
    fn tidy(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
            for l in [&self.per_client, &self.login_client, &self.login_user] {
                l.retain_recent();
                l.shrink_to_fit();
            }
        }
    }

    /// One form submission from `client`: `Err(wait)` when over a limit.
    pub fn submission(&self, client: &str) -> Result<(), Duration> {
        self.tidy();
        let now = DefaultClock::default().now();
        self.per_client
            .check_key(&client.to_string())
            .map_err(|n| n.wait_time_from(now))?;
        self.overall.check().map_err(|n| n.wait_time_from(now))
    }

    /// One login attempt from `client` for `username`.
    pub fn login(&self, client: &str, username: &str) -> Result<(), Duration> {
        self.tidy();
        let now = DefaultClock::default().now();
        self.login_client
            .check_key(&client.to_string())
            .map_err(|n| n.wait_time_from(now))?;
        self.login_user
            .check_key(&username.to_lowercase())
            .map_err(|n| n.wait_time_from(now))
    }
}

/// Whole seconds to wait, at least one: the value of `Retry-After`.
pub fn retry_after(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0).max(u64::from(wait.as_secs() == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_over_its_limit_waits_others_do_not() {
        let l = Limits::new(2, 100);
        assert!(l.submission("a").is_ok());
        assert!(l.submission("a").is_ok());
        let wait = l.submission("a").unwrap_err();
        assert!(
            wait > Duration::from_secs(20) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        assert!(l.submission("b").is_ok());
        assert_eq!(retry_after(Duration::from_millis(10)), 1);
        assert_eq!(retry_after(Duration::from_secs(3)), 3);
    }

    #[test]
    fn the_site_limit_holds_across_clients() {
        let l = Limits::new(100, 2);
        assert!(l.submission("a").is_ok());
        assert!(l.submission("b").is_ok());
        assert!(l.submission("c").is_err());
    }
}
