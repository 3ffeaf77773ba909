//! The store behind the page cache: entries by key, what each holds as
//! counted against the bound, CLOCK eviction, and the single-flight turns
//! of concurrent misses.

use super::Coding;
use crate::content::date::Date;
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::web::Bytes;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use tokio::sync::watch;

/// The most bytes the cache holds (keys, headers, every encoding and
/// [`ENTRY_OVERHEAD`] per entry); past that, entries are evicted.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Bytes counted for each entry besides its key, headers and bodies: the
/// entry itself, its slots in the map and the eviction queue, allocator
/// rounding.
pub const ENTRY_OVERHEAD: usize = 256;

/// Bytes counted for the headers the middleware stack adds to an entry's
/// own (security headers), kept in [`Entry::outer`].
const OUTER_HEADERS: usize = 512;

/// Bytes counted for each header besides its name and value.
const HEADER_OVERHEAD: usize = 48;

/// What makes a cached page stale when it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation {
    pub site: u64,
    pub writes: u64,
    pub day: Date,
}

impl Generation {
    /// True when `later` was made after this one (each part only grows).
    fn is_before(self, later: Generation) -> bool {
        self != later
            && self.site <= later.site
            && self.writes <= later.writes
            && self.day <= later.day
    }
}

/// One cached response: the page, and the compressed copies asked for so
/// far (each made when first asked for, by `super::copies`).
pub(super) struct Entry {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) etag: String,
    pub(super) identity: Bytes,
    pub(super) gzip: Option<Bytes>,
    pub(super) brotli: Option<Bytes>,
    /// The headers of this page as it last left the whole middleware
    /// stack (security headers included, its encoding left out), once a
    /// hit has gone through it: from then on [`super::fast`] answers hits
    /// with them, ahead of the stack.
    pub(super) outer: OnceLock<HeaderMap>,
    /// Everything this entry holds, as counted against the bound.
    pub(super) size: usize,
    /// Served since the eviction hand last passed it.
    pub(super) visited: AtomicBool,
}

impl Entry {
    /// The page alone, with no compressed copy yet.
    pub(super) fn new(
        key: &str,
        status: StatusCode,
        headers: HeaderMap,
        etag: String,
        identity: Bytes,
    ) -> Entry {
        let header_bytes: usize = headers
            .iter()
            .map(|(n, v)| n.as_str().len() + v.len() + HEADER_OVERHEAD)
            .sum();
        // The outer headers are the same headers and the stack's few more.
        let size = key.len()
            + 2 * header_bytes
            + OUTER_HEADERS
            + etag.len()
            + identity.len()
            + ENTRY_OVERHEAD;
        Entry {
            status,
            headers,
            etag,
            identity,
            gzip: None,
            brotli: None,
            outer: OnceLock::new(),
            size,
            visited: AtomicBool::new(false),
        }
    }

    /// The body in `coding`, unless that copy is not made yet.
    pub(super) fn body(&self, coding: Coding) -> Option<&Bytes> {
        match coding {
            Coding::Identity => Some(&self.identity),
            Coding::Gzip => self.gzip.as_ref(),
            Coding::Brotli => self.brotli.as_ref(),
        }
    }

    /// This entry with `copy` as its body in `coding` (a compressed one).
    pub(super) fn with_copy(&self, coding: Coding, copy: Bytes) -> Entry {
        let mut entry = Entry {
            status: self.status,
            headers: self.headers.clone(),
            etag: self.etag.clone(),
            identity: self.identity.clone(),
            gzip: self.gzip.clone(),
            brotli: self.brotli.clone(),
            outer: self.outer.clone(),
            size: self.size,
            visited: AtomicBool::new(self.visited.load(Ordering::Relaxed)),
        };
        let slot = match coding {
            Coding::Gzip => &mut entry.gzip,
            Coding::Brotli => &mut entry.brotli,
            Coding::Identity => return entry,
        };
        let added = copy.len();
        let replaced = slot.replace(copy).map_or(0, |b| b.len());
        entry.size = entry.size + added - replaced;
        entry
    }
}

struct Inner {
    generation: Option<Generation>,
    /// Keys are shared with `order` (one allocation each).
    entries: HashMap<Arc<str>, Arc<Entry>>,
    /// Keys, oldest first: the eviction hand's round.
    order: VecDeque<Arc<str>>,
    bytes: usize,
}

/// URLs being rendered now, each with a receiver that wakes when its
/// leader is done (the sender is dropped).
type InFlight = Arc<Mutex<HashMap<String, watch::Receiver<()>>>>;

