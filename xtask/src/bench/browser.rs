//! Bench sections `browser` and `mobile`: the checker's timings in headless Chromium (ready
//! after load, a full check), Lighthouse scores, the checker's ready and full-check times in
//! each engine the tests run, and its ready time under Lighthouse's mobile emulation, measured
//! by Node scripts (tests/bench/).

use super::common::{fmt_ms, fmt_ms_places, median_f64, print_table, section, Bench};
use crate::tools;
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

/// Checker timings and Lighthouse scores, measured by `tests/bench/browser-figures.mjs`.
pub(super) fn browser_figures(bench: &Bench, site: &Path) -> Result<Value> {
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
    let list = |k: &str| numbers(&checker[k]);
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
    let anywhere = &value["anywhere"];
    let times = |k: &str| numbers(&anywhere[k]);
    println!(
        "  denetleyici hazır (sayfa açılışından): diskten (file://) {} · tek dosya diskten {} · \
         çevrimdışı, hizmet çalışanının kopyasından {}{}",
        fmt_ms(median_f64(&times("disk_ms"))),
        fmt_ms(median_f64(&times("one_file_ms"))),
        fmt_ms(median_f64(&times("offline_ms"))),
        anywhere["note"]
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
    let mut value = value;
    value["engines"] = engine_times(bench, site)?;
    Ok(value)
}

/// Checker ready and full-check times in each engine the tests run (Chromium, Firefox ESR,
/// WebKitGTK over WebDriver), measured by `tests/bench/engine-times.mjs`; medians printed.
fn engine_times(bench: &Bench, site: &Path) -> Result<Value> {
    let fixture = crate::test::write_fixture(&bench.root)?;
    let gecko = crate::setup::ensure_geckodriver(&bench.root.join("target"))?;
    let value = node_json(
        &bench
            .root
            .join("tests")
            .join("bench")
            .join("engine-times.mjs"),
        &[
            ("SITE_DIR", site.display().to_string()),
            ("CHECKER_FIXTURE", fixture.display().to_string()),
            ("GECKODRIVER_PATH", gecko.display().to_string()),
            ("RUNS", bench.runs.to_string()),
        ],
    )?;
    let mut table = vec![vec![
        "motor".to_string(),
        "denetleyici hazır".into(),
        "tam denetim".into(),
        "not".into(),
    ]];
    if let Some(engines) = value.as_object() {
        for (name, e) in engines {
            table.push(vec![
                name.clone(),
                fmt_ms(median_f64(&numbers(&e["ready_ms"]))),
                fmt_ms_places(median_f64(&numbers(&e["check_ms"])), 2),
                e["note"].as_str().unwrap_or("").to_string(),
            ]);
        }
    }
    println!("  motor başına (WebDriver, sayfa açılışından; ortanca):");
    print_table(&table);
    Ok(value)
}

/// Navigation → `checker-ready` on kontrol.html under Lighthouse's mobile emulation (CPU 4×
/// slower, 1.6 Mbps down, 150 ms round trip, cache off), measured by
/// `tests/bench/mobile-ready.mjs`; the median of `--runs` loads.
pub(super) fn mobile_ready(bench: &Bench, site: &Path) -> Result<Value> {
    section("Tarayıcı: denetleyici hazır, mobil öykünmede (CPU 4× yavaş, 1,6 Mbps, 150 ms)");
    tools::require_browser_tools()?;
    tools::npm_ci_if_needed(&tools::browser_dir(&bench.root))?;
    let value = node_json(
        &bench
            .root
            .join("tests")
            .join("bench")
            .join("mobile-ready.mjs"),
        &[
            ("SITE_DIR", site.display().to_string()),
            ("RUNS", bench.runs.to_string()),
        ],
    )?;
    let list = |k: &str| numbers(&value[k]);
    println!(
        "  sayfa açılışından denetleyici hazır: {} (ortanca, {} yükleme; hedef ≤ 1.200 ms) · ilk boyama {} · wasm \
         indi {}{}",
        fmt_ms(median_f64(&list("ready_ms"))),
        list("ready_ms").len(),
        fmt_ms(median_f64(&list("first_paint_ms"))),
        fmt_ms(median_f64(&list("wasm_end_ms"))),
        value["note"]
            .as_str()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default()
    );
    Ok(value)
}

/// The numbers of a JSON array (none when it is missing).
pub(super) fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

/// Runs a Node script and parses the JSON it prints on stdout.
pub(super) fn node_json(script: &Path, env: &[(&str, String)]) -> Result<Value> {
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
