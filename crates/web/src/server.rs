//! The connection loop: accepts TCP connections and serves HTTP/1.1 on each with hyper,
//! within limits that `axum::serve` cannot set (it gives hyper no timer, so a client that
//! never finishes its headers holds its connection, and a file descriptor, for ever).
//!
//! - **Header read timeout**: a request's head must arrive within it (hyper's own timer). In
//!   hyper 1.x it also runs while a kept-alive connection waits for its next request, so an
//!   unused kept-alive connection is closed after this long too.
//! - **Idle timeout**: a connection on which no request is being handled and no byte has
//!   moved either way for this long is closed. It catches what the header timeout does not:
//!   a client that stops reading a large answer (a PDF, a CSV) leaves hyper waiting to write,
//!   for ever without it.
//! - **At most `max_connections` at once** (a semaphore). Beyond that a connection is still
//!   accepted, so it does not wait in the kernel's queue, and answered with a short `503` and
//!   `Retry-After` in Dutch and English, then closed; at most `REFUSALS_AT_ONCE` such answers
//!   are written at a time, beyond that the connection is closed at once.
//! - **Accept errors** (out of file descriptors) are logged once per burst, with a short pause
//!   between attempts instead of a busy loop.
//! - **Graceful shutdown**: when `shutdown` resolves, no new connections are accepted, idle
//!   ones close, and requests in flight finish before `serve` returns.
//!
//! Each request carries `ConnectInfo<SocketAddr>` (the peer), as with axum's
//! `into_make_service_with_connect_info`, for `client_ip`.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use domain::Locale;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;
use tower::ServiceExt;

/// The limits on connections (from `WebConfig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest time a client may take to send a request's head.
    pub header_read_timeout: Duration,
    /// Longest time a connection may sit without a request in hand and without traffic.
    pub idle_timeout: Duration,
    /// Most connections served at once.
    pub max_connections: usize,
}

/// Refusals (the `503` answer) written at the same time; each holds a file descriptor for
/// up to `REFUSAL_TIME`.
const REFUSALS_AT_ONCE: usize = 64;
/// How long a refusal may wait for the request's head before answering.
const REFUSAL_READ_TIME: Duration = Duration::from_millis(250);
/// How long writing the refusal and waiting for the client to close may take.
const REFUSAL_TIME: Duration = Duration::from_secs(1);
/// Sent as `Retry-After` with the refusal.
pub const RETRY_AFTER_SECS: u32 = 5;
/// Pause after an accept error such as "too many open files", before trying again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Serves `app` on `listener` within `limits` until `shutdown` resolves, then stops
/// accepting, closes idle connections and waits for requests in flight.
///
/// # Errors
/// None at present: accept errors are logged and retried. The `Result` keeps the shape of
/// `axum::serve`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let refusals = Arc::new(Semaphore::new(REFUSALS_AT_ONCE));
    let refusal: Arc<[u8]> = refusal_answer().into();
    // `stop` tells connections to finish; every connection task holds a `done` receiver,
    // so `done_tx.closed()` resolves when the last one has ended.
    let (stop_tx, stop_rx) = watch::channel(false);
    let (done_tx, done_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    let mut failed_accepts: u64 = 0;
    let mut refused: u64 = 0;
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) if is_connection_error(&error) => continue,
            Err(error) => {
                if failed_accepts == 0 {
                    tracing::error!(%error, "cannot accept connections; retrying every {ACCEPT_PAUSE:?}");
                }
                failed_accepts += 1;
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        if failed_accepts > 0 {
            tracing::warn!(failed_accepts, "accepting connections again");
            failed_accepts = 0;
        }
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            if refused == 0 {
                tracing::warn!(
                    max_connections = limits.max_connections,
                    "connection limit reached; answering new connections with 503"
                );
            }
            refused += 1;
            refuse(stream, &refusals, &refusal);
            continue;
        };
        if refused > 0 {
            tracing::info!(refused, "below the connection limit again");
            refused = 0;
        }
        let connection = Connection {
            app: app.clone(),
            peer,
            limits,
            _slot: slot,
            _done: done_rx.clone(),
        };
        tokio::spawn(connection.run(stream, stop_rx.clone()));
    }
    drop(listener);
    stop_tx.send_replace(true);
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}

/// Errors of one connection that has gone; the listener itself is fine.
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// One accepted connection and what it holds until it ends.
struct Connection {
    app: Router,
    peer: SocketAddr,
    limits: Limits,
    /// One of the `max_connections` places, given back when the connection ends.
    _slot: OwnedSemaphorePermit,
    /// Keeps the server's shutdown waiting for this connection.
    _done: watch::Receiver<()>,
}

