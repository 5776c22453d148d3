//! `cargo xtask serve`: builds, serves `dist/` on 127.0.0.1 (hyper, serve/http.rs), watches the
//! sources (notify), rebuilds in-process and reloads open pages; build errors show in the
//! browser. A rebuild keeps what did not change (site::Cache: the wasm, the pages' bodies) and
//! leaves the zip out; the zip is made from the output when it is asked for.

mod http;
mod settle;

use crate::site::{self, Cache, WasmMode};
use anyhow::{Context, Result};
use std::path::Path;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::watch;

/// The build generation and its error, watched by the open pages' live-reload sockets.
struct State {
    status: watch::Sender<Status>,
}

#[derive(Clone, Default)]
struct Status {
    version: u64,
    error: Option<String>,
}

impl State {
    fn new() -> State {
        State {
            status: watch::Sender::new(Status::default()),
        }
    }

    fn publish(&self, error: Option<String>) {
        // send_modify also updates the value when no browser is waiting.
        self.status.send_modify(|s| {
            s.version += 1;
            s.error = error;
        });
    }

    fn error(&self) -> Option<String> {
        self.status.borrow().error.clone()
    }
}

/// Where the pages' live-reload script opens its WebSocket.
const LIVERELOAD_PATH: &str = "/__livereload";

const LIVERELOAD_JS: &str = include_str!("serve/livereload.js");

