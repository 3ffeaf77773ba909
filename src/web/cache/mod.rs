//! The page cache: every cacheable response (a GET or HEAD answered 200
//! with an ETag and a text type, e.g. by `respond::cached`) is rendered once
//! per content generation, database write generation and calendar day, and
//! kept in memory with the gzip and brotli copies asked for so far, each
//! made when first asked for (`copies`). Any reload, any database commit
//! made through our connections, or midnight (publish and expiry dates)
//! makes every entry stale, so nothing stale is served. Dev mode bypasses
//! the cache.
//!
//! The key is the path and the query string; `web::canonical` has already
//! redirected any query string with parameters the route does not read, so
//! stray parameters never make new entries. The bound ([`MAX_BYTES`])
//! counts everything an entry holds: its key, headers and every body, plus
//! a fixed overhead. When a new entry does not fit, entries are evicted
//! oldest first, except that an entry served since it was last considered
//! gets a second chance (the CLOCK policy): pages people read stay while
//! one-off answers (a unique search) make room.
//!
//! Concurrent misses on one URL render it once: the first request leads,
//! the others wait for it and then answer from the cache (or render for
//! themselves when the page turned out not to be cacheable). Without that,
//! a burst of requests for a cold page renders it once per request. A copy
//! not made yet is made once in the same way, and the requests waiting for
//! either wait until the entry is stored.

mod copies;
mod store;

pub use store::{ENTRY_OVERHEAD, Generation, MAX_BYTES, PageCache};
use store::{Entry, Turn};

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
use std::sync::Arc;

/// Compresses a whole body at a level (`compress::gzip`, `compress::brotli`).
type Compressor = fn(&[u8], Level) -> Vec<u8>;

/// The encodings an entry keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Coding {
    Identity,
    Gzip,
    Brotli,
}

impl Coding {
    /// Its `Content-Encoding`, none for identity.
    fn header(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Gzip => Some("gzip"),
            Coding::Brotli => Some("br"),
        }
    }

    /// What makes this copy from the page, none for identity.
    fn compressor(self) -> Option<Compressor> {
        match self {
            Coding::Identity => None,
            Coding::Gzip => Some(compress::gzip),
            Coding::Brotli => Some(compress::brotli),
        }
    }
}