impl Connection {
    async fn run(self, stream: TcpStream, mut stop: watch::Receiver<bool>) {
        // Small answers go out at once rather than waiting for more to send.
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(Watched {
            inner: stream,
            activity: activity.clone(),
        });
        let (app, peer) = (self.app.clone(), self.peer);
        let handling = activity.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let busy = handling.begin();
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            let answer = app.clone().oneshot(request);
            async move {
                let response = answer.await;
                drop(busy);
                response
            }
        });
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(self.limits.header_read_timeout);
        let mut conn = pin!(builder.serve_connection(io, service));
        let idle = self.limits.idle_timeout;
        let mut stopping = false;
        loop {
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, "connection ended with an error");
                    }
                    break;
                }
                _ = stop.wait_for(|stop| *stop), if !stopping => {
                    stopping = true;
                    conn.as_mut().graceful_shutdown();
                }
                () = tokio::time::sleep_until(activity.idle_deadline(idle)) => {
                    if activity.is_idle(idle) {
                        tracing::debug!("closing a connection idle for {idle:?}");
                        break;
                    }
                }
            }
        }
    }
}

/// When a connection last moved a byte, and how many of its requests are being handled.
#[derive(Debug)]
struct Activity {
    start: Instant,
    /// Milliseconds from `start` to the last byte read or written.
    last: AtomicU64,
    busy: AtomicUsize,
}

impl Activity {
    fn new() -> Self {
        Activity {
            start: Instant::now(),
            last: AtomicU64::new(0),
            busy: AtomicUsize::new(0),
        }
    }

    fn touch(&self) {
        let elapsed = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(elapsed, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.last.load(Ordering::Relaxed))
    }

    /// A request is being handled until the returned guard is dropped.
    fn begin(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::Relaxed);
        Busy(self.clone())
    }

    /// When the connection would have been idle for `idle`, as things stand.
    fn idle_deadline(&self, idle: Duration) -> Instant {
        if self.busy.load(Ordering::Relaxed) > 0 {
            Instant::now() + idle
        } else {
            self.last() + idle
        }
    }

    fn is_idle(&self, idle: Duration) -> bool {
        self.busy.load(Ordering::Relaxed) == 0 && self.last() + idle <= Instant::now()
    }
}

/// A request in hand (see `Activity::begin`).
struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.touch();
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A stream that notes in `activity` every time bytes move.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The whole answer to a connection beyond the limit: `503`, `Retry-After`, and a short
/// text in Dutch and then English (the request is not read, so its language is unknown).
fn refusal_answer() -> Vec<u8> {
    let body: String = [Locale::Nl, Locale::En]
        .into_iter()
        .map(|locale| {
            let i18n = render::I18n::new(locale);
            format!(
                "{}\n{}\n",
                i18n.t("error-busy-title"),
                i18n.t("error-busy-body")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\n\
         content-type: text/plain; charset=utf-8\r\n\
         content-length: {}\r\n\
         retry-after: {RETRY_AFTER_SECS}\r\n\
         cache-control: no-store\r\n\
         x-content-type-options: nosniff\r\n\
         connection: close\r\n\r\n",
        body.len()
    );
    [head.into_bytes(), body.into_bytes()].concat()
}

/// Answers a connection beyond the limit with the refusal and closes it, or closes it at
/// once when `REFUSALS_AT_ONCE` are already being written.
fn refuse(mut stream: TcpStream, refusals: &Arc<Semaphore>, answer: &Arc<[u8]>) {
    let Ok(permit) = refusals.clone().try_acquire_owned() else {
        tracing::debug!("too many connections; closing one without an answer");
        return;
    };
    let answer = answer.clone();
    tokio::spawn(async move {
        // Read the request's head first: closing a socket with unread data resets it, and
        // the client may then lose the answer.
        let mut buf = [0u8; 4096];
        let mut head = Vec::new();
        let _ = tokio::time::timeout(REFUSAL_READ_TIME, async {
            while let Ok(n @ 1..) = stream.read(&mut buf).await {
                head.extend_from_slice(&buf[..n]);
                if head.windows(4).any(|w| w == b"\r\n\r\n") || head.len() > 16 * 1024 {
                    break;
                }
            }
        })
        .await;
        let _ = tokio::time::timeout(REFUSAL_TIME, async {
            stream.write_all(&answer).await?;
            stream.shutdown().await?;
            // Wait for the client to close its side after reading the answer.
            while stream.read(&mut buf).await? > 0 {}
            Ok::<(), io::Error>(())
        })
        .await;
        drop(permit);
    });
}
