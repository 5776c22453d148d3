//! `cargo xtask bench`: prints the project's figures (build speed against Hugo and mdBook,
//! rebuild and live-reload latency, page weights, wasm size, checker timings, native check
//! time, check-form throughput and peak memory, Lighthouse scores) and writes them to
//! `target/bench.json`. Figures, not assertions: a tool that is missing and cannot be
//! installed is reported as "not available".
//!
//! Flags: `--runs N` (timed runs per figure, default 5, at least 1),
//! `--skip SECTION,…` with sections
//! `speed,stress,rebuild,reload,weights,browser,native,checkform`,
//! `--checkform-mb N` (size of the large generated check-form CSV, default 200).

pub mod checkform;
pub mod corpus;
pub mod speed;
pub mod stress;
pub mod weights;

use crate::tools;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use speed::{median, Engine};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECTIONS: &[&str] = &[
    "speed",
    "stress",
    "rebuild",
    "reload",
    "weights",
    "browser",
    "native",
    "checkform",
];

#[derive(Debug, PartialEq)]
struct Options {
    runs: usize,
    skip: Vec<String>,
    /// Size in MB of the large CSV of the `checkform` section.
    checkform_mb: u64,
    /// Internal: only the native check, JSON on stdout (run by the bench in an optimised build).
    native_child: bool,
}

fn parse(args: &[String]) -> Result<Options> {
    use lexopt::prelude::*;
    let mut opts = Options {
        runs: 5,
        skip: Vec::new(),
        checkform_mb: 200,
        native_child: false,
    };
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("runs") => {
                opts.runs = parser.value()?.parse().context("--runs needs a number")?;
                if opts.runs == 0 {
                    bail!("--runs must be at least 1");
                }
            }
            Long("skip") => {
                let v = parser.value()?.string()?;
                for s in v.split(',').filter(|s| !s.is_empty()) {
                    if !SECTIONS.contains(&s) {
                        bail!("unknown section '{s}' (sections: {})", SECTIONS.join(","));
                    }
                    opts.skip.push(s.to_string());
                }
            }
            Long("checkform-mb") => {
                opts.checkform_mb = parser
                    .value()?
                    .parse()
                    .context("--checkform-mb needs a number")?;
                if opts.checkform_mb == 0 {
                    bail!("--checkform-mb must be at least 1");
                }
            }
            Long("native-child") => opts.native_child = true,
            other => bail!(
                "{} (usage: cargo xtask bench [--runs N] [--skip {}] [--checkform-mb N])",
                other.unexpected(),
                SECTIONS.join(",")
            ),
        }
    }
    Ok(opts)
}

/// Shared state of one bench run.
struct Bench {
    root: PathBuf,
    dir: PathBuf,
    exe: PathBuf,
    runs: usize,
}

