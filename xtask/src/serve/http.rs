//! The dev server's HTTP transport: hyper (HTTP/1.1) on a small tokio runtime, answering GET
//! and HEAD addressed to the names the server was opened under, and taking one path's WebSocket
//! upgrades (live reload) from pages of its own origin. Connections that send no request or stop
//! reading are closed, and at most `MAX_CONNECTIONS` HTTP connections plus `MAX_SOCKETS`
//! WebSockets are open at once, so a misbehaving local client cannot use up the file
//! descriptors, and open tabs' sockets never take the place of a page load. Replaced tiny_http,
//! whose connection pool could leave one of a burst of new keep-alive connections waiting
//! indefinitely (a page loading six files at once hung).

use anyhow::{Context, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{ALLOW, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, HOST, ORIGIN};
use hyper::{Method, Request, Response};
use hyper_tungstenite::tungstenite::protocol::WebSocketConfig;
pub use hyper_tungstenite::HyperWebsocketStream as Socket;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Sleep;

/// How long a connection may take to send a whole request head, counted from when it is ready
/// for one: a new connection, or a keep-alive one after its last answer (so this is also the
/// idle timeout). A local browser sends a head in well under a millisecond and opens a new
/// connection when an idle one was closed; a client that sends nothing or half a head would
/// otherwise hold its connection forever.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a write to a client may make no progress: a browser reads what it asked for at
/// once, a client that stops reading would otherwise hold its connection forever.
const WRITE_STALL_TIMEOUT: Duration = Duration::from_secs(10);

/// At most this many HTTP connections are open at once; more wait in the listen queue until
/// one closes (within the timeouts above). A browser opens at most six per host, so this is
/// dozens of tabs.
const MAX_CONNECTIONS: usize = 128;

/// At most this many WebSockets (one per open tab) are open at once, counted apart from the
/// HTTP connections: a connection gives up its HTTP slot when it becomes a socket, so open tabs
/// never hold up a page load. One more is refused (503; the page retries). With the HTTP
/// connections and one open file each, this stays under the 256 descriptors macOS allows a
/// process by default.
pub const MAX_SOCKETS: usize = 64;

/// The largest message a socket takes from a page: live reload only listens, so anything
/// larger is a misbehaving client, not a reason to buffer megabytes.
const MAX_SOCKET_MESSAGE: usize = 4096;

/// One answer: status, `Content-Type` and body. Always sent with `Cache-Control: no-store`.
pub struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
        }
    }

    pub fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, content_type, body)
    }
}

/// Where WebSocket upgrades are taken, and what runs each socket (until it returns).
pub struct Sockets<S> {
    pub path: &'static str,
    pub handler: S,
}

/// Serves `listener` forever; `answer` gets the request target (path and query) of each GET
/// or HEAD and runs on the runtime's two worker threads, so it must not block. A WebSocket
/// upgrade at `sockets.path` from a page of this server's origin runs `sockets.handler`.
pub fn serve<F, Fut, S, SFut>(
    listener: std::net::TcpListener,
    answer: F,
    sockets: Sockets<S>,
) -> Result<()>
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Reply> + Send + 'static,
    S: Fn(Socket) -> SFut + Send + Sync + 'static,
    SFut: Future<Output = ()> + Send + 'static,
{
    let port = listener
        .local_addr()
        .context("sunucu soketinin adresi okunamadı")?
        .port();
    listener
        .set_nonblocking(true)
        .context("sunucu soketi ayarlanamadı")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .context("sunucu başlatılamadı")?;
    let answer = Arc::new(answer);
    let sockets = Arc::new(Upgrades {
        sockets,
        slots: Arc::new(tokio::sync::Semaphore::new(MAX_SOCKETS)),
    });
    let mut http1 = hyper::server::conn::http1::Builder::new();
    http1
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).context("sunucu soketi kullanılamadı")?;
        loop {
            // Waiting here leaves further connections in the kernel's listen queue.
            let slot = Arc::clone(&slots)
                .acquire_owned()
                .await
                .context("bağlantı sınırı kapandı")?;
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors or the like: wait a little instead of spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            let answer = Arc::clone(&answer);
            let sockets = Arc::clone(&sockets);
            let http1 = http1.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let answer = Arc::clone(&answer);
                    let sockets = Arc::clone(&sockets);
                    async move { Ok::<_, Infallible>(reply_to(req, port, answer, sockets).await) }
                });
                // A connection the browser drops half-way is no error worth reporting. When the
                // client leaves, hyper drops the answer being prepared with it. After an upgrade
                // this returns as the socket is handed over, so the slot is free again while the
                // socket lives on, counted in `MAX_SOCKETS`. The socket keeps the `StallGuard`.
                let io = TokioIo::new(StallGuard::new(stream));
                let _ = http1.serve_connection(io, service).with_upgrades().await;
                drop(slot);
            });
        }
    })
}

