//! `cargo xtask serve` end to end: serves the site, injects live reload, rebuilds on a content
//! change without recompiling, reports a build error to the browser over the live-reload
//! WebSocket, and holds up against clients that misbehave (silent connections, abandoned or
//! many sockets, foreign `Host` names and `Origin`s).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The test directorate's settings (shared by the builder's tests).
const SITE_TOML: &str = include_str!("../fixtures/site.toml");

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends `request` as is and reads the answer until the server closes; returns (head, body).
/// None when there is no complete answer within `wait`.
fn exchange(port: u16, request: &str, wait: Duration) -> Option<(String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(wait)).ok()?;
    s.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    Some((head.to_string(), body.to_string()))
}

/// A plain HTTP/1.0 GET, with the `Host` a browser sends; returns (status line, body).
fn get(port: u16, path: &str) -> Option<(String, String)> {
    let request = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let (head, body) = exchange(port, &request, Duration::from_secs(30))?;
    Some((head.lines().next()?.to_string(), body))
}

/// Reads and drops whatever the server sends until it closes `s` (end of stream or reset);
/// false when `s` is still open at `deadline`.
fn closed_by_server(s: &mut TcpStream, deadline: Instant) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return false;
        };
        if left.is_zero() || s.set_read_timeout(Some(left)).is_err() {
            return false;
        }
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return true,
        }
    }
}

type Socket = tungstenite::WebSocket<TcpStream>;

/// Opens a live-reload socket as a page of `origin` would; the refusal's status otherwise.
fn open_socket_from(port: u16, origin: Option<&str>) -> Result<Socket, u16> {
    use tungstenite::client::IntoClientRequest;
    let mut request = format!("ws://127.0.0.1:{port}/__livereload")
        .into_client_request()
        .unwrap();
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("Origin", origin.parse().unwrap());
    }
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // A hang guard, not a speed check.
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    match tungstenite::client(request, stream) {
        Ok((socket, _)) => Ok(socket),
        Err(tungstenite::HandshakeError::Failure(tungstenite::Error::Http(response))) => {
            Err(response.status().as_u16())
        }
        Err(e) => panic!("live-reload handshake failed: {e}"),
    }
}

/// A live-reload socket as a page of the server's own origin opens it.
fn open_socket(port: u16) -> Socket {
    open_socket_from(port, Some(&format!("http://127.0.0.1:{port}")))
        .unwrap_or_else(|status| panic!("live-reload socket refused with {status}"))
}

/// The next `{version, error}` message on `socket`.
fn next_status(socket: &mut Socket) -> serde_json::Value {
    loop {
        match socket.read().expect("live-reload socket closed or silent") {
            tungstenite::Message::Text(text) => return serde_json::from_str(&text).unwrap(),
            tungstenite::Message::Close(_) => panic!("live-reload socket closed"),
            _ => {}
        }
    }
}