/// Shared by all workers of one app.
pub struct PageCache {
    inner: RwLock<Inner>,
    in_flight: InFlight,
    renders: AtomicU64,
    fast_hits: AtomicU64,
    /// Misses whose compressed copies are being made after their answer.
    background: Arc<AtomicUsize>,
    limit: usize,
}

/// The most misses finishing their copies after their answer at once.
const MAX_BACKGROUND: usize = 4;

/// One of the [`MAX_BACKGROUND`] places; dropping it frees it.
pub(super) struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache::with_limit(MAX_BYTES)
    }
}

/// The request that renders a URL while others wait; dropping it (done,
/// failed or cancelled) wakes them.
pub(super) struct Leader {
    in_flight: InFlight,
    key: String,
    _done: watch::Sender<()>,
}

impl Drop for Leader {
    fn drop(&mut self) {
        self.in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.key);
    }
}

pub(super) enum Turn {
    Lead(Leader),
    Wait(watch::Receiver<()>),
}

impl PageCache {
    /// A cache holding at most `limit` bytes (see [`MAX_BYTES`]).
    pub fn with_limit(limit: usize) -> PageCache {
        PageCache {
            inner: RwLock::new(Inner {
                generation: None,
                entries: HashMap::new(),
                order: VecDeque::new(),
                bytes: 0,
            }),
            in_flight: Arc::default(),
            renders: AtomicU64::new(0),
            fast_hits: AtomicU64::new(0),
            background: Arc::default(),
            limit,
        }
    }

    pub(super) fn get(&self, key: &str, generation: Generation) -> Option<Arc<Entry>> {
        self.with(key, generation, |entry| Some(entry.clone()))
    }

