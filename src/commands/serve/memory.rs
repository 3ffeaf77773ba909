//! What the server does about its memory beyond holding less: one malloc
//! heap, and freed memory handed back to the system after a load and
//! after renders. glibc only; elsewhere these do nothing.

use crate::web::AppState;
use actix_web::web::Data;

/// Keeps glibc's malloc to its one main heap ("arena"). By default a
/// process gets up to eight heaps per core, and the memory a thread frees
/// stays in that thread's heap; `malloc_trim` hands back the free top of
/// the main heap only, while every other heap keeps a free top of up to
/// glibc's trim threshold, which rises to twice the largest block freed
/// (a brotli window: some 10 MB). At 20,000 pages, a dozen cache misses
/// in a row left 8 MB resident for nothing with two heaps (20 MB with
/// the default), and none with one; in a comparison by hand, cached pages
/// were served about 5 % slower with one heap (one lock for blocks that
/// threads' own caches do not hold). Call before any thread starts (a
/// thread's first allocation picks its heap for good), as `main` does;
/// `MALLOC_ARENA_MAX` in the environment wins.
pub fn bound_heaps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
}

/// Hands the memory a load freed back to the system. A load allocates far
/// more than it keeps (files read, front matter parsed, Markdown rendered,
/// the last generation dropped), and glibc keeps freed pages inside its
/// heaps for reuse: several megabytes resident for nothing at 20,000 pages.
pub(super) fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// After pages were rendered, once a second has passed with no render,
/// hands what the renders freed back to the system: a miss's compressor
/// buffers are megabytes, which glibc would otherwise keep in its heap.
/// Never while renders go on, so no render waits on memory a trim just
/// gave back. The thread ends with the state.
pub(super) fn trim_when_quiet(state: &Data<AppState>) {
    let state = std::sync::Arc::downgrade(&state.clone().into_inner());
    let spawned = std::thread::Builder::new()
        .name("trim".into())
        .spawn(move || {
            let (mut seen, mut trimmed) = (0, 0);
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
                let Some(state) = state.upgrade() else { return };
                let renders = state.cache.renders();
                if renders == seen && renders != trimmed {
                    give_back_freed();
                    trimmed = renders;
                }
                seen = renders;
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "cannot start the memory trim thread");
    }
}
