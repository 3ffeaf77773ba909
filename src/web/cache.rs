//! The page cache: every cacheable response (a GET or HEAD answered 200
//! with an ETag and a text type, e.g. by `respond::cached`) is rendered once
//! per content generation, database write generation and calendar day, and
//! kept in memory with gzip and brotli copies made at the serving level
//! (`compress::Level::Serving`). Any reload, any database commit made
//! through our connections, or midnight (publish and expiry dates) makes
//! every entry stale, so nothing stale is served. Dev mode bypasses the
//! cache.
//!
//! The key is the path and the query string; `web::canonical` has already
//! redirected any query string with parameters the route does not read, so
//! stray parameters never make new entries. The bound ([`MAX_BYTES`])
//! counts everything an entry holds: its key, headers and all three bodies,
//! plus a fixed overhead. When a new entry does not fit, entries are
//! evicted oldest first, except that an entry served since it was last
//! considered gets a second chance (the CLOCK policy): pages people read
//! stay while one-off answers (a unique search) make room.
//!
//! Concurrent misses on one URL render it once: the first request leads,
//! the others wait for it and then answer from the cache (or render for
//! themselves when the page turned out not to be cacheable). Without that,
//! a burst of requests for a cold page renders it once per request.

use super::compress::{self, Level};
use super::respond;
use super::state::AppState;
use crate::content::date::Date;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use actix_web::{HttpRequest, HttpResponse};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::watch;

/// The most bytes the cache holds (keys, headers, every encoding and
/// [`ENTRY_OVERHEAD`] per entry); past that, entries are evicted.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Bytes counted for each entry besides its key, headers and bodies: the
/// entry itself, its slots in the map and the eviction queue, allocator
/// rounding.
pub const ENTRY_OVERHEAD: usize = 256;

/// Bytes counted for each header besides its name and value.
const HEADER_OVERHEAD: usize = 48;

/// What makes a cached page stale when it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation {
    pub site: u64,
    pub writes: u64,
    pub day: Date,
}

/// One cached response.
struct Entry {
    status: StatusCode,
    headers: HeaderMap,
    etag: String,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
    /// Everything this entry holds, as counted against the bound.
    size: usize,
    /// Served since the eviction hand last passed it.
    visited: AtomicBool,
}

impl Entry {
    fn new(
        key: &str,
        status: StatusCode,
        headers: HeaderMap,
        etag: String,
        [identity, gzip, brotli]: [Bytes; 3],
    ) -> Entry {
        let header_bytes: usize = headers
            .iter()
            .map(|(n, v)| n.as_str().len() + v.len() + HEADER_OVERHEAD)
            .sum();
        let size = key.len()
            + header_bytes
            + etag.len()
            + identity.len()
            + gzip.len()
            + brotli.len()
            + ENTRY_OVERHEAD;
        Entry {
            status,
            headers,
            etag,
            identity,
            gzip,
            brotli,
            size,
            visited: AtomicBool::new(false),
        }
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
    limit: usize,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache::with_limit(MAX_BYTES)
    }
}

/// The request that renders a URL while others wait; dropping it (done,
/// failed or cancelled) wakes them.
struct Leader {
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

enum Turn {
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
            limit,
        }
    }

    fn get(&self, key: &str, generation: Generation) -> Option<Arc<Entry>> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        if inner.generation != Some(generation) {
            return None;
        }
        let entry = inner.entries.get(key).cloned()?;
        entry.visited.store(true, Ordering::Relaxed);
        Some(entry)
    }

    fn put(&self, key: &str, generation: Generation, entry: Arc<Entry>) {
        if entry.size > self.limit {
            return;
        }
        let mut guard = self.inner.write().unwrap_or_else(|e| e.into_inner());
        let inner = &mut *guard;
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
    fn turn(&self, key: &str) -> Turn {
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

/// Which stored encoding a request accepts, best first.
fn encoding(req: &HttpRequest) -> &'static str {
    let accepted = req
        .headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|part| {
            let mut bits = part.split(';');
            let name = bits.next()?.trim().to_ascii_lowercase();
            let refused = bits.any(|b| {
                matches!(
                    b.trim().replace(' ', "").as_str(),
                    "q=0" | "q=0.0" | "q=0.00" | "q=0.000"
                )
            });
            (!refused).then_some(name)
        })
        .collect::<Vec<_>>();
    if accepted.iter().any(|e| e == "br") {
        "br"
    } else if accepted.iter().any(|e| e == "gzip") {
        "gzip"
    } else {
        "identity"
    }
}

/// True for text types, which compress; images, fonts and other binary
/// files (from the static folder) are neither kept nor compressed here.
fn is_text(headers: &HeaderMap) -> bool {
    let ty = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    ty.starts_with("text/")
        || ty.starts_with("image/svg+xml")
        || (ty.starts_with("application/")
            && (ty.contains("json") || ty.contains("xml") || ty.contains("javascript")))
}

