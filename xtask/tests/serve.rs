//! `cargo xtask serve` end to end: serves the site, injects live reload, rebuilds on a content
//! change without recompiling, reports a build error to the browser, and holds up against
//! clients that misbehave (silent connections, abandoned long polls, foreign `Host` names).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The test directorate's settings (shared by the builder's tests).
const SITE_TOML: &str = include_str!("fixtures/site.toml");

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
    let (_, status) = get(port, "/__livereload").unwrap();
    let version: u64 = serde_json::from_str::<serde_json::Value>(&status).unwrap()["version"]
        .as_u64()
        .unwrap();

    // A content change is rebuilt in-process and announced to the long poll.
    write_page(dir.path(), "Merhaba dünya");
    let (_, changed) = get(port, &format!("/__livereload?v={version}")).unwrap();
    let changed: serde_json::Value = serde_json::from_str(&changed).unwrap();
    assert!(changed["version"].as_u64().unwrap() > version);
    wait_for("the new page", || {
        get(port, "/index.html")
            .unwrap()
            .1
            .contains("Merhaba dünya")
    });

    // A broken link is reported to the browser; the last good page stays served.
    write_page(dir.path(), "[bozuk](yok.html)");
    wait_for("the error", || {
        let (_, s) = get(port, "/__livereload").unwrap();
        s.contains("content/index.md:6: link to 'yok.html' does not resolve")
    });
    assert!(get(port, "/index.html")
        .unwrap()
        .1
        .contains("Merhaba dünya"));
    let (status, _) = get(port, "/yok.html").unwrap();
    assert!(status.contains("500") || status.contains("404"), "{status}");
}

/// The current build version, as the live-reload script first asks for it.
fn version(port: u16) -> u64 {
    let (_, status) = get(port, "/__livereload").unwrap();
    serde_json::from_str::<serde_json::Value>(&status).unwrap()["version"]
        .as_u64()
        .unwrap()
}

// A client that connects and never finishes a request head, or keeps an answered connection
// open without asking again, must not hold the connection (a file descriptor) forever. The
// server's header-read timeout is 10 s; the test allows 10 s more.
#[test]
fn silent_half_sent_and_idle_connections_are_closed() {
    let site = start_site();
    let port = site.port;
    let connect = || TcpStream::connect(("127.0.0.1", port)).unwrap();

    // A long poll in progress is not idle: it outlives the timeout and gets its answer.
    let mut poll = connect();
    let v = version(port);
    write!(
        poll,
        "GET /__livereload?v={v} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
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
    let answer = read_poll_answer(&mut poll);
    assert!(answer["version"].as_u64().unwrap() > v, "{answer}");
}

/// The JSON answer to a long poll sent on `s`.
fn read_poll_answer(s: &mut TcpStream) -> serde_json::Value {
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut answer = String::new();
    let mut buf = [0u8; 1024];
    while !answer.contains('}') {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "poll closed without an answer: {answer}");
        answer.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap()
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

// A long poll whose browser left (tab closed, page reloaded) must cost nothing once its
// connection closes; formerly each one held one of tokio's 512 blocking threads for 25 s, so
// 600 of them left a page load waiting its turn for a thread.
#[test]
fn abandoned_long_polls_do_not_hold_up_a_page_load() {
    let site = start_site();
    let port = site.port;
    let v = version(port);
    let poll = format!("GET /__livereload?v={v} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let open_polls = |n: usize| -> Vec<TcpStream> {
        (0..n)
            .map(|_| {
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                s.write_all(poll.as_bytes()).unwrap();
                s
            })
            .collect()
    };
    // In batches below the server's connection cap, each left open long enough for the server
    // to start answering (a pause, not a measurement), then abandoned.
    for _ in 0..6 {
        let batch = open_polls(100);
        std::thread::sleep(Duration::from_millis(500));
        drop(batch);
    }
    // And the polls of tabs still open.
    let open = open_polls(50);
    std::thread::sleep(Duration::from_millis(500));
    let request = format!("GET /index.html HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    // A correctness deadline well under the 25 s a poll waits, not a speed check.
    let (head, body) =
        exchange(port, &request, Duration::from_secs(10)).expect("page load held up by long polls");
    assert!(head.starts_with("HTTP/1.0 200"), "{head}");
    assert!(body.contains("Merhaba"));
    // The open polls are still answered with the version when the next build comes.
    write_page(site.dir.path(), "Merhaba yeniden");
    for mut s in open.into_iter().take(3) {
        let status = read_poll_answer(&mut s);
        assert!(status["version"].as_u64().unwrap() > v, "{status}");
        assert!(status["error"].is_null(), "{status}");
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