/// The next message on `socket` with a version above `seen`.
fn next_version(socket: &mut Socket, seen: u64) -> serde_json::Value {
    loop {
        let status = next_status(socket);
        if status["version"].as_u64().unwrap() > seen {
            return status;
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn write_page(dir: &Path, body: &str) {
    std::fs::write(
        dir.join("content/index.md"),
        format!("+++\ntitle = \"Ana\"\nfactual = false\n+++\n\n{body}\n"),
    )
    .unwrap();
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A running `xtask serve` on a small site; the server stops before the folder is removed.
struct Site {
    _server: Server,
    dir: tempfile::TempDir,
    port: u16,
}

fn start_site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::create_dir_all(dir.path().join("site-templates")).unwrap();
    std::fs::write(dir.path().join("content/site.toml"), SITE_TOML).unwrap();
    std::fs::write(
        dir.path().join("site-templates/page.html"),
        "<!doctype html><html lang=\"tr\"><head><title>{{ page.title }}</title></head><body>{{ page.content }}</body></html>\n",
    )
    .unwrap();
    write_page(dir.path(), "Merhaba");
    let port = free_port();
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["serve", "--no-wasm", "--port", &port.to_string()])
            .arg("--content")
            .arg(dir.path().join("content"))
            .arg("--templates")
            .arg(dir.path().join("site-templates"))
            .arg("--out")
            .arg(dir.path().join("dist"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for("the server", || get(port, "/").is_some());
    Site {
        _server: server,
        dir,
        port,
    }
}

#[test]
fn serves_reloads_and_shows_errors() {
    let Site { _server, dir, port } = start_site();
    let (status, page) = get(port, "/").unwrap();
    assert!(status.contains("200"), "{status}");
    assert!(page.contains("<p>Merhaba</p>"));
    assert!(
        page.contains("<script src=\"__livereload.js\" defer></script>\n</head>"),
        "{page}"
    );
    assert!(get(port, "/__livereload.js")
        .unwrap()
        .1
        .contains("location.reload()"));
    assert!(
        !dir.path().join("dist/__livereload.js").exists(),
        "dev script is not part of the site"
    );
    let mut socket = open_socket(port);
    let first = next_status(&mut socket);
    assert!(first["error"].is_null(), "{first}");
    let version = first["version"].as_u64().unwrap();
    // The socket path answers a plain GET with an explanation, not a page.
    let (status, body) = get(port, "/__livereload").unwrap();
    assert!(status.contains("400"), "{status}");
    assert!(body.contains("WebSocket"), "{body}");

    // A content change is rebuilt in-process and announced on the socket.
    write_page(dir.path(), "Merhaba dünya");
    let changed = next_version(&mut socket, version);
    assert!(changed["error"].is_null(), "{changed}");
    wait_for("the new page", || {
        get(port, "/index.html")
            .unwrap()
            .1
            .contains("Merhaba dünya")
    });

    // A broken link is reported to the browser; the last good page stays served.
    write_page(dir.path(), "[bozuk](yok.html)");
    let seen = changed["version"].as_u64().unwrap();
    let failed = loop {
        let status = next_version(&mut socket, seen);
        if !status["error"].is_null() {
            break status;
        }
    };
    assert!(
        failed["error"]
            .as_str()
            .unwrap()
            .contains("content/index.md:6: bağlantı 'yok.html' bulunamadı"),
        "{failed}"
    );
    assert!(get(port, "/index.html")
        .unwrap()
        .1
        .contains("Merhaba dünya"));
    let (status, _) = get(port, "/yok.html").unwrap();
    assert!(status.contains("500") || status.contains("404"), "{status}");
}

// A client that connects and never finishes a request head, or keeps an answered connection
// open without asking again, must not hold the connection (a file descriptor) forever. The
// server's header-read timeout is 10 s; the test allows 10 s more.
#[test]
fn silent_half_sent_and_idle_connections_are_closed() {
    let site = start_site();
    let port = site.port;
    let connect = || TcpStream::connect(("127.0.0.1", port)).unwrap();

    // A live-reload socket is not idle: it outlives the timeout and gets the next build.
    let mut socket = open_socket(port);
    let v = next_status(&mut socket)["version"].as_u64().unwrap();
    let mut silent = connect();
    let mut half_line = connect();
    half_line.write_all(b"GET /ind").unwrap();
    let mut half_head = connect();
    write!(half_head, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n").unwrap();
    // Answered once over keep-alive, then idle.
    let mut idle = connect();
    write!(idle, "HEAD / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    idle.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(idle.read(&mut byte).unwrap(), 1, "HEAD answer cut short");
        head.push(byte[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&head)
    );

    let deadline = Instant::now() + Duration::from_secs(20);
    assert!(
        closed_by_server(&mut silent, deadline),
        "silent connection still open"
    );
    assert!(
        closed_by_server(&mut half_line, deadline),
        "half request line still open"
    );
    assert!(
        closed_by_server(&mut half_head, deadline),
        "half request head still open"
    );
    assert!(
        closed_by_server(&mut idle, deadline),
        "idle keep-alive connection still open"
    );

    write_page(site.dir.path(), "Merhaba yeniden");
    let status = next_version(&mut socket, v);
    assert!(status["error"].is_null(), "{status}");
}

// A client that asks and asks (pipelined) but never reads the answers stalls the server's
// writes once the socket buffers are full; the server must give up on it rather than hold the
// connection forever. The server's write-stall timeout is 10 s; the test allows 10 s more once
// the test's own writes stall (the buffers are full).
#[test]
fn a_client_that_stops_reading_is_dropped() {
    let site = start_site();
    let port = site.port;
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(1))).unwrap();
    let requests = format!("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
        .repeat(1000)
        .into_bytes();
    // Whole requests only: `at` continues where a partial write stopped.
    let mut at = 0;
    let mut stalled_since: Option<Instant> = None;
    let closed = loop {
        match s.write(&requests[at..]) {
            Ok(n) => at = (at + n) % requests.len(),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                let since = *stalled_since.get_or_insert_with(Instant::now);
                if since.elapsed() > Duration::from_secs(20) {
                    break false;
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            // Reset or broken pipe: the server closed the connection.
            Err(_) => break true,
        }
    };
    assert!(closed, "a client that does not read is still connected");
}

// Many idle connections (fewer than the server's cap) leave room for a page load.
#[test]
fn get_answers_while_many_connections_sit_idle() {
    let site = start_site();
    let port = site.port;
    let idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let request = format!("GET /index.html HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    // A correctness deadline (the answer must come at all while they wait), not a speed check.
    let (head, body) = exchange(port, &request, Duration::from_secs(10))
        .expect("no answer while idle connections are open");
    assert!(head.starts_with("HTTP/1.0 200"), "{head}");
    assert!(body.contains("Merhaba"));
    drop(idle);
}

// Connections beyond the server's cap (128) wait in the listen queue instead of each taking a
// file descriptor; they are taken in as silent ones time out, so a page load still gets its
// answer. Counts the server's descriptors, hence Linux only.
#[cfg(target_os = "linux")]
#[test]
fn connections_beyond_the_cap_wait_their_turn() {
    let site = start_site();
    let port = site.port;
    let fds = format!("/proc/{}/fd", site._server.0.id());
    let open_fds = || std::fs::read_dir(&fds).unwrap().count();
    let before = open_fds();
    let silent: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    // Most of the cap (descriptors the server had open while starting may have closed since
    // `before` was counted, so not all 128).
    wait_for("the server to take connections in", || {
        open_fds() >= before + 100
    });
    // Time to take in more if it would (a pause, not a measurement).
    std::thread::sleep(Duration::from_secs(1));
    let open = open_fds();
    assert!(
        open <= before + 128 + 4,
        "{open} descriptors, {before} before"
    );
    let request = format!("GET /index.html HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    // Behind 72 silent connections in the queue: answered once the first ones time out.
    let (head, body) = exchange(port, &request, Duration::from_secs(30))
        .expect("page load never answered behind the queue");
    assert!(head.starts_with("HTTP/1.0 200"), "{head}");
    assert!(body.contains("Merhaba"));
    drop(silent);
}

// Pages that were closed (tab closed, page reloaded) must cost nothing once their sockets
// close, and the sockets of open pages must leave room for a page load.
#[test]
fn abandoned_sockets_do_not_hold_up_a_page_load() {
    let site = start_site();
    let port = site.port;
    // In batches below the server's socket cap, each left open long enough for the server to
    // start them (a pause, not a measurement), then abandoned.
    for _ in 0..6 {
        let batch: Vec<Socket> = (0..40).map(|_| open_socket(port)).collect();
        std::thread::sleep(Duration::from_millis(500));
        drop(batch);
    }
    // And the sockets of pages still open; the server notices the closed ones meanwhile.
    let mut open = Vec::new();
    wait_for("the abandoned sockets to be let go", || {
        while open.len() < 40 {
            match open_socket_from(port, Some(&format!("http://127.0.0.1:{port}"))) {
                Ok(s) => open.push(s),
                Err(_) => return false,
            }
        }
        true
    });
    let request = format!("GET /index.html HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    // A correctness deadline, not a speed check.
    let (head, body) =
        exchange(port, &request, Duration::from_secs(10)).expect("page load held up by sockets");
    assert!(head.starts_with("HTTP/1.0 200"), "{head}");
    assert!(body.contains("Merhaba"));
    // The open sockets still hear of the next build.
    let v = next_status(&mut open[0])["version"].as_u64().unwrap();
    write_page(site.dir.path(), "Merhaba yeniden");
    for s in open.iter_mut().take(3) {
        let status = next_version(s, v);
        assert!(status["error"].is_null(), "{status}");
    }
}

// Seven and more open tabs: each tab's live reload is one WebSocket, which the browser does not
// count among its six connections per host and the server counts apart from its HTTP
// connections, so page loads are answered while they are open (a long poll per tab held one of
// the six for 25 s), and every tab hears of the next build.
#[test]
fn many_open_tabs_leave_page_loads_answered_and_all_reload() {
    let site = start_site();
    let port = site.port;
    let mut tabs: Vec<Socket> = (0..12).map(|_| open_socket(port)).collect();
    let versions: Vec<u64> = tabs
        .iter_mut()
        .map(|t| next_status(t)["version"].as_u64().unwrap())
        .collect();
    // Keep-alive connections as a browser holds them, six at once, each asking twice.
    let mut conns: Vec<TcpStream> = (0..6)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    for round in 0..2 {
        for c in &mut conns {
            c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            write!(
                c,
                "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
            )
            .unwrap();
            let (head, body) = read_response(c);
            assert!(head.starts_with("HTTP/1.1 200"), "round {round}: {head}");
            assert!(body.contains("Merhaba"), "round {round}");
        }
    }
    write_page(site.dir.path(), "Merhaba yeniden");
    for (tab, v) in tabs.iter_mut().zip(versions) {
        let status = next_version(tab, v);
        assert!(status["error"].is_null(), "{status}");
    }
    wait_for("the new page", || {
        get(port, "/index.html")
            .unwrap()
            .1
            .contains("Merhaba yeniden")
    });
}

/// One keep-alive answer with a `Content-Length` body: (head, body).
fn read_response(s: &mut TcpStream) -> (String, String) {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.split_once(':')
                        .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                })
                .map(|(_, v)| v.trim().parse().unwrap())
                .expect("no Content-Length");
            if raw.len() >= end + 4 + length {
                let body = String::from_utf8_lossy(&raw[end + 4..end + 4 + length]).into_owned();
                return (head, body);
            }
        }
        let n = s.read(&mut buf).expect("no answer (hang guard)");
        assert!(n > 0, "connection closed mid-answer");
        raw.extend_from_slice(&buf[..n]);
    }
}

// The sockets are bounded: one more than the cap is refused (the page retries later), and
// page loads are still answered.
#[test]
fn sockets_beyond_the_cap_are_refused_and_pages_still_load() {
    let site = start_site();
    let port = site.port;
    let own = format!("http://127.0.0.1:{port}");
    let mut open = Vec::new();
    let refused = loop {
        match open_socket_from(port, Some(&own)) {
            Ok(s) => open.push(s),
            Err(status) => break status,
        }
        assert!(open.len() <= 64, "more than 64 sockets taken");
    };
    assert_eq!(refused, 503);
    assert_eq!(open.len(), 64);
    let (status, body) = get(port, "/index.html").unwrap();
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("Merhaba"));
    // A closed one makes room again.
    drop(open.pop());
    wait_for("a free socket slot", || {
        open_socket_from(port, Some(&own))
            .map(|s| open.push(s))
            .is_ok()
    });
}

// A page of another site (or a sandboxed one, `null`) must not listen to the dev server;
// only pages of the origin it was opened under may.
#[test]
fn foreign_origins_cannot_open_a_socket() {
    let site = start_site();
    let port = site.port;
    for origin in [
        Some(format!("http://evil.example:{port}")),
        Some("http://evil.example".to_string()),
        Some(format!("http://127.0.0.1:{}", port.wrapping_add(1))),
        Some(format!("https://127.0.0.1:{port}")),
        Some(format!("http://127.0.0.1.evil.example:{port}")),
        Some("null".to_string()),
        None,
    ] {
        assert_eq!(
            open_socket_from(port, origin.as_deref()).err(),
            Some(403),
            "Origin {origin:?}"
        );
    }
    for origin in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    ] {
        let mut s = open_socket_from(port, Some(&origin)).expect(&origin);
        assert!(next_status(&mut s)["version"].is_u64());
    }
}

// DNS rebinding: a page on evil.example:<port> whose name now points at 127.0.0.1 sends its
// own name as `Host`; only the names the server was opened under are answered.
#[test]
fn foreign_host_names_are_refused() {
    let site = start_site();
    let port = site.port;
    let wait = Duration::from_secs(30);
    let ask = |request: String| exchange(port, &request, wait).unwrap();
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("127.0.0.1.evil.example:{port}"),
        String::new(),
    ] {
        let (head, body) = ask(format!("GET /index.html HTTP/1.0\r\nHost: {host}\r\n\r\n"));
        assert!(head.starts_with("HTTP/1.0 403"), "Host {host:?}: {head}");
        assert!(!body.contains("Merhaba"), "Host {host:?}: {body}");
        assert!(body.contains("adres"), "Host {host:?}: {body}");
        assert!(head.contains("text/plain"), "Host {host:?}: {head}");
    }
    let (head, body) = ask("GET /__livereload HTTP/1.0\r\nHost: evil.example\r\n\r\n".into());
    assert!(
        head.starts_with("HTTP/1.0 403") && !body.contains("version"),
        "{head}"
    );
    // No Host at all.
    let (head, _) = ask("GET /index.html HTTP/1.0\r\n\r\n".into());
    assert!(head.starts_with("HTTP/1.0 403"), "{head}");
    // An absolute target names the host too.
    let (head, _) = ask(format!(
        "GET http://evil.example:{port}/index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");

    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
    ] {
        let (head, body) = ask(format!("GET /index.html HTTP/1.0\r\nHost: {host}\r\n\r\n"));
        assert!(head.starts_with("HTTP/1.0 200"), "Host {host:?}: {head}");
        assert!(body.contains("Merhaba"));
    }
}

#[test]
fn other_methods_are_refused_with_allow() {
    let site = start_site();
    let port = site.port;
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let request = format!(
            "{method} /index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let (head, _) = exchange(port, &request, Duration::from_secs(30)).unwrap();
        assert!(head.starts_with("HTTP/1.1 405"), "{method}: {head}");
        let allow = head
            .lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case("allow"))
            })
            .map(|(_, v)| v.trim().to_string());
        assert_eq!(allow.as_deref(), Some("GET, HEAD"), "{method}: {head}");
    }
}
