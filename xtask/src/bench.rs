//! `cargo xtask bench`: prints the project's figures (build speed against Hugo and mdBook,
//! rebuild and live-reload latency, page weights, wasm size, checker timings, native check
//! time, check-form throughput and peak memory, Lighthouse scores), then a table of issue 24's
//! targets beside those figures (`scorecard`), and writes them to `target/bench.json`. Figures, not assertions: a tool that is missing and cannot be
//! installed is reported as "not available".
//!
//! Flags: `--runs N` (timed runs per figure, default 5, at least 1),
//! `--skip SECTION,…` with sections
//! `speed,stress,rebuild,reload,weights,wasmsize,browser,mobile,native,checkform`;
//! `--only SECTION,…` runs just those (e.g. `--only wasmsize`),
//! `--checkform-mb N` (size of the large generated check-form CSV, default 200).

pub mod browser;
pub mod checkform;
pub mod common;
pub mod corpus;
pub mod editing;
pub mod native;
pub mod scorecard;
pub mod speed;
pub mod stress;
pub mod wasmsize;
pub mod weights;

use anyhow::{Context, Result};
use common::{fresh_dir, millis, ms, own_build, section, timed, Bench};
use serde_json::{json, Value};

use std::time::Instant;

const SECTIONS: &[&str] = &[
    "speed",
    "stress",
    "rebuild",
    "reload",
    "weights",
    "wasmsize",
    "browser",
    "mobile",
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

/// The flags of `cargo xtask bench`, declared with clap (the top-level command line in
/// commands.rs takes them as they are, and `--help` is generated from them).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// timed runs per figure (the median is shown)
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// sections to leave out, comma-separated
    #[arg(long, value_name = "SECTION,…", value_delimiter = ',', value_parser = section_parser())]
    pub skip: Vec<String>,
    /// run only these sections, comma-separated
    #[arg(long, value_name = "SECTION,…", value_delimiter = ',', value_parser = section_parser(), conflicts_with = "skip")]
    pub only: Vec<String>,
    /// size in MB of the large generated check-form CSV
    #[arg(long, value_name = "N", default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..))]
    pub checkform_mb: u64,
    /// Internal: only the native check, JSON on stdout (run by the bench in an optimised build).
    #[arg(long, hide = true)]
    pub native_child: bool,
}

fn section_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(SECTIONS.iter().copied())
}

impl Args {
    fn options(self) -> Options {
        let skip = if self.only.is_empty() {
            self.skip
        } else {
            SECTIONS
                .iter()
                .filter(|s| !self.only.iter().any(|o| o == *s))
                .map(|s| s.to_string())
                .collect()
        };
        Options {
            runs: usize::try_from(self.runs).unwrap_or(usize::MAX),
            skip,
            checkform_mb: self.checkform_mb,
            native_child: self.native_child,
        }
    }
}

pub fn run(args: Args) -> Result<()> {
    let opts = args.options();
    if opts.native_child {
        println!("{}", native::measure_native(opts.runs)?);
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
    let needs_site = ["rebuild", "reload", "weights", "browser", "mobile"]
        .iter()
        .any(|s| !opts.skip.iter().any(|k| k == s));
    let edit = bench.dir.join("handbook-edit");
    if needs_site {
        section("Gerçek site (wasm ile)");
        fresh_dir(&edit)?;
        crate::site::output::clear_scratch_output(&site)?;
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
            "speed" => speed::build_speed(&bench),
            "stress" => stress::stress(&bench),
            "rebuild" => editing::rebuild_times(&bench, &edit, &site),
            "reload" => editing::reload_latency(&bench, &edit),
            "weights" => weights::page_weights(&bench, &site),
            "wasmsize" => wasmsize::wasm_size(&bench),
            "browser" => browser::browser_figures(&bench, &site),
            "mobile" => browser::mobile_ready(&bench, &site),
            "native" => native::native_check(&bench),
            "checkform" => checkform::run(&bench, opts.checkform_mb),
            _ => unreachable!("section list is fixed"),
        };
        let value = value.unwrap_or_else(|e| {
            println!("  not available: {e:#}");
            json!({ "error": format!("{e:#}") })
        });
        report.insert((*name).into(), value);
    }

    // The figures side by side, when a section that judges one ran.
    if scorecard::READS
        .iter()
        .any(|s| !opts.skip.iter().any(|k| k == s))
    {
        let goals = scorecard::print(&Value::Object(report.clone()));
        report.insert("issue_24_goals".into(), goals);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags parsed as `cargo xtask bench …` parses them.
    fn parse(a: &[String]) -> Result<Options> {
        #[derive(clap::Parser)]
        struct Bench {
            #[command(flatten)]
            args: Args,
        }
        let all = std::iter::once("bench".to_string()).chain(a.iter().cloned());
        Ok(<Bench as clap::Parser>::try_parse_from(all)?.args.options())
    }

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
        let o = parse(&args(&["--only", "wasmsize"])).unwrap();
        assert!(!o.skip.iter().any(|s| s == "wasmsize"));
        assert_eq!(o.skip.len(), SECTIONS.len() - 1);
        assert!(parse(&args(&["--only", "nope"])).is_err());
        assert!(parse(&args(&["--what"])).is_err());
        assert!(parse(&args(&["--only", "speed", "--skip", "reload"])).is_err());
    }
}
