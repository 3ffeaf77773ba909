//! Compressed copies, each made when a request first asks for it. That
//! request is answered as soon as a copy at the quick first level
//! (`compress::Level::First`) is made; the copy kept is made at the serving
//! level after the answer has gone, and the entry stored with it then. A
//! page nobody asks for compressed (an API client's, a one-off search read
//! by a script) is never compressed at all.
//!
//! Past a few background jobs at once ([`PageCache::background_slot`]), and
//! for a HEAD (which has no body to wait for, and should give the length
//! every later answer will), the copy kept is made first and the answer
//! given from it.

use super::store::{Entry, Leader};
use super::{Coding, Generation, answer, respond_from};
use crate::web::compress::Level;
use crate::web::state::AppState;
use actix_web::HttpRequest;
use actix_web::http::Method;
use actix_web::web::{Bytes, Data};
use actix_web::{HttpResponse, error::ErrorInternalServerError};
use std::sync::Arc;

/// What to answer and keep: `entry` (the page, and the copies it has),
/// to be held for `key` in `generation` with its copy in `coding`.
pub(super) struct Job {
    pub key: String,
    pub generation: Generation,
    pub entry: Arc<Entry>,
    pub coding: Coding,
    /// Dropped once the entry is stored, which wakes the requests waiting
    /// for it.
    pub leader: Option<Leader>,
}

/// The single-flight key of the copy of `key` in `coding` (a space never
/// appears in a request's path or query string).
pub(super) fn turn_key(key: &str, coding: Coding) -> String {
    format!("{key} {}", coding.header().unwrap_or_default())
}

/// The answer to `req` from `job`'s entry in its coding, the entry stored
/// with that copy (now, or after the answer).
pub(super) async fn respond(
    req: &HttpRequest,
    state: Data<AppState>,
    job: Job,
) -> Result<HttpResponse, actix_web::Error> {
    let Job {
        key,
        generation,
        entry,
        coding,
        leader,
    } = job;
    let Some(f) = coding.compressor() else {
        state.cache.put(&key, generation, entry.clone());
        drop(leader);
        return made(req, &entry, coding);
    };
    let slot = (req.method() != Method::HEAD)
        .then(|| state.cache.background_slot())
        .flatten();
    let page = Arc::clone(&entry);
    let keep = move || {
        let copy = compressed(&page.identity, f, Level::Serving);
        let kept = Arc::new(page.with_copy(coding, copy));
        state.cache.put(&key, generation, kept.clone());
        drop(leader);
        kept
    };
    let Some(slot) = slot else {
        let kept = actix_web::web::block(keep)
            .await
            .map_err(ErrorInternalServerError)?;
        return made(req, &kept, coding);
    };
    let identity = entry.identity.clone();
    let first = actix_web::web::block(move || compressed(&identity, f, Level::First))
        .await
        .map_err(ErrorInternalServerError)?;
    let res = answer(
        req,
        entry.status,
        &entry.etag,
        (coding, first),
        &entry.headers,
    );
    // On a blocking thread from start to end, so the entry is stored (and
    // the waiting requests woken) whatever this worker's runtime is doing.
    drop(actix_web::rt::task::spawn_blocking(move || {
        keep();
        drop(slot);
    }));
    Ok(res)
}

/// The answer from `entry`, which has its copy in `coding`.
fn made(
    req: &HttpRequest,
    entry: &Arc<Entry>,
    coding: Coding,
) -> Result<HttpResponse, actix_web::Error> {
    respond_from(req, entry, &entry.headers, coding)
        .ok_or_else(|| ErrorInternalServerError("a page cache copy was not made"))
}

/// `body` compressed by `f` at `level`, held exactly.
fn compressed(body: &[u8], f: super::Compressor, level: Level) -> Bytes {
    let mut v = f(body, level);
    v.shrink_to_fit();
    Bytes::from(v)
}
