//! Bench sections `rebuild` and `reload`: what an editor waits for. A content-only rebuild by
//! the CLI, and under `cargo xtask serve` the time from saving a Markdown file to the change
//! being visible in an open browser page.

use super::common::{fmt_ms, median, median_f64, millis, ms, own_build, section, timed, Bench};
use crate::tools;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Content-only rebuild of the real site through the CLI: with wasm (cargo finds it fresh,
/// wasm-bindgen runs again) and with `--no-wasm`.
pub(super) fn rebuild_times(bench: &Bench, edit: &Path, site: &Path) -> Result<Value> {
    section("Yalnız içerik değişince yeniden derleme (CLI)");
    let page = edit.join("content").join("index.md");
    let original = std::fs::read(&page)?;
    let mut result = serde_json::Map::new();
    for (key, wasm) in [("with_wasm", true), ("no_wasm", false)] {
        let mut times = Vec::new();
        for i in 0..bench.runs {
            let mut text = original.clone();
            text.extend_from_slice(format!("\n\nÖlçüm {i}.\n").as_bytes());
            std::fs::write(&page, &text)?;
            times.push(timed(|| own_build(bench, edit, site, wasm))?);
        }
        std::fs::write(&page, &original)?;
        let m = median(&times);
        println!(
            "  {}: {}",
            if wasm {
                "wasm dahil (cargo güncel, wasm-bindgen yeniden)"
            } else {
                "--no-wasm"
            },
            ms(m)
        );
        result.insert(key.into(), json!({ "median_ms": millis(m) }));
    }
    // Leave the bench site as the real, complete build for the next sections.
    own_build(bench, edit, site, true)?;
    Ok(Value::Object(result))
}

/// `serve` on a free port over the editable copy; time from saving a page to the reloaded
/// page showing the change, in headless Chromium.
pub(super) fn reload_latency(bench: &Bench, edit: &Path) -> Result<Value> {
    section("serve: kayıttan tarayıcıda yenilenmeye");
    tools::require_browser_tools()?;
    tools::npm_ci_if_needed(&tools::browser_dir(&bench.root))?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut child = Command::new(&bench.exe)
        .arg("serve")
        .arg("--port")
        .arg(port.to_string())
        .arg("--content")
        .arg(edit.join("content"))
        .arg("--templates")
        .arg(edit.join("templates"))
        .arg("--out")
        .arg(bench.dir.join("serve-dist"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start xtask serve")?;
    let stdout = child.stdout.take();
    // Keep the server's own "kayıttan yeni çıktıya: N ms" lines: its rebuild time.
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut rebuilds = Vec::new();
        if let Some(out) = stdout {
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(v) = line
                    .split("kayıttan yeni çıktıya:")
                    .nth(1)
                    .and_then(|s| s.trim().trim_end_matches("ms").trim().parse::<f64>().ok())
                {
                    rebuilds.push(v);
                }
            }
        }
        rebuilds
    });
    let result = (|| -> Result<Value> {
        let deadline = Instant::now() + Duration::from_secs(600);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                bail!("serve did not start listening within 10 minutes");
            }
            if let Some(status) = child.try_wait()? {
                bail!("serve exited early ({status})");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let output = super::browser::node_json(
            &bench.root.join("tests").join("bench").join("reload.mjs"),
            &[
                ("URL", format!("http://127.0.0.1:{port}/index.html")),
                (
                    "FILE",
                    edit.join("content").join("index.md").display().to_string(),
                ),
                ("RUNS", bench.runs.to_string()),
            ],
        )?;
        Ok(output)
    })();
    let _ = child.kill();
    let _ = child.wait();
    let rebuilds = reader.join().unwrap_or_default();
    let mut value = result?;
    let samples: Vec<f64> = value["samples_ms"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    let requests: Vec<f64> = value["reload_request_ms"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    let median_reload = median_f64(&samples);
    let median_request = median_f64(&requests);
    let median_rebuild = median_f64(&rebuilds);
    println!(
        "  kayıttan yenilenmiş sayfada görünene: {} (hedef ≤ 40 ms) · kayıttan yenileme isteğine: {} · sunucunun yeniden derlemesi: {} (medyanlar, {} ölçüm)",
        fmt_ms(median_reload),
        fmt_ms(median_request),
        fmt_ms(median_rebuild),
        samples.len()
    );
    value["median_ms"] = json!(median_reload);
    value["reload_request_median_ms"] = json!(median_request);
    value["server_rebuild_ms"] = json!(rebuilds);
    value["server_rebuild_median_ms"] = json!(median_rebuild);
    Ok(value)
}