/// A client socket whose writes fail once one has made no progress for `WRITE_STALL_TIMEOUT`
/// (hyper has no write timeout of its own).
struct StallGuard {
    stream: TcpStream,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl StallGuard {
    fn new(stream: TcpStream) -> StallGuard {
        StallGuard {
            stream,
            stalled: None,
        }
    }

    fn check<T>(
        &mut self,
        cx: &mut TaskContext<'_>,
        poll: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if poll.is_ready() {
            self.stalled = None;
            return poll;
        }
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(WRITE_STALL_TIMEOUT)));
        if timer.as_mut().poll(cx).is_ready() {
            self.stalled = None;
            return Poll::Ready(Err(io::ErrorKind::TimedOut.into()));
        }
        Poll::Pending
    }
}

impl AsyncRead for StallGuard {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for StallGuard {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.check(cx, poll)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.check(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_flush(cx);
        self.check(cx, poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_shutdown(cx);
        self.check(cx, poll)
    }
}

/// Whether `host` (a `Host` header or an absolute target's authority) names this server:
/// `127.0.0.1:<port>` or `localhost:<port>`, the name in any case. Strict on purpose: browsers
/// always send the port unless it is 80, and a foreign page whose name was rebound to
/// 127.0.0.1 (DNS rebinding) sends its own name. Without a port only when the port is 80.
fn is_own_host(host: &str, port: u16) -> bool {
    let (name, port_ok) = match host.rsplit_once(':') {
        Some((name, p)) => (name, p == port.to_string()),
        None => (host, port == 80),
    };
    port_ok && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
}

/// Whether `origin` (a WebSocket handshake's `Origin`) is a page of this server: browsers
/// always send it, and a page of another site (or `null`, a sandboxed one) must not listen.
fn is_own_origin(origin: &str, port: u16) -> bool {
    origin
        .strip_prefix("http://")
        .is_some_and(|host| is_own_host(host, port))
}

/// The WebSocket side of the server: where and how, and the free socket slots.
struct Upgrades<S> {
    sockets: Sockets<S>,
    slots: Arc<tokio::sync::Semaphore>,
}

/// The answer to a WebSocket handshake at the sockets' path: 101 with the socket handed to
/// the handler, or why not (403 foreign origin, 503 too many sockets, 400 bad handshake).
fn upgrade<S, SFut>(
    mut req: Request<Incoming>,
    port: u16,
    up: &Arc<Upgrades<S>>,
) -> Response<Full<Bytes>>
where
    S: Fn(Socket) -> SFut + Send + Sync + 'static,
    SFut: Future<Output = ()> + Send + 'static,
{
    let mut origins = req.headers().get_all(ORIGIN).iter();
    let origin_ok = match (origins.next(), origins.next()) {
        (Some(o), None) => o.to_str().is_ok_and(|o| is_own_origin(o, port)),
        _ => false,
    };
    if !origin_ok {
        return plain(
            403,
            format!("Canlı yenileme yalnızca http://127.0.0.1:{port}/ ya da http://localhost:{port}/ sayfalarına açılır.\n"),
        );
    }
    let Ok(slot) = Arc::clone(&up.slots).try_acquire_owned() else {
        return plain(503, "Çok fazla açık sekme var; birkaçını kapatın.\n".into());
    };
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_SOCKET_MESSAGE))
        .max_frame_size(Some(MAX_SOCKET_MESSAGE));
    match hyper_tungstenite::upgrade(&mut req, Some(config)) {
        Ok((response, socket)) => {
            let up = Arc::clone(up);
            // Runs once the 101 is sent and hyper hands the connection over; a client that
            // leaves before that only frees the slot.
            tokio::spawn(async move {
                if let Ok(socket) = socket.await {
                    (up.sockets.handler)(socket).await;
                }
                drop(slot);
            });
            response
        }
        Err(e) => plain(400, format!("WebSocket el sıkışması geçersiz: {e}\n")),
    }
}

