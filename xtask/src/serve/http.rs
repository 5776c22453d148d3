//! The dev server's HTTP transport: hyper (HTTP/1.1) on a small tokio runtime, each request
//! answered by a blocking closure on tokio's blocking pool (the live-reload long poll waits
//! there). Replaced tiny_http, whose connection pool could leave one of a burst of new
//! keep-alive connections waiting indefinitely (a page loading six files at once hung).

use anyhow::{Context, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;

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

/// Serves `listener` forever; `answer` gets the request target (path and query).
pub fn serve(
    listener: std::net::TcpListener,
    answer: impl Fn(&str) -> Reply + Send + Sync + 'static,
) -> Result<()> {
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
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).context("sunucu soketi kullanılamadı")?;
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors or the like: wait a little instead of spinning.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            };
            let answer = Arc::clone(&answer);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let answer = Arc::clone(&answer);
                    async move { Ok::<_, Infallible>(reply_to(req, answer).await) }
                });
                // A connection the browser drops half-way is no error worth reporting.
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

async fn reply_to<F>(req: Request<Incoming>, answer: Arc<F>) -> Response<Full<Bytes>>
where
    F: Fn(&str) -> Reply + Send + Sync + 'static,
{
    let head = req.method() == Method::HEAD;
    let reply = if req.method() == Method::GET || head {
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        tokio::task::spawn_blocking(move || answer(&target))
            .await
            .unwrap_or_else(|_| Reply::new(500, "text/plain; charset=utf-8", "iç hata"))
    } else {
        Reply::new(405, "text/plain; charset=utf-8", "yalnızca GET")
    };
    let length = reply.body.len();
    let body = if head { Vec::new() } else { reply.body };
    Response::builder()
        .status(reply.status)
        .header("Content-Type", reply.content_type)
        .header("Content-Length", length)
        .header("Cache-Control", "no-store")
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}
