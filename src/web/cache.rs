//! The page cache: every cacheable response (a GET answered 200 with an
//! ETag and a text type, e.g. by `respond::cached`) is rendered once per
//! content generation, database write generation and calendar day, and
//! kept in memory with gzip and brotli copies. Any reload, any database
//! commit made through our connections, or midnight (publish and expiry
//! dates) makes every entry stale, so nothing stale is served. Dev mode
//! bypasses the cache.
//!
//! Concurrent misses on one URL render it once: the first request leads,
//! the others wait for it and then answer from the cache (or render for
//! themselves when the page turned out not to be cacheable). Without that,
//! a burst of requests for a cold page renders it once per request.

use super::compress;
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
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::watch;

/// The most bytes (all encodings together) the cache holds; past that, new
/// pages are served uncached until the next generation empties it.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

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
}

impl Entry {
    fn size(&self) -> usize {
        self.identity.len() + self.gzip.len() + self.brotli.len()
    }
}

struct Inner {
    generation: Option<Generation>,
    entries: HashMap<String, Arc<Entry>>,
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
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            inner: RwLock::new(Inner {
                generation: None,
                entries: HashMap::new(),
                bytes: 0,
            }),
            in_flight: Arc::default(),
            renders: AtomicU64::new(0),
        }
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
    fn get(&self, key: &str, generation: Generation) -> Option<Arc<Entry>> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        if inner.generation != Some(generation) {
            return None;
        }
        inner.entries.get(key).cloned()
    }

    fn put(&self, key: String, generation: Generation, entry: Arc<Entry>) {
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        if inner.generation != Some(generation) {
            inner.generation = Some(generation);
            inner.entries.clear();
            inner.bytes = 0;
        }
        if inner.bytes + entry.size() > MAX_BYTES {
            return;
        }
        inner.bytes += entry.size();
        if let Some(old) = inner.entries.insert(key, entry) {
            inner.bytes -= old.size();
        }
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
        let mut res = HttpResponse::build(entry.status).body(body);
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

/// The middleware: answer from the cache, or render, store and answer.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if req.method() != Method::GET || state.config.dev {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let key = req.uri().to_string();
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
    let (gzip, brotli) = actix_web::web::block({
        let body = identity.clone();
        move || {
            (
                Bytes::from(compress::gzip(&body)),
                Bytes::from(compress::brotli(&body)),
            )
        }
    })
    .await
    .map_err(actix_web::error::ErrorInternalServerError)?;
    let entry = Arc::new(Entry {
        status: head.status(),
        headers: head.headers().clone(),
        etag,
        identity,
        gzip,
        brotli,
    });
    state.cache.put(key, generation, entry.clone());
    let res = respond_from(&http_req, &entry);
    Ok(ServiceResponse::new(http_req, res))
}