fn plain(status: u16, body: String) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .header(CACHE_CONTROL, "no-store")
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

fn addressed_to_us(req: &Request<Incoming>, port: u16) -> bool {
    let mut hosts = req.headers().get_all(HOST).iter();
    let host_ok = match (hosts.next(), hosts.next()) {
        (Some(host), None) => host.to_str().is_ok_and(|h| is_own_host(h, port)),
        _ => false,
    };
    host_ok
        && req
            .uri()
            .authority()
            .is_none_or(|a| is_own_host(a.as_str(), port))
}

async fn reply_to<F, Fut, S, SFut>(
    req: Request<Incoming>,
    port: u16,
    answer: Arc<F>,
    sockets: Arc<Upgrades<S>>,
) -> Response<Full<Bytes>>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Reply>,
    S: Fn(Socket) -> SFut + Send + Sync + 'static,
    SFut: Future<Output = ()> + Send + 'static,
{
    let head = req.method() == Method::HEAD;
    let to_us = addressed_to_us(&req, port);
    if to_us
        && req.method() == Method::GET
        && req.uri().path() == sockets.sockets.path
        && hyper_tungstenite::is_upgrade_request(&req)
    {
        return upgrade(req, port, &sockets);
    }
    let reply = if !to_us {
        Reply::new(
            403,
            "text/plain; charset=utf-8",
            format!(
                "Bu sunucu yalnızca http://127.0.0.1:{port}/ ya da http://localhost:{port}/ adresinden açılır.\n"
            ),
        )
    } else if req.method() == Method::GET || head {
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        answer(target).await
    } else {
        Reply::new(405, "text/plain; charset=utf-8", "yalnızca GET ve HEAD")
    };
    let length = reply.body.len();
    let body = if head { Vec::new() } else { reply.body };
    let mut response = Response::builder()
        .status(reply.status)
        .header(CONTENT_TYPE, reply.content_type)
        .header(CONTENT_LENGTH, length)
        .header(CACHE_CONTROL, "no-store");
    if reply.status == 405 {
        response = response.header(ALLOW, "GET, HEAD");
    }
    response
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

#[cfg(test)]
mod tests {
    use super::{is_own_host, is_own_origin};

    #[test]
    fn own_origin_only() {
        for origin in ["http://127.0.0.1:8000", "http://localhost:8000"] {
            assert!(is_own_origin(origin, 8000), "{origin}");
        }
        for origin in [
            "",
            "null",
            "http://127.0.0.1:8001",
            "https://127.0.0.1:8000",
            "http://evil.example:8000",
            "http://127.0.0.1:8000/",
            "http://127.0.0.1:8000.evil.example",
            "ws://127.0.0.1:8000",
            "file://",
        ] {
            assert!(!is_own_origin(origin, 8000), "{origin}");
        }
    }

    #[test]
    fn own_host_names_only() {
        for host in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000"] {
            assert!(is_own_host(host, 8000), "{host}");
        }
        for host in [
            "",
            ":8000",
            "127.0.0.1",
            "localhost",
            "127.0.0.1:8001",
            "127.0.0.1:08000",
            "127.0.0.1:+8000",
            "127.0.0.1:8000:8000",
            "evil.example:8000",
            "localhost.evil.example:8000",
            "127.0.0.1.evil.example:8000",
            "user@127.0.0.1:8000",
            "[::1]:8000",
            "localhost.:8000",
            "0.0.0.0:8000",
        ] {
            assert!(!is_own_host(host, 8000), "{host}");
        }
        // Browsers leave out the default port.
        assert!(is_own_host("localhost", 80));
        assert!(!is_own_host("evil.example", 80));
    }
}
