//! Command-line parsing and dispatch for `cargo xtask`.

use crate::site::{self, BuildOptions, BuildReport, WasmMode};
use anyhow::{bail, Result};
use std::path::PathBuf;

const USAGE: &str = "kullanım: cargo xtask <komut>

komutlar:
  build [--out DIR] [--base-url URL] [--content DIR] [--templates DIR] [--no-wasm] [--yayin]
                      siteyi dist/ klasörüne üretir; --yayin: yayın derlemesi, site.toml'da
                      örnek (# ÖRNEK) değer kalmışsa durur
  serve [--port 8000] siteyi üretir, http://127.0.0.1:8000 adresinde sunar, değişince yeniler
  test                bütün testleri çalıştırır
  bench               ölçümleri yazdırır (target/bench.json)
  check-form FILE [--json]
                      başvuru alanlarını toplu denetler (JSON ya da CSV)
  update-data         il/ilçe/posta kodu verisini npm paketinden yeniden üretir";

pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return 2;
    };
    let result = match cmd.as_str() {
        "build" => run_build(rest),
        "serve" => crate::serve::run(rest),
        "test" => crate::test::run(rest),
        "bench" => crate::bench::run(rest),
        "check-form" => return crate::check_form::run(rest),
        "update-data" => crate::update_data::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            return 0;
        }
        other => {
            eprintln!("bilinmeyen komut '{other}'\n\n{USAGE}");
            return 2;
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("hata: {e:#}");
            1
        }
    }
}

/// Parses the flags shared by `build` and `serve` into options for this project.
pub fn parse_build_args(args: &[String], allow_port: bool) -> Result<(BuildOptions, Option<u16>)> {
    let root = crate::project_root();
    let mut opts = BuildOptions::for_project(&root);
    let mut port = None;
    let mut parser = lexopt::Parser::from_args(args);
    use lexopt::prelude::*;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("out") => opts.out_dir = PathBuf::from(parser.value()?),
            Long("base-url") => opts.base_url = Some(parser.value()?.string()?),
            Long("content") => opts.content_dir = PathBuf::from(parser.value()?),
            Long("templates") => opts.templates_dir = PathBuf::from(parser.value()?),
            Long("no-wasm") => opts.wasm = WasmMode::Skip,
            Long("yayin") => opts.publish = true,
            Long("port") if allow_port => port = Some(parser.value()?.parse()?),
            other => bail!("{}\n\n{USAGE}", other.unexpected()),
        }
    }
    Ok((opts, port))
}

fn run_build(args: &[String]) -> Result<()> {
    let (opts, _) = parse_build_args(args, false)?;
    let report = site::build(&opts)?;
    print_report(&report, &opts);
    Ok(())
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// One line per stage with its time, then the sizes that matter, then one line per warning
/// (on stderr: `uyarı: content/site.toml:31: …`).
pub fn print_report(report: &BuildReport, opts: &BuildOptions) {
    for w in &report.warnings {
        eprintln!("uyarı: {w}");
    }
    let total: std::time::Duration = report.stages.iter().map(|(_, d)| *d).sum();
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
