//! `cargo xtask serve` end to end: serves the site, injects live reload, rebuilds on a content
//! change without recompiling, reports a build error to the browser, answers only requests
//! addressed to it, only GET and HEAD, and is not held up by abandoned long polls.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SITE_TOML: &str = "title = \"T\"\ndirectorate = \"D\"\nportal_institution = \"P\"\noffice_level = \"il/ilçe\"\nil = \"Ankara\"\n\
[unit]\nname = \"n\"\nphone = \"p\"\nemail = \"e\"\naddress = \"a\"\n\
[kamusm]\nname = \"n\"\nphone = \"p\"\nemail = \"e\"\naddress = \"a\"\nportal_url = \"u\"\npassword_url = \"u\"\nsender = \"s\"\n";

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
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut answer = String::new();
        let mut buf = [0u8; 1024];
        while !answer.contains('}') {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "poll closed without an answer: {answer}");
            answer.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        let json = answer.split_once("\r\n\r\n").unwrap().1;
        let status: serde_json::Value = serde_json::from_str(json).unwrap();
        assert!(status["version"].as_u64().unwrap() > v, "{json}");
        assert!(status["error"].is_null(), "{json}");
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
