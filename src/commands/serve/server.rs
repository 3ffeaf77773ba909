//! The HTTP server: the app on actix-http's HTTP/1.1 dispatcher, with every
//! connection wrapped in [`Guarded`], so what a slow or non-reading client
//! holds is freed after a bounded time.
//!
//! actix-http times the first request head of a connection
//! (`client_request_timeout`) and idle keep-alive, but not a later request
//! head sent slowly on a kept-alive connection (slowloris), and not a
//! response the client never reads. [`Guarded`] adds both, at the socket:
//!
//! - read: bytes have arrived and nothing has been written back for
//!   [`Limits::read`] (a request head or body trickling in, byte by byte);
//! - write: a write has made no progress for [`Limits::write`] (the client
//!   stopped reading and the socket buffers are full).
//!
//! Either closes the connection, and actix drops its buffers. Each socket's
//! kernel send buffer is also capped ([`Limits::send_buffer`]), so a client
//! that never reads makes us produce and hold little before the write stalls.
//!
//! [`Guarded`] also hands actix-http one request at a time: a request's
//! bytes pass only once the answer to the one before it has begun
//! (`framing`). actix-http would otherwise parse every request a client
//! pipelined at once (thousands from one read buffer, some 6 KB of memory
//! each), and frame each answer by the method of the last request parsed
//! (so a pipelined HEAD and GET got each other's framing). Held bytes stay
//! in the kernel, so the client's sending stalls instead.

use super::framing::{Inbound, Outbound};
use crate::web::{self, AppState};
use actix_http::HttpService;
use actix_server::Server;
use actix_service::{ServiceFactory, ServiceFactoryExt, fn_service, map_config};
use actix_web::dev::AppConfig;
use actix_web::web::Data;
use std::future::{Future, ready};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// How long clients may take; see the module documentation.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The first request head of a connection must arrive within this
    /// (actix answers 408 and closes).
    pub request_head: Duration,
    /// An idle kept-alive connection is closed after this.
    pub keep_alive: Duration,
    /// Bytes received and nothing written back for this long: closed.
    pub read: Duration,
    /// A write that makes no progress for this long: closed.
    pub write: Duration,
    /// Time given to a client to close after we are done.
    pub disconnect: Duration,
    /// Connections one worker holds at once; past that it stops accepting.
    pub connections_per_worker: usize,
    /// The kernel send buffer of each connection (`SO_SNDBUF`; Linux
    /// doubles it for its bookkeeping). Pages are far smaller; a larger
    /// file takes a few more round trips on a slow link.
    pub send_buffer: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request_head: Duration::from_secs(5),
            keep_alive: Duration::from_secs(5),
            read: Duration::from_secs(10),
            write: Duration::from_secs(10),
            disconnect: Duration::from_secs(1),
            connections_per_worker: 4096,
            send_buffer: 64 * 1024,
        }
    }
}

/// Seconds in-flight requests get to finish after SIGINT or SIGTERM.
pub const SHUTDOWN_SECS: u64 = 10;

/// Serves the app of `state` on `listener` with `workers` threads (one per
/// core when `None`). The returned server runs when awaited or spawned;
/// it stops on SIGINT or SIGTERM (or through its handle).
pub fn start(
    state: Data<AppState>,
    listener: std::net::TcpListener,
    workers: Option<usize>,
    limits: Limits,
) -> io::Result<Server> {
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let mut builder = Server::build()
        .shutdown_timeout(SHUTDOWN_SECS)
        .max_concurrent_connections(limits.connections_per_worker);
    if let Some(n) = workers {
        builder = builder.workers(n);
    }
    let builder = builder.listen("careers", listener, move || {
        let app = web::app(state.clone());
        let http = HttpService::<Guarded, _, _>::build()
            .keep_alive(limits.keep_alive)
            .client_request_timeout(limits.request_head)
            .client_disconnect_timeout(limits.disconnect)
            .local_addr(addr)
            // The app reads the host and scheme from each request, not
            // from this configuration.
            .h1(map_config(app, |_| AppConfig::default()));
        accept(limits).and_then(http)
    })?;
    Ok(builder.run())
}

/// Wraps each accepted stream and hands it on with the peer's address.
fn accept(
    limits: Limits,
) -> impl ServiceFactory<
    TcpStream,
    Config = (),
    Response = (Guarded, Option<std::net::SocketAddr>),
    Error = actix_http::error::DispatchError,
    InitError = (),