pub fn run(args: &[String]) -> Result<()> {
    let opts = parse(args)?;
    if opts.native_child {
        println!("{}", measure_native(opts.runs)?);
        return Ok(());
    }
    let root = crate::project_root();
    let bench = Bench {
        dir: root.join("target").join("bench"),
        exe: std::env::current_exe().context("cannot find the xtask binary")?,
        runs: opts.runs,
        root,
    };
    std::fs::create_dir_all(&bench.dir)?;
    let started = Instant::now();
    let mut report = serde_json::Map::new();
    report.insert("runs".into(), json!(opts.runs));
    report.insert(
        "xtask_profile".into(),
        json!(if cfg!(debug_assertions) {
            "dev"
        } else {
            "release"
        }),
    );

    // The real site (with wasm) is the input of several sections: build it once.
    let site = bench.dir.join("site");
    let needs_site = ["rebuild", "reload", "weights", "browser"]
        .iter()
        .any(|s| !opts.skip.iter().any(|k| k == s));
    let edit = bench.dir.join("handbook-edit");
    if needs_site {
        section("Gerçek site (wasm ile)");
        fresh_dir(&edit)?;
        corpus::copy_dir(&bench.root.join("content"), &edit.join("content"))?;
        corpus::copy_dir(&bench.root.join("site-templates"), &edit.join("templates"))?;
        let took = timed(|| own_build(&bench, &edit, &site, true))?;
        println!("  ilk tam derleme (wasm dahil): {}", ms(took));
        report.insert("full_build_with_wasm_ms".into(), json!(millis(took)));
    }

    for name in SECTIONS {
        if opts.skip.iter().any(|s| s == name) {
            continue;
        }
        let value = match *name {
            "speed" => build_speed(&bench),
            "stress" => stress::stress(&bench),
            "rebuild" => rebuild_times(&bench, &edit, &site),
            "reload" => reload_latency(&bench, &edit),
            "weights" => page_weights(&site),
            "browser" => browser_figures(&bench, &site),
            "native" => native_check(&bench),
            "checkform" => checkform::run(&bench, opts.checkform_mb),
            _ => unreachable!("section list is fixed"),
        };
        let value = value.unwrap_or_else(|e| {
            println!("  not available: {e:#}");
            json!({ "error": format!("{e:#}") })
        });
        report.insert((*name).into(), value);
    }

    let out = bench.root.join("target").join("bench.json");
    std::fs::write(&out, serde_json::to_string_pretty(&Value::Object(report))?)?;
    println!(
        "\nbench: {} içinde bitti · {}",
        ms(started.elapsed()),
        out.display()
    );
    Ok(())
}

fn section(title: &str) {
    println!("\n── {title} ──");
}

fn fresh_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir)?;
    Ok(())
}

fn timed(f: impl FnOnce() -> Result<()>) -> Result<Duration> {
    let start = Instant::now();
    f()?;
    Ok(start.elapsed())
}

fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e4).round() / 10.0
}

fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1000.0;
    if m >= 10_000.0 {
        format!("{:.1} s", m / 1000.0)
    } else if m >= 100.0 {
        format!("{m:.0} ms")
    } else {
        format!("{m:.1} ms")
    }
}