fn respond_from(req: &HttpRequest, entry: &Entry) -> HttpResponse {
    let mut res = if respond::not_modified(req, &entry.etag) {
        HttpResponse::NotModified().finish()
    } else {
        let (body, name) = match encoding(req) {
            "br" => (entry.brotli.clone(), Some("br")),
            "gzip" => (entry.gzip.clone(), Some("gzip")),
            _ => (entry.identity.clone(), None),
        };
        let mut res = HttpResponse::build(entry.status).body(Slices(body));
        if let Some(name) = name {
            res.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        res
    };
    for (name, value) in &entry.headers {
        if res.status() == StatusCode::NOT_MODIFIED && name == header::CONTENT_TYPE {
            continue;
        }
        res.headers_mut().insert(name.clone(), value.clone());
    }
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

/// The most bytes of a body handed to the HTTP layer at once.
const SLICE: usize = 16 * 1024;

/// A cached body handed out in [`SLICE`]s (shared, not copied), so a
/// connection whose client does not read holds one slice in its write
/// buffer rather than a copy of the whole page. Its length is known, so
/// the answer still carries `Content-Length`.
struct Slices(Bytes);

impl MessageBody for Slices {
    type Error = std::convert::Infallible;

    fn size(&self) -> actix_web::body::BodySize {
        actix_web::body::BodySize::Sized(self.0.len() as u64)
    }

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Bytes, Self::Error>>> {
        if self.0.is_empty() {
            return std::task::Poll::Ready(None);
        }
        let n = self.0.len().min(SLICE);
        std::task::Poll::Ready(Some(Ok(self.0.split_to(n))))
    }
}

/// The cache key of a request: its path and query string.
pub fn key(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// The middleware: answer from the cache, or render, store and answer.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let readable = matches!(*req.method(), Method::GET | Method::HEAD);
    if !readable || state.config.dev {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let key = key(req.path(), req.query_string());
    let generation = Generation {
        site: state.generation(),
        writes: crate::db::write_generation(),
        day: Date::today(),
    };
    if let Some(entry) = state.cache.get(&key, generation) {
        let res = respond_from(req.request(), &entry);
        return Ok(req.into_response(res));
    }
    let _leader = match state.cache.turn(&key) {
        Turn::Lead(leader) => Some(leader),
        Turn::Wait(mut done) => {
            // Never sent to: returns when the leader drops its sender.
            let _ = done.changed().await;
            if let Some(entry) = state.cache.get(&key, generation) {
                let res = respond_from(req.request(), &entry);
                return Ok(req.into_response(res));
            }
            None
        }
    };
    state.cache.renders.fetch_add(1, Ordering::Relaxed);
    let res = next.call(req).await?;
    let cacheable = res.status() == StatusCode::OK
        && res.headers().contains_key(header::ETAG)
        && !res.headers().contains_key(header::CONTENT_ENCODING)
        && !res.headers().contains_key(header::SET_COOKIE)
        && is_text(res.headers());
    if !cacheable {
        return Ok(res.map_into_boxed_body());
    }
    let (http_req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let identity = match actix_web::body::to_bytes(body).await {
        Ok(b) => b,
        Err(e) => {
            return Err(actix_web::error::ErrorInternalServerError(format!(
                "reading a page body: {}",
                e.into()
            )));
        }
    };
    let etag = head
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    // A body's allocation may be larger than the body; the copy is exact,
    // so the bound counts what is really held.
    let identity = Bytes::copy_from_slice(&identity);
    let (gzip, brotli) = actix_web::web::block({
        let body = identity.clone();
        move || {
            let exact = |mut v: Vec<u8>| {
                v.shrink_to_fit();
                Bytes::from(v)
            };
            (
                exact(compress::gzip(&body, Level::Serving)),
                exact(compress::brotli(&body, Level::Serving)),
            )
        }
    })
    .await
    .map_err(actix_web::error::ErrorInternalServerError)?;
    let entry = Arc::new(Entry::new(
        &key,
        head.status(),
        head.headers().clone(),
        etag,
        [identity, gzip, brotli],
    ));
    state.cache.put(&key, generation, entry.clone());
    let res = respond_from(&http_req, &entry);
    Ok(ServiceResponse::new(http_req, res))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        Arc::new(Entry::new(
            key,
            StatusCode::OK,
            headers,
            "W/\"x\"".into(),
            [body.clone(), body.clone(), body],
        ))
    }

    #[test]
    fn the_bound_counts_keys_headers_and_every_copy() {
        let key = format!("/search?q={}", "k".repeat(1000));
        let e = entry(&key, 10);
        let headers = "etag".len() + "W/\"x\"".len() + HEADER_OVERHEAD;
        assert_eq!(
            e.size,
            key.len() + headers + "W/\"x\"".len() + 3 * 10 + ENTRY_OVERHEAD
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
}
