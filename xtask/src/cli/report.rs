//! The build's report on the terminal: one line per warning (stderr), the stages with their
//! times, then the sizes that matter; for `build` and each rebuild of `serve`.

use crate::site::{BuildOptions, BuildReport, WasmMode};
use std::time::Duration;

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Prints `report` (on stderr: `uyarı: content/site.toml:31: …`; on stdout the rest).
pub fn print(report: &BuildReport, opts: &BuildOptions) {
    for w in &report.warnings {
        eprintln!("uyarı: {w}");
    }
    let total: Duration = report.stages.iter().map(|(_, d)| *d).sum();
    let stages: Vec<String> = report
        .stages
        .iter()
        .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
        .collect();
    println!(
        "{} sayfa · {:.0} ms ({})",
        report.pages,
        total.as_secs_f64() * 1000.0,
        stages.join(", ")
    );
    let wasm = report.size_of(".wasm");
    let css = report.size_of(".css");
    let html = report.size_of(".html");
    let js = report.size_of(".js");
    println!(
        "html {} · css {} · js {} · wasm {}{} → {}",
        kb(html),
        kb(css),
        kb(js),
        kb(wasm),
        if opts.wasm == WasmMode::Skip {
            " (derlenmedi)"
        } else {
            ""
        },
        opts.out_dir.display()
    );
}