> {
    fn_service(move |io: TcpStream| {
        let _ = io.set_nodelay(true);
        let _ = socket2::SockRef::from(&io).set_send_buffer_size(limits.send_buffer);
        let peer = io.peer_addr().ok();
        ready(Ok((Guarded::new(io, limits), peer)))
    })
}

/// A TCP stream that hands over one request at a time and fails with
/// `TimedOut` when the client holds the connection without progress (see
/// the module documentation).
pub struct Guarded {
    io: TcpStream,
    read: Duration,
    write: Duration,
    /// When bytes arrived that nothing written since has answered.
    unanswered_since: Option<Instant>,
    /// When a write first could not proceed.
    stalled_since: Option<Instant>,
    timer: Pin<Box<Sleep>>,
    armed: Option<Instant>,
    /// Bytes received that may not pass yet (the start of a request whose
    /// turn has not come).
    held: Vec<u8>,
    requests: Inbound,
    answers: Outbound,
    /// The task to wake when an answer begins and held bytes may pass.
    waiting: Option<Waker>,
}

impl Guarded {
    fn new(io: TcpStream, limits: Limits) -> Guarded {
        Guarded {
            io,
            read: limits.read,
            write: limits.write,
            unanswered_since: None,
            stalled_since: None,
            timer: Box::pin(tokio::time::sleep(Duration::ZERO)),
            armed: None,
            held: Vec::new(),
            requests: Inbound::default(),
            answers: Outbound::default(),
            waiting: None,
        }
    }

    /// How many of `bytes` may pass now.
    fn passable(&mut self, bytes: &[u8]) -> usize {
        if self.requests.is_off() || self.answers.is_off() {
            return bytes.len();
        }
        let begun = self.answers.begun;
        self.requests.pass(bytes, |started| begun >= started)
    }

    /// Held: wait for an answer to begin (or a deadline).
    fn hold<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        self.waiting = Some(cx.waker().clone());
        match self.check(cx) {
            Ok(()) => Poll::Pending,
            Err(e) => Poll::Ready(Err(e)),
        }
    }

    /// Fails when a deadline has passed; otherwise makes sure the task is
    /// woken at the next one, so an idle poll still notices it.
    fn check(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        let deadline = [
            self.unanswered_since.map(|t| t + self.read),
            self.stalled_since.map(|t| t + self.write),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(deadline) = deadline else {
            return Ok(());
        };
        if Instant::now() >= deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "client made no progress in time",
            ));
        }
        if self.armed != Some(deadline) {
            self.timer.as_mut().reset(deadline);
            self.armed = Some(deadline);
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "client made no progress in time",
            )),
            Poll::Pending => Ok(()),
        }
    }

    fn wrote(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.unanswered_since = None;
        self.stalled_since = None;
        let begun = self.answers.begun;
        self.answers.wrote(bytes, &mut self.requests);
        if self.answers.begun > begun
            && let Some(w) = self.waiting.take()
        {
            w.wake();
        }
    }

    fn blocked<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        self.stalled_since.get_or_insert_with(Instant::now);
        match self.check(cx) {
            Ok(()) => Poll::Pending,
            Err(e) => Poll::Ready(Err(e)),
        }
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.held.is_empty() {
            let room = this.held.len().min(buf.remaining());
            let held = std::mem::take(&mut this.held);
            let n = this.passable(&held[..room]);
            buf.put_slice(&held[..n]);
            this.held = held[n..].to_vec();
            return if n > 0 {
                Poll::Ready(Ok(()))
            } else {
                this.hold(cx)
            };
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                let got = buf.filled().len() - before;
                if got == 0 {
                    return Poll::Ready(Ok(())); // the client closed
                }
                this.unanswered_since.get_or_insert_with(Instant::now);
                let n = this.passable(&buf.filled()[before..]);
                if n < got {
                    this.held.extend_from_slice(&buf.filled()[before + n..]);
                    buf.set_filled(before + n);
                }
                if n > 0 {
                    Poll::Ready(Ok(()))
                } else {
                    this.hold(cx)
                }
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match this.check(cx) {
                Ok(()) => Poll::Pending,
                Err(e) => Poll::Ready(Err(e)),
            },
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_write(cx, buf) {
            Poll::Ready(Ok(n)) => {
                this.wrote(&buf[..n]);
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.blocked(cx),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}
