//! `cargo xtask`'s entry: the command line (declared in commands.rs) parsed, each command
//! dispatched, its error printed as `hata: …`; the build's options made from its flags, and
//! its report printed (report.rs).

pub mod report;

use crate::commands::{BuildArgs, Cli, Task};
use crate::site::{self, BuildOptions, WasmMode};
use anyhow::Result;
use clap::Parser;

pub fn main() -> i32 {
    // `cargo xtask fuzz --coverage` builds with this program as the rustc wrapper.
    if let Some(code) = crate::fuzz::wrap_rustc() {
        return code;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help goes to stdout with 0; a usage error (or no command) to stderr with 2.
            let _ = e.print();
            return e.exit_code();
        }
    };
    let result = match cli.task {
        Task::Build(args) => run_build(&args),
        Task::Serve(args) => {
            // No offline worker on the dev server: a saved copy would only get in the way.
            let opts = BuildOptions {
                offline: Some(false),
                ..build_options(&args.build)
            };
            crate::serve::run(opts, args.port)
        }
        Task::Test(args) => crate::test::run(crate::test::Options {
            browser_only: args.browser_only,
            files: args.files,
            engines: args.engine,
        }),
        Task::Bench(args) => crate::bench::run(args),
        Task::CheckForm { args } => return crate::check_form::main(&args),
        Task::UpdateData(args) => crate::update_data::run(args.package, args.version),
        Task::Fuzz(args) => crate::fuzz::run(args),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("hata: {}", site::messages::chain(&e));
            1
        }
    }
}

fn run_build(args: &BuildArgs) -> Result<()> {
    let opts = build_options(args);
    let report = site::build(&opts)?;
    report::print(&report, &opts);
    Ok(())
}

/// The options of a build of this project with the flags of `build` (and `serve`).
pub fn build_options(args: &BuildArgs) -> BuildOptions {
    let defaults = BuildOptions::for_project(&crate::project_root());
    BuildOptions {
        out_dir: args.out.clone().unwrap_or(defaults.out_dir.clone()),
        content_dir: args.content.clone().unwrap_or(defaults.content_dir.clone()),
        templates_dir: args
            .templates
            .clone()
            .unwrap_or(defaults.templates_dir.clone()),
        base_url: args.base_url.clone(),
        wasm: if args.no_wasm {
            WasmMode::Skip
        } else {
            WasmMode::Build
        },
        publish: args.yayin,
        ..defaults
    }
}
