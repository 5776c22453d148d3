//! Command-line parsing and dispatch for `cargo xtask`.

pub mod report;

use crate::commands::usage;
use crate::site::{self, BuildOptions, WasmMode};
use anyhow::Result;
use std::path::PathBuf;

pub fn main() -> i32 {
    // `cargo xtask fuzz --coverage` builds with this program as the rustc wrapper.
    if let Some(code) = crate::fuzz::wrap_rustc() {
        return code;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprint!("{}", usage());
        return 2;
    };
    let result = match cmd.as_str() {
        "build" => run_build(rest),
        "serve" => build_options(rest, true).and_then(|(opts, port)| {
            // No offline worker on the dev server: a saved copy would only get in the way.
            let opts = BuildOptions {
                offline: Some(false),
                ..opts
            };
            crate::serve::run(opts, port)
        }),
        "test" => crate::test::run(rest),
        "bench" => crate::bench::run(rest),
        "check-form" => return crate::check_form::run(rest),
        "update-data" => crate::update_data::run(rest),
        "fuzz" => crate::fuzz::run(rest),
        "help" | "--help" | "-h" => {
            print!("{}", usage());
            return 0;
        }
        other => {
            eprint!("bilinmeyen komut '{other}'\n\n{}", usage());
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

fn run_build(args: &[String]) -> Result<()> {
    let (opts, _) = build_options(args, false)?;
    let report = site::build(&opts)?;
    report::print(&report, &opts);
    Ok(())
}

/// Parses the flags of `build` (and `serve`, which also takes `--port`) into options for this
/// project.
fn build_options(args: &[String], allow_port: bool) -> Result<(BuildOptions, Option<u16>)> {
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
            other => anyhow::bail!(
                "{}; {}",
                other.unexpected(),
                crate::commands::usage_of(if allow_port { "serve" } else { "build" })
            ),
        }
    }
    Ok((opts, port))
}