pub fn run(opts: site::BuildOptions, port: Option<u16>) -> Result<()> {
    let port = port.unwrap_or(8000);
    let root = crate::project_root();
    let state = Arc::new(State::new());
    let mut cache = Cache {
        zip_on_request: true,
        ..Cache::default()
    };

    rebuild(&opts, &mut cache, &state);

    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        anyhow::anyhow!(
            "127.0.0.1:{port} dinlenemiyor ({}); başka bir port için --port kullanın",
            site::messages::io_reason(&e)
        )
    })?;
    println!("http://127.0.0.1:{port}/ adresinde sunuluyor · değişiklikler izleniyor (durdurmak için Ctrl+C)");
    let out_dir: Arc<Path> = opts.out_dir.clone().into();
    let st = Arc::clone(&state);
    std::thread::spawn(move || {
        let watched = Arc::clone(&st);
        let answer = move |target| respond(target, Arc::clone(&out_dir), Arc::clone(&st));
        let sockets = http::Sockets {
            path: LIVERELOAD_PATH,
            handler: move |socket| live_reload(socket, Arc::clone(&watched)),
        };
        if let Err(e) = http::serve(listener, answer, sockets) {
            eprintln!("hata: sunucu durdu: {}", site::messages::chain(&e));
            std::process::exit(1);
        }
    });

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            let step = settle::step(&event.kind);
            if step != settle::Step::Nothing {
                let _ = tx.send((step, event.paths));
            }
        }
    })
    .context("dosya izleyici başlatılamadı")?;
    use notify::Watcher;
    for dir in [
        &opts.content_dir,
        &opts.templates_dir,
        &root.join("wasm-validator"),
    ] {
        if dir.exists() {
            watcher
                .watch(dir, notify::RecursiveMode::Recursive)
                .with_context(|| format!("{} izlenemiyor", dir.display()))?;
        }
    }
    let wasm_dir = root.join("wasm-validator");
    while let Ok((step, first)) = rx.recv() {
        // Editors write a file in several steps: gather them until the files are closed.
        let started = Instant::now();
        let mut save = settle::Save::default();
        save.add(step, first);
        while let Ok((step, more)) = rx.recv_timeout(save.wait()) {
            save.add(step, more);
        }
        if save.paths.iter().any(|p| p.starts_with(&wasm_dir)) {
            cache.wasm = None; // Rust changed: recompile the browser code.
        }
        let ok = rebuild(&opts, &mut cache, &state);
        if ok {
            println!(
                "  kayıttan yeni çıktıya: {:.0} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    Ok(())
}

/// Rebuilds, prints the outcome, and tells the browsers. Never panics on bad content.
fn rebuild(opts: &site::BuildOptions, cache: &mut Cache, state: &State) -> bool {
    match site::build_with(opts, cache) {
        Ok(report) => {
            crate::cli::report::print(&report, opts);
            state.publish(None);
            true
        }
        Err(e) => {
            let message = site::messages::chain(&e);
            eprintln!("hata: {message}");
            if opts.wasm == WasmMode::Build && cache.wasm.is_none() {
                eprintln!("(wasm derlenemedi; düzeltince kaydedin, yeniden denenecek)");
            }
            state.publish(Some(message));
            false
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// One open page's live reload: the build version and error now, then again after every
/// build, as `{"version": n, "error": null | "…"}`, until the page goes away. Holds no thread
/// while it waits; a page that stops reading is dropped by the transport's write timeout.
async fn live_reload(socket: http::Socket, state: Arc<State>) {
    use futures_util::{SinkExt, StreamExt};
    use hyper_tungstenite::tungstenite::Message;
    let mut status = state.status.subscribe();
    let (mut tx, mut rx) = socket.split();
    loop {
        let text = {
            let s = status.borrow_and_update();
            serde_json::json!({ "version": s.version, "error": s.error }).to_string()
        };
        if tx.send(Message::text(text)).await.is_err() {
            return;
        }
        loop {
            tokio::select! {
                changed = status.changed() => match changed {
                    Ok(()) => break,
                    Err(_) => return,
                },
                // The page sends nothing; reading notices when it closes or goes away.
                incoming = rx.next() => match incoming {
                    Some(Ok(m)) if !m.is_close() => {}
                    _ => return,
                },
            }
        }
    }
}

/// The answer to one GET: the live-reload script, or a file of the output (the error page when
/// there is no output yet). The live-reload socket itself is taken by the transport.
async fn respond(target: String, out_dir: Arc<Path>, state: Arc<State>) -> http::Reply {
    let path = target.split_once('?').map_or(target.as_str(), |(p, _)| p);
    match path {
        "/__livereload.js" => http::Reply::ok("text/javascript; charset=utf-8", LIVERELOAD_JS),
        LIVERELOAD_PATH => http::Reply::new(
            400,
            "text/plain; charset=utf-8",
            "Canlı yenileme bir WebSocket bağlantısıdır; sayfanın betiği açar.\n",
        ),
        _ if path.trim_start_matches('/') == site::archive::NAME => {
            // Made now from the output: a rebuild does not make it (Cache::zip_on_request).
            tokio::task::spawn_blocking(move || {
                match site::archive::of_output(&out_dir, &site::SERVER_FILES) {
                    Ok(zip) => http::Reply::ok("application/zip", zip),
                    Err(e) => http::Reply::new(
                        500,
                        "text/plain; charset=utf-8",
                        format!("zip yapılamadı: {e:#}\n"),
                    ),
                }
            })
            .await
            .unwrap_or_else(|_| http::Reply::new(500, "text/plain; charset=utf-8", "iç hata"))
        }
        _ => {
            // Reading a file blocks: on tokio's blocking pool, off the two worker threads.
            let path = path.to_string();
            tokio::task::spawn_blocking(move || serve_file(&path, &out_dir, &state))
                .await
                .unwrap_or_else(|_| http::Reply::new(500, "text/plain; charset=utf-8", "iç hata"))
        }
    }
}

fn serve_file(path: &str, out_dir: &Path, state: &State) -> http::Reply {
    let decoded = site::paths::percent_decode(path);
    let mut file = out_dir.to_path_buf();
    for seg in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if seg == ".." {
            return http::Reply::new(400, "text/plain; charset=utf-8", "..");
        }
        file.push(seg);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) if content_type(&file).starts_with("text/html") => {
            http::Reply::ok(content_type(&file), with_live_reload(bytes))
        }
        Ok(bytes) => http::Reply::ok(content_type(&file), bytes),
        Err(_) => {
            let (code, body) = match state.error() {
                // The site could not be built at all yet: show why, and reload when fixed.
                Some(message) => (500, error_page(&message)),
                None => (
                    404,
                    std::fs::read(out_dir.join("404.html"))
                        .map(with_live_reload)
                        .unwrap_or_else(|_| b"404".to_vec()),
                ),
            };
            http::Reply::new(code, "text/html; charset=utf-8", body)
        }
    }
}

/// The live-reload script tag `serve` adds before `</head>` of every page it serves (a file,
/// not inline: the pages' CSP forbids inline scripts). The built site never contains it.
pub const LIVERELOAD_TAG: &str = "<script src=\"__livereload.js\" defer></script>\n";

fn with_live_reload(mut html: Vec<u8>) -> Vec<u8> {
    if let Some(i) = html.windows(7).position(|w| w == b"</head>") {
        html.splice(i..i, LIVERELOAD_TAG.bytes());
    }
    html
}

fn error_page(message: &str) -> Vec<u8> {
    format!(
        "<!doctype html>\n<html lang=\"tr\"><head><meta charset=\"utf-8\"><title>Derleme hatası</title>\n{}</head>\
         <body><h1>Site derlenemedi</h1><pre>{}</pre></body></html>\n",
        LIVERELOAD_TAG,
        site::html::escape(message)
    )
    .into_bytes()
}
