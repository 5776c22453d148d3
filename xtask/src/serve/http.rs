//! The dev server's HTTP transport: hyper (HTTP/1.1) on a small tokio runtime, answering GET
//! and HEAD addressed to the names the server was opened under. Connections that send no
//! request or stop reading are closed, and at most `MAX_CONNECTIONS` are open at once, so a
//! misbehaving local client cannot use up the file descriptors. Replaced tiny_http, whose
//! connection pool could leave one of a burst of new keep-alive connections waiting
//! indefinitely (a page loading six files at once hung).

use anyhow::{Context, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{ALLOW, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use hyper::{Method, Request, Response};
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

/// At most this many connections are open at once; more wait in the listen queue until one
/// closes (within the timeouts above, or a long poll's 25 s). A browser opens at most six per
/// host, so this is dozens of tabs; with one open file per connection it stays under the 256
/// descriptors macOS allows a process by default.
const MAX_CONNECTIONS: usize = 128;

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

/// Serves `listener` forever; `answer` gets the request target (path and query) of each GET
/// or HEAD and runs on the runtime's two worker threads, so it must not block.
pub fn serve<F, Fut>(listener: std::net::TcpListener, answer: F) -> Result<()>
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Reply> + Send + 'static,
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
            let http1 = http1.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let answer = Arc::clone(&answer);
                    async move { Ok::<_, Infallible>(reply_to(req, port, answer).await) }
                });
                // A connection the browser drops half-way is no error worth reporting. When the
                // client leaves, hyper drops the answer being prepared (a long poll) with it.
                let io = TokioIo::new(StallGuard::new(stream));
                let _ = http1.serve_connection(io, service).await;
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

async fn reply_to<F, Fut>(
    req: Request<Incoming>,
    port: u16,
    answer: Arc<F>,
) -> Response<Full<Bytes>>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Reply>,
{
    let head = req.method() == Method::HEAD;
    let reply = if !addressed_to_us(&req, port) {
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
    use super::is_own_host;

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
