//! Bench section `native`: `check_form` on the example application, natively, in an
//! optimised build of this binary (run as a child process).

use super::common::{median_f64, section, Bench};
use crate::tools;
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Native full-form check time. The dev profile leaves workspace crates unoptimised, so the
/// figure comes from an optimised build of this binary (`cargo run --release` with
/// opt-level 3, in a child process); if that cannot be built, from this process, labelled.
pub(super) fn native_check(bench: &Bench) -> Result<Value> {
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
pub(super) fn measure_native(runs: usize) -> Result<Value> {
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