/// One build of `src/content` with `src/templates` by the running xtask binary.
fn own_build(bench: &Bench, src: &Path, out: &Path, wasm: bool) -> Result<()> {
    let mut cmd = Command::new(&bench.exe);
    cmd.arg("build")
        .arg("--out")
        .arg(out)
        .arg("--content")
        .arg(src.join("content"))
        .arg("--templates")
        .arg(src.join("templates"));
    if !wasm {
        cmd.arg("--no-wasm");
    }
    let output = cmd.stdin(Stdio::null()).output()?;
    if !output.status.success() {
        bail!(
            "build failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Clean builds of three corpora by this builder, Hugo and mdBook; medians and ratios.
fn build_speed(bench: &Bench) -> Result<Value> {
    section("Derleme hızı (temiz derleme, medyan)");
    let engines: Vec<Result<Engine>> = vec![
        Ok(Engine::Own {
            exe: bench.exe.clone(),
        }),
        speed::find_hugo().map(|exe| Engine::Hugo { exe }),
        speed::find_mdbook(&bench.root).map(|exe| Engine::MdBook { exe }),
    ];
    let mut versions = serde_json::Map::new();
    for e in &engines {
        match e {
            Ok(Engine::Hugo { exe }) => {
                versions.insert("hugo".into(), json!(speed::version(exe, "version")));
            }
            Ok(Engine::MdBook { exe }) => {
                versions.insert("mdbook".into(), json!(speed::version(exe, "--version")));
            }
            _ => {}
        }
    }
    let own_theme = bench.dir.join("own-theme");
    fresh_dir(&own_theme)?;
    corpus::write_own_theme(&own_theme)?;

    let corpora: Vec<(String, Vec<corpus::Page>)> = vec![
        (
            "handbook".into(),
            corpus::handbook(&bench.root.join("content"))?,
        ),
        ("synthetic-100".into(), corpus::synthetic(100)),
        ("synthetic-1000".into(), corpus::synthetic(1000)),
    ];
    let mut rows = Vec::new();
    let mut table = vec![vec![
        "korpus".to_string(),
        "sayfa".into(),
        "e-imza".into(),
        "Hugo".into(),
        "mdBook".into(),
        "e-imza/Hugo".into(),
        "e-imza/mdBook".into(),
    ]];
    for (name, pages) in &corpora {
        let dir = bench.dir.join("corpora").join(name);
        fresh_dir(&dir)?;
        // This builder: the handbook uses its real content and theme (components need it);
        // synthetic corpora use the minimal theme, like Hugo and mdBook.
        let (own_src, own_templates) = if name == "handbook" {
            corpus::copy_dir(
                &bench.root.join("content"),
                &dir.join("own").join("content"),
            )?;
            (
                dir.join("own").join("content"),
                bench.root.join("site-templates"),
            )
        } else {
            corpus::write_own(
                pages,
                &dir.join("own"),
                &bench.root.join("content").join("site.toml"),
                &bench.root.join("content").join("data"),
            )?;
            (dir.join("own").join("content"), own_theme.clone())
        };
        corpus::write_hugo(pages, &dir.join("hugo"))?;
        corpus::write_mdbook(pages, &dir.join("mdbook"))?;

        let mut medians = [None, None, None];
        let mut row = json!({ "corpus": name, "pages": pages.len() });
        for (i, engine) in engines.iter().enumerate() {
            let key = ["own", "hugo", "mdbook"][i];
            let Ok(engine) = engine else {
                row[key] = json!({ "error": "not available" });
                continue;
            };
            let src = match i {
                0 => own_src.clone(),
                1 => dir.join("hugo"),
                _ => dir.join("mdbook"),
            };
            let out = dir.join(format!("out-{key}"));
            match speed::time_builds(engine, &src, &own_templates, &out, bench.runs) {
                Ok(times) => {
                    let m = median(&times);
                    medians[i] = Some(m);
                    row[key] = json!({
                        "median_ms": millis(m),
                        "runs_ms": times.iter().map(|t| millis(*t)).collect::<Vec<_>>(),
                    });
                }
                Err(e) => {
                    println!("  {}: {e:#}", engine.name());
                    row[key] = json!({ "error": format!("{e:#}") });
                }
            }
        }
        let ratio = |other: Option<Duration>| match (medians[0], other) {
            (Some(a), Some(b)) if !b.is_zero() => Some(a.as_secs_f64() / b.as_secs_f64()),
            _ => None,
        };
        row["ratio_own_to_hugo"] = json!(ratio(medians[1]));
        row["ratio_own_to_mdbook"] = json!(ratio(medians[2]));
        let show = |m: Option<Duration>| m.map(ms).unwrap_or_else(|| "—".into());
        let show_ratio =
            |r: Option<f64>| r.map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".into());
        table.push(vec![
            name.clone(),
            pages.len().to_string(),
            show(medians[0]),
            show(medians[1]),
            show(medians[2]),
            show_ratio(ratio(medians[1])),
            show_ratio(ratio(medians[2])),
        ]);
        rows.push(row);
    }
    print_table(&table);
    println!(
        "  ({} ölçüm + 1 ısınma; e-imza = xtask {} profili, --no-wasm; Hugo/mdBook ve sentetik korpuslarda e-imza aynı sade temayı kullanır)",
        bench.runs,
        if cfg!(debug_assertions) { "dev" } else { "release" }
    );
    Ok(json!({ "versions": versions, "corpora": rows }))
}

/// Content-only rebuild of the real site through the CLI: with wasm (cargo finds it fresh,
/// wasm-bindgen runs again) and with `--no-wasm`.
fn rebuild_times(bench: &Bench, edit: &Path, site: &Path) -> Result<Value> {
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
fn reload_latency(bench: &Bench, edit: &Path) -> Result<Value> {
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
        let output = node_json(
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
        "  kayıttan yenilenmiş sayfada görünene: {} · kayıttan yenileme isteğine: {} · sunucunun yeniden derlemesi: {} (medyanlar, {} ölçüm)",
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

fn median_f64(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let n = s.len();
    Some(if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    })
}

/// Milliseconds with `places` decimals, or "—" when there is no figure.
fn fmt_ms_places(v: Option<f64>, places: usize) -> String {
    v.map(|m| format!("{m:.places$} ms"))
        .unwrap_or_else(|| "—".into())
}

fn fmt_ms(v: Option<f64>) -> String {
    fmt_ms_places(v, 0)
}

/// Raw/gzip/brotli sizes of every page and asset of the real site; wasm sizes.
fn page_weights(site: &Path) -> Result<Value> {
    section("Sayfa ağırlıkları (bayt: ham / gzip -9 / brotli 11)");
    let files = weights::of_site(site)?;
    let mut table = vec![vec![
        "dosya".to_string(),
        "ham".into(),
        "gzip".into(),
        "brotli".into(),
    ]];
    for w in &files {
        table.push(vec![
            w.file.clone(),
            w.raw.to_string(),
            w.gzip.to_string(),
            w.brotli.to_string(),
        ]);
    }
    print_table(&table);
    let wasm: Vec<&weights::Weight> = files.iter().filter(|w| w.file.ends_with(".wasm")).collect();
    Ok(json!({ "files": files, "wasm": wasm }))
}

/// Checker timings and Lighthouse scores, measured by `tests/bench/browser-figures.mjs`.
fn browser_figures(bench: &Bench, site: &Path) -> Result<Value> {
    section("Tarayıcı: denetleyici süreleri ve Lighthouse (mobil)");
    tools::require_browser_tools()?;
    tools::npm_ci_if_needed(&tools::browser_dir(&bench.root))?;
    tools::npm_ci_if_needed(&bench.root.join("tests").join("bench"))?;
    let step_page = ["adim-1.html"]
        .into_iter()
        .find(|p| site.join(p).is_file())
        .unwrap_or("adim-1.html");
    let pages = ["index.html", step_page, "kontrol.html"];
    let value = node_json(
        &bench
            .root
            .join("tests")
            .join("bench")
            .join("browser-figures.mjs"),
        &[
            ("SITE_DIR", site.display().to_string()),
            ("LIGHTHOUSE_PAGES", pages.join(",")),
            (
                "FORM_JSON",
                crate::fixture::checker_fixture()["example"].to_string(),
            ),
            ("RUNS", bench.runs.to_string()),
        ],
    )?;
    let checker = &value["checker"];
    let list = |k: &str| -> Vec<f64> {
        checker[k]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default()
    };
    println!(
        "  denetleyici hazır: sayfa açılışından {} · load olayından sonra {} · tam denetim: {} \
         (odak ve yerleşim dahil {}){}",
        fmt_ms(median_f64(&list("ready_ms"))),
        fmt_ms(median_f64(&list("ready_after_load_ms"))),
        fmt_ms_places(median_f64(&list("check_ms")), 2),
        fmt_ms_places(median_f64(&list("check_with_focus_ms")), 2),
        checker["note"]
            .as_str()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default()
    );
    let mut table = vec![vec![
        "sayfa".to_string(),
        "performans".into(),
        "erişilebilirlik".into(),
        "iyi uygulamalar".into(),
        "SEO".into(),
    ]];
    for p in pages {
        let s = &value["lighthouse"][p];
        let cell = |k: &str| {
            s[k].as_i64()
                .map(|v| v.to_string())
                .unwrap_or_else(|| s["note"].as_str().unwrap_or("—").to_string())
        };
        table.push(vec![
            p.to_string(),
            cell("performance"),
            cell("accessibility"),
            cell("best-practices"),
            cell("seo"),
        ]);
    }
    print_table(&table);
    Ok(value)
}

/// Native full-form check time. The dev profile leaves workspace crates unoptimised, so the
/// figure comes from an optimised build of this binary (`cargo run --release` with
/// opt-level 3, in a child process); if that cannot be built, from this process, labelled.
fn native_check(bench: &Bench) -> Result<Value> {
    section("Yerel tam form denetimi (check_form)");
    let mut value = if cfg!(debug_assertions) {
        println!("  (opt-level 3 ile derleniyor: cargo run --release -p xtask)");
        let output = Command::new(tools::cargo())
            .args(["run", "--quiet", "--release", "--package", "xtask", "--"])
            .args(["bench", "--native-child", "--runs", &bench.runs.to_string()])
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
            .current_dir(&bench.root)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output();
        match output {
            Ok(o) if o.status.success() => {
                let text = String::from_utf8_lossy(&o.stdout);
                serde_json::from_str(text.lines().last().unwrap_or(""))
                    .context("the optimised bench printed no JSON")?
            }
            _ => {
                println!("  optimised build failed: measuring in this (dev) build");
                measure_native(bench.runs)?
            }
        }
    } else {
        measure_native(bench.runs)?
    };
    println!(
        "  {:.2} µs / denetim (medyan, {} × {} denetim, {}; örnek formda {} bulgu)",
        value["us_per_check"].as_f64().unwrap_or(f64::NAN),
        bench.runs,
        value["iterations_per_batch"],
        value["profile"].as_str().unwrap_or("?"),
        value["example_findings"]
    );
    value["runs"] = json!(bench.runs);
    Ok(value)
}

/// `check_form(&example_form())`: 10,000 checks per batch, median of `runs` batches.
fn measure_native(runs: usize) -> Result<Value> {
    let form = wasm_validator::form::example_form();
    let iterations = 10_000;
    // Warm-up, and a sanity figure: the example is a valid application (0 findings).
    let findings = wasm_validator::check::check_form(&form).findings.len();
    let mut per_check = Vec::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        for _ in 0..iterations {
            std::hint::black_box(wasm_validator::check::check_form(std::hint::black_box(
                &form,
            )));
        }
        per_check.push(start.elapsed().as_secs_f64() * 1e6 / iterations as f64);
    }
    Ok(json!({
        "us_per_check": median_f64(&per_check),
        "batches_us": per_check,
        "iterations_per_batch": iterations,
        "example_findings": findings,
        "profile": if cfg!(debug_assertions) { "dev (unoptimised)" } else { "release, opt-level 3" },
    }))
}

/// Runs a Node script and parses the JSON it prints on stdout.
fn node_json(script: &Path, env: &[(&str, String)]) -> Result<Value> {
    let mut cmd = Command::new("node");
    cmd.arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.env("CHROMIUM_PATH", tools::chromium_path());
    let out = cmd
        .output()
        .with_context(|| format!("cannot run node {}", script.display()))?;
    if !out.status.success() {
        bail!("{} failed ({})", script.display(), out.status);
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or("");
    serde_json::from_str(last).with_context(|| format!("{} printed no JSON", script.display()))
}

fn print_table(rows: &[Vec<String>]) {
    let cols = rows.first().map(|r| r.len()).unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for (n, row) in rows.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths[i] - c.chars().count();
                if i == 0 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                }
            })
            .collect();
        println!("  {}", line.join("  "));
        if n == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            println!("  {}", rule.join("  "));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_runs_and_skips() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let o = parse(&args(&["--runs", "7", "--skip", "speed,reload"])).unwrap();
        assert_eq!(o.runs, 7);
        assert_eq!(o.skip, vec!["speed", "reload"]);
        assert_eq!(o.checkform_mb, 200);
        let o = parse(&args(&["--skip", "checkform", "--checkform-mb", "20"])).unwrap();
        assert_eq!(o.skip, vec!["checkform"]);
        assert_eq!(o.checkform_mb, 20);
        assert!(parse(&args(&["--checkform-mb", "0"])).is_err());
        assert!(parse(&args(&["--runs", "0"])).is_err());
        assert!(parse(&args(&["--skip", "nope"])).is_err());
        assert!(parse(&args(&["--what"])).is_err());
    }

    #[test]
    fn median_of_floats() {
        assert_eq!(median_f64(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median_f64(&[4.0, 1.0]), Some(2.5));
        assert_eq!(median_f64(&[]), None);
    }
}