/// Which stored encoding a request accepts, best first. A coding given
/// `q=0` is refused; any other weight accepts it. Read without allocating:
/// it runs for every request the cache answers.
fn encoding(req: &HttpRequest) -> Coding {
    let (mut br, mut gzip) = (false, false);
    let parts = req
        .headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for part in parts {
        let mut bits = part.split(';');
        let name = bits.next().unwrap_or_default().trim();
        let refused = bits.any(|b| {
            let b = b.trim();
            let Some(weight) = b
                .strip_prefix(['q', 'Q'])
                .and_then(|r| r.trim_start().strip_prefix('='))
            else {
                return false;
            };
            let weight = weight.trim();
            weight == "0"
                || weight
                    .strip_prefix("0.")
                    .is_some_and(|d| d.len() <= 3 && d.bytes().all(|c| c == b'0'))
        });
        if refused {
            continue;
        }
        br |= name.eq_ignore_ascii_case("br");
        gzip |= name.eq_ignore_ascii_case("gzip");
    }
    if br {
        Coding::Brotli
    } else if gzip {
        Coding::Gzip
    } else {
        Coding::Identity
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

/// The answer to `req` in `coding` from `entry`, with `headers` (the
/// entry's own, or the outer ones on the fast path); none when that copy
/// is not made yet.
fn respond_from(
    req: &HttpRequest,
    entry: &Arc<Entry>,
    headers: &HeaderMap,
    coding: Coding,
) -> Option<HttpResponse> {
    let mut res = respond_plain(req, entry, headers, coding)?;
    res.extensions_mut().insert(Served(entry.clone()));
    Some(res)
}

/// [`respond_from`] without the mark [`fast`] looks for: for the fast path
/// itself, which has the outer headers already (the mark is an allocation
/// and a shared count moved for every answer).
fn respond_plain(
    req: &HttpRequest,
    entry: &Entry,
    headers: &HeaderMap,
    coding: Coding,
) -> Option<HttpResponse> {
    let body = entry.body(coding)?.clone();
    Some(answer(
        req,
        entry.status,
        &entry.etag,
        (coding, body),
        headers,
    ))
}

/// The answer to `req` from a page's parts: a 304 when `etag` matches,
/// else the body in its coding, with `headers`.
fn answer(
    req: &HttpRequest,
    status: StatusCode,
    etag: &str,
    (coding, body): (Coding, Bytes),
    headers: &HeaderMap,
) -> HttpResponse {
    let mut res = if respond::not_modified(req, etag) {
        let mut res = HttpResponse::NotModified().finish();
        for (name, value) in headers {
            if name != header::CONTENT_TYPE {
                res.headers_mut().insert(name.clone(), value.clone());
            }
        }
        res
    } else {
        let mut res = HttpResponse::build(status).body(Slices(body));
        // One copy of the whole map, not an insert per header.
        *res.headers_mut() = headers.clone();
        if let Some(name) = coding.header() {
            res.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        res
    };
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

/// Marks an answer from the cache, so [`fast`] can keep its outer headers.
struct Served(Arc<Entry>);

/// The fast path, outermost but for the access log: a hit whose outer
/// headers are known is answered at once, without routing or the rest of
/// the middleware stack, with the headers the stack gave it last time
/// (they depend on the path alone). Everything else goes down the stack;
/// when a cache hit comes back up, its outer headers are kept.
pub async fn fast(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Some(state) = req.app_data::<Data<AppState>>()
        && matches!(*req.method(), Method::GET | Method::HEAD)
        && !state.config.dev
        && let Some(res) = state.cache.with(
            &key(req.path(), req.query_string()),
            generation(state),
            |entry| {
                respond_plain(
                    req.request(),
                    entry,
                    entry.outer.get()?,
                    encoding(req.request()),
                )
            },
        )
    {
        state.cache.count_fast_hit();
        return Ok(req.into_response(res));
    }
    let res = next.call(req).await?;
    if res.status() == StatusCode::OK
        && let Some(Served(entry)) = res.response().extensions().get::<Served>()
    {
        entry.outer.get_or_init(|| {
            let mut headers = res.headers().clone();
            headers.remove(header::CONTENT_ENCODING);
            headers.remove(header::CONTENT_LENGTH);
            headers
        });
    }
    Ok(res.map_into_boxed_body())
}

/// What an entry must have been made in to be fresh now.
fn generation(state: &AppState) -> Generation {
    Generation {
        site: state.generation(),
        writes: state.pool.write_generation(),
        day: Date::today(),
    }
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
pub fn key<'a>(path: &'a str, query: &str) -> std::borrow::Cow<'a, str> {
    if query.is_empty() {
        path.into()
    } else {
        format!("{path}?{query}").into()
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
    let key = key(req.path(), req.query_string()).into_owned();
    let generation = generation(&state);
    if let Some(entry) = state.cache.get(&key, generation) {
        return hit(req, &state, key, generation, entry).await;
    }
    let leader = match state.cache.turn(&key) {
        Turn::Lead(leader) => Some(leader),
        Turn::Wait(mut done) => {
            // Never sent to: returns when the leader drops its sender.
            let _ = done.changed().await;
            if let Some(entry) = state.cache.get(&key, generation) {
                return hit(req, &state, key, generation, entry).await;
            }
            None
        }
    };
    state.cache.count_render();
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
    let entry = Entry::new(&key, head.status(), head.headers().clone(), etag, identity);
    let coding = encoding(&http_req);
    let job = copies::Job {
        key,
        generation,
        entry: Arc::new(entry),
        coding,
        leader,
    };
    let res = copies::respond(&http_req, state, job).await?;
    Ok(ServiceResponse::new(http_req, res))
}

/// The answer to `req` from `entry`, held for `key`. A compressed copy it
/// does not have yet is made by one request while the others asking for
/// it wait, as a miss is rendered once.
async fn hit(
    req: ServiceRequest,
    state: &Data<AppState>,
    key: String,
    generation: Generation,
    entry: Arc<Entry>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let coding = encoding(req.request());
    if let Some(res) = respond_from(req.request(), &entry, &entry.headers, coding) {
        return Ok(req.into_response(res));
    }
    let leader = match state.cache.turn(&copies::turn_key(&key, coding)) {
        Turn::Lead(leader) => Some(leader),
        Turn::Wait(mut done) => {
            let _ = done.changed().await;
            if let Some(made) = state.cache.get(&key, generation)
                && let Some(res) = respond_from(req.request(), &made, &made.headers, coding)
            {
                return Ok(req.into_response(res));
            }
            None
        }
    };
    let (http_req, _) = req.into_parts();
    let job = copies::Job {
        key,
        generation,
        entry,
        coding,
        leader,
    };
    let res = copies::respond(&http_req, state.clone(), job).await?;
    Ok(ServiceResponse::new(http_req, res))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn coding_of(accept: &[&str]) -> Coding {
        let mut req = TestRequest::default();
        for a in accept {
            req = req.append_header((header::ACCEPT_ENCODING, *a));
        }
        encoding(&req.to_http_request())
    }

    #[test]
    fn the_best_coding_not_refused_is_chosen() {
        assert!(coding_of(&[]) == Coding::Identity);
        assert!(coding_of(&["gzip, deflate, br"]) == Coding::Brotli);
        assert!(coding_of(&["GZIP"]) == Coding::Gzip);
        assert!(coding_of(&["br;q=0, gzip;q=0.5"]) == Coding::Gzip);
        assert!(coding_of(&["br; Q = 0.000", "gzip"]) == Coding::Gzip);
        assert!(coding_of(&["br;q=0.001"]) == Coding::Brotli);
        assert!(coding_of(&["gzip;q=0.", "br;q=0.0"]) == Coding::Identity);
        assert!(coding_of(&["br;q=abc, gzip;q="]) == Coding::Brotli);
        assert!(coding_of(&["*"]) == Coding::Identity);
    }
}