    /// What `answer` makes of the fresh entry for `key`, read in place
    /// (for the fast path: no count of the entry's owners is moved).
    pub(super) fn with<R>(
        &self,
        key: &str,
        generation: Generation,
        answer: impl FnOnce(&Arc<Entry>) -> Option<R>,
    ) -> Option<R> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        if inner.generation != Some(generation) {
            return None;
        }
        let entry = inner.entries.get(key)?;
        // Read first: a store on every hit would move the entry's cache
        // line between the workers' cores even when nothing changes.
        if !entry.visited.load(Ordering::Relaxed) {
            entry.visited.store(true, Ordering::Relaxed);
        }
        answer(entry)
    }

    pub(super) fn put(&self, key: &str, generation: Generation, entry: Arc<Entry>) {
        if entry.size > self.limit {
            return;
        }
        let mut guard = self.inner.write().unwrap_or_else(|e| e.into_inner());
        let inner = &mut *guard;
        // A page finished after newer ones were stored is already stale.
        if inner
            .generation
            .is_some_and(|now| generation.is_before(now))
        {
            return;
        }
        if inner.generation != Some(generation) {
            inner.generation = Some(generation);
            inner.entries.clear();
            inner.order.clear();
            inner.bytes = 0;
        }
        if let Some(old) = inner.entries.remove(key) {
            inner.bytes -= old.size;
            inner.order.retain(|k| &**k != key);
        }
        // Each entry is passed over at most once (its mark cleared), so
        // this ends within two rounds of the queue.
        while inner.bytes + entry.size > self.limit {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            let Some(e) = inner.entries.get(&oldest) else {
                continue;
            };
            if e.visited.swap(false, Ordering::Relaxed) {
                inner.order.push_back(oldest);
            } else if let Some(e) = inner.entries.remove(&oldest) {
                inner.bytes -= e.size;
            }
        }
        let key: Arc<str> = Arc::from(key);
        inner.bytes += entry.size;
        inner.order.push_back(key.clone());
        inner.entries.insert(key, entry);
    }

    /// Lead the rendering of `key`, or wait for the request that does.
    pub(super) fn turn(&self, key: &str) -> Turn {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(done) = in_flight.get(key) {
            return Turn::Wait(done.clone());
        }
        let (tx, rx) = watch::channel(());
        in_flight.insert(key.to_string(), rx);
        Turn::Lead(Leader {
            in_flight: self.in_flight.clone(),
            key: key.to_string(),
            _done: tx,
        })
    }

    /// A place to finish a miss after its answer, unless
    /// [`MAX_BACKGROUND`] are taken.
    pub(super) fn background_slot(&self) -> Option<Slot> {
        self.background
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_BACKGROUND).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(self.background.clone()))
    }

    /// Returns once no URL is being rendered or finished: every answer
    /// given so far is stored (or turned out not cacheable). For tests.
    pub async fn settled(&self) {
        loop {
            let waiting: Vec<_> = self
                .in_flight
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .values()
                .cloned()
                .collect();
            if waiting.is_empty() {
                return;
            }
            for mut done in waiting {
                let _ = done.changed().await;
            }
        }
    }

    pub(super) fn count_fast_hit(&self) {
        self.fast_hits.fetch_add(1, Ordering::Relaxed);
    }

    /// How many hits were answered ahead of the middleware stack.
    pub fn fast_hits(&self) -> u64 {
        self.fast_hits.load(Ordering::Relaxed)
    }

    /// Counts a response rendered because the cache could not answer.
    pub(super) fn count_render(&self) {
        self.renders.fetch_add(1, Ordering::Relaxed);
    }

    /// Responses rendered because the cache could not answer, for tests.
    pub fn renders(&self) -> u64 {
        self.renders.load(Ordering::Relaxed)
    }

    /// Entries and bytes held now, for tests and logs.
    pub fn stats(&self) -> (usize, usize) {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        (inner.entries.len(), inner.bytes)
    }

    /// The bound in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// True when `key` (path and query string) is held now.
    pub fn holds(&self, key: &str) -> bool {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner.entries.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{self, HeaderValue};

    fn generation() -> Generation {
        Generation {
            site: 0,
            writes: 0,
            day: Date::today(),
        }
    }

    fn entry(key: &str, body: usize) -> Arc<Entry> {
        let mut headers = HeaderMap::new();
        headers.insert(header::ETAG, HeaderValue::from_static("W/\"x\""));
        let body = Bytes::from(vec![b'x'; body]);
        let page = Entry::new(key, StatusCode::OK, headers, "W/\"x\"".into(), body.clone());
        Arc::new(
            page.with_copy(Coding::Gzip, body.clone())
                .with_copy(Coding::Brotli, body),
        )
    }

    #[test]
    fn the_bound_counts_keys_headers_and_every_copy() {
        let key = format!("/search?q={}", "k".repeat(1000));
        let e = entry(&key, 10);
        let headers = "etag".len() + "W/\"x\"".len() + HEADER_OVERHEAD;
        assert_eq!(
            e.size,
            key.len() + 2 * headers + OUTER_HEADERS + "W/\"x\"".len() + 3 * 10 + ENTRY_OVERHEAD,
            "the outer headers count as the entry's own and the stack's few more"
        );
        let cache = PageCache::with_limit(20 * e.size);
        for n in 0..1000 {
            let key = format!("/search?q={n:04}{}", "k".repeat(996));
            cache.put(&key, generation(), entry(&key, 10));
            let (_, bytes) = cache.stats();
            assert!(bytes <= cache.limit(), "{bytes} bytes after {n} entries");
        }
        let (entries, bytes) = cache.stats();
        assert_eq!(
            entries, 20,
            "keys count: 20 entries of 1 KB keys fill 20 KB"
        );
        assert!(bytes <= cache.limit());
    }

    #[test]
    fn pages_read_since_the_last_round_stay_while_one_offs_go() {
        let one = entry("/roles/a/", 1000).size;
        let cache = PageCache::with_limit(10 * one);
        cache.put("/roles/a/", generation(), entry("/roles/a/", 1000));
        for n in 0..100 {
            assert!(cache.get("/roles/a/", generation()).is_some(), "read {n}");
            let key = format!("/search?q={n:03}xx");
            cache.put(&key, generation(), entry(&key, 1000));
        }
        assert!(cache.holds("/roles/a/"), "the page people read is kept");
        assert!(!cache.holds("/search?q=000xx"), "an old one-off is gone");
        assert!(cache.stats().1 <= cache.limit());
    }

    #[test]
    fn an_entry_larger_than_the_bound_is_not_kept() {
        let cache = PageCache::with_limit(1000);
        cache.put("/big/", generation(), entry("/big/", 2000));
        assert_eq!(cache.stats(), (0, 0));
    }

    #[test]
    fn a_page_finished_after_newer_ones_were_stored_is_dropped() {
        let cache = PageCache::with_limit(1 << 20);
        let old = generation();
        let new = Generation { writes: 1, ..old };
        cache.put("/roles/new/", new, entry("/roles/new/", 10));
        cache.put("/roles/old/", old, entry("/roles/old/", 10));
        assert!(cache.holds("/roles/new/"), "the newer entries stay");
        assert!(!cache.holds("/roles/old/"), "the stale one is not kept");
        let newer = Generation { site: 1, ..new };
        cache.put("/roles/next/", newer, entry("/roles/next/", 10));
        assert_eq!(cache.stats().0, 1, "a newer generation replaces the rest");
    }
}
